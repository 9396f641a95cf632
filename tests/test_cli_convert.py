"""``cuesheet convert``: every readable format to every writable one, and bad input."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from playlists import cue, jsonfile, m3u, registry, xspf
from playlists.errors import TextChangedWarning
from playlists.model import Entry, Playlist
from tests.playlist_samples import sochi, with_wav_files

FORMATS = registry.names()


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The Sochi sample with real files, as lossless JSON in ``tmp_path/in``."""
    folder = tmp_path / "in"
    playlist = with_wav_files(sochi(), folder)
    path = folder / "sochi.json"
    jsonfile.dump(playlist, path)
    return path


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize("origin", FORMATS)
def test_every_format_to_every_format(
    sample: Path, tmp_path: Path, origin: str, target: str
) -> None:
    source = sample.with_name(f"first.{origin}")
    code, _, err = _run("convert", str(sample), str(source))
    assert code == 0, err
    out = tmp_path / "elsewhere" / f"second.{target}"
    out.parent.mkdir()
    code, _, err = _run("convert", str(source), str(out))
    assert code == 0, err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = registry.for_path(out).load(out)
    original = jsonfile.load(sample)
    assert len(back.entries) == len(original.entries)
    titles = [e.title for e in back.entries]
    assert titles in (
        [e.title for e in original.entries],
        [cue.fit_text(e.title)[0] for e in original.entries],  # through CUE's text rule
    )
    # Locations still reach the same files from the new directory.
    for entry in back.entries:
        assert entry.location is not None
        assert (out.parent / entry.location).resolve().exists(), entry.location


def test_m3u_relative_paths_are_rebased(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "lists" / "show.m3u8"
    out.parent.mkdir()
    code, _, err = _run("convert", str(sample), str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "\n../in/audio/03 Рахманинов.wav\n" in text
    code, _, _ = _run("convert", str(sample), str(out), "--paths", "absolute")
    assert f"\n{tmp_path}/in/audio/03 Рахманинов.wav\n" in out.read_text(encoding="utf-8")


def test_csv_profile_and_excel(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "rights.csv"
    code, _, err = _run("convert", str(sample), str(out), "--profile", "rights", "--excel")
    assert code == 0, err
    raw = out.read_text(encoding="utf-8")
    assert raw.startswith("\ufeffsequence,cue,title,writers,performers")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    assert rows[2]["writers"] == "Sergei Rachmaninoff (composer)"


def test_stdout_needs_a_format_and_writes_text(sample: Path) -> None:
    code, _, err = _run("convert", str(sample), "-")
    assert code == 2 and "needs --format" in err
    code, out, _ = _run("convert", str(sample), "-", "--format", "json")
    assert code == 0 and json.loads(out)["title"] == sochi().title


def test_from_overrides_the_extension(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    source.write_text("#EXTM3U\n#EXTINF:3,A - B\nhttp://x.example/a.mp3\n", encoding="utf-8")
    code, out, err = _run("convert", str(source), "-", "--from", "m3u", "--format", "xspf")
    assert code == 0, err
    assert xspf.loads(out).entries == (
        Entry(location="http://x.example/a.mp3", title="B", creator="A", duration_ms=3000),
    )


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    jsonfile.dump(Playlist(entries=(Entry(location="a.wav", title='say "hi"'),)), source)
    code, _, err = _run("convert", str(source), str(tmp_path / "out.cue"))
    assert code == 0
    assert "cuesheet: warning: entry 1 TITLE: double quotes replaced" in err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextChangedWarning)
        assert cue.load(tmp_path / "out.cue").entries[0].title == "say 'hi'"


def test_missing_files_are_reported_not_dropped(tmp_path: Path) -> None:
    source = tmp_path / "in.m3u8"
    source.write_text("#EXTM3U\nnot-here.wav\n", encoding="utf-8")
    code, _, err = _run("convert", str(source), str(tmp_path / "out.json"))
    assert code == 0
    assert "warning: 1 entry with a missing file (kept)" in err and "in.m3u8:2" in err
    assert jsonfile.load(tmp_path / "out.json").entries[0].location == "not-here.wav"


def test_split(tmp_path: Path) -> None:
    source = tmp_path / "long.json"
    many = tuple(Entry(location="a.wav", title=f"t{n}", duration_ms=1000) for n in range(150))
    jsonfile.dump(Playlist(entries=many), source)
    code, _, err = _run("convert", str(source), str(tmp_path / "long.cue"))
    assert code == 1 and "150 entries: a cue sheet holds at most 99 tracks" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.json"]
    code, _, err = _run("convert", str(source), str(tmp_path / "long.cue"), "--split")
    assert code == 0, err
    assert "wrote 2 sheets" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long-01.cue", "long-02.cue", "long.json"]


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.m3u8", "#EXTM3U\n#EXTINF:3,A\nx.wav\n#EXTINF:4,B\n", "bad.m3u8:4: "),
        ("bad.cue", 'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 1:2\n', "bad.cue:3: "),
        (
            "bad.xspf",
            "<playlist version='1' xmlns='http://xspf.org/ns/0/'>\n<trackList>\n",
            "bad.xspf:3: ",
        ),
        ("bad.csv", "segment,cue\n", "bad.csv:1: "),
        ("bad.json", '{"format": "playlists/playlist",\n "version": 1,,}', "bad.json:2: "),
    ],
)
def test_bad_input_exits_2_with_file_and_line(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.m3u8"
    code, stdout, err = _run("convert", str(source), str(out))
    assert code == 2
    assert err.startswith(f"cuesheet: error: {source.parent}/{where}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_bad_input_leaves_an_existing_output_alone(tmp_path: Path) -> None:
    source = tmp_path / "bad.cue"
    source.write_text("TRACK 01 AUDIO\n", encoding="utf-8")
    out = tmp_path / "out.m3u8"
    out.write_text("#EXTM3U\nold.wav\n", encoding="utf-8")
    code, _, _ = _run("convert", str(source), str(out))
    assert code == 2
    assert out.read_text(encoding="utf-8") == "#EXTM3U\nold.wav\n"


def test_unknown_formats_exit_2(sample: Path, tmp_path: Path) -> None:
    code, _, err = _run("convert", str(sample), str(tmp_path / "out.pls"))
    assert code == 2 and "known extensions: .csv, .cue, .json, .m3u, .m3u8, .xspf" in err
    code, _, err = _run("convert", str(sample), "-", "--format", "wpl")
    assert code == 2 and "unknown playlist format 'wpl'" in err


def test_missing_input_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("convert", str(tmp_path / "nope.m3u"), str(tmp_path / "out.xspf"))
    assert code == 2 and err == f"cuesheet: error: {tmp_path / 'nope.m3u'}: no such file\n"


@pytest.mark.parametrize("same", ["itself", "link", "other spelling"])
def test_never_overwrites_its_input(sample: Path, same: str) -> None:
    source = sample.with_name("show.m3u8")
    m3u.dump(jsonfile.load(sample), source)
    before = source.read_bytes()
    target = {
        "itself": str(source),
        "link": str(source.with_name("link.m3u8")),
        "other spelling": str(source.parent / "." / "audio" / ".." / "show.m3u8"),
    }[same]
    if same == "link":
        Path(target).symlink_to(source)
    code, _, err = _run("convert", str(source), target, "--format", "m3u8")
    assert code == 2 and "refusing to overwrite the input" in err
    assert source.read_bytes() == before


def test_a_cuesheet_json_export_converts(tmp_path: Path) -> None:
    """The lossless export is a playlist source too (rights CSV from the JSON model)."""
    import csv

    sochi = Path(__file__).resolve().parents[1] / "examples" / "sochi-2014-closing.yaml"
    exported = tmp_path / "sochi.json"
    done = CliRunner().invoke(cli, ["export", str(sochi), "-o", str(exported), "--no-resolve"])
    assert done.exit_code == 0, done.stderr
    rights = tmp_path / "rights.csv"
    done = CliRunner().invoke(cli, ["convert", str(exported), str(rights), "--profile", "rights"])
    assert done.exit_code == 0, done.stderr
    rows = list(csv.DictReader(rights.open(encoding="utf-8")))
    # not resolved: the role is the list's guess, and says so
    assert len(rows) == 44 and rows[0]["writers"] == "Modest Mussorgsky (composer?)"


def test_a_playlist_with_an_unknown_zone_is_bad_input(tmp_path: Path) -> None:
    source = tmp_path / "tz.json"
    source.write_text(
        '{"format": "playlists/playlist", "version": 1, "timezone": "Mars/X", "entries": []}',
        encoding="utf-8",
    )
    done = CliRunner().invoke(cli, ["convert", str(source), str(tmp_path / "out.csv")])
    assert done.exit_code == 2
    assert str(source) in done.stderr and "IANA" in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_a_legacy_sheet_warns_naming_its_encoding_and_encoding_overrides(tmp_path: Path) -> None:
    sheet = 'TITLE "Пять песен"\r\nFILE "01.wav" WAVE\r\n  TRACK 01 AUDIO\r\n'
    sheet += '    TITLE "Кони привередливые"\r\n    INDEX 01 00:00:00\r\n'
    source = tmp_path / "vys.cue"
    source.write_bytes(sheet.encode("cp1251"))
    code, _, err = _run("convert", str(source), str(tmp_path / "out.json"))
    assert code == 0
    assert f"cuesheet: warning: {source}: not UTF-8: read as cp1251 (guessed" in err
    assert jsonfile.load(tmp_path / "out.json").title == "Пять песен"
    code, _, err = _run("convert", str(source), "-", "--format", "m3u8", "--encoding", "cp1251")
    assert code == 0 and "not UTF-8" not in err
    code, _, err = _run("convert", str(source), "-", "--format", "m3u8", "--encoding", "utf-8")
    assert (code, err) == (2, f"cuesheet: error: {source}:1: not utf-8 text (byte 0xcf)\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf16_or_utf32_playlist_is_read(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "list.m3u"
    source.write_bytes(
        "#EXTM3U\r\n#EXTINF:61,Björk - Jóga\r\nhttp://x.example/a\r\n".encode(encoding)
    )
    code, out, err = _run("convert", str(source), "-", "--format", "m3u8")
    assert code == 0
    assert out == "#EXTM3U\n#EXTINF:61,Björk - Jóga\nhttp://x.example/a\n"
    assert "not UTF-8: read as utf-" in err


_HUGE = "x" * 1_000_000


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("big.cue", f'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 {_HUGE}\n', "big.cue:3: "),
        ("big.cue", f"{_HUGE}\n", "big.cue:1: not a cue sheet"),
        (
            "big.xspf",
            '<playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>\n'
            f"<track><duration>{_HUGE}</duration></track></trackList></playlist>",
            "big.xspf:2: ",
        ),
    ],
)
def test_a_refusal_is_one_short_line_however_long_the_value(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    code, _, err = _run("convert", str(source), str(tmp_path / "out.json"))
    assert code == 2
    assert err.startswith(f"cuesheet: error: {tmp_path / where}")
    assert err.count("\n") == 1 and len(err) < 300 + len(str(tmp_path))


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("empty.cue", "", "empty.cue:1: not a cue sheet"),
        ("blank.cue", "  \n\n", "blank.cue:1: not a cue sheet"),
    ],
)
# An empty M3U is a valid empty playlist (players and the peer corpus read it so); an empty
# CUE sheet is no sheet at all.
def test_an_empty_playlist_file_is_refused_not_read_as_an_empty_show(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    for args in (("timing", str(source)), ("convert", str(source), str(tmp_path / "out.json"))):
        code, _, err = _run(*args)
        assert code == 2, args
        assert f"cuesheet: error: {tmp_path}/{expected}" in err
        assert not (tmp_path / "out.json").exists()
