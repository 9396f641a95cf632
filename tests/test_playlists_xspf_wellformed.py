"""XSPF reading: the quick path refuses exactly what expat refuses, on files of many blocks.

The quick reader shows expat only the line breaks of the tracks it matched when their
blocks hold nothing that could make them ill-formed; these tests put such things
everywhere (inside tracks, at the seams of read blocks) and compare with the general
reader, which gives every character to the XML parser.
"""

from __future__ import annotations

import xml.parsers.expat as expat
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playlists import xspf
from playlists.errors import ParseError
from playlists.model import Credit, CueData, Entry, Playlist
from tests.playlist_samples import sochi


def _show(count: int) -> Playlist:
    """A running order of ``count`` cues with every kind of extension item."""
    base = sochi()
    entries: list[Entry] = []
    for number in range(count):
        entry = base.entries[number % len(base.entries)]
        cue = entry.cue or CueData()
        entries.append(
            replace(
                entry,
                title=f"{entry.title} {number}",
                cue=replace(
                    cue,
                    number=str(number + 1),
                    credits=(*cue.credits, Credit(f"Guest {number % 7}", "performer")),
                    crossfade_ms=2000 * (number % 2),
                    segment_budget_ms=600_000 + number // 10,
                    segment_at_ms=1_393_172_040_000 if number % 10 == 0 else None,
                    segment_at_label="handover" if number % 10 == 0 else "",
                ),
            )
        )
    return replace(base, entries=tuple(entries))


def _outcome(read: object) -> object:
    """What a reader gives: the playlist, or the text of its error."""
    try:
        return read()  # type: ignore[operator]
    except ParseError as error:
        return str(error)


def _both(path: Path) -> tuple[object, object]:
    """(the quick path's outcome, the general reader's) for the file at ``path``."""

    def general() -> Playlist:
        with path.open("rb") as source:
            return xspf._parse(source, str(path))

    return _outcome(lambda: xspf.load(path)), _outcome(general)


@lru_cache(maxsize=1)
def _show_bytes() -> bytes:
    data = xspf.dumps(_show(400), base_dir="/srv").encode("utf-8")
    assert len(data) > 4 * xspf._READ_SIZE
    return data


@pytest.fixture
def show_bytes() -> bytes:
    return _show_bytes()


def _insert(data: bytes, at: int, snippet: str) -> bytes:
    while data[at] & 0xC0 == 0x80:  # not inside a character
        at -= 1
    return data[:at] + snippet.encode("utf-8") + data[at:]


def test_a_show_of_many_blocks_reads_the_same_on_both_readers(
    tmp_path: Path, show_bytes: bytes
) -> None:
    path = tmp_path / "show.xspf"
    path.write_bytes(show_bytes)
    quick, general = _both(path)
    assert quick == general == xspf.loads(show_bytes.decode("utf-8"))
    assert isinstance(quick, Playlist) and len(quick.entries) == 400


BAD = [
    ("\x01", "not well-formed (invalid token)"),
    ("\x1c", "not well-formed (invalid token)"),
    ("\ufffe", "not well-formed (invalid token)"),
    ("\uffff", "not well-formed (invalid token)"),
    ("&bogus;", "undefined entity"),
    ("& ", "not well-formed (invalid token)"),
    ("&#0;", "reference to invalid character number"),
    ("&#xFFFE;", "reference to invalid character number"),
    ("]]>", "not well-formed (invalid token)"),
]


@pytest.mark.parametrize(("snippet", "message"), BAD, ids=[repr(s) for s, _ in BAD])
@pytest.mark.parametrize("where", ["title", "credit role", "segment label", "between children"])
def test_what_expat_refuses_in_a_track_is_refused_with_its_line(
    tmp_path: Path, show_bytes: bytes, snippet: str, message: str, where: str
) -> None:
    text = show_bytes.decode("utf-8")
    anchor, skip = {
        "title": ("<title>", 7),
        "credit role": ('<c:credit role="performer">Guest', 16),
        "segment label": ("<c:segmentLabel>", 16),
        "between children": ("</title>\n", 9),
    }[where]
    at = text.index(anchor, len(text) // 2) + skip
    path = tmp_path / "bad.xspf"
    path.write_text(text[:at] + snippet + text[at:], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    quick, general = _both(path)
    assert quick == general
    if snippet == "]]>" and where == "credit role":
        assert isinstance(quick, Playlist)  # an attribute value may hold it
    else:
        assert quick == f"{path}:{line}: not well-formed XML: {message}"


@pytest.mark.parametrize("offset", [-3, -2, -1, 0, 1])
@pytest.mark.parametrize("snippet", ["\uffff", "]]>", "&bogus;", "&", "\x02", "&amp;", "\r\n"])
def test_what_straddles_two_read_blocks_is_seen(
    tmp_path: Path, show_bytes: bytes, snippet: str, offset: int
) -> None:
    path = tmp_path / "seam.xspf"
    path.write_bytes(_insert(show_bytes, 2 * xspf._READ_SIZE + offset, snippet))
    _same_verdict(path)


def test_mismatched_closing_tags_in_our_block_are_refused(
    tmp_path: Path, show_bytes: bytes
) -> None:
    text = show_bytes.decode("utf-8")
    at = text.index("<c:segmentBudget>600030</c:segmentBudget>")
    bad = text[:at] + "<c:segmentBudget>600030</c:crossfade>" + text[at + 41 :]
    path = tmp_path / "mismatch.xspf"
    path.write_text(bad, encoding="utf-8")
    quick, general = _both(path)
    assert quick == general
    assert "mismatched tag" in str(quick)


SNIPPETS = st.sampled_from(
    ["<", ">", "&", ";", "]]>", "&amp;", "&lt;", "&#65;", "&#0;", "\x00", "\x1f", "\t", "\r",
     "\n", " ", "\u00a0", "\u2028", "\ufffe", "é", "'", '"', "/", "<!--", "-->", "<![CDATA[",
     "</c:gap>", "<c:gap>", "</track>", "<track>", "xmlns", "a"]
)  # fmt: skip


def _expat_verdict(data: bytes) -> str | None:
    """Expat's error on the whole document, as the readers word it (None: well-formed)."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return f"{error.lineno}: not well-formed XML: {expat.errors.messages[error.code]}"
    return None


def _same_verdict(path: Path) -> None:
    """The quick path refuses what expat refuses, as expat or the general reader words it
    (a track it cannot cut out is left to the latter, which also refuses unbound
    prefixes); it reads the rest as the general reader does (which words a bad value
    without its line)."""
    quick, general = _both(path)
    verdict = _expat_verdict(path.read_bytes())
    if verdict is not None:
        assert isinstance(general, str)
        assert quick in (f"{path}:{verdict}", general)
    elif isinstance(general, Playlist):
        assert quick == general
    else:
        assert isinstance(quick, str)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where=st.integers(min_value=0, max_value=10**9),
    snippets=st.lists(SNIPPETS, min_size=1, max_size=3),
)
def test_any_small_change_reads_as_the_general_reader_reads_it(
    tmp_path_factory: pytest.TempPathFactory, where: int, snippets: list[str]
) -> None:
    data = _show_bytes()
    start = data.index(b"<trackList>")
    at = start + where % (len(data) - start - 1)
    path = tmp_path_factory.mktemp("changed") / "changed.xspf"
    path.write_bytes(_insert(data, at, "".join(snippets)))
    _same_verdict(path)


def test_line_ends_in_a_location_read_as_xml_reads_them(tmp_path: Path) -> None:
    text = xspf.dumps(Playlist(entries=(Entry(location="/a/b c.flac"),)))
    path = tmp_path / "cr.xspf"
    path.write_bytes(text.replace("b%20c", "b\r\n%20\rc").encode("utf-8"))
    assert xspf.load(path).entries[0].location == "/a/b\n \nc.flac"
    _same_verdict(path)
