"""Input nobody here wrote, found by a QA sweep: each refusal is one line naming the file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cuesheet.cli import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("cuesheet: error:")]


def test_render_with_no_local_audio_names_the_playlist(tmp_path: Path) -> None:
    playlist = tmp_path / "gone.m3u"
    playlist.write_text("#EXTM3U\n#EXTINF:10,A - B\nmissing.mp3\n", encoding="utf-8")
    code, err = _run("render", str(playlist), "-o", str(tmp_path / "mix.wav"), "--skip-missing")
    assert code == 2
    expected = f"cuesheet: error: {playlist}: nothing to render: no cue has an audio file"
    assert _errors(err) == [expected]
    assert not (tmp_path / "mix.wav").exists()


def test_render_of_a_stream_names_the_playlist_and_the_cue(tmp_path: Path) -> None:
    playlist = tmp_path / "radio.m3u"
    playlist.write_text("#EXTM3U\n#EXTINF:10,A - B\nhttp://example.invalid/a.ogg\n")
    code, err = _run("render", str(playlist), "-o", str(tmp_path / "mix.wav"))
    assert code == 2
    (line,) = _errors(err)
    assert line.startswith(f"cuesheet: error: {playlist}: ")
    assert "'B'" in line and "only local files can be rendered" in line
