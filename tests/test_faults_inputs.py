"""Issue 13, items 10-12: only regular files are read, hostile inputs get one line (never a
traceback), and readers stay linear and within documented bounds."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from playlists import xspf
from tests import audiogen

SHOW_HEAD = 'title: T\ndate: 2014-02-23\ntimezone: UTC\nstart: "20:00"\n'


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stderr


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# -- 10. files that are not files ---------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.m3u"
    os.mkfifo(path)
    return path


def test_a_fifo_given_as_a_playlist_is_named_not_read(fifo: Path, tmp_path: Path) -> None:
    code, err = run("convert", str(fifo), str(tmp_path / "out.json"))
    assert code == 2 and "FIFO" in one_line(err) and str(fifo) in err


def test_a_fifo_given_to_scan_or_split_is_named_not_read(tmp_path: Path) -> None:
    audio = tmp_path / "pipe.flac"
    os.mkfifo(audio)
    code, err = run("scan", str(audio), "--index", str(tmp_path / "i.sqlite"))
    assert code == 0 and "FIFO" in err
    sheet = tmp_path / "s.cue"
    sheet.write_text('FILE "pipe.flac" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n')
    code, err = run("split", str(audio), "--cue", str(sheet), "-o", str(tmp_path / "out"))
    assert code == 2 and "FIFO" in one_line(err)


def test_a_fifo_named_in_a_show_is_reported_as_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "song.wav")
    (tmp_path / "folder.wav").mkdir()
    for name, what in (("song.wav", "FIFO"), ("folder.wav", "directory")):
        show = tmp_path / "show.yaml"
        show.write_text(
            SHOW_HEAD
            + f"segments:\n  - title: S\n    cues:\n      - title: X\n        file: {name}\n"
        )
        code, err = run("render", str(show), "-o", str(tmp_path / "mix.wav"))
        assert code == 2 and what in one_line(err) and "not found" not in err


# -- 11. no traceback, ever -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", "[" * 100_000),
        ("deep.yaml", SHOW_HEAD + "notes: " + "[" * 100_000),
        ("big.json", '{"title": "x", "entries": [], "n": ' + "9" * 5000 + "}"),
        ("big.m3u", "#EXTM3U\n#EXTINF:" + "9" * 5000 + ",t\na.mp3\n"),
        ("big.yaml", SHOW_HEAD + "segments:\n  - title: S\n    cues:\n      - title: X\n"
         "        score: " + "9" * 5000 + "\n"),
    ],
)
def test_hostile_inputs_get_one_line_naming_the_file(name: str, text: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    command = "convert" if name.endswith((".m3u", "big.json")) else "timing"
    args = [command, str(source)] + ([str(tmp_path / "out.xspf")] if command == "convert" else [])
    code, err = run(*args)
    assert code == 2 and str(source) in one_line(err)
    assert "set_int_max_str_digits" not in err


def test_a_yaml_alias_bomb_is_refused_within_its_budget(tmp_path: Path) -> None:
    lines = [SHOW_HEAD, "notes: &a0 x\nz:\n"]
    for level in range(1, 10):
        lines.append(f"  - &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]\n")
    source = tmp_path / "bomb.yaml"
    source.write_text("".join(lines), encoding="utf-8")
    code, err = run("timing", str(source))
    assert code == 2 and "aliases" in one_line(err) and "100,000" in err


def test_a_library_with_a_non_utf8_name_and_a_file_dated_2400_scans(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    good = audiogen.make_tone(folder / "good.wav", 4410)
    shutil.copy(good, os.path.join(os.fsencode(folder), b"caf\xe9.wav"))
    future = folder / "future.wav"
    shutil.copy(good, future)
    in_2400 = 13_569_465_600 * 10**9
    os.utime(future, ns=(in_2400, in_2400))
    index = str(tmp_path / "index.sqlite")
    for _ in range(2):  # the second scan finds both files unchanged
        code, err = run("scan", str(folder), "--index", index)
        assert code == 0 and "Traceback" not in err
        assert "caf\\xe9.wav: the file name is not UTF-8" in err


def test_running_out_of_memory_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playlists import m3u

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    source = tmp_path / "list.m3u"
    source.write_text("#EXTM3U\na.mp3\n", encoding="utf-8")
    monkeypatch.setattr(m3u, "_parse_lines", exhausted)
    code, err = run("convert", str(source), str(tmp_path / "out.json"))
    assert code == 2 and "out of memory" in one_line(err) and str(source) in err


# -- 12. linear and bounded -----------------------------------------------------------------


def _one_text_node(path: Path, size: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        out.write('<playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList><track>')
        out.write("<location>file:///a.flac</location><title>")
        out.write("a" * size)
        out.write("</title></track></trackList></playlist>\n")
    return path


def test_a_huge_xspf_text_node_is_read_in_linear_time(tmp_path: Path) -> None:
    """Four times the text must not take anywhere near sixteen times as long."""
    spent = []
    for size in (4_000_000, 16_000_000):
        path = _one_text_node(tmp_path / f"{size}.xspf", size)
        started = time.process_time()
        assert len(xspf.load(path).entries[0].title) == size
        spent.append(time.process_time() - started)
    assert spent[1] < 8 * max(spent[0], 0.05), spent
