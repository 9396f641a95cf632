"""Rehearsal mixes in show time, and cue edits (in/out points, fades) in any mix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.audio import render
from cuesheet.audio.render import RenderItem
from cuesheet.cli import cli
from cuesheet.enrich.filelengths import read_lengths
from cuesheet.inputs import showfile
from cuesheet.timing import timecode
from cuesheet.timing.engine import compute
from tests import audiogen

RATE = 44_100
SPF = RATE // 75

SHOW = """\
title: Show time
date: 2014-02-23
timezone: Europe/Moscow
start: 20:00:54
segments:
  - title: Opening
    cues:
      - title: Overture
        file: audio/overture.wav
      - speech: Welcome
        duration: 0:01.500
      - title: West End Girls
        file: audio/song.flac
        in: 0:00.250
        out: 0:01.250
        gap: 0:00.500
  - title: Handover
    at: 20:01
    cues:
      - title: Anthem
        kind: anthem
        file: audio/anthem.wav
      - title: Live act
        duration: 0:01
      - title: Finale
        file: audio/overture.wav
        crossfade: 0:00.200
"""


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("audio")
    return {
        "overture.wav": audiogen.make_level(folder / "overture.wav", 30_000, 1000),
        "song.flac": audiogen.make_level(folder / "song.flac", 88_200, 2000),
        "anthem.wav": audiogen.make_level(folder / "anthem.wav", 25_000, 3000),
    }


def _show(tmp_path: Path, audio: dict[str, Path], text: str = SHOW) -> Path:
    (tmp_path / "audio").mkdir()
    for name, path in audio.items():
        shutil.copyfile(path, tmp_path / "audio" / name)
    show = tmp_path / "show.yaml"
    show.write_text(text, encoding="utf-8")
    return show


def _sheet(path: Path) -> tuple[list[str], list[int]]:
    text = path.read_text(encoding="utf-8")
    titles = re.findall(r'^  TRACK \d+ AUDIO\n    TITLE "([^"]*)"', text, re.M)
    found = re.findall(r"INDEX 01 (\d+):(\d+):(\d+)", text)
    return titles, [(int(m) * 60 + int(s)) * 75 + int(f) for m, s, f in found]


def _runs(samples: list[int], value: int) -> list[tuple[int, int]]:
    """(first sample, length) of each run of ``value``."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, sample in enumerate([*samples, None]):
        if sample == value and start is None:
            start = index
        elif sample != value and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def test_show_time_chapters_fall_on_the_timing_starts(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    source = _show(tmp_path, audio)
    result = CliRunner().invoke(
        cli, ["render", str(source), "--show-time", "-o", str(tmp_path / "mix.wav")]
    )
    assert result.exit_code == 0, result.stderr
    show, _ = read_lengths(showfile.load(source), tmp_path)  # as render reads them
    timing = compute(show)
    expected = [
        timecode.ms_to_cd_frames(t.front_ms - show.start_ms)
        for segment in timing.cues
        for t in segment
        if t.front_ms is not None
    ]
    titles, frames = _sheet(tmp_path / "mix.cue")
    assert titles == ["Overture", "Welcome", "West End Girls", "Anthem", "Live act", "Finale"]
    assert frames == expected
    assert frames[3] == 6 * 75  # the fixed time 20:01 is 6 s after the start
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    # The trimmed song: exactly out - in of its audio, starting on its chapter mark.
    assert _runs(left, 2000) == [(frames[2] * SPF, timecode.ms_to_samples(1000, RATE))]
    # Speech and the live act are held as silence; silence runs up to the fixed time.
    welcome = left[frames[1] * SPF : frames[2] * SPF]
    assert welcome and not any(welcome)
    assert not any(left[frames[2] * SPF + RATE : frames[3] * SPF])
    assert not any(left[frames[4] * SPF : frames[5] * SPF - SPF])


def test_show_time_needs_a_length_for_a_cue_without_audio(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    source = _show(tmp_path, audio, SHOW.replace("        duration: 0:01.500\n", ""))
    result = CliRunner().invoke(
        cli, ["render", str(source), "--show-time", "-o", str(tmp_path / "mix.wav")]
    )
    assert result.exit_code == 2
    assert "cue 2 'Welcome'" in result.stderr
    assert "start is unknown" in result.stderr or "no duration" in result.stderr
    assert not (tmp_path / "mix.wav").exists()


def test_a_hard_start_cuts_the_cue_running_into_it(tmp_path: Path, audio: dict[str, Path]) -> None:
    items = [
        RenderItem(str(audio["song.flac"]), title="Long", at_ms=0, length_ms=2000),
        RenderItem(None, title="Hard start", at_ms=1000, length_ms=500),
    ]
    result = render.render(items, tmp_path / "mix.wav")
    assert [c.start_sample for c in result.cues] == [0, RATE]
    assert result.cues[0].samples == RATE
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    assert _runs(left, 2000) == [(0, RATE)]
    assert len(left) == RATE + RATE // 2


def test_an_edited_cue_lasts_out_minus_in_to_the_sample(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    items = [
        RenderItem(str(audio["anthem.wav"]), title="A"),
        RenderItem(str(audio["song.flac"]), title="B", in_ms=333, length_ms=1111, gap_ms=100),
    ]
    result = render.render(items, tmp_path / "mix.wav")
    length = timecode.ms_to_samples(1111, RATE)
    assert result.cues[1].samples == length
    assert result.samples == result.cues[1].start_sample + length
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    assert _runs(left, 2000) == [(result.cues[1].start_sample, length)]


def test_fades_ramp_within_the_cue_length(tmp_path: Path, audio: dict[str, Path]) -> None:
    items = [
        RenderItem(
            str(audio["song.flac"]), title="F", length_ms=1000, fade_in_ms=200, fade_out_ms=300
        )
    ]
    result = render.render(items, tmp_path / "mix.wav")
    left = audiogen.left_channel(audiogen.decode(tmp_path / "mix.wav"))
    assert len(left) == result.samples == RATE
    assert left[0] < 100 and left[-1] < 100
    assert abs(left[RATE // 10] - 1000) < 60  # half way through the fade-in
    assert left[RATE // 2] == 2000
    assert abs(left[RATE - int(0.15 * RATE)] - 1000) < 60  # half way through the fade-out
    assert left[: RATE // 5] == sorted(left[: RATE // 5])
    assert left[-(RATE * 3 // 10) :] == sorted(left[-(RATE * 3 // 10) :], reverse=True)


def test_a_fade_out_needs_the_length(tmp_path: Path, audio: dict[str, Path]) -> None:
    from cuesheet.errors import InputError

    with pytest.raises(InputError, match="needs the cue's length"):
        render.render([RenderItem(str(audio["song.flac"]), fade_out_ms=100)], tmp_path / "m.wav")


def test_show_time_holds_a_missing_file_as_silence_only_when_asked(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    gone = "audio/gone.wav\n        duration: 0:00.567"
    source = _show(tmp_path, audio, SHOW.replace("audio/anthem.wav", gone))
    out = tmp_path / "mix.wav"
    refused = CliRunner().invoke(cli, ["render", str(source), "--show-time", "-o", str(out)])
    assert refused.exit_code == 2
    assert "gone.wav" in refused.stderr and not out.exists()
    held = CliRunner().invoke(
        cli, ["render", str(source), "--show-time", "--skip-missing", "-o", str(out)]
    )
    assert held.exit_code == 0, held.stderr
    assert "held as silence Handover / cue 4 'Anthem'" in held.stderr
    titles, frames = _sheet(tmp_path / "mix.cue")
    assert titles[3] == "Anthem" and frames[3] == 6 * 75
    left = audiogen.left_channel(audiogen.decode(out))
    assert 3000 not in left[frames[3] * SPF : frames[4] * SPF]
