"""cuesheet.audio.cut: sample-exact pieces that join back, tagged, with safe names."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuesheet.audio import cut
from cuesheet.errors import ExportError, InputError
from metadata import tags
from playlists import cue as cue_sheet
from tests import audiogen
from tests.tools import require_tool

REC = "0b3f4d5c-1a2b-4c3d-8e9f-001122334455"
WORK = "5c6d7e8f-9a0b-4c1d-8e2f-aabbccddeeff"
SHEET = """\
PERFORMER "Sochi Orchestra"
TITLE "Closing rehearsal"
FILE "{name}" WAVE
  TRACK 01 AUDIO
    TITLE "Overture"
    PERFORMER "Sochi Orchestra"
    ISRC RUA011400001
    REM IDENTIFIER "https://musicbrainz.org/recording/{rec}"
    REM IDENTIFIER "https://musicbrainz.org/work/{work}"
    INDEX 01 {first}
  TRACK 02 AUDIO
    TITLE "Anthem / Hymn: part 2"
    INDEX 01 00:01:01
  TRACK 03 AUDIO
    TITLE "../../escape"
    PERFORMER "Choir"
    INDEX 01 00:02:74
"""
SAMPLES = 44_100 * 4 + 123


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rec")
    return audiogen.make_tone(folder / "show.flac", SAMPLES, frequency=523)


def _sheet(folder: Path, audio: Path, first: str = "00:00:00") -> Path:
    path = folder / "show.cue"
    path.write_text(
        SHEET.format(name=audio.name, rec=REC, work=WORK, first=first), encoding="utf-8"
    )
    return path


def _split(audio: Path, sheet: Path, out: Path, **options: object) -> tuple[cut.SplitFile, ...]:
    loaded = cue_sheet.load(sheet)
    pieces = cut.pieces_from_sheet(loaded, str(sheet))
    return cut.split(audio, pieces, out, album=loaded.title, **options)  # type: ignore[arg-type]


def test_pieces_are_cut_at_the_index_points_and_join_back(recording: Path, tmp_path: Path) -> None:
    written = _split(recording, _sheet(tmp_path, recording), tmp_path / "out")
    assert [w.number for w in written] == [1, 2, 3]
    assert [w.start_sample for w in written] == [0, 76 * 588, 224 * 588]
    assert [w.samples for w in written] == [76 * 588, 148 * 588, SAMPLES - 224 * 588]
    assert [tags.read(w.path).samples for w in written] == [w.samples for w in written]
    joined = b"".join(audiogen.decode(Path(w.path)) for w in written)
    assert joined == audiogen.decode(recording)
    assert all(w.path.endswith(".flac") for w in written)


def test_names_are_safe_and_stay_in_the_folder(recording: Path, tmp_path: Path) -> None:
    written = _split(recording, _sheet(tmp_path, recording), tmp_path / "out")
    names = [os.path.basename(w.path) for w in written]
    assert names == [
        "01 - Sochi Orchestra - Overture.flac",
        "02 - Sochi Orchestra - Anthem _ Hymn_ part 2.flac",
        "03 - Choir - ._._escape.flac",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    assert not (tmp_path / "escape.flac").exists()


def test_pieces_carry_the_sheets_tags(recording: Path, tmp_path: Path) -> None:
    written = _split(recording, _sheet(tmp_path, recording), tmp_path / "out")
    first, second, third = (tags.read(w.path).tags for w in written)
    assert first.title == "Overture"
    assert first.artists == ("Sochi Orchestra",)
    assert first.album == "Closing rehearsal"
    assert (first.track_number, first.track_total) == (1, 3)
    assert first.isrc == "RUA011400001"
    assert (first.recording_mbid, first.work_mbid) == (REC, WORK)
    assert second.title == "Anthem / Hymn: part 2"
    assert (second.track_number, second.artists) == (2, ("Sochi Orchestra",))  # the sheet's
    assert third.artists == ("Choir",)


def test_audio_before_the_first_track_becomes_piece_00(recording: Path, tmp_path: Path) -> None:
    written = _split(recording, _sheet(tmp_path, recording, first="00:00:30"), tmp_path / "out")
    assert [w.number for w in written] == [0, 1, 2, 3]
    assert os.path.basename(written[0].path) == "00 - pregap.flac"
    assert written[0].samples == 30 * 588
    joined = b"".join(audiogen.decode(Path(w.path)) for w in written)
    assert joined == audiogen.decode(recording)
    assert tags.read(written[1].path).tags.track_total == 3


def test_shnsplit_cuts_at_the_same_samples(tmp_path: Path) -> None:
    shnsplit = require_tool("shnsplit")
    audio = audiogen.make_tone(tmp_path / "show.wav", SAMPLES)
    sheet = _sheet(tmp_path, audio, first="00:00:20")
    ours = _split(audio, sheet, tmp_path / "ours")
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    subprocess.run(
        [shnsplit, "-q", "-f", str(sheet), "-d", str(theirs), "-o", "wav", str(audio)],
        check=True,
        capture_output=True,
    )
    lengths = [tags.read(p).samples for p in sorted(theirs.glob("split-track*.wav"))]
    assert lengths == [w.samples for w in ours]
    assert all(w.path.endswith(".wav") for w in ours)  # a lossless source keeps its format


def test_24_bit_source_stays_exact(tmp_path: Path) -> None:
    audio = tmp_path / "deep.flac"
    subprocess.run(
        [
            audiogen.ffmpeg(),
            "-nostdin",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "aevalsrc=exprs='0.2*sin(2*PI*300*t)|0.1*sin(2*PI*700*t)':s=48000:d=4",
            "-c:a",
            "flac",
            "-sample_fmt",
            "s32",
            "-bits_per_raw_sample",
            "24",
            str(audio),
        ],
        check=True,
    )
    assert tags.read(audio).bits_per_sample == 24
    written = _split(audio, _sheet(tmp_path, audio), tmp_path / "out")
    assert all(tags.read(w.path).bits_per_sample == 24 for w in written)
    assert written[1].start_sample == 76 * 640  # 640 samples a CD frame at 48 kHz

    def pcm32(path: Path) -> bytes:
        return subprocess.run(
            [audiogen.ffmpeg(), "-v", "error", "-i", str(path), "-f", "s32le", "-"],
            check=True,
            capture_output=True,
        ).stdout

    assert b"".join(pcm32(Path(w.path)) for w in written) == pcm32(audio)


def test_existing_files_are_kept_unless_forced(recording: Path, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, recording)
    first = _split(recording, sheet, tmp_path / "out")
    Path(first[1].path).write_bytes(b"mine")
    with pytest.raises(ExportError, match="use --force"):
        _split(recording, sheet, tmp_path / "out")
    assert Path(first[1].path).read_bytes() == b"mine"
    again = _split(recording, sheet, tmp_path / "out", force=True)
    assert tags.read(again[1].path).samples == first[1].samples
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        os.path.basename(w.path) for w in first
    )


def test_other_output_format(recording: Path, tmp_path: Path) -> None:
    written = _split(recording, _sheet(tmp_path, recording), tmp_path / "out", fmt="wav")
    assert all(tags.read(w.path).format == "wav" for w in written)
    assert tags.read(written[0].path).tags.title == "Overture"


def test_index_after_the_end_is_refused_before_writing(recording: Path, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, recording)
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("00:02:74", "09:00:00"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="track 3 starts at 09:00:00, at or after the end"):
        _split(recording, sheet, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_sheet_problems() -> None:
    from playlists.model import Entry, Playlist

    two_files = Playlist(
        entries=(Entry(location="a.wav", start_ms=0), Entry(location="b.wav", start_ms=0))
    )
    with pytest.raises(InputError, match="2 audio files"):
        cut.pieces_from_sheet(two_files)
    backwards = Playlist(
        entries=(Entry(location="a.wav", start_ms=5000), Entry(location="a.wav", start_ms=4000))
    )
    with pytest.raises(InputError, match="track 2 starts at 00:04:00, not after track 1"):
        cut.pieces_from_sheet(backwards)
    with pytest.raises(InputError, match="no tracks"):
        cut.pieces_from_sheet(Playlist())


def test_unreadable_recording_is_a_tag_error(tmp_path: Path) -> None:
    from metadata.errors import TagError

    bad = tmp_path / "bad.flac"
    bad.write_bytes(b"nothing")
    with pytest.raises(TagError):
        cut.split(bad, [cut.Piece(1, 0)], tmp_path / "out")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("../../etc/passwd", "_._etc_passwd"),
        ("a/b\\c", "a_b_c"),
        ("..", "_"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("line\nbreak\ttab\x00nul", "line break tab nul"),
        ("evil\u202etxt.exe", "evil txt.exe"),
        ("  .hidden. ", "hidden"),
        ("", "_"),
    ],
)
def test_safe_name_examples(text: str, expected: str) -> None:
    assert cut.safe_name(text) == expected


@given(st.text(max_size=400))
def test_safe_name_is_always_one_plain_file_name(text: str) -> None:
    name = cut.safe_name(text)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and ".." not in name
    assert not any(ord(c) < 32 or ord(c) == 127 for c in name)
    assert len(name.encode("utf-8")) <= 181  # 180, plus the "_" of an emptied name
    assert os.path.basename(name) == name


def test_copy_of_recording_is_untouched(recording: Path, tmp_path: Path) -> None:
    copy = tmp_path / "show.flac"
    shutil.copyfile(recording, copy)
    before = copy.read_bytes()
    _split(copy, _sheet(tmp_path, copy), tmp_path)
    assert copy.read_bytes() == before


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc (unwritable)")
@pytest.mark.parametrize("fmt", ["wav", "flac"])
def test_an_unwritable_folder_is_named_with_the_piece(
    recording: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    seen: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    with pytest.raises(ExportError) as caught:
        _split(recording, _sheet(tmp_path, recording), Path("/proc"), fmt=fmt)
    piece = f"/proc/01 - Sochi Orchestra - Overture.{fmt}"
    assert str(caught.value).startswith(f"{piece}: cannot write")
    assert "partial" not in str(caught.value)
    del caught
    gc.collect()
    assert seen == []


def test_a_piece_that_cannot_be_tagged_is_named_and_removed(
    recording: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from metadata.errors import TagError

    def refuse(path: str, values: tags.Tags) -> None:
        raise TagError("cannot write tags: disk full", path=path)

    monkeypatch.setattr(tags, "write", refuse)
    out = tmp_path / "out"
    with pytest.raises(ExportError) as caught:
        _split(recording, _sheet(tmp_path, recording), out)
    assert str(caught.value) == (
        f"{out / '01 - Sochi Orchestra - Overture.flac'}: cannot write tags: disk full"
    )
    assert list(out.iterdir()) == []
