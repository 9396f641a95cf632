"""Input nobody here wrote, found by a QA sweep: each refusal is one line naming the file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, prog_name="cuesheet")
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


@pytest.mark.parametrize("fmt", ["json", "csv", "ontime", "pdf"])
def test_an_output_that_is_a_fifo_is_refused_not_replaced(tmp_path: Path, fmt: str) -> None:
    # Renaming over it would replace the FIFO (or, run as root, a device such as /dev/full).
    show = tmp_path / "show.yaml"
    show.write_text(
        "title: T\ndate: 2026-01-01\nstart: '20:00'\ntimezone: UTC\nsegments:\n"
        "  - title: S\n    cues:\n      - title: A\n        kind: speech\n"
        "        duration: '1:00'\n",
        encoding="utf-8",
    )
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    code, err = _run("export", str(show), "-o", str(fifo), "--format", fmt, "--no-resolve")
    assert code == 1
    assert _errors(err) == [
        f"cuesheet: error: {fifo}: is a FIFO (named pipe), not a file; use - for standard output"
    ]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "show.yaml"]


def test_a_playlist_output_that_is_a_folder_names_it(tmp_path: Path) -> None:
    playlist = tmp_path / "in.m3u"
    playlist.write_text("#EXTM3U\n#EXTINF:10,A - B\na.mp3\n", encoding="utf-8")
    (tmp_path / "out.m3u").mkdir()
    code, err = _run("convert", str(playlist), str(tmp_path / "out.m3u"))
    assert code == 1
    (line,) = _errors(err)
    assert line.startswith(f"cuesheet: error: {tmp_path / 'out.m3u'}: is a directory")
    assert (tmp_path / "out.m3u").is_dir()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nosuch"], "No such command 'nosuch'. (see cuesheet --help)"),
        (["timing"], "Missing argument 'SOURCE'. (see cuesheet timing --help)"),
        (["timing", "x.yaml", "--date", "2026-13-45"], "Invalid value for '--date'"),
        (["timeline", "x.yaml", "-o", "x.yaml"], "cannot tell the format from 'x.yaml'"),
    ],
)
def test_a_usage_mistake_is_one_line(args: list[str], expected: str) -> None:
    code, err = _run(*args)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("cuesheet: error: ") and expected in err


def test_a_value_holding_newlines_stays_on_one_error_line(tmp_path: Path) -> None:
    playlist = tmp_path / "lines.xspf"
    playlist.write_text(
        '<?xml version="1.0"?><playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>'
        "<track><location>http://example.com/\nline_two/\rline_three/</location></track>"
        "</trackList></playlist>",
        encoding="utf-8",
    )
    code, err = _run("render", str(playlist), "-o", str(tmp_path / "mix.wav"))
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(f"cuesheet: error: {playlist}: ")
    assert "line_two" in err and "\r" not in err


def test_a_megabyte_value_is_not_quoted_whole(tmp_path: Path) -> None:
    playlist = tmp_path / "long.m3u"
    playlist.write_text(f"#EXTM3U\n#EXTINF:10,A - B\nhttp://{'x' * 1_000_000}\n")
    code, err = _run("render", str(playlist), "-o", str(tmp_path / "mix.wav"))
    assert code == 2
    assert len(err.splitlines()) == 1 and len(err) < 500
    assert err.startswith(f"cuesheet: error: {playlist}: ")


@pytest.mark.parametrize(
    "args",
    [
        ["timing", "{fifo}", "--no-resolve"],
        ["export", "{fifo}", "-o", "{out}", "--no-resolve"],
        ["convert", "{fifo}", "{out}"],
        ["check", "{fifo}", "--no-resolve"],
    ],
)
def test_a_fifo_given_as_a_playlist_is_refused_at_once(tmp_path: Path, args: list[str]) -> None:
    # Opening it would wait for a writer forever (the XSPF reader did).
    fifo = tmp_path / "pipe.xspf"
    os.mkfifo(fifo)
    out = tmp_path / "out.json"
    code, err = _run(*(a.format(fifo=fifo, out=out) for a in args))
    assert code == 2
    assert _errors(err) == [f"cuesheet: error: {fifo}: is a FIFO (named pipe), expected a file"]


def test_a_file_name_that_is_not_utf8_still_exports(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.m3u")
    playlist = tmp_path / name
    playlist.write_text("#EXTM3U\n#EXTINF:10,A - B\na.mp3\n", encoding="utf-8")
    out = tmp_path / "out.json"
    code, err = _run("export", str(playlist), "-o", str(out), "--no-resolve")
    assert code == 0, err
    assert '"title": "caf\\ufffd"' in out.read_text(encoding="utf-8") or "caf\ufffd" in (
        out.read_text(encoding="utf-8")
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ["timing", "SHOW", "--no-resolve"],
        ["export", "SHOW", "-o", "-", "--format", "json", "--no-resolve"],
        ["export", "SHOW", "-o", "-", "--format", "csv", "--no-resolve"],
    ],
)
def test_standard_output_that_cannot_be_written_is_an_error(args: list[str]) -> None:
    import subprocess
    import sys

    show = Path(__file__).resolve().parents[1] / "examples" / "sochi-2014-closing.yaml"
    argv = [sys.executable, "-m", "cuesheet", *[str(show) if a == "SHOW" else a for a in args]]
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(argv, stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 1
    lines = _errors(done.stderr)
    assert len(lines) == 1 and "No space left on device" in lines[0]
    assert "Traceback" not in done.stderr
