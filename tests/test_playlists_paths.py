"""Locations: percent-encoding, file URIs and rebasing."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import _bulk, _paths
from playlists.locations import rebase
from playlists.model import Entry, Playlist

_PATHS = st.text(alphabet="ab /.%#?&é Рä아\\:;=+@~'\"<>\t", min_size=1, max_size=16)


@settings(max_examples=300, deadline=None)
@given(_PATHS, st.sampled_from(["/base dir", "/", "/x/y/", "/아리랑"]))
def test_file_uri_is_the_general_rule_made_quick(location: str, base: str) -> None:
    quick = _paths.file_uri(location, base)
    assert quick == _paths.path_to_file_uri(_paths.absolute(location, base))
    assert quick.isascii() and " " not in quick
    if "\\" not in location and location[1:2] != ":":
        assert _paths.file_uri_to_path(quick) == _paths.absolute(location, base)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20).map(lambda s: s.replace("/", "")))
def test_percent_encoding_is_urllibs(name: str) -> None:
    assert _paths.percent_encode(name) == quote(
        name, safe="!$&'()*+,;=:@-._~", errors="surrogateescape"
    )


_URI_TAILS = st.text(alphabet="ab/%20C3A9FZ:.é아 ", max_size=24)


@settings(max_examples=400, deadline=None)
@given(_URI_TAILS)
def test_file_uri_to_path_decodes_as_unquote_does(tail: str) -> None:
    """The directory and the name decoded apart give what ``unquote`` gives of the whole."""
    expected = unquote("/" + tail, errors="surrogateescape")
    if re.match(r"^/[A-Za-z]:/", expected):
        expected = expected[1:]
    assert _paths.file_uri_to_path("file:///" + tail) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab /%é아\udc80\ud800#?&:@~", max_size=16))
def test_a_directory_is_encoded_as_quote_encodes_it(path: str) -> None:
    try:
        expected = quote(path, safe=_paths._URI_SAFE)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            _paths._quote_path(path)
        return
    assert _paths._quote_path(path) == expected


def test_a_memo_computes_once_keeps_at_most_its_size_and_stores_no_failure() -> None:
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return int(key)

    memo = _bulk.Memo(compute, 2)
    assert [memo["1"], memo["1"], memo["2"], memo["3"], memo["3"]] == [1, 1, 2, 3, 3]
    assert calls == ["1", "2", "3"] and len(memo) <= 2
    with pytest.raises(ValueError):
        memo["x"]
    assert "x" not in memo


def test_is_uri() -> None:
    assert _paths.is_uri("https://x.example/a") and _paths.is_uri("urn:isrc:X")
    assert not _paths.is_uri("C:\\music\\a.wav") and not _paths.is_uri("dir/a.wav")


def test_rebase_modes() -> None:
    playlist = Playlist(entries=(Entry(location="a/b.wav"), Entry(location="http://x.example/s")))
    moved = rebase(playlist, base_dir="/music", playlist_dir="/lists")
    assert [e.location for e in moved.entries] == ["../music/a/b.wav", "http://x.example/s"]
    same = rebase(playlist, base_dir="/music", playlist_dir="/music")
    assert same is playlist
    absolute = rebase(playlist, base_dir="/music", playlist_dir="/lists", mode="absolute")
    assert absolute.entries[0].location == "/music/a/b.wav"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        _PATHS | st.sampled_from(["/a b/c.flac", "/a b/d&e.flac", "x/y z.wav"]),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["/base dir", "/", "/x/y/", "/아리랑"]),
)
def test_file_uris_of_a_column_are_the_file_uris_of_each(locations: list[str], base: str) -> None:
    try:
        expected = [_paths.file_uri(location, base) for location in locations]
    except UnicodeEncodeError:
        return
    columns = _paths.file_uris(list(locations), _paths.uri_prefixes(base, str))
    if columns is not None:
        prefixes, names = columns
        assert [p + n for p, n in zip(prefixes, names, strict=True)] == expected


def test_file_uris_take_the_common_column_and_leave_the_odd_one() -> None:
    prefixes = _paths.uri_prefixes("/b", str)
    assert _paths.file_uris(["/m/a b.wav", "m/c.wav"], prefixes) == (
        ["file:///m/", "file:///b/m/"],
        ["a%20b.wav", "c.wav"],
    )
    for odd in ("a.wav", "/m/", "/m/..", "C:\\x.wav", "http://h/x", ""):
        assert _paths.file_uris(["/m/a.wav", odd], prefixes) is None
