"""`cuesheet scan`, `render`, `split` and `export --library` through click's CliRunner."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from metadata import tags
from tests import audiogen

REC = "0b3f4d5c-1a2b-4c3d-8e9f-001122334455"

SHOW = """\
title: Rehearsal
date: 2014-02-23
timezone: Europe/Moscow
start: 20:14
segments:
  - title: Opening
    cues:
      - title: Overture
        kind: music
        credits:
          performer: Sochi Orchestra
        {overture}
      - speech: Welcome to the closing ceremony
      - title: Kalinka
        kind: music
        {kalinka}
        gap: 0:00.500
  - title: Anthems
    cues:
      - title: National Anthem of Norway
        kind: anthem
        {anthem}
        crossfade: 0:00.200
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("audio")
    return {
        "overture": audiogen.make_level(folder / "overture.wav", 30_000, 1000),
        "kalinka": audiogen.make_level(folder / "kalinka.flac", 20_000, 2000),
        "anthem": audiogen.make_level(folder / "anthem.wav", 25_000, 3000),
    }


def _show(tmp_path: Path, audio: dict[str, Path], with_files: bool = True) -> Path:
    fields = {}
    for name, path in audio.items():
        if with_files:
            copy = tmp_path / "audio" / path.name
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, copy)
            fields[name] = f"file: audio/{path.name}"
        else:
            fields[name] = "notes: no file yet"
    show = tmp_path / "show.yaml"
    show.write_text(SHOW.format(**fields), encoding="utf-8")
    return show


def _library(tmp_path: Path, audio: dict[str, Path]) -> Path:
    folder = tmp_path / "music"
    folder.mkdir()
    titles = {"overture": "Overture", "kalinka": "Kalinka", "anthem": "National Anthem of Norway"}
    for name, path in audio.items():
        copy = folder / f"{name}{path.suffix}"
        shutil.copyfile(path, copy)
        tags.write(
            copy, tags.Tags(title=titles[name], recording_mbid=REC if name == "anthem" else None)
        )
    return folder


def _frames(sheet: Path) -> list[int]:
    found = re.findall(r"INDEX 01 (\d+):(\d+):(\d+)", sheet.read_text(encoding="utf-8"))
    return [(int(m) * 60 + int(s)) * 75 + int(f) for m, s, f in found]


def test_scan_lists_files_and_reports_unreadable_ones(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    folder = _library(tmp_path, audio)
    (folder / "broken.mp3").write_bytes(b"not audio" * 10)
    index = tmp_path / "index.sqlite"
    code, out, err = run("scan", str(folder), "--index", str(index), "--list")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert [Path(r[0]).name for r in rows] == ["anthem.wav", "kalinka.flac", "overture.wav"]
    assert rows[0][1:4] == ["0:00.567", "wav", "National Anthem of Norway"]
    assert rows[0][5] == REC
    assert f"warning: {folder / 'broken.mp3'}" in err
    assert "4 audio files (1 unreadable): 4 read, 0 unchanged" in err
    code, out, err = run("scan", str(folder), "--index", str(index))
    assert code == 0
    assert "4 audio files (1 unreadable): 0 read, 4 unchanged, 0 removed" in out


def test_an_index_or_cache_in_a_missing_folder_is_an_error(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    folder = _library(tmp_path, audio)
    index = tmp_path / "nodir" / "i.sqlite"
    code, _, err = run("scan", str(folder), "--index", str(index))
    assert code == 1
    assert err == (
        f"cuesheet: error: {index}: cannot open the library index: "
        f"the folder {index.parent} does not exist\n"
    )
    show = _show(tmp_path, audio, with_files=False)
    cache = tmp_path / "nodir2" / "c.sqlite"
    code, _, err = run("resolve", str(show), "--cache", str(cache), "--offline")
    assert code == 1
    assert err == (
        f"cuesheet: error: {cache}: cannot open the cache: "
        f"the folder {cache.parent} does not exist\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["music", "show.yaml"]


def test_render_a_show_file(tmp_path: Path, audio: dict[str, Path]) -> None:
    show = _show(tmp_path, audio)
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.flac"))
    assert code == 0, err
    assert "wrote" in err and "3 cues" in err
    kalinka = -(-(30_000 + 22_050) // 588)
    anthem = (kalinka * 588 + 20_000 - 8_820) // 588
    assert _frames(tmp_path / "mix.cue") == [0, kalinka, anthem]
    assert tags.read(tmp_path / "mix.flac").samples == anthem * 588 + 25_000
    sheet = (tmp_path / "mix.cue").read_text(encoding="utf-8")
    assert 'TITLE "Rehearsal"' in sheet and 'PERFORMER "Sochi Orchestra"' in sheet


def test_render_finds_files_in_a_library(tmp_path: Path, audio: dict[str, Path]) -> None:
    show = _show(tmp_path, audio, with_files=False)
    folder = _library(tmp_path, audio)
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.wav"))
    assert code == 2
    assert "3 cue(s) have no audio file" in err and "--library" in err
    assert not (tmp_path / "mix.wav").exists()
    code, _, err = run(
        "render",
        str(show),
        "-o",
        str(tmp_path / "mix.wav"),
        "--library",
        str(folder),
        "--index",
        str(tmp_path / "index.sqlite"),
    )
    assert code == 0, err
    assert "library: Anthems / cue" in err and "title+credits" in err
    assert len(_frames(tmp_path / "mix.cue")) == 3


def test_render_skip_missing(tmp_path: Path, audio: dict[str, Path]) -> None:
    show = _show(tmp_path, audio)
    text = show.read_text(encoding="utf-8").replace("file: audio/kalinka.flac", "notes: none")
    show.write_text(text, encoding="utf-8")
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.wav"), "--skip-missing")
    assert code == 0, err
    assert "skipped Opening / cue" in err and "Kalinka" in err
    assert len(_frames(tmp_path / "mix.cue")) == 2


def test_skip_missing_also_skips_a_named_file_that_is_not_there(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    show = _show(tmp_path, audio)
    (tmp_path / "audio" / "kalinka.flac").unlink()
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.wav"))
    assert code == 2
    gone = tmp_path / "audio" / "kalinka.flac"
    assert err == (
        f"cuesheet: error: {show}: audio file not found for 1 cue(s): "
        f"Opening / cue 3 'Kalinka': {gone} (--skip-missing would leave them out)\n"
    )
    assert not (tmp_path / "mix.wav").exists()
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.wav"), "--skip-missing")
    assert code == 0, err
    assert f"warning: {show}: skipped Opening / cue 3 'Kalinka': {gone} not found" in err
    assert len(_frames(tmp_path / "mix.cue")) == 2


def test_render_a_crossfade_too_long_names_the_show_and_cue(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    show = _show(tmp_path, audio)
    text = show.read_text(encoding="utf-8").replace("crossfade: 0:00.200", "crossfade: 0:10")
    show.write_text(text, encoding="utf-8")
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.wav"))
    assert code == 2
    assert err == (
        f"cuesheet: error: {show}: Anthems / cue 4 'National Anthem of Norway': a crossfade of "
        "0:10 is longer than the 0:01.640 of audio before it\n"
    )
    assert not (tmp_path / "mix.wav").exists()


def test_render_a_playlist(tmp_path: Path, audio: dict[str, Path]) -> None:
    for path in audio.values():
        shutil.copyfile(path, tmp_path / path.name)
    playlist = tmp_path / "list.m3u8"
    playlist.write_text(
        "#EXTM3U\n#EXTINF:1,A - One\noverture.wav\n#EXTINF:1,B - Two\nanthem.wav\n",
        encoding="utf-8",
    )
    code, _, err = run("render", str(playlist), "-o", str(tmp_path / "mix.wav"))
    assert code == 0, err
    assert tags.read(tmp_path / "mix.wav").samples == 52 * 588 + 25_000  # second cue on a frame


def test_render_bad_output_and_overwriting_the_source(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    show = _show(tmp_path, audio)
    code, _, err = run("render", str(show), "-o", str(tmp_path / "mix.ogg"))
    assert code == 2
    assert err.startswith("cuesheet: error: ") and "use one of" in err
    code, _, err = run("render", str(show), "-o", str(show))
    assert code == 2 and "refusing to overwrite" in err
    assert "Traceback" not in err


def test_split_a_rendered_mix(tmp_path: Path, audio: dict[str, Path]) -> None:
    show = _show(tmp_path, audio)
    mix = tmp_path / "mix.wav"
    assert run("render", str(show), "-o", str(mix))[0] == 0
    code, out, err = run(
        "split",
        str(mix),
        "--cue",
        str(tmp_path / "mix.cue"),
        "-o",
        str(tmp_path / "pieces"),
        "--format",
        "flac",
    )
    assert code == 0, err
    pieces = [Path(line) for line in out.splitlines()]
    assert [p.name for p in pieces] == [
        "01 - Sochi Orchestra - Overture.flac",
        "02 - Kalinka.flac",
        "03 - National Anthem of Norway.flac",
    ]
    assert b"".join(audiogen.decode(p) for p in pieces) == audiogen.decode(mix)
    assert tags.read(pieces[0]).tags.album == "Rehearsal"
    code, _, err = run(
        "split",
        str(mix),
        "--cue",
        str(tmp_path / "mix.cue"),
        "-o",
        str(tmp_path / "pieces"),
        "--format",
        "flac",
    )
    assert code == 1 and "use --force" in err
    code, _, err = run(
        "split",
        str(mix),
        "--cue",
        str(tmp_path / "mix.cue"),
        "-o",
        str(tmp_path / "pieces"),
        "--format",
        "flac",
        "--force",
    )
    assert code == 0, err


def test_split_with_a_bad_sheet(tmp_path: Path, audio: dict[str, Path]) -> None:
    sheet = tmp_path / "bad.cue"
    sheet.write_text(
        'FILE "x.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'
        "  TRACK 02 AUDIO\n    INDEX 01 10:00:00\n",
        encoding="utf-8",
    )
    code, _, err = run(
        "split", str(audio["overture"]), "--cue", str(sheet), "-o", str(tmp_path / "out")
    )
    assert code == 2
    assert "track 2 starts at 10:00:00, at or after the end of the audio" in err
    sheet.write_text("  TRACK 01 AUDIO\n", encoding="utf-8")
    code, _, err = run(
        "split", str(audio["overture"]), "--cue", str(sheet), "-o", str(tmp_path / "out")
    )
    assert code == 2 and "bad.cue:1" in err
    assert not (tmp_path / "out").exists()


def test_export_with_a_library(tmp_path: Path, audio: dict[str, Path]) -> None:
    show = _show(tmp_path, audio, with_files=False)
    folder = _library(tmp_path, audio)
    out = tmp_path / "show.json"
    code, _, err = run(
        "export",
        str(show),
        "-o",
        str(out),
        "--no-resolve",
        "--library",
        str(folder),
        "--index",
        str(tmp_path / "index.sqlite"),
    )
    assert code == 0, err
    text = json.dumps(json.loads(out.read_text(encoding="utf-8")))
    assert str(folder / "anthem.wav") in text
    assert '"duration_source": "file"' in text


def test_named_files_give_cues_their_lengths(tmp_path: Path, audio: dict[str, Path]) -> None:
    show = _show(tmp_path, audio)
    (tmp_path / "audio" / "kalinka.flac").unlink()
    out = tmp_path / "show.json"
    # The working folder is not the show's: relative files are taken from the show's folder.
    code, _, err = run("export", str(show), "-o", str(out), "--no-resolve")
    assert code == 0, err
    cues = [c for s in json.loads(out.read_text(encoding="utf-8"))["segments"] for c in s["cues"]]
    lengths = {c["title"]: (c["duration_ms"], c["duration_source"]) for c in cues}
    assert lengths["Overture"] == (680, "file")  # 30,000 samples at 44.1 kHz
    assert lengths["National Anthem of Norway"] == (567, "file")
    assert lengths["Kalinka"] == (None, None)
    gone = tmp_path / "audio" / "kalinka.flac"
    assert err == (
        f"cuesheet: warning: {show}: Opening / cue 3 'Kalinka': {gone}: not found; "
        "its length stays unknown\n"
    )
    code, table, _ = run("timing", str(show), "--no-resolve")
    assert code == 0
    overture = next(line for line in table.splitlines() if "Overture" in line)
    assert "0:01" in overture and "file" in overture


@pytest.mark.parametrize("command", ["scan", "render", "split"])
def test_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Examples:" in out and f"cuesheet {command}" in out


def test_render_an_xspf_with_file_uris(tmp_path: Path, audio: dict[str, Path]) -> None:
    folder = tmp_path / "with space"
    folder.mkdir()
    for path in audio.values():
        shutil.copyfile(path, folder / path.name)
    playlist = tmp_path / "list.xspf"
    playlist.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>'
        f"<track><location>{(folder / 'kalinka.flac').as_uri()}</location>"
        "<title>Kalinka</title></track>"
        f"<track><location>{(folder / 'anthem.wav').as_uri()}</location></track>"
        "</trackList></playlist>\n",
        encoding="utf-8",
    )
    assert "%20" in playlist.read_text(encoding="utf-8")
    code, _, err = run("render", str(playlist), "-o", str(tmp_path / "mix.wav"))
    assert code == 0, err
    assert tags.read(tmp_path / "mix.wav").samples == 35 * 588 + 25_000


def test_render_refuses_a_sheet_of_tracks_inside_one_file(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    sheet = tmp_path / "one-file.cue"
    sheet.write_text(
        f'FILE "{audio["overture"]}" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'
        "  TRACK 02 AUDIO\n    INDEX 01 00:00:10\n",
        encoding="utf-8",
    )
    code, _, err = run("render", str(sheet), "-o", str(tmp_path / "mix.wav"))
    assert code == 2 and "starts inside its file" in err


def test_render_refuses_a_json_playlist_of_tracks_inside_one_file(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    from playlists import jsonfile
    from playlists.model import Entry, Playlist

    inside = Playlist(
        entries=(
            Entry(location=str(audio["overture"]), title="One", start_ms=0),
            Entry(location=str(audio["overture"]), title="Two", start_ms=400),
        )
    )
    source = tmp_path / "one-file.json"
    source.write_text(jsonfile.dumps(inside), encoding="utf-8")
    code, _, err = run("render", str(source), "-o", str(tmp_path / "mix.wav"))
    assert code == 2 and "'Two' starts inside its file" in err
    assert not (tmp_path / "mix.wav").exists()


def test_local_path() -> None:
    from cuesheet.audio.render import local_path
    from cuesheet.errors import InputError

    assert local_path("file:///music/a%20b.flac", "/show") == "/music/a b.flac"
    assert local_path("audio/../x.wav", "/show") == "/show/x.wav"
    assert local_path("/abs/y.wav", "/show") == "/abs/y.wav"
    with pytest.raises(InputError, match="only local files"):
        local_path("https://example.org/a.mp3", "/show")


def _cuesheet(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a process: what a user sees on stderr, "Exception ignored" included."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "cuesheet", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_render_to_a_missing_folder_says_one_line_naming_the_output(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    show = _show(tmp_path, audio)
    done = _cuesheet(tmp_path, "render", show.name, "-o", "nodir/m.wav")
    assert done.returncode == 1
    assert done.stderr == "cuesheet: error: nodir/m.wav: cannot write: No such file or directory\n"
    assert not (tmp_path / "nodir").exists()


def test_render_with_a_broken_ffmpeg_blames_the_ffmpeg(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    show = _show(tmp_path, audio)
    code, _, err = run("render", str(show), "-o", str(tmp_path / "m.wav"), "--ffmpeg", "/bin/false")
    assert code == 1
    assert err.startswith("cuesheet: error: /bin/false: the ffmpeg given does not work: ")
    assert "cannot decode" not in err


def test_render_with_an_unwritable_sheet_writes_no_mix(
    tmp_path: Path, audio: dict[str, Path]
) -> None:
    show = _show(tmp_path, audio)
    code, _, err = run(
        "render", str(show), "-o", str(tmp_path / "m.wav"), "--cue", str(tmp_path / "no" / "x.cue")
    )
    assert code == 1
    sheet = tmp_path / "no" / "x.cue"
    assert err == f"cuesheet: error: {sheet}: cannot write: No such file or directory\n"
    assert not (tmp_path / "m.wav").exists()
