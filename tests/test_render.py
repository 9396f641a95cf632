"""cuesheet.audio.render: streamed mixes whose CUE sheets point at the right samples."""

from __future__ import annotations

import gc
import json
import math
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cuesheet.audio import render
from cuesheet.audio.ffmpeg import PcmFormat
from cuesheet.audio.render import RenderItem
from cuesheet.errors import ExportError, InputError
from metadata import tags
from playlists import cue as cue_sheet
from tests import audiogen
from tests.tools import require_tool

SPF = 588  # samples per CD frame at 44.1 kHz


@pytest.fixture(scope="module")
def levels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Constant-level sources: every sample of the mix tells which cue it came from."""
    folder = tmp_path_factory.mktemp("levels")
    return {
        "a": audiogen.make_level(folder / "a.wav", 44_100 + 17, 1000),
        "b": audiogen.make_level(folder / "b.flac", 30_001, 2000),
        "c": audiogen.make_level(folder / "c.wav", 50_000, 3000),
        "d": audiogen.make_level(folder / "d.flac", 20_000, 4000),
    }


def _index_frames(sheet: Path) -> list[int]:
    found = re.findall(r"INDEX 01 (\d+):(\d+):(\d+)", sheet.read_text(encoding="utf-8"))
    return [(int(m) * 60 + int(s)) * 75 + int(f) for m, s, f in found]


def test_gaps_start_each_cue_on_a_whole_frame(levels: dict[str, Path], tmp_path: Path) -> None:
    items = [
        RenderItem(str(levels["a"]), title="A", performer="P", number="1"),
        RenderItem(str(levels["b"]), title="B", gap_ms=500, number="2"),
        RenderItem(str(levels["c"]), title="C", gap_ms=1, number="3"),
    ]
    result = render.render(items, tmp_path / "mix.wav")
    a_end = 44_117
    b_start = -(-(a_end + 22_050) // SPF) * SPF
    c_start = -(-(b_start + 30_001 + 44) // SPF) * SPF
    assert [c.start_sample for c in result.cues] == [0, b_start, c_start]
    assert result.samples == c_start + 50_000
    assert _index_frames(tmp_path / "mix.cue") == [0, b_start // SPF, c_start // SPF]
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    assert len(left) == result.samples
    assert set(left[:a_end]) == {1000}
    assert set(left[a_end:b_start]) == {0}
    assert set(left[b_start : b_start + 30_001]) == {2000}
    assert set(left[b_start + 30_001 : c_start]) == {0}
    assert set(left[c_start:]) == {3000}


def test_crossfade_overlaps_by_at_least_what_was_asked(
    levels: dict[str, Path], tmp_path: Path
) -> None:
    items = [
        RenderItem(str(levels["c"]), title="C"),
        RenderItem(str(levels["a"]), title="A", crossfade_ms=200),
        RenderItem(str(levels["d"]), title="D", crossfade_ms=100),
    ]
    result = render.render(items, tmp_path / "mix.wav")
    first, second, third = (c.start_sample for c in result.cues)
    assert first == 0
    overlap = 50_000 - second
    assert second % SPF == 0 and 8_820 <= overlap < 8_820 + SPF
    end_a = second + 44_117
    assert third % SPF == 0 and 4_410 <= end_a - third < 4_410 + SPF
    assert result.samples == third + 20_000
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    assert len(left) == result.samples
    assert set(left[:second]) == {3000}
    fade = left[second:50_000]
    assert fade == sorted(fade, reverse=True)  # 3000 fading to 1000
    assert 2990 <= fade[0] <= 3000 and 1000 <= fade[-1] <= 1010
    assert set(left[50_000:third]) == {1000}
    assert set(left[end_a:]) == {4000}


def test_shnsplit_cuts_the_mix_where_the_cues_start(
    levels: dict[str, Path], tmp_path: Path
) -> None:
    shnsplit = require_tool("shnsplit")
    items = [
        RenderItem(str(levels["b"]), title="B"),
        RenderItem(str(levels["a"]), title="A", gap_ms=250),
        RenderItem(str(levels["d"]), title="D", crossfade_ms=300),
    ]
    result = render.render(items, tmp_path / "mix.wav")
    out = tmp_path / "shn"
    out.mkdir()
    subprocess.run(
        [
            shnsplit,
            "-q",
            "-f",
            str(tmp_path / "mix.cue"),
            "-d",
            str(out),
            "-o",
            "wav",
            str(tmp_path / "mix.wav"),
        ],
        check=True,
        capture_output=True,
    )
    pieces = sorted(out.glob("split-track*.wav"))
    assert len(pieces) == 3
    starts = [c.start_sample for c in result.cues]
    lengths = [b - a for a, b in zip(starts, [*starts[1:], result.samples], strict=True)]
    assert [tags.read(p).samples for p in pieces] == lengths
    firsts = [audiogen.left_channel(audiogen.decode(p))[0] for p in pieces]
    assert firsts[:2] == [2000, 1000]
    assert 990 <= firsts[2] <= 1010  # D fades in under the end of A


def test_mpv_reads_the_chapters_at_the_cue_starts(levels: dict[str, Path], tmp_path: Path) -> None:
    mpv = require_tool("mpv")
    items = [
        RenderItem(str(levels["a"]), title="Первый"),
        RenderItem(str(levels["b"]), title="Second", gap_ms=700),
        RenderItem(str(levels["c"]), title="Third", crossfade_ms=150),
    ]
    result = render.render(items, tmp_path / "mix.flac")
    out = subprocess.run(
        [
            mpv,
            "--no-config",
            "--ytdl=no",
            "--ao=null",
            "--vo=null",
            "--end=0.01",
            "--term-status-msg=",
            "--term-playing-msg=JSON=${=chapter-list}",
            str(tmp_path / "mix.cue"),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    chapters = json.loads(next(x for x in out.splitlines() if x.startswith("JSON="))[5:])
    assert [c["title"] for c in chapters] == ["Первый", "Second", "Third"]
    for index, chapter in enumerate(chapters):
        assert math.isclose(chapter["time"], result.start_frame(index) / 75, abs_tol=1e-5)


def test_flac_and_mp3_mixes(levels: dict[str, Path], tmp_path: Path) -> None:
    items = [RenderItem(str(levels["a"])), RenderItem(str(levels["b"]), crossfade_ms=100)]
    wav = render.render(items, tmp_path / "mix.wav")
    flac = render.render(items, tmp_path / "mix.flac")
    mp3 = render.render(items, tmp_path / "mix.mp3")
    assert audiogen.decode(tmp_path / "mix.flac") == audiogen.decode(tmp_path / "mix.wav")
    assert tags.read(tmp_path / "mix.flac").samples == wav.samples == flac.samples
    assert tags.read(tmp_path / "mix.mp3").samples == mp3.samples == wav.samples
    assert 'FILE "mix.mp3" MP3' in (tmp_path / "mix.cue").read_text(encoding="utf-8")


def test_loudness_matching_levels_cues_without_clipping(tmp_path: Path) -> None:
    quiet = audiogen.make_level(tmp_path / "quiet.wav", 8_000, 1000)
    loud = audiogen.make_level(tmp_path / "loud.wav", 8_000, 20000)
    # A sine's peak is 3 dB over its RMS level: at 0.3 it cannot be lifted all the way to -1 dBFS.
    peaky = audiogen.make_audio(tmp_path / "peaky.wav", 8_000, expression="0.3*sin(2*PI*441*t)")
    items = [RenderItem(str(p)) for p in (quiet, loud, peaky)]
    result = render.render(items, tmp_path / "mix.wav", loudness_dbfs=-1.0)
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    target = 32768 * 10 ** (-1 / 20)
    for cue in result.cues[:2]:
        values = set(left[cue.start_sample : cue.start_sample + cue.samples])
        assert len(values) == 1 and abs(values.pop() - target) / target < 0.01
    sine = left[result.cues[2].start_sample :]
    assert 10 < result.cues[2].gain_db < 10.5  # lifted towards -1 dBFS (12.5 dB)...
    assert 32_000 <= max(abs(v) for v in sine) <= 32_394  # ...to -0.1 dBFS peak (32,393)


def test_gain_for_limits_to_the_peak() -> None:
    assert render.gain_for(-30.0, -12.0, -20.0) == 10.0
    assert math.isclose(render.gain_for(-30.0, -4.0, -20.0), 3.9)
    assert render.gain_for(-10.0, -0.05, -3.0) == 0.0  # already peaking: no lift, no cut
    assert render.gain_for(-10.0, -1.0, -20.0) == -10.0
    assert render.gain_for(-math.inf, -math.inf, -20.0) == 0.0


def test_resampled_source(tmp_path: Path) -> None:
    source = audiogen.make_tone(tmp_path / "hi.flac", 48_000, rate=48_000)
    result = render.render([RenderItem(str(source))], tmp_path / "mix.wav")
    assert abs(result.samples - 44_100) <= 2
    assert tags.read(tmp_path / "mix.wav").sample_rate == 44_100


def test_48k_mix_uses_640_samples_a_frame(levels: dict[str, Path], tmp_path: Path) -> None:
    items = [RenderItem(str(levels["a"])), RenderItem(str(levels["b"]), gap_ms=10)]
    result = render.render(items, tmp_path / "mix.wav", pcm=PcmFormat(48_000, 2))
    assert result.cues[1].start_sample % 640 == 0
    assert _index_frames(tmp_path / "mix.cue")[1] == result.cues[1].start_sample // 640


def test_sheet_carries_titles_numbers_and_ids(levels: dict[str, Path], tmp_path: Path) -> None:
    mbid = "0b3f4d5c-1a2b-4c3d-8e9f-001122334455"
    items = [
        RenderItem(
            str(levels["a"]),
            title='Say "hi"',
            performer="Choir",
            number="4.1",
            isrc="RUA011400001",
            recording_mbid=mbid,
            composers=("Glinka",),
        )
    ]
    with pytest.warns(UserWarning, match="double quotes replaced"):
        render.render(items, tmp_path / "mix.wav", cue_path=tmp_path / "sheet.cue", title="Show")
    sheet = cue_sheet.load(tmp_path / "sheet.cue")
    entry = sheet.entries[0]
    assert (sheet.title, entry.title, entry.creator) == ("Show", "Say 'hi'", "Choir")
    assert entry.identifiers == (f"https://musicbrainz.org/recording/{mbid}",)
    assert entry.cue is not None
    assert (entry.cue.isrc, entry.cue.number) == ("RUA011400001", "4.1")
    assert [c.name for c in entry.cue.credits] == ["Glinka"]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            lambda p: [RenderItem(str(p["d"])), RenderItem(str(p["a"]), crossfade_ms=2_000)],
            "longer than the 0:00.454 of audio before it",
        ),
        (
            lambda p: [RenderItem(str(p["a"])), RenderItem(str(p["d"]), crossfade_ms=900)],
            "longer than the cue",
        ),
        (
            lambda p: [RenderItem(str(p["a"])), RenderItem(str(p["b"]), gap_ms=5, crossfade_ms=5)],
            "both a gap and a crossfade",
        ),
        (lambda p: [RenderItem(str(p["a"]) + ".missing.wav")], "not found"),
        (lambda p: [], "nothing to render"),
    ],
)
def test_bad_cues_leave_no_output(
    levels: dict[str, Path], tmp_path: Path, items: object, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        render.render(items(levels), tmp_path / "mix.wav")  # type: ignore[operator]
    assert list(tmp_path.iterdir()) == []


def test_undecodable_source_names_the_file(levels: dict[str, Path], tmp_path: Path) -> None:
    junk = tmp_path / "junk.flac"
    junk.write_bytes(b"fLaC but not really" * 20)
    with pytest.raises(InputError) as caught:
        render.render([RenderItem(str(levels["a"])), RenderItem(str(junk))], tmp_path / "m.wav")
    assert caught.value.path == str(junk)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.flac"]


def test_refuses_to_overwrite_an_input(levels: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(InputError, match="refusing"):
        render.render([RenderItem(str(levels["a"]))], levels["a"])
    with pytest.raises(InputError, match="render writes"):
        render.render([RenderItem(str(levels["a"]))], tmp_path / "mix.aiff")
    with pytest.raises(InputError, match="cannot write"):
        render.render([RenderItem(str(levels["a"]))], tmp_path / "mix.xyz")


def test_configured_ffmpeg(
    levels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUESHEET_FFMPEG", str(tmp_path / "no-such-ffmpeg"))
    with pytest.raises(ExportError, match="CUESHEET_FFMPEG"):
        render.render([RenderItem(str(levels["a"]))], tmp_path / "mix.flac")
    monkeypatch.setenv("CUESHEET_FFMPEG", audiogen.ffmpeg())
    assert render.render([RenderItem(str(levels["a"]))], tmp_path / "mix.flac").samples == 44_117


def test_more_than_99_cues_make_several_sheets(tmp_path: Path) -> None:
    short = audiogen.make_level(tmp_path / "short.wav", 588, 500)
    items = [RenderItem(str(short), title=f"Cue {n}") for n in range(1, 102)]
    result = render.render(items, tmp_path / "long.wav")
    assert [Path(p).name for p in result.cue_paths] == ["long-01.cue", "long-02.cue"]
    second = _index_frames(tmp_path / "long-02.cue")
    assert second == [99, 100]  # each 588-sample cue is one CD frame
    assert not (tmp_path / "long.cue").exists()


def test_a_mix_name_the_sheet_cannot_hold_leaves_nothing(
    levels: dict[str, Path], tmp_path: Path
) -> None:
    from playlists.errors import FormatLimitError

    with pytest.raises(FormatLimitError, match="double quote"):
        render.render([RenderItem(str(levels["a"]))], tmp_path / 'say "hi".wav')
    assert list(tmp_path.iterdir()) == []


def _no_unraisable(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Collects what objects' ``__del__`` raised ("Exception ignored in ...")."""
    seen: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    return seen


@pytest.mark.parametrize("name", ["m.wav", "m.flac", "m.mp3"])
def test_an_unwritable_mix_is_named_as_asked(
    levels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    seen = _no_unraisable(monkeypatch)
    out = tmp_path / "nodir" / name
    with pytest.raises(ExportError) as caught:
        render.render([RenderItem(str(levels["a"]))], out)
    message = str(caught.value)
    assert message == f"{out}: cannot write: No such file or directory"
    del caught
    gc.collect()
    assert seen == []
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_sheet_stops_the_render_before_it_starts(
    levels: dict[str, Path], tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    out = tmp_path / "mix.wav"
    sheet = tmp_path / "nodir" / "x.cue"
    with pytest.raises(ExportError, match=r"x\.cue: cannot write"):
        render.render(
            [RenderItem(str(levels["a"]))], out, cue_path=sheet, progress=lambda *a: calls.append(a)
        )
    assert calls == []
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"the old mix")
    with pytest.raises(ExportError, match=r"x\.cue: cannot write"):
        render.render([RenderItem(str(levels["a"]))], out, cue_path=sheet)
    assert out.read_bytes() == b"the old mix"
    assert [p.name for p in tmp_path.iterdir()] == ["mix.wav"]


def test_a_failure_after_rendering_keeps_the_old_mix_and_sheet(
    levels: dict[str, Path], tmp_path: Path
) -> None:
    out, sheet = tmp_path / "mix.wav", tmp_path / "mix.cue"
    out.write_bytes(b"the old mix")
    sheet.write_text("the old sheet", encoding="utf-8")
    too_long = RenderItem(str(levels["b"]), crossfade_ms=5000)
    with pytest.raises(InputError, match="crossfade"):
        render.render([RenderItem(str(levels["a"])), too_long], out)
    assert out.read_bytes() == b"the old mix"
    assert sheet.read_text(encoding="utf-8") == "the old sheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mix.cue", "mix.wav"]


def test_the_sheet_cannot_be_the_mix(levels: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "mix.wav"
    with pytest.raises(InputError, match="cannot both be"):
        render.render([RenderItem(str(levels["a"]))], out, cue_path=out)
    assert list(tmp_path.iterdir()) == []


def test_items_from_show_sorts_out_cues_without_audio(levels: dict[str, Path]) -> None:
    from cuesheet.model import Cue, CueKind, Segment, Show

    folder = levels["a"].parent
    cues = (
        Cue("1", "A", file=levels["a"].name),
        Cue("2", "Gone", file="gone.wav"),
        Cue("3", "Unplaced"),
        Cue("4", "Hello", kind=CueKind.SPEECH),
    )
    show = Show("S", "UTC", 0, segments=(Segment("Seg", cues),))
    items, missing = render.items_from_show(show, folder)
    assert [i.path for i in items] == [str(levels["a"])]
    assert [str(m) for m in missing] == [
        f"Seg / cue 2 'Gone': {folder / 'gone.wav'} not found",
        "Seg / cue 3 'Unplaced': no file",
    ]
    assert render.missing_message(missing) == (
        "1 cue(s) have no audio file: Seg / cue 3 'Unplaced'; audio file not found for 1 cue(s): "
        f"Seg / cue 2 'Gone': {folder / 'gone.wav'} (give --library, or --skip-missing to leave "
        "them out)"
    )


def test_a_crossfade_too_long_is_told_in_minutes_naming_the_show_and_cue(
    levels: dict[str, Path], tmp_path: Path
) -> None:
    from cuesheet.model import Cue, Segment, Show

    cues = (
        Cue("1", "A", file=levels["a"].name),
        Cue("2", "B", file=levels["b"].name, crossfade_ms=10_000),
    )
    show = Show("S", "UTC", 0, segments=(Segment("Opening", cues),))
    items, _ = render.items_from_show(show, levels["a"].parent, source="show.yaml")
    with pytest.raises(InputError) as caught:
        render.render(items, tmp_path / "mix.wav")
    assert str(caught.value) == (
        "show.yaml: Opening / cue 2 'B': a crossfade of 0:10 is longer than the 0:01 of audio "
        "before it"
    )
    short = [items[0], replace(items[1], crossfade_ms=900)]
    with pytest.raises(InputError) as caught:
        render.render(short, tmp_path / "mix.wav")
    assert str(caught.value) == (
        "show.yaml: Opening / cue 2 'B': a crossfade of 0:00.900 is longer than the cue "
        f"(0:00.680 of audio in {levels['b']})"
    )
    assert list(tmp_path.iterdir()) == []
