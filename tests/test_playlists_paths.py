"""Locations: percent-encoding, file URIs and rebasing."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import _paths
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
