"""metadata.tags: exact durations and Picard-style tags for every format, on generated audio."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from metadata import tags
from metadata.errors import MetadataError, TagError
from tests import audiogen
from tests.tools import require_tool

# 44,223 samples: not a whole number of milliseconds, MP3 frames, AAC frames or Ogg pages.
SAMPLES = 44_223
EXTENSIONS = [".wav", ".aiff", ".flac", ".mp3", ".ogg", ".opus", ".m4a"]
RATES = {".opus": 48_000}

FULL = tags.Tags(
    title="Полёт шмеля (Flight of the Bumblebee)",
    artists=("Orchestra of the Mariinsky Theatre", "Valery Gergiev"),
    album="Sochi 2014 — Closing",
    composers=("Nikolai Rimsky-Korsakov",),
    track_number=3,
    track_total=12,
    isrc="RUA011400001",
    recording_mbid="0b3f4d5c-1a2b-4c3d-8e9f-001122334455",
    work_mbid="5c6d7e8f-9a0b-4c1d-8e2f-aabbccddeeff",
    artist_mbids=("11111111-2222-4333-8444-555555555555", "66666666-7777-4888-8999-aaaaaaaaaaaa"),
    release_mbid="99999999-8888-4777-8666-555555555555",
)


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One untagged file per format, generated once; tests copy before writing."""
    folder = tmp_path_factory.mktemp("originals")
    return {
        ext: audiogen.make_tone(folder / f"tone{ext}", SAMPLES, rate=RATES.get(ext, 44_100))
        for ext in EXTENSIONS
    }


def _copy(originals: dict[str, Path], ext: str, tmp_path: Path) -> Path:
    target = tmp_path / f"copy{ext}"
    shutil.copyfile(originals[ext], target)
    return target


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_exact_length_in_samples_and_ms(originals: dict[str, Path], ext: str) -> None:
    info = tags.read(originals[ext])
    rate = RATES.get(ext, 44_100)
    assert info.sample_rate == rate
    assert info.channels == 2
    assert info.samples == SAMPLES
    assert info.duration_ms == round(SAMPLES * 1000 / rate)
    assert info.format == tags.format_of(originals[ext])
    assert info.tags == tags.Tags()


@pytest.mark.parametrize("ext", [e for e in EXTENSIONS if e != ".ogg"])
def test_length_agrees_with_what_ffmpeg_decodes(originals: dict[str, Path], ext: str) -> None:
    assert tags.read(originals[ext]).samples == audiogen.decoded_samples(originals[ext])


def test_vorbis_length_agrees_with_libvorbisfile(originals: dict[str, Path]) -> None:
    # ffmpeg drops the first packet's samples of very short Vorbis streams; sox decodes
    # with the reference libvorbisfile, which honours the granule positions.
    sox = require_tool("sox")
    out = subprocess.run(
        [sox, str(originals[".ogg"]), "-t", "raw", "-e", "signed", "-b", "16", "-"],
        check=True,
        capture_output=True,
    ).stdout
    assert tags.read(originals[".ogg"]).samples == len(out) // 4


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_tags_written_are_read_back(originals: dict[str, Path], ext: str, tmp_path: Path) -> None:
    path = _copy(originals, ext, tmp_path)
    tags.write(path, FULL)
    info = tags.read(path)
    assert info.tags == FULL
    assert info.samples == SAMPLES
    assert info.tags.artist == "Orchestra of the Mariinsky Theatre; Valery Gergiev"


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_writing_keeps_fields_not_given(
    originals: dict[str, Path], ext: str, tmp_path: Path
) -> None:
    path = _copy(originals, ext, tmp_path)
    tags.write(path, FULL)
    tags.write(path, tags.Tags(title="Retitled", track_number=4))
    got = tags.read(path).tags
    assert got.title == "Retitled"
    assert got.track_number == 4
    assert got.recording_mbid == FULL.recording_mbid
    assert got.artists == FULL.artists


def _ffmetadata(path: Path) -> dict[str, str]:
    """Global and stream tags as another reader (ffmpeg's demuxers) sees them."""
    seen: dict[str, str] = {}
    # Ogg keeps its comments on the stream: copy those to the global block too.
    out = "".join(
        subprocess.run(
            [
                audiogen.ffmpeg(),
                "-nostdin",
                "-v",
                "error",
                "-i",
                str(path),
                *mapping,
                "-f",
                "ffmetadata",
                "-",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for mapping in ([], ["-map_metadata", "0:s:a:0"])
    )
    for line in out.splitlines():
        if "=" in line and not line.startswith((";", "[")):
            key, _, value = line.partition("=")
            seen[key.lower()] = re.sub(r"\\(.)", r"\1", value)
    return seen


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_tags_written_are_seen_by_ffmpeg(
    originals: dict[str, Path], ext: str, tmp_path: Path
) -> None:
    path = _copy(originals, ext, tmp_path)
    tags.write(path, FULL)
    seen = _ffmetadata(path)
    assert seen["title"] == FULL.title
    assert seen["album"] == FULL.album
    assert "Mariinsky" in seen["artist"]
    assert seen["track"].split("/")[0] == "3" if "track" in seen else seen["tracknumber"] == "3"


@pytest.mark.parametrize(
    ("ext", "options"),
    [
        (".mp3", ["-id3v2_version", "4"]),
        (".flac", []),
        (".ogg", []),
        (".opus", []),
    ],
)
def test_reads_musicbrainz_tags_written_by_ffmpeg(
    originals: dict[str, Path], ext: str, options: list[str], tmp_path: Path
) -> None:
    """Tags written by another program (ffmpeg: TXXX frames, Vorbis comments) map the same."""
    names = {
        ".mp3": {
            "work": "MusicBrainz Work Id",
            "artist": "MusicBrainz Artist Id",
            "isrc": "TSRC",
            "track": "track",
        },
        "vorbis": {
            "work": "MUSICBRAINZ_WORKID",
            "artist": "MUSICBRAINZ_ARTISTID",
            "isrc": "ISRC",
            "track": "TRACKNUMBER",
        },
    }[".mp3" if ext == ".mp3" else "vorbis"]
    target = tmp_path / f"ff{ext}"
    subprocess.run(
        [
            audiogen.ffmpeg(),
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(originals[ext]),
            "-c",
            "copy",
            "-metadata",
            f"title={FULL.title}",
            "-metadata",
            f"{names['work']}={FULL.work_mbid}",
            "-metadata",
            f"{names['artist']}={FULL.artist_mbids[0]}",
            "-metadata",
            f"{names['isrc']}=rua-01-14-00001",
            "-metadata",
            f"{names['track']}=7/9",
            *options,
            str(target),
        ],
        check=True,
    )
    got = tags.read(target).tags
    assert got.title == FULL.title
    assert got.work_mbid == FULL.work_mbid
    assert got.artist_mbids == FULL.artist_mbids[:1]
    assert got.isrc == "RUA011400001"
    assert got.track_number == 7


def test_id3v23_artist_ids_joined_with_slashes(originals: dict[str, Path], tmp_path: Path) -> None:
    """Picard writes multi-valued ids into ID3v2.3 as one text joined by '/'."""
    path = _copy(originals, ".mp3", tmp_path)
    joined = "/".join(FULL.artist_mbids)
    subprocess.run(
        [
            audiogen.ffmpeg(),
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(originals[".mp3"]),
            "-c",
            "copy",
            "-metadata",
            f"MusicBrainz Artist Id={joined}",
            "-id3v2_version",
            "3",
            str(path.with_name("v23.mp3")),
        ],
        check=True,
    )
    assert tags.read(path.with_name("v23.mp3")).tags.artist_mbids == FULL.artist_mbids


def test_longer_mp3_and_m4a_stay_exact(tmp_path: Path) -> None:
    samples = 44_100 * 7 + 1
    for ext in (".mp3", ".m4a"):
        path = audiogen.make_tone(tmp_path / f"long{ext}", samples)
        assert tags.read(path).samples == samples == audiogen.decoded_samples(path)


def test_mono_48k_flac(tmp_path: Path) -> None:
    path = audiogen.make_audio(tmp_path / "mono.flac", 4_800, rate=48_000, channels=1)
    info = tags.read(path)
    assert (info.channels, info.sample_rate, info.samples, info.duration_ms) == (
        1,
        48_000,
        4_800,
        100,
    )
    assert info.bits_per_sample == 16


def test_garbage_is_a_tag_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.mp3"
    path.write_bytes(b"this is not audio at all" * 40)
    with pytest.raises(TagError) as caught:
        tags.read(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, MetadataError)


@pytest.mark.parametrize("ext", [".flac", ".wav", ".m4a", ".ogg"])
def test_truncated_file_is_a_tag_error(
    originals: dict[str, Path], ext: str, tmp_path: Path
) -> None:
    path = tmp_path / f"cut{ext}"
    path.write_bytes(originals[ext].read_bytes()[:30])
    with pytest.raises(TagError, match="cut"):
        tags.read(path)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(TagError, match="cannot open: No such file"):
        tags.read(tmp_path / "absent.flac")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(TagError, match="known format"):
        tags.read(text)
    with pytest.raises(TagError, match="known format"):
        tags.write(text, FULL)


def test_opus_in_an_ogg_file_is_read_as_opus(originals: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "opus-inside.ogg"
    shutil.copyfile(originals[".opus"], path)
    info = tags.read(path)
    assert (info.format, info.samples) == ("opus", SAMPLES)


def test_writing_to_an_unreadable_file_is_a_tag_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.flac"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(TagError, match=r"junk\.flac"):
        tags.write(path, FULL)


def test_m4a_with_its_moov_first_or_last_has_the_exact_length(tmp_path: Path) -> None:
    samples = 44_100 * 2 + 17
    last = audiogen.make_tone(tmp_path / "last.m4a", samples)
    first = tmp_path / "first.m4a"  # the moov box before the audio (web players' layout)
    subprocess.run(
        [audiogen.ffmpeg(), "-nostdin", "-v", "error", "-y", "-i", str(last), "-c", "copy",
         "-movflags", "+faststart", str(first)],
        check=True,
    )  # fmt: skip
    for path in (last, first):
        assert tags.read(path).samples == samples == audiogen.decoded_samples(path)


def test_m4a_with_a_broken_box_is_read_as_mutagen_reads_it(tmp_path: Path) -> None:
    path = audiogen.make_tone(tmp_path / "tone.m4a", 44_100)
    data = bytearray(path.read_bytes())
    at = data.index(b"mdhd") - 4
    data[at : at + 4] = (7).to_bytes(4, "big")  # a box size below its own header
    path.write_bytes(bytes(data))
    with pytest.raises(TagError) as caught:
        tags.read(path)
    assert caught.value.path == str(path)
