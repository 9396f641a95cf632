"""cuesheet.audio.ffmpeg: encoders name the file the user asked for, never their temporary file."""

from __future__ import annotations

import gc
import stat
import sys
from pathlib import Path

import pytest

from cuesheet.audio.ffmpeg import PcmFormat, find_ffmpeg, open_encoder
from cuesheet.errors import ExportError
from tests import audiogen


def _script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_ffmpegs_complaint_names_the_final_file(tmp_path: Path) -> None:
    # Like a real ffmpeg failing to open its output: it names the path it was given.
    fake = _script(
        tmp_path / "ffmpeg",
        'for last; do :; done\ncat > /dev/null\necho "Error opening output $last" >&2\nexit 1\n',
    )
    partial = tmp_path / ".m.flac.partial"
    encoder = open_encoder(fake, str(partial), PcmFormat(), "flac", name="out/m.flac")
    encoder.write(bytes(4096))
    with pytest.raises(ExportError) as caught:
        encoder.close()
    said = "ffmpeg cannot write it: Error opening output out/m.flac"
    assert str(caught.value) == f"out/m.flac: {said}"


@pytest.mark.parametrize("fmt", ["wav", "flac"])
def test_an_uncreatable_file_is_named_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    seen: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    partial = tmp_path / "gone" / f".m.{fmt}.partial"
    with pytest.raises(ExportError) as caught:
        open_encoder(audiogen.ffmpeg(), str(partial), PcmFormat(), fmt, name=f"m.{fmt}")
    assert str(caught.value) == f"m.{fmt}: cannot write: No such file or directory"
    del caught
    gc.collect()
    assert seen == []


def test_a_wav_written_through_our_own_file_handle_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "m.wav"
    encoder = open_encoder(audiogen.ffmpeg(), str(out), PcmFormat(), "wav")
    encoder.write(bytes(588 * 4 * 3))
    encoder.close()
    assert audiogen.decoded_samples(out) == 588 * 3


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("echo 'oops: broken' >&2\nexit 3\n", "'-version' ended with status 3 (oops: broken)"),
        ("exit 0\n", "'-version' does not answer as ffmpeg does"),
    ],
)
def test_a_broken_ffmpeg_is_blamed_not_the_input(tmp_path: Path, body: str, problem: str) -> None:
    fake = _script(tmp_path / "ffmpeg", body)
    with pytest.raises(ExportError) as caught:
        find_ffmpeg(fake)
    assert str(caught.value) == f"{fake}: the ffmpeg given does not work: {problem}"
    assert find_ffmpeg(audiogen.ffmpeg()) == audiogen.ffmpeg()


def test_render_with_a_broken_ffmpeg_names_it(tmp_path: Path) -> None:
    from cuesheet.audio.render import RenderItem, render

    source = audiogen.make_level(tmp_path / "a.wav", 588, 100)
    with pytest.raises(ExportError, match="the ffmpeg given does not work") as caught:
        render([RenderItem(str(source))], tmp_path / "m.wav", ffmpeg="/bin/false")
    assert caught.value.path == "/bin/false"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.wav"]
