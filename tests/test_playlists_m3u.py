"""M3U/M3U8: layout, path modes, reading quirks, mpv as the outside judge, round trips."""

from __future__ import annotations

import re
import subprocess
import warnings
from collections.abc import Callable
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import _bulk, m3u, registry
from playlists.errors import (
    DecodingWarning,
    DroppedEntryWarning,
    FormatLimitError,
    LenientReadWarning,
    MissingFileWarning,
    ParseError,
    TextChangedWarning,
)
from playlists.model import CueData, Entry, Playlist
from tests.playlist_samples import sochi, with_wav_files
from tests.tools import require_tool


def _with_files(playlist: Playlist) -> Playlist:
    return replace(playlist, entries=tuple(e for e in playlist.entries if e.location))


def test_layout() -> None:
    text = m3u.dumps(_with_files(sochi()))
    lines = text.split("\n")
    assert lines[:5] == [
        "#EXTM3U",
        "#PLAYLIST:Sochi 2014 closing ceremony",
        "#EXTGRP:Opening",
        "#EXTINF:252,Modest Mussorgsky - Pictures at an Exhibition: \"The Hut on Hen's Legs "
        '(Baba Yaga)"',
        "audio/01 baba yaga.flac",
    ]
    assert "audio/03 Рахманинов.flac" in lines  # raw, not percent-encoded
    assert "\r" not in text and not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("ms", "seconds"), [(None, "-1"), (0, "0"), (1499, "1"), (1500, "2"), (252_000, "252")]
)
def test_extinf_whole_seconds_rounded_half_up(ms: int | None, seconds: str) -> None:
    text = m3u.dumps(Playlist(entries=(Entry(location="a.wav", title="t", duration_ms=ms),)))
    assert f"#EXTINF:{seconds},t\n" in text


def test_dump_is_utf8_without_bom(tmp_path: Path) -> None:
    out = tmp_path / "list.m3u8"
    registry.for_path(out).dump(_with_files(sochi()), out)
    data = out.read_bytes()
    assert data.startswith(b"#EXTM3U\n")
    assert "Рахманинов".encode() in data
    assert [p.name for p in tmp_path.iterdir()] == ["list.m3u8"]


def test_entry_without_location_is_dropped_with_a_warning() -> None:
    with pytest.warns(DroppedEntryWarning, match=r"entry 5 \('Goodbye, Moscow!'\)"):
        text = m3u.dumps(sochi())
    assert "Goodbye, Moscow!" not in text
    assert text.count("#EXTINF") == 5


def test_line_breaks_become_spaces_with_a_warning() -> None:
    entry = Entry(location="a.wav", title="two\nlines", creator="x\r\ny")
    with pytest.warns(TextChangedWarning, match="line break in the title"):
        text = m3u.dumps(Playlist(entries=(entry,)))
    assert "#EXTINF:-1,x y - two lines\na.wav\n" in text


@pytest.mark.parametrize(
    ("creator", "title"),
    [("", "A - B"), ("Orchestra - Chorus", "Anthem"), ("", "plain"), ("X", "A - B")],
)
def test_dash_in_names_round_trips(creator: str, title: str) -> None:
    playlist = Playlist(entries=(Entry(location="a.wav", title=title, creator=creator),))
    back = m3u.loads(m3u.dumps(playlist)).entries[0]
    assert (back.creator, back.title) == (creator, title)


def test_location_that_looks_like_a_comment() -> None:
    playlist = Playlist(entries=(Entry(location="#1 hit.wav"), Entry(location=" lead.wav")))
    text = m3u.dumps(playlist)
    assert "./#1 hit.wav\n" in text and "./ lead.wav\n" in text
    assert [e.location for e in m3u.loads(text).entries] == ["./#1 hit.wav", "./ lead.wav"]


# -- path modes -------------------------------------------------------------------------


def test_path_modes(tmp_path: Path) -> None:
    music = tmp_path / "music"
    playlist = Playlist(
        entries=(
            Entry(location="a b/ü.wav"),
            Entry(location=f"{tmp_path}/other/x.wav"),
            Entry(location="https://example.org/stream%201.mp3"),
            Entry(location=f"file://{tmp_path}/other/caf%C3%A9.wav"),
        )
    )

    def locations(**options: object) -> list[str]:
        text = m3u.dumps(playlist, playlist_dir=tmp_path / "lists", **options)  # type: ignore[arg-type]
        return [line for line in text.split("\n") if line and not line.startswith("#")]

    assert locations() == [
        "a b/ü.wav",
        f"{tmp_path}/other/x.wav",
        "https://example.org/stream%201.mp3",
        f"file://{tmp_path}/other/caf%C3%A9.wav",
    ]
    assert locations(base_dir=music) == [
        "../music/a b/ü.wav",
        f"{tmp_path}/other/x.wav",
        "https://example.org/stream%201.mp3",
        f"file://{tmp_path}/other/caf%C3%A9.wav",
    ]
    assert locations(paths="absolute", base_dir=music) == [
        f"{music}/a b/ü.wav",
        f"{tmp_path}/other/x.wav",
        "https://example.org/stream%201.mp3",
        f"{tmp_path}/other/café.wav",
    ]
    assert locations(paths="relative", base_dir=music) == [
        "../music/a b/ü.wav",
        "../other/x.wav",
        "https://example.org/stream%201.mp3",
        "../other/café.wav",
    ]
    with pytest.raises(ValueError, match="unknown path mode 'sideways'"):
        locations(paths="sideways")


def test_dump_relative_paths_are_relative_to_the_playlist(tmp_path: Path) -> None:
    out = tmp_path / "lists" / "show.m3u"
    out.parent.mkdir()
    playlist = Playlist(entries=(Entry(location=str(tmp_path / "audio" / "one.wav")),))
    m3u.dump(playlist, out, paths="relative")
    assert out.read_text(encoding="utf-8").endswith("\n../audio/one.wav\n")


# -- reading ----------------------------------------------------------------------------


def test_reading_bom_crlf_attributes_and_fractions() -> None:
    text = (
        "\ufeff#EXTM3U\r\n#PLAYLIST:Night\r\n"
        '#extinf:12.5 tvg-id="a,b" group-title="x",Artist - Song, with comma\r\n'
        "song.mp3\r\n"
        "\r\n# a comment\r\nplain.ogg\r\n"
        "#EXTINF:-1,Stream\r\nhttp://radio.example/live\r\n"
    )
    playlist = m3u.loads(text)
    assert playlist.title == "Night"
    first, second, third = playlist.entries
    assert (first.location, first.creator, first.title, first.duration_ms) == (
        "song.mp3",
        "Artist",
        "Song, with comma",
        12_500,
    )
    assert second == Entry(location="plain.ogg")
    assert (third.title, third.duration_ms, third.location) == (
        "Stream",
        None,
        "http://radio.example/live",
    )


def test_plain_m3u_without_header() -> None:
    assert [e.location for e in m3u.loads("a.mp3\nb.mp3\n").entries] == ["a.mp3", "b.mp3"]


@pytest.mark.parametrize("name", ["old.m3u", "old.m3u8"])
def test_legacy_encoding_is_read_with_a_warning_naming_it(tmp_path: Path, name: str) -> None:
    legacy = tmp_path / name
    legacy.write_bytes("#EXTM3U\n#EXTINF:10,Café - Crème\ncafé.mp3\n".encode("cp1252"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingFileWarning)
        with pytest.warns(DecodingWarning, match=rf"{name}: not UTF-8: read as cp1252"):
            entry = m3u.load(legacy).entries[0]
    assert (entry.creator, entry.title, entry.location) == ("Café", "Crème", "café.mp3")


def test_a_wrong_encoding_given_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.m3u"
    path.write_bytes(b"#EXTM3U\n#EXTINF:1,a\nx\xe9.wav\n")
    with pytest.raises(ParseError, match=r"odd\.m3u:3: not utf-8 text \(byte 0xe9\)"):
        m3u.load(path, encoding="utf-8", check_files=False)
    assert m3u.load(path, encoding="latin-1", check_files=False).entries[0].location == "xé.wav"


@pytest.mark.parametrize("name", ["blob.m3u", "blob.m3u8"])
def test_binary_data_is_not_an_empty_playlist(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ParseError, match=rf"{name}:\d+: not a text file"):
        m3u.load(path, check_files=False)


def test_missing_files_are_kept_and_reported(tmp_path: Path) -> None:
    (tmp_path / "here.wav").write_bytes(b"")
    path = tmp_path / "list.m3u8"
    path.write_text(
        "#EXTM3U\n#EXTINF:1,here\nhere.wav\n#EXTINF:1,gone\ngone.wav\nhttp://x.example/a\n",
        encoding="utf-8",
    )
    with pytest.warns(MissingFileWarning, match=r"1 entry .*list\.m3u8:5: gone\.wav"):
        playlist = m3u.load(path)
    assert [e.location for e in playlist.entries] == ["here.wav", "gone.wav", "http://x.example/a"]
    assert m3u.missing_files(playlist, tmp_path) == [(2, "gone.wav")]


def test_bad_input_names_the_line() -> None:
    with pytest.raises(ParseError) as caught:
        m3u.loads("#EXTM3U\na.mp3\n#EXTINF:3,Title\n\n", path="x.m3u8")
    assert caught.value.line == 3
    assert str(caught.value) == "x.m3u8:3: #EXTINF is not followed by a location (the file ends)"


def test_a_garbage_duration_keeps_its_entry_with_a_warning_naming_the_line() -> None:
    text = "#EXTM3U\n#EXTINF:abc,Muse - Uprising\na.mp3\n#EXTINF:" + "9" * 5000 + "x,B\nb.mp3\n"
    with pytest.warns(LenientReadWarning) as caught:
        playlist = m3u.loads(text, path="x.m3u8")
    assert [(e.creator, e.title, e.duration_ms) for e in playlist.entries] == [
        ("Muse", "Uprising", None),
        ("", "B", None),
    ]
    messages = [str(w.message) for w in caught]
    assert messages[0] == (
        "x.m3u8:2: #EXTINF duration 'abc' is not a number of seconds; read as unknown"
    )
    assert messages[1].startswith("x.m3u8:4: #EXTINF duration '9999") and len(messages[1]) < 150


def test_indented_directives_and_classic_mac_line_ends() -> None:
    text = "#EXTM3U\r  #EXTINF:5,A - B\r\ta.mp3\r #EXTINF:-1,C\rhttp://x/c\r"
    playlist = m3u.loads(text)
    assert [(e.location, e.creator, e.title, e.duration_ms) for e in playlist.entries] == [
        ("a.mp3", "A", "B", 5000),
        ("http://x/c", "", "C", None),
    ]


def test_round_trip() -> None:
    playlist = _with_files(sochi())
    back = m3u.loads(m3u.dumps(playlist))
    assert back.title == playlist.title
    for before, after in zip(playlist.entries, back.entries, strict=True):
        assert (after.location, after.title, after.creator, after.duration_ms) == (
            before.location,
            before.title,
            before.creator,
            before.duration_ms,
        )
        assert after.cue == CueData(segment=before.cue.segment if before.cue else "")


_LINE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00\n\r\x0b\x0c\x1c\x1d\x1e\x85"),
    max_size=30,
).map(str.strip) | st.sampled_from(['"quoted", he said', "Рахманинов", "아리랑", "x" * 3000])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            _LINE,
            _LINE,
            st.none() | st.integers(0, 10**8),
            _LINE.filter(lambda s: bool(s) and not s.startswith("#")),
        ),
        max_size=5,
    )
)
def test_property_round_trip(rows: list[tuple[str, str, int | None, str]]) -> None:
    playlist = Playlist(
        entries=tuple(
            Entry(location=loc, title=title, creator=creator, duration_ms=ms)
            for title, creator, ms, loc in rows
        )
    )
    back = m3u.loads(m3u.dumps(playlist)).entries
    assert [(e.title, e.creator, e.location) for e in back] == [
        (e.title, e.creator, e.location) for e in playlist.entries
    ]
    assert [e.duration_ms for e in back] == [
        None if e.duration_ms is None else (e.duration_ms + 500) // 1000 * 1000
        for e in playlist.entries
    ]


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=200))
def test_property_line_breaks_never_split_an_entry(title: str) -> None:
    playlist = Playlist(entries=(Entry(location="a.wav", title=title),))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextChangedWarning)
        back = m3u.loads(m3u.dumps(playlist))
    assert [e.location for e in back.entries] == ["a.wav"]


# -- mpv, a player we did not write -----------------------------------------------------

_MPV_MSG = "ENTRY ${playlist-pos-1}/${playlist-count} title=${media-title} path=${path}"


def _mpv(playlist_file: Path) -> list[str]:
    mpv = require_tool("mpv")
    result = subprocess.run(
        [
            mpv,
            "--no-config",
            "--ytdl=no",
            "--ao=null",
            "--vo=null",
            "--end=0.01",
            "--term-status-msg=",
            f"--term-playing-msg={_MPV_MSG}",
            str(playlist_file),
        ],
        cwd=playlist_file.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [line for line in result.stdout.splitlines() if line.startswith("ENTRY ")]


@pytest.mark.parametrize("name", ["show.m3u8", "show.m3u"])
def test_mpv_opens_every_entry(tmp_path: Path, name: str) -> None:
    playlist = with_wav_files(sochi(), tmp_path)
    out = tmp_path / name
    registry.for_path(out).dump(playlist, out)
    entries = _mpv(out)
    count = len(playlist.entries)
    assert [re.sub(r" title=.*", "", line) for line in entries] == [
        f"ENTRY {n}/{count}" for n in range(1, count + 1)
    ]
    for line, entry in zip(entries, playlist.entries, strict=True):
        assert f"title={entry.creator} - {entry.title} path=" in line
        assert entry.location is not None and line.endswith(entry.location)


def test_mpv_with_absolute_paths(tmp_path: Path) -> None:
    playlist = with_wav_files(sochi(), tmp_path / "audio root")
    lists = tmp_path / "lists"
    lists.mkdir()
    out = lists / "show.m3u8"
    m3u.dump(playlist, out, paths="absolute", base_dir=tmp_path / "audio root")
    assert len(_mpv(out)) == len(playlist.entries)
    out_rel = lists / "rel.m3u8"
    m3u.dump(playlist, out_rel, paths="relative", base_dir=tmp_path / "audio root")
    assert "../audio root/audio/03 Рахманинов.wav" in out_rel.read_text(encoding="utf-8")
    assert len(_mpv(out_rel)) == len(playlist.entries)


# -- the quick paths of reading ---------------------------------------------------------


def test_quick_entry_is_the_constructors_entry() -> None:
    cue = CueData(segment="Opening")
    quick = _bulk.entry("a b/ü.wav", "Title", "Creator", "Album", 252_000, cue)
    built = Entry("a b/ü.wav", "Title", "Creator", "Album", 252_000, cue=cue)
    assert type(quick) is Entry
    # every field, defaults included (an unset slot would raise here)
    assert [getattr(quick, f.name) for f in fields(Entry)] == [
        getattr(built, f.name) for f in fields(Entry)
    ]
    assert quick == built and hash(quick) == hash(built)
    with pytest.raises(FrozenInstanceError):
        quick.title = "changed"  # type: ignore[misc]
    assert _bulk.entry("x", "", "", "", None, None) == Entry("x")


_PLAIN_ROWS = st.lists(
    st.tuples(
        _LINE,
        _LINE,
        st.none() | st.integers(0, 10**8),
        _LINE.filter(lambda s: bool(s) and not s.startswith("#")),
    ),
    min_size=1,
    max_size=8,
)


def _line_by_line(text: str) -> Playlist:
    """The reader with its quick path out of the way: a comment line first (never pairs)."""
    return m3u.loads("#a comment\n" + text.removeprefix("\ufeff"))


@settings(max_examples=80, deadline=None)
@given(_PLAIN_ROWS, st.booleans(), st.booleans())
def test_quick_path_reads_as_line_by_line(
    rows: list[tuple[str, str, int | None, str]], crlf: bool, spaced: bool
) -> None:
    playlist = Playlist(
        entries=tuple(
            Entry(location=loc, title=title, creator=creator, duration_ms=ms)
            for title, creator, ms, loc in rows
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextChangedWarning)
        text = m3u.dumps(playlist).removeprefix("#EXTM3U\n")
    if spaced:
        text = re.sub(r"^(#EXTINF:-?\d+),", r"\1, \t", text, flags=re.MULTILINE)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert m3u.loads(text) == _line_by_line(text)


_PIECES = ["a", "é", "Ж", " ", "\t", "\xa0", "\u3000", "-", " - ", ",", "#", "1"]
_PIECE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=5).map("".join)
_SECONDS = st.sampled_from(
    ["1", "-1", "0012", "75"] * 4 + ["1.5", "\u0661", " 1", "1 ", "x", "", "1 - 2", "- 1"]
)
_EXTINF_LINE = st.builds(
    lambda seconds, comma, display: f"#EXTINF:{seconds}{comma}{display}",
    _SECONDS,
    st.sampled_from([","] * 8 + [""]),
    _PIECE_TEXT,
)
_LOCATION = st.sampled_from(["a.wav", "b/é.flac", "c d"] * 4) | st.sampled_from(
    [" a.wav", "a.wav\t", "#x", " #x", "\xa0#x", "", " ", "#EXTGRP:y", "#EXTINF:1,a"]
)
_ENTRY_LINES = st.builds(
    lambda group, extinf, location: [*group, extinf, location],
    st.sampled_from([["#EXTGRP:Part 1"], ["#EXTGRP: Part 2 "], ["#EXTGRP:"], ["#EXTGRP:-"]]),
    _EXTINF_LINE,
    _LOCATION,
)


def _read_with_warnings(text: str) -> tuple[Playlist | str, list[str]]:
    """What ``loads`` gives (the playlist, or the error's text) and the warnings' texts."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Playlist | str = m3u.loads(text, "x.m3u")
        except ParseError as error:
            result = str(error)
    return result, [str(warning.message) for warning in caught]


def _read_line_by_line(text: str) -> tuple[Playlist | str, list[str]]:
    """:func:`_read_with_warnings` with the quick path switched off."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(m3u, "_pairs", lambda *args: None)
        return _read_with_warnings(text)


def test_quick_path_reads_what_the_line_reader_reads() -> None:
    plain = "#EXTINF:252,A - B\na.wav\n#EXTINF:-1, Stream\n http://x.example/s \n"
    expected = [
        Entry("a.wav", "B", "A", "", 252_000),
        Entry("http://x.example/s", "Stream", "", "", None),
    ]
    assert list(m3u.loads(plain).entries) == expected == list(_line_by_line(plain).entries)
    assert m3u.loads(plain.replace("\n", "\r\n")) == m3u.loads(plain)
    grouped = "#EXTGRP:One\n#EXTINF:1,A - B\na.wav\n#EXTGRP: \n#EXTINF:2,C\nc.wav\n"
    first, second = m3u.loads(grouped).entries
    assert first == Entry("a.wav", "B", "A", "", 1000, cue=CueData(segment="One"))
    assert second == Entry("c.wav", "C", "", "", 2000)  # a blank group names no segment
    assert m3u.loads(grouped) == _line_by_line(grouped)
    for odd in (
        "#EXTINF:1.5,A\na.wav\n",  # a fraction
        '#EXTINF:1 tvg-id="x",A\na.wav\n',  # attributes
        "#EXTGRP:x\n#EXTINF:1,A\na.wav\n#EXTINF:2,B\nb.wav\n",  # a group on some entries
        "#EXTINF:1,A\na.wav\n#EXTGRP:x\n#EXTINF:2,B\nb.wav\n",
        "#EXTGRP:x\n#EXTINF:1,A\n#EXTGRP:y\n#EXTINF:2,B\nb.wav\n#c\n",  # a group, no location
        "#extgrp:x\n#EXTINF:1,A\na.wav\n",  # spelt in lower case
        "#EXTINF:1,A\n #x\n#EXTINF:2,B\nb.wav\n",  # an indented comment, not a location
        "#EXTINF:1,A\n\na.wav\nb.wav\n",  # a blank line
        "a.wav\nb.wav\n",  # no #EXTINF
        "#EXTINF:1,A\na.wav",  # no line end (the last slice)
        "#EXTINF:1,A\ra.wav\n",  # a lone carriage return
        "#EXTINF:1 - A\na.wav\n",  # a dash in the head, no comma
        "#EXTINF:1 - A,B\na.wav\n",
        "#EXTINF:1, - A\na.wav\n#EXTINF:1, - A\nb.wav\n",  # the dash in the white space
        "#EXTGRP:a\n#EXTINF:1,x\na.wav\n#EXTINF:2,y\n#EXTINF:3,z\nb.wav\n",  # no #EXTGRP
    ):
        assert _read_with_warnings(odd) == _read_line_by_line(odd), odd
    with pytest.raises(ParseError, match=r"^x.m3u:2: #EXTINF is not followed by a location"):
        m3u.loads("#EXTINF:1,A\n#EXTINF:2,B\n#comment\n", "x.m3u")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_ENTRY_LINES, min_size=1, max_size=6),
    st.sampled_from(["none", "all", "some"]),
    st.sampled_from(["\n", "\n", "\r\n"]),
)
def test_quick_path_equals_the_line_reader_on_odd_text(
    entries: list[list[str]], groups: str, line_end: str
) -> None:
    """Lines near what we write (spaces, dashes, commas, ``#`` where a location goes,
    groups on some entries): the quick path gives the line reader's playlist, warnings
    and errors, or leaves the slice to it."""
    if groups == "none":
        entries = [lines[1:] for lines in entries]
    elif groups == "some":
        entries = [lines[number % 2 :] for number, lines in enumerate(entries)]
    text = "".join(f"{line}{line_end}" for lines in entries for line in lines)
    assert _read_with_warnings(text) == _read_line_by_line(text)


def test_quick_path_takes_our_odd_lines() -> None:
    """The quick path does read lines with a dash at the start of the display text, white
    space after the comma, and a run of entries by one creator."""
    text = (
        "#EXTINF:1,A - B\na\n#EXTINF:2,A - C - D\nb\n#EXTINF:3, \tA - E\nc\n"
        "#EXTINF:4,  - F\nd\n#EXTINF:5, - G - H\ne\n#EXTINF:6,- I - J\nf\n#EXTINF:7\ng\n"
    )
    lines = text.split("\n")
    found = m3u._pairs(text, {}, {}, {})
    assert found is not None
    entries, step = found
    assert step == 2
    assert [(e.creator, e.title) for e in entries] == [
        ("A", "B"), ("A", "C - D"), ("A", "E"), ("", "- F"), ("- G", "H"), ("- I", "J"), ("", ""),
    ]  # fmt: skip
    assert entries[0].creator is entries[1].creator is entries[2].creator
    assert Playlist(entries=tuple(entries)) == _line_by_line(text) and len(lines) == 15


@pytest.mark.parametrize("grouped", [False, True])
def test_small_slices_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grouped: bool
) -> None:
    """Slices cut anywhere (file reads) or before an entry (text) give the same playlist.

    Every entry's location line is reported right (the missing files' warning).
    """
    entries = [
        Entry(
            location=f"dir {n}/{n:03d} track.wav",
            title=f"T{n}",
            creator="C",
            duration_ms=n,
            cue=CueData(segment=f"Part {n // 7}") if grouped else None,
        )
        for n in range(300)
    ]
    entries[150] = replace(entries[150], cue=CueData(segment="Middle"))  # a line-by-line slice
    playlist = Playlist(title="Many", entries=tuple(entries))
    text = m3u.dumps(playlist)
    path = tmp_path / "many.m3u8"
    path.write_text(text, encoding="utf-8")
    missing = set(range(0, 300, 15))  # 20: the warning names every one
    for n in set(range(300)) - missing:
        (tmp_path / f"dir {n}").mkdir()
        (tmp_path / f"dir {n}" / f"{n:03d} track.wav").write_bytes(b"")
    expected = m3u.loads(text)
    assert expected == _line_by_line(text)
    monkeypatch.setattr(m3u, "_SLICE", 97)
    assert m3u.loads(text) == expected
    with pytest.warns(MissingFileWarning) as caught:
        assert m3u.load(path) == expected
    location_lines = [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if line and not line.startswith("#")
    ]
    reported = [f"{path}:{location_lines[n]}: dir {n}/{n:03d} track.wav" for n in sorted(missing)]
    assert str(caught[0].message) == "20 entries with a missing file (kept): " + "; ".join(reported)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.booleans(), st.booleans()), max_size=40))
def test_every_entry_knows_its_line(layout: list[tuple[int, bool, bool]]) -> None:
    """The line kept for each entry's location (runs of entries, see ``_Lines``) is its
    line, whatever mix of quick slices and lines read one by one the file makes."""
    lines = ["#EXTM3U"]
    for number, (comments, grouped, blank) in enumerate(layout):
        lines += ["#a comment"] * comments + ["#EXTGRP:Part"] * grouped + [""] * blank
        lines += [f"#EXTINF:{number},T {number}", f"{number}.wav"]
    text = "".join(f"{line}\n" for line in lines)
    expected = [number for number, line in enumerate(lines, start=1) if line.endswith(".wav")]
    for size in (97, 1 << 16):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(m3u, "_SLICE", size)
            playlist, found = m3u._parse(m3u._text_chunks(text), None, want_lines=True)
        assert [found.line(index) for index in range(len(playlist.entries))] == expected


def test_segments_share_one_cue_value() -> None:
    text = "#EXTGRP:Opening\n#EXTINF:1,a\na.wav\n#EXTGRP:Opening\n#EXTINF:2,b\nb.wav\n"
    first, second = m3u.loads(text).entries
    assert first.cue == second.cue == CueData(segment="Opening")
    assert first.cue is second.cue


def test_loads_does_not_look_at_files(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_stat(*args: object) -> bool:
        raise AssertionError("loads() looked for a file")

    monkeypatch.setattr("os.path.exists", no_stat)
    monkeypatch.setattr("os.stat", no_stat)
    assert len(m3u.loads("#EXTM3U\n#EXTINF:1,a\nmissing.wav\n").entries) == 1


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.none() | st.text(max_size=12) | st.sampled_from(["a.wav", "#x.wav", " a.wav"]),
            st.text(max_size=12) | st.just("A - B"),
            st.text(max_size=12) | st.just("C - D"),
            st.none() | st.integers(0, 10**7),
            st.none() | st.text(max_size=6).map(lambda s: CueData(segment=s)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_quick_writing_is_the_careful_writing(
    rows: list[tuple[str | None, str, str, int | None, CueData | None]],
) -> None:
    """Entries are written alike whether their batch is usual or not.

    An entry without a location (left out) makes its batch unusual: the others
    are then written field by field, and must come out the same.
    """
    batch = tuple(
        Entry(location=loc, title=title, creator=creator, duration_ms=ms, cue=cue)
        for loc, title, creator, ms, cue in rows
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quick = _outcome(m3u.dumps, Playlist(entries=batch))
        careful = _outcome(m3u.dumps, Playlist(entries=(*batch, Entry(None))))
    assert quick == careful


def _outcome(write: Callable[[Playlist], str], playlist: Playlist) -> str:
    try:
        return write(playlist)
    except FormatLimitError as error:
        return str(error)


def test_quick_writing_takes_the_usual_batches() -> None:
    usual = [
        Entry("a b/ü.wav", "T - live", "C", duration_ms=1500),
        Entry("x.wav", "T", "", cue=CueData(segment="Opening")),
        Entry("y.wav", "T", "C", cue=CueData()),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert m3u.dumps(Playlist(entries=tuple(usual))) == (
            "#EXTM3U\n#EXTINF:2,C - T - live\na b/ü.wav\n#EXTGRP:Opening\n#EXTINF:-1,T\nx.wav\n"
            "#EXTINF:-1,C - T\ny.wav\n"
        )
    odd = Entry("a.wav", "x\ry", cue=CueData("a\nb"))
    with pytest.warns(TextChangedWarning):
        assert m3u.dumps(Playlist(entries=(*usual, odd))).endswith(
            "#EXTGRP:a b\n#EXTINF:-1,x y\na.wav\n"
        )
    with pytest.raises(FormatLimitError, match="entry 4: a location with a line break"):
        m3u.dumps(Playlist(entries=(*usual, Entry("a\nb.wav"))))


def test_iptv_attributes_and_vlc_options_survive_m3u_to_m3u() -> None:
    text = (
        "#EXTM3U\n"
        '#EXTINF:-1 tvg-id="bbc1.uk" tvg-logo="http://x/l.png" group-title="News",BBC One\n'
        "#EXTVLCOPT:http-user-agent=Mozilla/5.0\n"
        "http://x.example/bbc1.m3u8\n"
        "#EXTINF:3,Plain\nb.mp3\n"
    )
    playlist = m3u.loads(text)
    assert playlist.entries[0].extras == (
        ("m3u-attributes", 'tvg-id="bbc1.uk" tvg-logo="http://x/l.png" group-title="News"'),
        ("m3u", "#EXTVLCOPT:http-user-agent=Mozilla/5.0"),
    )
    assert m3u.dumps(playlist) == text
