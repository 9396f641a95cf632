"""load_source: the show file or the text list by extension, and one clear error otherwise."""

from __future__ import annotations

import datetime
import os
import warnings
from pathlib import Path

import pytest

from cuesheet.errors import InputError
from cuesheet.inputs.sources import SOURCES, load_source, source_kind
from cuesheet.model import CueKind, Role
from cuesheet.timing import clock
from playlists.errors import DecodingWarning

LIST = """\
= Gala night =
Some prose - not a list.

== Music ==
- Aram Khachaturian - Waltz from Masquerade
==Anthems==
- London Philharmonic Orchestra \u2013 Olympic Anthem
"""

SHOW = """\
title: Gala
date: 2014-02-23
timezone: Europe/Moscow
start: 20:14
segments:
  - title: One
    cues:
      - music: A - B
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.wiki", "LIST.TXT", "list.notes"])
def test_text_lists_by_extension_or_fallback(tmp_path: Path, name: str) -> None:
    show = load_source(_write(tmp_path, name, LIST))
    assert show.title == "Gala night"  # the document's title heading
    assert (show.timezone, show.start_ms) == ("UTC", 0)
    assert [(s.title, [c.title for c in s.cues]) for s in show.segments] == [
        ("Music", ["Waltz from Masquerade"]),
        ("Anthems", ["Olympic Anthem"]),
    ]
    waltz, anthem = (cue for _, cue in show.cues())
    assert waltz.names(Role.COMPOSER) == ("Aram Khachaturian",)
    assert anthem.kind is CueKind.ANTHEM


def test_text_list_options(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.txt", LIST + "== Encore ==\n- X - Y\n")
    show = load_source(
        path,
        sections=["encore"],
        title="Sochi",
        timezone="Europe/Moscow",
        start="20:14",
        date="2014-02-23",
    )
    assert show.title == "Sochi"
    assert clock.iso_local(show.start_ms, show.timezone) == "2014-02-23T20:14:00+04:00"
    assert clock.hhmm_utc(show.start_ms) == "16:14Z"
    assert [s.title for s in show.segments] == ["Encore"]
    same = load_source(
        path,
        sections=["encore"],
        timezone="Europe/Moscow",
        start=datetime.time(20, 14),
        date=datetime.date(2014, 2, 23),
    )
    assert same.start_ms == show.start_ms


def test_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    show = load_source(_write(tmp_path, "closing-night.txt", "== Music ==\n- A - B\n"))
    assert show.title == "closing-night"


@pytest.mark.parametrize("name", ["show.yaml", "show.yml", "SHOW.YAML"])
def test_show_files(tmp_path: Path, name: str) -> None:
    show = load_source(_write(tmp_path, name, SHOW))
    assert show.title == "Gala"
    assert clock.iso_local(show.start_ms, show.timezone) == "2014-02-23T20:14:00+04:00"


def test_show_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "show.yaml", SHOW.replace("start: 20:14", "start: 20.14"))
    with pytest.raises(InputError) as caught:
        load_source(path)
    assert str(caught.value) == f"{path}:4: 'start' must be HH:MM, got '20.14'"


def test_show_file_refuses_list_options(tmp_path: Path) -> None:
    path = _write(tmp_path, "show.yaml", SHOW)
    with pytest.raises(InputError) as caught:
        load_source(path, timezone="UTC", sections=["Music"])
    assert str(caught.value) == (
        f"{path}: a show file sets its own sections, timezone; those options apply to text lists"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as caught:
        load_source(path)
    assert str(caught.value) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_source(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, expected a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", LIST)
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        load_source(path)


def test_legacy_encoding_is_recognised_with_a_warning_and_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("== Music ==\n- Пётр Чайковский - Лебединое озеро\n".encode("cp1251"))
    with pytest.warns(DecodingWarning, match=r"cp1251\.txt: not UTF-8: read as cp1251"):
        show = load_source(path)
    assert [c.title for _, c in show.cues()] == ["Лебединое озеро"]
    with pytest.raises(InputError) as caught:
        load_source(path, encoding="utf-8")
    assert str(caught.value) == f"{path}:2: not utf-8 text (byte 0xf2)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_unicode_encodings_and_every_line_end(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(LIST.replace("\n", newline).encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DecodingWarning)
        show = load_source(path)
    assert [c.title for _, c in show.cues()] == ["Waltz from Masquerade", "Olympic Anthem"]


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SHOW.encode())
    assert load_source(path).title == "Gala"


def test_unknown_extension_that_is_no_list(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.dat", "just some words\n")
    with pytest.raises(InputError) as caught:
        load_source(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: no list found")
    assert "(read as a text list; known extensions: .yaml, .yml, .json, .csv, .cue, .m3u" in message


def test_bad_list_line_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.txt", "== Music ==\n- fine - yes\n- not splittable\n")
    with pytest.raises(InputError) as caught:
        load_source(path)
    assert (caught.value.path, caught.value.line) == (str(path), 3)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"start": "8pm"}, "start must be HH:MM, got '8pm'"),
        ({"date": "23/02/2014"}, "date must be YYYY-MM-DD, got '23/02/2014'"),
        ({"date": "2014-02-30"}, "date must be YYYY-MM-DD, got '2014-02-30'"),
        ({"timezone": "Sochi"}, "timezone: unknown IANA timezone 'Sochi'"),
    ],
)
def test_bad_list_options(tmp_path: Path, options: dict[str, str], message: str) -> None:
    path = _write(tmp_path, "list.txt", LIST)
    with pytest.raises(InputError) as caught:
        load_source(path, **options)
    assert str(caught.value) == message


def test_dispatch_table() -> None:
    names = [kind.name for kind in SOURCES]
    assert names == ["show file", "cuesheet JSON", "playlist", "text list"]
    assert source_kind("a/b.YML") is SOURCES[0]
    assert source_kind("b.json") is SOURCES[1]
    assert source_kind("b.m3u") is SOURCES[2]
    assert source_kind("b.md") is SOURCES[3]
    assert source_kind("b.dat") is None


def test_the_example_lists_file() -> None:
    path = Path(__file__).resolve().parents[1] / "examples" / "sochi-2014-lists.txt"
    show = load_source(path, timezone="Europe/Moscow", date="2014-02-23", start="20:14")
    assert show.title == "Sochi 2014 closing ceremony: music and anthems"
    assert [(s.title, len(s.cues)) for s in show.segments] == [
        ("Music", 16),
        ("Anthems", 4),
        ("Victory ceremonies", 1),
    ]


def test_a_cuesheet_json_is_known_from_its_first_bytes(tmp_path: Path) -> None:
    from cuesheet.inputs.showjson import is_cuesheet_json, sniff

    head = '\ufeff{\n  "format": "cuesheet/show",\n  "version": 1,\n  "segments": ['
    path = tmp_path / "big.json"
    path.write_text(head + " " * 200_000 + "garbage", encoding="utf-8")
    assert sniff(path)  # the tail is never read
    assert is_cuesheet_json(head)
    assert not is_cuesheet_json('{"entries": [], "title": "a playlist"}')
    assert not is_cuesheet_json('["format", "cuesheet/show"]')
    assert not sniff(tmp_path / "missing.json")
