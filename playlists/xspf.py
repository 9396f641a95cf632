"""XSPF version 1 (XML Shareable Playlist Format), namespace ``http://xspf.org/ns/0/``.

Writing produces a document valid against the XSPF 1 RELAX NG schema:
``<playlist version="1">`` with ``title``, ``creator``, ``annotation`` and a
``date`` that carries its UTC offset; every track gets a ``location``
(relative and absolute paths become absolute, percent-encoded ``file:///``
URIs; URLs are kept, with spaces and non-ASCII characters percent-encoded),
its ``identifier`` URIs (e.g. ``https://musicbrainz.org/recording/<mbid>``),
``title``, ``creator``, ``annotation``, ``album``, ``trackNum`` counting from
1 and ``duration`` in integer milliseconds.  What XSPF has no element for (the
segment, cue number, kind, scheduled start, credits with roles (``guessed="true"``
on a guessed one, ``source=`` when said), ISRC, ISWC, usage, offsets in the file, CUE
gaps, the running order's gap, crossfade, in and out points and fades, the segment's
fixed time, label, budget, notes and usage code; the playlist's IANA timezone and hard
out) goes into an ``<extension application="urn:cuesheet:xspf:1">`` block, so a round
trip loses nothing.  Characters XML 1.0 cannot carry at all (most C0 controls) are
replaced by U+FFFD with a :class:`TextChangedWarning`.

The writer streams text; it never builds a tree.  Relative locations are
taken relative to ``base_dir`` (default: the directory of the file written, or
the current directory for :func:`dumps`).

Reading is hardened: a document with a DTD (``<!DOCTYPE``) is refused before
any parser sees it (and expat is told to refuse one too), so no external
entity, external DTD or entity expansion can ever be processed.  It streams,
64 KiB at a time, and never holds a tree of the document: expat, with no
content handlers, proves the text well-formed at C speed while the tracks are
cut out of the same text and read with regular expressions (a track exactly as
we write it, in a block free of anything that could make it ill-formed, is
well-formed by construction: expat is shown only its line breaks); a track with
unusual markup (attributes, prefixes, CDATA...) is read by ElementTree, and a
document that cannot be cut up safely (comments between tracks, another
encoding than UTF-8, a prefixed ``trackList``) is read entirely by the
general reader, ElementTree's pull parser.  Both give the same playlist.
``file:`` locations come back as local paths (percent-decoded); other URLs are
kept.  An error names the line (of the track, for a bad value).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, compress, islice
from operator import attrgetter
from pathlib import Path
from typing import IO, TextIO, cast
from urllib.parse import quote, unquote, urljoin

from playlists import _bulk, _paths, _time, textfile
from playlists.atomic import atomic_open
from playlists.errors import LenientReadWarning, ParseError, TextChangedWarning, shown
from playlists.model import Credit, CueData, Entry, Playlist

NS = "http://xspf.org/ns/0/"
EXTENSION = "urn:cuesheet:xspf:1"
"""The ``application`` URI of our extension block (and its element namespace)."""

_X = "{" + NS + "}"
_C = "{" + EXTENSION + "}"
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_NEEDS_ESCAPE = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
_CHUNK = 256
"""Tracks written a batch at a time.  Why not more: the text of 1,024 tracks (about 700 KB
as UCS-2) made malloc map and unmap fresh pages for every batch (9,400 page faults
writing 100,000 tracks, against 380 with 256; the same instructions either way)."""
_READ_SIZE = 1 << 16


# -- writing ----------------------------------------------------------------------------


def _clean(text: str) -> str:
    warnings.warn(
        "characters XML cannot carry were replaced by U+FFFD", TextChangedWarning, stacklevel=5
    )
    return _BAD_XML_CHARS.sub("\ufffd", text)


def _esc(text: str) -> str:
    """``text`` as XML character data."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    if _BAD_XML_CHARS.search(text):
        text = _clean(text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value (whitespace kept as character refs)."""
    if _ATTR_NEEDS_ESCAPE.search(text) is None:
        return text
    if _BAD_XML_CHARS.search(text):
        text = _clean(text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _uri(location: str, base_dir: str) -> str:
    """``location`` as a URI, escaped for XML character data."""
    if ":" in location and _paths.is_uri(location):
        if not location.isascii() or " " in location:
            location = quote(location, safe=_URL_SAFE)
        return _esc(location)
    return _amp_text(_paths.file_uri(location, base_dir))


def _date(playlist: Playlist) -> str | None:
    """``Playlist.date_ms`` as local time with its UTC offset; None (warned) for an unknown zone."""
    if playlist.date_ms is None:
        return None
    try:
        return _time.iso_local(playlist.date_ms, playlist.timezone)
    except ValueError as error:
        warnings.warn(
            f"playlist date: {error}; left out of the XSPF", TextChangedWarning, stacklevel=4
        )
        return None


def _read_date(text: str, timezone: str, path: str | None) -> tuple[int | None, str]:
    """``<date>`` -> (instant, its zone); a date with no UTC offset is left out, with a warning."""
    if not text:
        return None, timezone
    try:
        return _time.parse_date(text, timezone)
    except ValueError:
        where = f"{path}: " if path else ""
        warnings.warn(
            f"{where}playlist date {shown(text)} is not an ISO 8601 date-time with a UTC offset; "
            "left out",
            TextChangedWarning,
            stacklevel=5,
        )
        return None, timezone


_SHOW_MS = (
    ("gap", "gap_ms"),
    ("crossfade", "crossfade_ms"),
    ("in", "in_ms"),
    ("out", "out_ms"),
    ("fadeIn", "fade_in_ms"),
    ("fadeOut", "fade_out_ms"),
    ("segmentBudget", "segment_budget_ms"),
)
"""Extension tags of the running order's durations (ms) and their :class:`CueData` fields."""
_SHOW_TEXT = (
    ("segmentLabel", "segment_at_label"),
    ("segmentNotes", "segment_notes"),
    ("segmentUsage", "segment_usage"),
)
"""Extension tags of the segment's text (label, notes, usage) and their :class:`CueData` fields."""
_SHOW_TAGS = (*(tag for tag, _ in _SHOW_MS), "segmentAt", *(tag for tag, _ in _SHOW_TEXT))
"""The running-order items in the order :func:`_show_items` writes them."""
_SHOW_DEFAULTS = {"gap_ms": 0, "crossfade_ms": 0, "in_ms": 0, "fade_in_ms": 0, "fade_out_ms": 0}


def _show_items(data: CueData) -> Iterator[str]:
    """The extension items of a cue's running-order fields (gaps, fades, its segment's plan)."""
    for tag, name in _SHOW_MS:
        value = getattr(data, name)
        if value is not None and value != _SHOW_DEFAULTS.get(name):
            yield f"<c:{tag}>{value}</c:{tag}>"
    if data.segment_at_ms is not None:
        yield f"<c:segmentAt>{_time.iso_utc(data.segment_at_ms)}</c:segmentAt>"
    for tag, text in _SHOW_TEXT:
        value = getattr(data, text)
        if value:
            yield f"<c:{tag}>{_esc(value)}</c:{tag}>"


def _show_fields(extra: _Extra) -> dict[str, object]:
    """The :class:`CueData` fields that :func:`_show_items` wrote, read back."""
    out: dict[str, object] = {
        name: extra.numbers[tag] for tag, name in _SHOW_MS if tag in extra.numbers
    }
    if "segmentAt" in extra.instants:
        out["segment_at_ms"] = extra.instants["segmentAt"]
    out.update((name, extra.text[tag]) for tag, name in _SHOW_TEXT if tag in extra.text)
    return out


def _cue_block(entry: Entry) -> str:
    parts: list[str] = []
    data = entry.cue
    if data is not None:
        for tag, value in (
            ("segment", data.segment),
            ("number", data.number),
            ("kind", data.kind),
        ):
            if value:
                parts.append(f"<c:{tag}>{_esc(value)}</c:{tag}>")
        if data.start_utc_ms is not None:
            parts.append(f"<c:start>{_time.iso_utc(data.start_utc_ms)}</c:start>")
        for credit in data.credits:
            guessed = ' guessed="true"' if credit.guessed else ""
            source = f' source="{_attr(credit.source)}"' if credit.source else ""
            parts.append(
                f'<c:credit role="{_attr(credit.role)}"{guessed}{source}>'
                f"{_esc(credit.name)}</c:credit>"
            )
        for tag, value in (
            ("isrc", data.isrc),
            ("iswc", data.iswc),
            ("usage", data.usage),
            ("durationSource", data.duration_source),
        ):
            if value:
                parts.append(f"<c:{tag}>{_esc(value)}</c:{tag}>")
        parts.extend(_show_items(data))
    if entry.start_ms is not None:
        parts.append(f"<c:startInFile>{entry.start_ms}</c:startInFile>")
    if entry.pregap_ms:
        parts.append(f"<c:pregap>{entry.pregap_ms}</c:pregap>")
    if entry.postgap_ms:
        parts.append(f"<c:postgap>{entry.postgap_ms}</c:postgap>")
    if entry.index00_ms is not None:
        parts.append(f"<c:index00>{entry.index00_ms}</c:index00>")
    if data is not None and data == CueData() and not parts:
        parts.append("<c:cue/>")  # an empty CueData, kept as such
    if not parts:
        return ""
    return (
        f'      <extension application="{EXTENSION}">\n'
        f'        <c:entry xmlns:c="{EXTENSION}">{"".join(parts)}</c:entry>\n'
        "      </extension>\n"
    )


def write(
    playlist: Playlist, out: TextIO, *, base_dir: str | os.PathLike[str] | None = None
) -> None:
    """Write ``playlist`` as XSPF to an open text stream (UTF-8 is declared)."""
    base = os.path.abspath(os.fspath(base_dir) if base_dir is not None else ".")
    head = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<playlist xmlns="{NS}" version="1">\n']
    for tag, value in (
        ("title", playlist.title),
        ("creator", playlist.creator),
        ("annotation", playlist.annotation),
    ):
        if value:
            head.append(f"  <{tag}>{_esc(value)}</{tag}>\n")
    date = _date(playlist)
    if date:
        head.append(f"  <date>{date}</date>\n")
    if playlist.timezone or playlist.hard_out_ms is not None:
        items = f"<c:timezone>{_esc(playlist.timezone)}</c:timezone>" if playlist.timezone else ""
        if playlist.hard_out_ms is not None:
            items += f"<c:hardOut>{_time.iso_utc(playlist.hard_out_ms)}</c:hardOut>"
        head.append(
            f'  <extension application="{EXTENSION}">\n'
            f'    <c:playlist xmlns:c="{EXTENSION}">{items}</c:playlist>\n'
            "  </extension>\n"
        )
    head.append("  <trackList>\n")
    out.write("".join(head))
    entries = playlist.entries
    prefixes = _paths.uri_prefixes(base, _amp_text)
    for first in range(0, len(entries), _CHUNK):
        out.write(_tracks(entries[first : first + _CHUNK], first + 1, base, prefixes))
    out.write("  </trackList>\n</playlist>\n")


_PLAIN_TEXT_BYTES = bytes(
    byte for byte in range(256) if (byte >= 0x20 and chr(byte) not in "&<>") or chr(byte) in "\t\n"
)
_NONCHARACTER_RE = re.compile(b"\xef\xbf[\xbe\xbf]")
_PLAIN, _TO_ESCAPE, _BAD = range(3)


def _scan(text: str) -> int:
    """What ``text`` needs as character data: nothing (``_PLAIN``), escapes, or cleaning.

    ``_PLAIN`` when ``_NEEDS_ESCAPE`` finds nothing in it, ``_BAD`` when
    ``_BAD_XML_CHARS`` finds something, ``_TO_ESCAPE`` otherwise.  Why: sre tests
    each character against those classes; here the UTF-8 bytes are tested by
    ``bytes.translate`` (a table, in C), three times quicker on a long column.  A
    lone surrogate cannot be encoded; U+FFFE and U+FFFF are the only characters
    whose UTF-8 is ``EF BF BE`` and ``EF BF BF``.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return _BAD
    left = data.translate(None, _PLAIN_TEXT_BYTES)
    if b"\xef\xbf" in data and _NONCHARACTER_RE.search(data) is not None:
        return _BAD
    if not left:
        return _PLAIN
    return _TO_ESCAPE if not left.translate(None, b"&<>\r") else _BAD


def _escaped(values: list[str]) -> list[str]:
    """``[_esc(value) for value in values]``, escaping them all at once where that is the same.

    Why: one search over the joined column costs a fraction of a search per value
    (the writer's main cost after the f-strings), and the common column needs no
    escape at all.  Joined by line breaks, which escaping leaves alone, the column
    is escaped in one pass and split again, unless a value holds a line break itself
    or a character XML cannot carry (:func:`_esc` warns once for each value holding one).
    """
    joined = "\n".join(values)
    found = _scan(joined)
    if found == _PLAIN:
        return values
    if joined.count("\n") != len(values) - 1 or found == _BAD:
        return [_esc(value) for value in values]
    return (
        joined.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
        .split("\n")
    )


def _tracks(
    batch: Sequence[Entry], first_number: int, base: str, prefixes: _bulk.Memo[str, str]
) -> str:
    """The ``<track>`` elements of ``batch`` (the first numbered ``first_number``), as one text.

    Why: built a column at a time, not a track at a time.  Each element is a column
    of values; a column every track has becomes its constant tags and the bare
    values, one nobody has is left out, and only a mixed one is made track by
    track (``""`` where absent).  The columns are then woven together by
    :func:`_weave`: the loop over the tracks runs in C (with the locations as a
    column, a third fewer instructions than an f-string a track).  The text is the
    same, byte for byte.  ``prefixes``: :func:`playlists._paths.uri_prefixes` of
    ``base``, escaped (one for the whole write).
    """
    size = len(batch)
    titles = _escaped([entry.title for entry in batch])
    creators = _escaped([entry.creator for entry in batch])
    albums = _escaped([entry.album for entry in batch])
    parts: list[str | list[str]] = ["    <track>\n", *_location_parts(batch, base, prefixes)]
    parts += _identifier_parts([entry.identifiers for entry in batch], base)
    parts += _element("title", titles)
    parts += _element("creator", creators)
    annotations = [entry.annotation for entry in batch]
    if annotations.count("") != size:
        parts.append(
            [f"      <annotation>{_esc(a)}</annotation>\n" if a else "" for a in annotations]
        )
    parts += _element("album", albums)
    parts += [
        "      <trackNum>",
        list(map(format, range(first_number, first_number + size))),
        "</trackNum>\n",
    ]
    durations = [entry.duration_ms for entry in batch]
    absent = durations.count(None)
    if absent == 0:
        parts += ["      <duration>", list(map(format, durations)), "</duration>\n"]
    elif absent != size:
        parts.append(
            [f"      <duration>{d}</duration>\n" if d is not None else "" for d in durations]
        )
    blocks = list(map(_BLOCK_FIELDS, batch))
    if blocks.count(_NO_BLOCK) != size:
        parts.append(
            [_cue_block(e) if b != _NO_BLOCK else "" for e, b in zip(batch, blocks, strict=True)]
        )
    parts.append("    </track>\n")
    return _weave(parts, size)


_NO_BLOCK = (None, None, 0, 0, None)
_BLOCK_FIELDS = attrgetter("cue", "start_ms", "pregap_ms", "postgap_ms", "index00_ms")
"""What says whether an entry needs our extension block: none when it is :data:`_NO_BLOCK`."""


def _element(tag: str, values: list[str]) -> list[str | list[str]]:
    """The parts (see :func:`_weave`) of an optional element holding ``values`` ("": absent)."""
    absent = values.count("")
    if absent == 0:
        return [f"      <{tag}>", values, f"</{tag}>\n"]
    if absent == len(values):
        return []
    return [[f"      <{tag}>{value}</{tag}>\n" if value else "" for value in values]]


def _amp(column: list[str]) -> list[str]:
    """``[value.replace("&", "&amp;") for value in column]`` (values without line breaks)."""
    joined = "\n".join(column)
    return joined.replace("&", "&amp;").split("\n") if "&" in joined else column


def _identifier_parts(identifiers: list[tuple[str, ...]], base: str) -> list[str | list[str]]:
    """The parts (see :func:`_weave`) of the ``<identifier>`` elements of a batch's tracks.

    The identifiers of all the tracks are made URIs as one column (see :func:`_urls`),
    then given back to their tracks: a column of their own when every track has one.
    """
    if identifiers.count(()) == len(identifiers):
        return []
    flat = list(chain.from_iterable(identifiers))
    uris = _urls(flat)
    if uris is None:
        uris = [_uri(identifier, base) for identifier in flat]
    counts = list(map(len, identifiers))
    if len(flat) == len(identifiers) and counts.count(1) == len(counts):
        return ["      <identifier>", uris, "</identifier>\n"]
    lines = [f"      <identifier>{uri}</identifier>\n" for uri in uris]
    if max(counts) == 1:
        column = [""] * len(identifiers)
        for index, line in zip(compress(range(len(counts)), counts), lines, strict=True):
            column[index] = line
        return [column]
    taken = iter(lines)
    return [["".join(islice(taken, count)) if count else "" for count in counts]]


def _urls(values: list[str]) -> list[str] | None:
    """``[_uri(value, base) for value in values]`` when all are URLs only XML escapes change.

    That is, ASCII URIs (``scheme:``) without spaces: nothing to percent-encode.
    None for any other column, which then goes value by value.
    """
    joined = "\n".join(values)
    if (
        not joined.isascii()
        or " " in joined
        or joined.count("\n") != len(values) - 1
        or not _paths.are_uris(values)
    ):
        return None
    return _escaped(values)


def _amp_text(text: str) -> str:
    """A percent-encoded URI as XML character data: only ``&`` is left to escape."""
    return text.replace("&", "&amp;") if "&" in text else text


def _location_parts(
    batch: Sequence[Entry], base: str, prefixes: _bulk.Memo[str, str]
) -> list[str | list[str]]:
    """The parts (see :func:`_weave`) of the ``<location>`` elements of ``batch``.

    ``prefixes``: :func:`playlists._paths.uri_prefixes` of ``base``, escaped.
    """
    locations = [entry.location for entry in batch]
    columns = _paths.file_uris(locations, prefixes)
    if columns is not None:
        directories, names = columns
        return ["      <location>", directories, _amp(names), "</location>\n"]
    if not any(locations):
        return []
    return [
        [
            f"      <location>{_uri(location, base)}</location>\n" if location else ""
            for location in locations
        ]
    ]


def _weave(parts: list[str | list[str]], size: int) -> str:
    """The text of ``size`` tracks: ``parts`` are constant texts and columns of ``size`` texts.

    Track ``i`` is every part in order, a column giving its ``i``-th text.  The list
    of the texts of all the tracks is filled a part at a time by slice assignment
    and joined once.
    """
    slots: list[str | list[str]] = []
    for part in parts:
        if isinstance(part, str) and slots and isinstance(slots[-1], str):
            slots[-1] += part
        else:
            slots.append(part)
    width = len(slots)
    woven = [""] * (width * size)
    for index, slot in enumerate(slots):
        woven[index::width] = [slot] * size if isinstance(slot, str) else slot
    return "".join(woven)


def dumps(playlist: Playlist, *, base_dir: str | os.PathLike[str] | None = None) -> str:
    """The playlist as XSPF text."""
    buffer = io.StringIO()
    write(playlist, buffer, base_dir=base_dir)
    return buffer.getvalue()


def dump(
    playlist: Playlist,
    path: str | os.PathLike[str],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    fsync: bool = True,
) -> None:
    """Write the playlist to ``path`` atomically; relative locations default to its directory."""
    base = base_dir if base_dir is not None else Path(path).parent
    with atomic_open(path, newline="\n", fsync=fsync) as out:
        write(playlist, out, base_dir=base)


# -- reading ----------------------------------------------------------------------------


def _refuse_dtd(head: str, path: str | None) -> bool:
    """Check the prolog in ``head``; True once the root element is reached.

    Raises :class:`ParseError` for a ``<!DOCTYPE`` (or any other declaration).
    """
    pos = 1 if head.startswith("\ufeff") else 0
    while True:
        while pos < len(head) and head[pos] in " \t\r\n":
            pos += 1
        if pos >= len(head):
            return False
        if head.startswith("<?", pos):
            end, size = head.find("?>", pos), 2
        elif head.startswith("<!--", pos):
            end, size = head.find("-->", pos + 4), 3
        elif head.startswith("<!", pos) or (len(head) - pos < 2 and head[pos] == "<"):
            if len(head) - pos < 9 and "<!DOCTYPE".startswith(head[pos:]):
                return False  # wait for more text
            raise ParseError(
                "a DTD (<!DOCTYPE ...>) is not allowed in XSPF: refused for safety",
                path=path,
                line=head.count("\n", 0, pos) + 1,
            )
        else:
            return True
        if end < 0:
            return False
        pos = end + size


def _int(element: ET.Element, path: str | None, what: str) -> int:
    text = (element.text or "").strip()
    if not text.isdigit() or not text.isascii():
        raise ParseError(
            f"<{what}> must be a whole number of milliseconds, got {shown(text)}", path=path
        )
    return int(text)


_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _location(text: str, base: str = "") -> str:
    """A ``<location>`` as a path or URL: ``file:`` URIs and relative references decoded.

    ``base`` is the ``xml:base`` in force (RFC 3986 resolution); a relative
    reference left relative is percent-decoded as a ``file:`` URI is.
    """
    if text[:1].isspace() or text[-1:].isspace():
        text = text.strip()
    if base:
        text = urljoin(base, text)
    if text[:5].lower() == "file:":
        return _paths.file_uri_to_path(text)
    if "%" in text and not _paths.is_uri(text):
        return unquote(text)
    return text


def _base(element: ET.Element, outer: str) -> str:
    """The ``xml:base`` in force inside ``element``, given the one outside it."""
    own = element.get(_XML_BASE)
    if own is None:
        return outer
    return urljoin(outer, own.strip()) if outer else own.strip()


@dataclass(slots=True)
class _Extra:
    """What our extension block of one track (or of the playlist) says."""

    text: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    credits: list[Credit] = field(default_factory=list)
    start: int | None = None
    empty_cue: bool = False
    instants: dict[str, int] = field(default_factory=dict)
    """``segmentAt``, ``hardOut``: milliseconds since the Unix epoch (UTC)."""

    def cue(self) -> CueData | None:
        show = _show_fields(self)
        if not (self.text or self.credits or self.start is not None or self.empty_cue or show):
            return None
        text = self.text
        return CueData(
            **show,  # type: ignore[arg-type]
            segment=text.get("segment", ""),
            number=text.get("number", ""),
            kind=text.get("kind", ""),
            start_utc_ms=self.start,
            credits=tuple(self.credits),
            isrc=text.get("isrc", ""),
            iswc=text.get("iswc", ""),
            usage=text.get("usage", ""),
            duration_source=text.get("durationSource", ""),
        )


_NUMBERS = frozenset({"startInFile", "pregap", "postgap", "index00"} | {t for t, _ in _SHOW_MS})
_INSTANTS = frozenset({"segmentAt", "hardOut"})


def _extension(element: ET.Element, path: str | None) -> _Extra:
    extra = _Extra()
    for block in element:
        if block.tag not in (_C + "entry", _C + "playlist"):
            continue
        for item in block:
            if not item.tag.startswith(_C):
                continue
            tag = item.tag[len(_C) :]
            text = item.text or ""
            if tag == "credit":
                guessed = item.get("guessed", "") == "true"
                extra.credits.append(
                    Credit(text, item.get("role", ""), guessed, item.get("source", ""))
                )
            elif tag == "start" or tag in _INSTANTS:
                try:
                    instant = _time.parse_iso(text)
                except ValueError as error:
                    raise ParseError(f"extension <{tag}>: {error}", path=path) from error
                if tag == "start":
                    extra.start = instant
                else:
                    extra.instants[tag] = instant
            elif tag in _NUMBERS:
                extra.numbers[tag] = _int(item, path, tag)
            elif tag == "cue":
                extra.empty_cue = True
            else:
                extra.text[tag] = text
    return extra


def _track(track: ET.Element, path: str | None, number: int, base: str = "") -> Entry:
    try:
        return _read_track(track, path, base)
    except ParseError as error:
        raise ParseError(f"track {number}: {error.message}", path=path, cause=error) from error


def _read_track(track: ET.Element, path: str | None, base: str = "") -> Entry:
    """One ``<track>``; ``base`` is the ``xml:base`` in force around it."""
    base = _base(track, base)
    location: str | None = None
    identifiers: list[str] = []
    fields = {"title": "", "creator": "", "annotation": "", "album": ""}
    duration: int | None = None
    extra: _Extra | None = None
    for child in track:
        tag = child.tag
        if tag.startswith(_X):
            tag = tag[len(_X) :]
        elif tag[0] == "{":
            continue
        if tag in fields:
            fields[tag] = child.text or ""
        elif tag == "location":
            if location is None:
                location = _location(child.text or "", _base(child, base))
        elif tag == "identifier":
            identifiers.append((child.text or "").strip())
        elif tag == "duration":
            duration = _int(child, path, "duration")
        elif tag == "extension" and child.get("application") == EXTENSION:
            extra = _extension(child, path)
    entry = Entry(
        location=location,
        title=fields["title"],
        creator=fields["creator"],
        album=fields["album"],
        duration_ms=duration,
        identifiers=tuple(identifiers),
        annotation=fields["annotation"],
    )
    if extra is None:
        return entry
    numbers = extra.numbers
    return replace(
        entry,
        cue=extra.cue(),
        start_ms=numbers.get("startInFile"),
        pregap_ms=numbers.get("pregap", 0),
        postgap_ms=numbers.get("postgap", 0),
        index00_ms=numbers.get("index00"),
    )


def _chunks(source: IO[str] | IO[bytes]) -> Iterator[str | bytes]:
    while True:
        block = source.read(_READ_SIZE)
        if not block:
            return
        yield block


def _parse(source: IO[str] | IO[bytes], path: str | None) -> Playlist:
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    entries: list[Entry] = []
    root: ET.Element | None = None
    track_list: ET.Element | None = None
    base = ""  # the xml:base in force inside the trackList
    prolog_ok = False
    head = ""
    track_tags = (_X + "track", "track")
    list_tags = (_X + "trackList", "trackList")
    try:
        for block in _chunks(source):
            if not prolog_ok:
                head += block.decode("utf-8", "replace") if isinstance(block, bytes) else block
                prolog_ok = _refuse_dtd(head, path)
                if not prolog_ok and len(head) > (1 << 22):
                    raise ParseError("no root element in the first 4 MiB", path=path, line=1)
            parser.feed(block)
            for event_item in parser.read_events():
                event, element = cast("tuple[str, ET.Element]", event_item)
                if event == "start":
                    if root is None:
                        root = element
                        if element.tag not in (_X + "playlist", "playlist"):
                            raise ParseError(
                                f"not an XSPF playlist: root element is {shown(element.tag)}, "
                                f'expected <playlist xmlns="{NS}">',
                                path=path,
                                line=1,
                            )
                    elif element.tag in list_tags:
                        track_list = element
                        base = _base(element, _base(root, ""))
                    continue
                if element.tag in track_tags and track_list is not None:
                    entries.append(_track(element, path, len(entries) + 1, base))
                    track_list.clear()
        parser.close()
    except ET.ParseError as error:
        line = int(error.position[0])
        message = re.sub(r": line \d+, column \d+$", "", str(error.msg))
        raise ParseError(
            f"not well-formed XML: {message}", path=path, line=line, cause=error
        ) from error
    if root is None:
        raise ParseError("empty document: expected an XSPF <playlist>", path=path, line=1)
    return _playlist(root, entries, path)


def _playlist(root: ET.Element, entries: list[Entry], path: str | None) -> Playlist:
    version = root.get("version")
    if version is None or root.tag == "playlist":
        missing = "no version" if version is None else ""
        missing += (" and " if missing else "") + ("no namespace" if root.tag == "playlist" else "")
        warnings.warn(
            f"{path or 'XSPF'}:1: <playlist> has {missing}; read as XSPF version 1",
            LenientReadWarning,
            stacklevel=2,
        )
    elif version not in ("0", "1"):
        raise ParseError(
            f'unsupported XSPF version {shown(version)}, expected "1"', path=path, line=1
        )
    fields = {"title": "", "creator": "", "annotation": "", "date": ""}
    timezone = ""
    hard_out: int | None = None
    for child in root:
        tag = child.tag[len(_X) :] if child.tag.startswith(_X) else child.tag
        if tag in fields:
            fields[tag] = child.text or ""
        elif tag == "extension" and child.get("application") == EXTENSION:
            extra = _extension(child, path)
            timezone = extra.text.get("timezone", "")
            hard_out = extra.instants.get("hardOut")
    date_ms, timezone = _read_date(fields["date"].strip(), timezone, path)
    return Playlist(
        title=fields["title"],
        creator=fields["creator"],
        date_ms=date_ms,
        timezone=timezone,
        hard_out_ms=hard_out,
        annotation=fields["annotation"],
        entries=tuple(entries),
    )


# -- the fast path ----------------------------------------------------------------------
# Well-formedness is checked by expat with no content handlers (C speed); the tracks are
# cut out of the text with regular expressions, which is safe because expat vouches for
# the text before it is read any other way (tracks matched by _OUR_TRACK_RE in plain
# blocks are well-formed by construction: see _FastReader.vouch).  Any track whose
# markup is out of the ordinary (attributes, prefixes, comments...) is read by
# ElementTree instead; a document that cannot be cut up this way at all (CDATA or
# comments among the tracks, a prefixed trackList, another encoding than UTF-8) is read
# entirely by ElementTree.


class _Unusual(Exception):
    """The document needs the general reader."""


_ENCODING_RE = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT_TAG_RE = re.compile(
    r"""<(?![?!/])[^\s>/]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>"""
)
_LIST_START_RE = re.compile(r"""<trackList(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_LIST_END_RE = re.compile(r"</trackList\s*>")
_CHILD_RE = re.compile(r"<([A-Za-z][\w.-]*)>([^<]*)</[^>]*>|<")
_CANONICAL_RE = re.compile(
    r"<track>\s*(?:<location>([^<]*)</location>\s*)?"
    r"((?:<identifier>[^<]*</identifier>\s*)*)"
    r"(?:<title>([^<]*)</title>\s*)?"
    r"(?:<creator>([^<]*)</creator>\s*)?"
    r"(?:<annotation>([^<]*)</annotation>\s*)?"
    r"(?:<album>([^<]*)</album>\s*)?"
    r"(?:<trackNum>[^<]*</trackNum>\s*)?"
    r"(?:<duration>([^<]*)</duration>\s*)?"
    r"</track>"
)
"""A track whose children come in the order the XSPF specification lists them (as we write)."""
_IDENTIFIER_RE = re.compile(r"<identifier>([^<]*)</identifier>")
"""A child holding only text, without attributes; any other ``<`` matches alone (no name)."""
_EXTENSION_RE = re.compile(
    r'<extension\s+application\s*=\s*"([^"<]*)"\s*>((?:(?!</?extension[\s>/]).)*?)'
    r"</extension\s*>",
    re.DOTALL,
)
_OUR_BLOCK_RE = re.compile(
    r'\s*<c:entry xmlns:c="urn:cuesheet:xspf:1">'
    r'((?:<c:[A-Za-z]+(?: role="[^"<]*")?(?: guessed="true")?(?: source="[^"<]*")?>[^<]*'
    r"</c:[A-Za-z]+>|<c:cue/>)*)"
    r"</c:entry>\s*"
)
_OUR_ITEM_RE = re.compile(
    r'<c:([A-Za-z]+)(?: role="([^"<]*)")?( guessed="true")?(?: source="([^"<]*)")?'
    r"(?:/>|>([^<]*)</c:\1>)"
)
_ITEM = r"(?:<c:{0}>([^<]*+)</c:{0}>)?"
_WS = "[ \t\n\r]*+"
_OUR_TRACK_RE = re.compile(
    _WS + "<track>" + _WS + "(?:<location>([^<]*+)</location>" + _WS + ")?"
    "((?:<identifier>[^<]*+</identifier>" + _WS + ")*)"
    "(?:<title>([^<]*+)</title>" + _WS + ")?"
    "(?:<creator>([^<]*+)</creator>" + _WS + ")?"
    "(?:<annotation>([^<]*+)</annotation>" + _WS + ")?"
    "(?:<album>([^<]*+)</album>" + _WS + ")?"
    "(?:<trackNum>[^<]*+</trackNum>" + _WS + ")?"
    "(?:<duration>([^<]*+)</duration>" + _WS + ")?"
    '(?:<extension application="urn:cuesheet:xspf:1">' + _WS
    + '<c:entry xmlns:c="urn:cuesheet:xspf:1">(?:('
    + "".join(_ITEM.format(tag) for tag in ("segment", "number", "kind"))
    + "(?:<c:start>(?:([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}):([0-5][0-9]:[0-5][0-9])Z|([^<]*+))"
    "</c:start>)?"
    + r'((?:<c:credit role="[^"<]*"(?: guessed="true")?(?: source="[^"<]*")?>[^<]*+</c:credit>)*)'
    + "".join(_ITEM.format(tag) for tag in ("isrc", "iswc", "usage", "durationSource"))
    + "((?:"
    + "|".join(
        f"<c:{tag}>[^<]*+</c:{tag}>"
        for tag in [tag for tag, _ in _SHOW_MS] + ["segmentAt"] + [tag for tag, _ in _SHOW_TEXT]
    )
    + ")*))"
    + "".join(_ITEM.format(tag) for tag in ("startInFile", "pregap", "postgap", "index00"))
    + "(<c:cue/>)?)</c:entry>" + _WS + "</extension>" + _WS + ")?</track>"
)  # fmt: skip
"""A track exactly as we write it, our extension block included (see :func:`_our_track`).

What it matches is well-formed XML but for the characters and references that
:func:`_plain_bytes` looks for: element names are fixed, every closing tag is spelt
out, whitespace is XML's, and text and attribute values hold no ``<``.  The
quantifiers are possessive: each is followed by a ``<`` or a quote it cannot match.
"""


def _opt(pattern: str) -> str:
    """``pattern`` or nothing, as an alternation: ``(?:x|)`` matches what ``(?:x)?`` does.

    Why: sre runs ``(?:x)?`` as a repeat (a block allocated and the capture marks
    copied at each step, and again for everything matched after it); a branch at
    the top level of a pattern does neither.  Reading our own tracks took a quarter
    fewer instructions.
    """
    return f"(?:{pattern}|)"


def _run(pattern: str, unrolled: int = 2) -> str:
    """``(?:pattern)*``, its first ``unrolled`` rounds written out as branches (:func:`_opt`)."""
    inner = f"(?:{pattern})*"
    for _ in range(unrolled):
        inner = _opt(pattern + inner)
    return inner


def _written_item(tag: str, group: bool = True) -> str:
    return _opt(f"<c:{tag}>{'([^<]*+)' if group else '[^<]*+'}</c:{tag}>")


_IN = "\n      "
"""A line break and the indentation of a track's child, as :func:`write` puts them."""
_WRITTEN_TRACK_RE = re.compile(
    "\n    <track>"
    + _opt(_IN + "<location>([^<]*+)</location>")
    + "(" + _run(_IN + "<identifier>[^<]*+</identifier>") + ")"
    + "".join(_opt(f"{_IN}<{tag}>([^<]*+)</{tag}>")
              for tag in ("title", "creator", "annotation", "album"))
    + _IN + "<trackNum>[0-9]++</trackNum>"
    + _opt(_IN + "<duration>([0-9]++)</duration>")
    + _opt(_IN + f'<extension application="{EXTENSION}">\n        <c:entry xmlns:c="{EXTENSION}">'
           "(?:(<c:cue/>)|("
           + "".join(_written_item(tag) for tag in ("segment", "number", "kind"))
           + _opt("<c:start>(?:([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}):([0-5][0-9]:[0-5][0-9])Z"
                  "|([^<]*+))</c:start>")
           + "(" + _run('<c:credit role="[^"<\t\n\r]*+"(?: guessed="true"|)'
                        '(?: source="[^"<\t\n\r]*+"|)>[^<]*+</c:credit>') + ")"
           + "".join(_written_item(tag) for tag in ("isrc", "iswc", "usage", "durationSource"))
           + "(" + "".join(_written_item(tag, group=False) for tag in _SHOW_TAGS) + "))"
           + "".join(_written_item(tag) for tag in ("startInFile", "pregap", "postgap", "index00"))
           + ")</c:entry>\n      </extension>")
    + "\n    </track>"
)  # fmt: skip
"""A track byte for byte as :func:`write` writes it (see :func:`_written_track`).

It matches a part of what :data:`_OUR_TRACK_RE` matches, with the same ends (so all
said there holds): the whitespace is :func:`write`'s, the children and the items
of the extension block come in its order and numbers are digits.  Optional parts
are branches (:func:`_opt`).
"""

_OUR_CREDIT_RE = re.compile(
    r'<c:credit role="([^"<]*)"( guessed="true")?(?: source="([^"<]*)")?>([^<]*)</c:credit>'
)
_ENTITY_RE = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(found: re.Match[str]) -> str:
    name = found[1]
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


def _xml_text(raw: str) -> str:
    """Character data as an XML parser reports it (line ends normalised, references decoded)."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _ENTITY_RE.sub(_entity, raw) if "&" in raw else raw


def _xml_attr(raw: str) -> str:
    """An attribute value as an XML parser reports it (whitespace normalised first)."""
    if "\r" in raw or "\n" in raw or "\t" in raw:
        raw = raw.replace("\r\n", " ").translate({9: 32, 10: 32, 13: 32})
    return _ENTITY_RE.sub(_entity, raw) if "&" in raw else raw


def _number(raw: str, what: str) -> int:
    text = raw.strip()
    if not text.isdigit() or not text.isascii():
        raise ValueError(f"<{what}> must be a whole number of milliseconds, got {shown(text)}")
    return int(text)


def _our_extension(inner: str) -> _Extra | None:
    """Our extension block read with regular expressions; None when it is not as we write it."""
    found = _OUR_BLOCK_RE.fullmatch(inner)
    if found is None:
        return None
    extra = _Extra()
    for tag, role, guessed, source, raw in _OUR_ITEM_RE.findall(found[1]):
        text = _xml_text(raw)
        if tag == "credit":
            extra.credits.append(Credit(text, _xml_attr(role), bool(guessed), _xml_attr(source)))
        elif tag == "start":
            extra.start = _time.parse_iso(text)
        elif tag in _INSTANTS:
            extra.instants[tag] = _time.parse_iso(text)
        elif tag in _NUMBERS:
            extra.numbers[tag] = _number(text, tag)
        elif tag == "cue":
            extra.empty_cue = True
        else:
            extra.text[tag] = text
    return extra


def _fast_track(markup: str) -> Entry | None:
    """A ``<track>...</track>`` read with regular expressions; None when it needs ElementTree.

    Raises :class:`_Unusual` when the markup may not even be one whole track.
    """
    extensions: list[tuple[str, str]] = []
    if "<extension" in markup:
        extensions = _EXTENSION_RE.findall(markup)
        markup = _EXTENSION_RE.sub("", markup)
        if "<extension" in markup:
            return None
    if "xmlns" in markup or not markup.startswith("<track>"):
        return None
    canonical = _CANONICAL_RE.fullmatch(markup)
    if canonical is not None:
        entry = _canonical_track(canonical)
    else:
        if (
            "<!" in markup
            or "<?" in markup
            or markup.count("<track") != 1 + markup.count("<trackNum")
        ):
            raise _Unusual  # a comment, CDATA or instruction, or a track within a track
        found = _any_order_track(markup)
        if found is None:
            return None
        entry = found
    for application, inner in extensions:
        if _xml_attr(application) != EXTENSION:
            continue
        extra = _our_extension(inner)
        if extra is None:
            return None
        numbers = extra.numbers
        entry = replace(
            entry,
            cue=extra.cue(),
            start_ms=numbers.get("startInFile"),
            pregap_ms=numbers.get("pregap", 0),
            postgap_ms=numbers.get("postgap", 0),
            index00_ms=numbers.get("index00"),
        )
    return entry


def _text_or_empty(raw: str | None) -> str:
    """An optional element's character data ("" when absent)."""
    if raw is None:
        return ""
    return _xml_text(raw) if "&" in raw or "\r" in raw else raw


def _ms_or(raw: str | None, what: str, default: int | None) -> int | None:
    if raw is None:
        return default
    return int(raw) if raw.isdigit() and raw.isascii() else _number(_xml_text(raw), what)


@lru_cache(maxsize=1024)
def _credit(role: str, guessed: str, source: str, name: str) -> Credit:
    """A credit of our extension block (one value for each name and role: they repeat)."""
    return _bulk.full_credit(_xml_text(name), _xml_attr(role), bool(guessed), _xml_attr(source))


def _read_credits(items: str) -> tuple[Credit, ...]:
    """The credits of our extension block (``items``, as matched), read by :data:`_CREDITS`."""
    return tuple([_credit(*item) for item in _OUR_CREDIT_RE.findall(items)])


_CREDITS = _bulk.Memo(_read_credits, 16384)
"""The credits of a run of ``<c:credit>`` items: one tuple per distinct run.

Why: a show names the same few people again and again; its tracks share the tuple.
"""


def _read_hour(hour: str) -> int:
    return _time.parse_iso(hour + ":00:00Z")


def _read_minute_second(text: str) -> int:
    return int(text[:2]) * 60_000 + int(text[3:]) * 1000


_HOUR_MS = _bulk.Memo(_read_hour, 256)
"""``YYYY-MM-DDTHH`` of a ``<c:start>`` in milliseconds since the epoch."""
_MINUTE_SECOND_MS = _bulk.Memo(_read_minute_second, 4096)
"""``MM:SS`` of a ``<c:start>`` (both checked to be below 60) in milliseconds.

Why: :func:`playlists._time.parse_iso` costs several µs; the form we write,
``YYYY-MM-DDTHH:MM:SSZ``, comes split at its hour (see :data:`_OUR_TRACK_RE`):
the hour is read once for all the cues in it (:data:`_HOUR_MS`), the minutes
and seconds once for every hour.  Any other text is read by ``parse_iso``.
"""


def _our_track(found: re.Match[str]) -> Entry:
    """The entry of a track matched by :data:`_OUR_TRACK_RE`; ``ValueError`` for a bad value.

    Why: nearly every track read is one we wrote, so one match reads all of it,
    extension block included, in the buffer where it lies (no slicing, no second
    pass for the block).  The values are decoded exactly as :func:`_fast_track` and
    :func:`_our_extension` decode them; on ``ValueError`` the caller reads the
    track that way, for the error naming its line.
    """
    (location, identifiers, title, creator, annotation, album, duration, items,
     segment, number, kind, hour, minute_second, start, credits, isrc, iswc, usage, source,
     show, start_in_file, pregap, postgap, index00, empty) = found.groups()  # fmt: skip
    location, title, creator, album, ms, ids, annotation = _standard_fields(
        location, identifiers, title, creator, annotation, album, duration
    )
    if items is None:  # no extension block
        return _bulk.track(location, title, creator, album, ms, ids, annotation, None, None, 0, 0,
                           None)  # fmt: skip
    cue = None
    if items or empty:
        if "&" in items or "\r" in items:  # something to decode
            segment, number, kind = map(_text_or_empty, (segment, number, kind))
            isrc, iswc, usage, source = map(_text_or_empty, (isrc, iswc, usage, source))
        cue = _bulk.cue_data_with_show(
            segment or "", number or "", kind or "",
            _HOUR_MS[hour] + _MINUTE_SECOND_MS[minute_second] if hour is not None
            else None if start is None else _time.parse_iso(_xml_text(start)),
            _CREDITS[credits] if credits else (), isrc or "", iswc or "", usage or "",
            source or "", _SHOW[show] if show else _bulk.NO_SHOW,
        )  # fmt: skip
    return _bulk.track(
        location, title, creator, album, ms, ids, annotation, cue,
        None if start_in_file is None else _ms_or(start_in_file, "startInFile", None),
        0 if pregap is None else _ms_or(pregap, "pregap", 0) or 0,
        0 if postgap is None else _ms_or(postgap, "postgap", 0) or 0,
        None if index00 is None else _ms_or(index00, "index00", None),
    )  # fmt: skip


def _written_track(found: re.Match[str], plain: bool) -> Entry:
    """The entry of a track matched by :data:`_WRITTEN_TRACK_RE` in a buffer without CR.

    ``plain``: the track holds no ``&``, so no text in it needs decoding.  Why: such
    a track is read with none of the checks of :func:`_our_track` (its numbers are
    digits, its attribute values hold no whitespace to normalise), and gives the
    same entry; ``ValueError`` (a date that is no date, say) sends the caller that
    way too, for the error naming the line.
    """
    (location, identifiers, title, creator, annotation, album, duration, empty, items,
     segment, number, kind, hour, minute_second, start, credits, isrc, iswc, usage, source,
     show, start_in_file, pregap, postgap, index00) = found.groups()  # fmt: skip
    if not plain:
        (location, title, creator, annotation, album, segment, number, kind, isrc, iswc, usage,
         source) = [None if raw is None else _xml_text(raw) for raw in (
             location, title, creator, annotation, album, segment, number, kind, isrc, iswc,
             usage, source)]  # fmt: skip
    if location is not None:
        if location.startswith("file:///") and not location[-1].isspace():
            location = _paths.file_uri_to_path(location)
        else:
            location = _location(location)
    cue = None
    if items:
        cue = _bulk.cue_data_with_show(
            segment or "", number or "", kind or "",
            _HOUR_MS[hour] + _MINUTE_SECOND_MS[minute_second] if hour is not None
            else None if start is None else _time.parse_iso(start if plain else _xml_text(start)),
            _CREDITS[credits] if credits else (), isrc or "", iswc or "", usage or "",
            source or "", _SHOW[show] if show else _bulk.NO_SHOW,
        )  # fmt: skip
    elif empty:
        cue = _bulk.cue_data_with_show("", "", "", None, (), "", "", "", "", _bulk.NO_SHOW)
    return _bulk.track(
        location, title or "", creator or "", album or "",
        None if duration is None else int(duration),
        tuple([(raw if plain else _xml_text(raw)).strip()
               for raw in _IDENTIFIER_RE.findall(identifiers)]) if identifiers else (),
        annotation or "", cue, None if start_in_file is None else int(start_in_file),
        int(pregap) if pregap else 0, int(postgap) if postgap else 0,
        None if index00 is None else int(index00),
    )  # fmt: skip


def _read_show(items: str) -> _bulk.ShowFields:
    """The running-order fields written by :func:`_show_items` (``items``, as matched).

    Read through :data:`_SHOW`.
    """
    extra = _Extra()
    for tag, _role, _guessed, _source, raw in _OUR_ITEM_RE.findall(items):
        if tag in _INSTANTS:
            extra.instants[tag] = _time.parse_iso(_xml_text(raw))
        elif tag in _NUMBERS:
            extra.numbers[tag] = _number(_xml_text(raw), tag)
        else:
            extra.text[tag] = _xml_text(raw)
    fields: dict[str, object] = dict(zip(_bulk.SHOW_FIELDS, _bulk.NO_SHOW, strict=True))
    fields.update(_show_fields(extra))
    return cast(_bulk.ShowFields, tuple([fields[name] for name in _bulk.SHOW_FIELDS]))


_SHOW = _bulk.Memo(_read_show, 4096)
"""The running-order fields of a run of items, decoded once per distinct run.

Why: every cue of a segment carries its segment's values (budget, fixed time,
label...), so the same text comes back for each of them.
"""


_Fields = tuple[str | None, str, str, str, int | None, tuple[str, ...], str]


def _standard_fields(
    location: str | None,
    identifiers: str | None,
    title: str | None,
    creator: str | None,
    annotation: str | None,
    album: str | None,
    duration: str | None,
) -> _Fields:
    """A track's standard children as matched (raw, or None) -> decoded :class:`Entry` values.

    ``(location, title, creator, album, duration_ms, identifiers, annotation)``;
    plain text needs no decoding: only ``&`` or a CR says otherwise.
    """
    if title is None:
        title = ""
    elif "&" in title or "\r" in title:
        title = _xml_text(title)
    if creator is None:
        creator = ""
    elif "&" in creator or "\r" in creator:
        creator = _xml_text(creator)
    if album is None:
        album = ""
    elif "&" in album or "\r" in album:
        album = _xml_text(album)
    if location is not None:
        if "&" in location or "\r" in location:
            location = _location(_xml_text(location))
        elif location.startswith("file:///") and not location[-1].isspace():
            location = _paths.file_uri_to_path(location)  # what _location does with it
        else:
            location = _location(location)
    ms: int | None = None
    if duration is not None:
        ms = (
            int(duration)
            if duration.isdigit() and duration.isascii()
            else _number(duration, "duration")
        )
    ids: tuple[str, ...] = ()
    if identifiers:
        ids = tuple([_xml_text(raw).strip() for raw in _IDENTIFIER_RE.findall(identifiers)])
    return (
        location,
        title,
        creator,
        album,
        ms,
        ids,
        "" if annotation is None else _xml_text(annotation),
    )


def _canonical_track(found: re.Match[str]) -> Entry:
    location, title, creator, album, ms, ids, annotation = _standard_fields(*found.groups())
    # Positional arguments (the field order of Entry): this runs once per track.
    return Entry(location, title, creator, album, ms, None, ids, annotation)


def _any_order_track(markup: str) -> Entry | None:
    """A track of simple children in any order; None if it has anything else."""
    location: str | None = None
    identifiers: list[str] = []
    title = creator = annotation = album = ""
    duration: int | None = None
    for tag, raw in _CHILD_RE.findall(markup, 7, len(markup) - 8):
        if "&" in raw or "\r" in raw:
            raw = _xml_text(raw)
        if tag == "title":
            title = raw
        elif tag == "creator":
            creator = raw
        elif tag == "location":
            if location is None:
                location = _location(raw)
        elif tag == "duration":
            duration = int(raw) if raw.isdigit() and raw.isascii() else _number(raw, "duration")
        elif tag == "album":
            album = raw
        elif tag == "identifier":
            identifiers.append(raw.strip())
        elif tag == "annotation":
            annotation = raw
        elif not tag:
            return None  # markup other than a child holding text
    return Entry(location, title, creator, album, duration, None, tuple(identifiers), annotation)


class _Checker:
    """Expat with no content handlers: proves the bytes are well-formed XML, fast."""

    def __init__(self, path: str | None) -> None:
        import xml.parsers.expat as expat

        self.expat = expat
        self.path = path
        self.parser = expat.ParserCreate()
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._refuse
        self.parser.EntityDeclHandler = self._refuse

    def _refuse(self, *_: object) -> None:
        raise ParseError(
            "a DTD (<!DOCTYPE ...>) is not allowed in XSPF: refused for safety",
            path=self.path,
            line=self.parser.CurrentLineNumber,
        )

    def feed(self, data: str | bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(data, final)
        except self.expat.ExpatError as error:
            message = self.expat.errors.messages[error.code]
            raise ParseError(
                f"not well-formed XML: {message}", path=self.path, line=error.lineno, cause=error
            ) from error


_GOOD_BYTES = bytes(range(32, 256)) + b"\t\n"
_LOOSE_AMP_RE = re.compile(b"&(?!(?:amp|lt|gt|quot|apos);)")


def _plain_bytes(data: bytes) -> bool:
    """True when nothing in ``data`` can make a track that :data:`_OUR_TRACK_RE` matches ill-formed.

    That is: no character XML forbids (C0 controls, U+FFFE, U+FFFF; CR too, as
    expat counts its line breaks its own way), no ``]]>`` and no reference other
    than the five named entities.  Run on a raw block with the last two bytes of
    the one before, so that nothing escapes by straddling two blocks (a reference
    cut at the end counts as suspect).  See :meth:`_FastReader.vouch`.
    """
    return (
        not data.translate(None, _GOOD_BYTES)
        and (b"\xef" not in data or _NONCHARACTER_RE.search(data) is None)
        and (b"]" not in data or b"]]>" not in data)  # a byte is found ten times quicker
        and (b"&" not in data or _LOOSE_AMP_RE.search(data) is None)
    )


def _parse_fast(blocks: Iterator[str | bytes], path: str | None) -> Playlist:
    """Read XSPF from UTF-8 blocks; raises :class:`_Unusual` to ask for the general reader."""
    reader = _FastReader(path)
    decoder = codecs.getincrementaldecoder("utf-8")()
    last = b""
    for block in blocks:
        if isinstance(block, bytes):
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as error:  # not UTF-8: the general reader says what it is
                raise _Unusual from error
            plain = _plain_bytes(last + block)
            last = block[-2:]
        else:
            text, plain = block, False
        reader.feed(text, plain)
    return reader.finish()


def _never(_text: str, _pos: int) -> None:
    """A match that never matches (for a buffer :data:`_WRITTEN_TRACK_RE` must not read)."""
    return None


class _FastReader:
    """The steps of the fast path: prolog -> head -> tracks -> tail, a block at a time.

    Each step takes the text of a block, keeps what it cannot finish yet in
    ``buffer``, and returns the text left for the next step ("" when none).

    Expat (:class:`_Checker`) sees every character once, in order, before any of
    it is read another way than by :data:`_OUR_TRACK_RE`: the head and the tail as
    they come, the tracks as they are read.  The text kept for the next block
    (``buffer``, ``open_track``) has been shown to expat up to ``pending_fed``.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.checker = _Checker(path)
        self.state = "prolog"
        self.buffer = ""
        self.head_parts: list[str] = []
        self.tail_parts: list[str] = []
        self.root_and_list = ""
        self.entries: list[Entry] = []
        self.lines_before = 0  # line breaks in the text before ``buffer``
        self.open_tag = -1  # in the head: where a tag starts that is not closed yet
        self.open_track: list[str] = []  # the text of a track whose end is not read yet
        self.pending_fed = 0  # characters of the kept text that expat has seen
        self.pending_plain = True  # the rest of the kept text comes from plain blocks
        self.counted = (-1, 0)

    def feed(self, text: str, plain: bool) -> None:
        """Read the next block's text; ``plain``: see :func:`_plain_bytes`."""
        fed = False
        if self.state in ("prolog", "head"):
            self.checker.feed(text)
            fed = True
        if self.state == "prolog":
            text = self.prolog(text)
        if self.state == "head":
            text = self.head(text)
        if self.state == "tracks":
            text, fed = self.tracks(text, fed, plain)
        if self.state == "tail":
            if not fed:
                self.checker.feed(text)
            self.tail_parts.append(text)

    def finish(self) -> Playlist:
        """The playlist, once expat has seen the rest and found the document whole."""
        kept = "".join(self.open_track) if self.open_track else self.buffer
        if self.state == "tracks" and self.pending_fed < len(kept):
            self.checker.feed(kept[self.pending_fed :])
        self.checker.feed(b"", True)
        return self.playlist()

    def vouch(self, buffer: str, start: int, end: int, plain: bool) -> None:
        """Show expat ``buffer[start:end]``: whole tracks that :data:`_OUR_TRACK_RE` matched.

        Why: expat costs as much as reading the tracks.  Such markup is well-formed
        by construction (fixed names, exact closing tags, XML whitespace, attribute
        values and text without ``<``) unless it holds a forbidden character, a
        ``]]>`` or a reference other than the five named ones, which
        :func:`_plain_bytes` rules out for ``plain`` text.  Expat is then shown only
        the line breaks (in element content, so its line numbers stay right);
        otherwise, the text itself.
        """
        if start >= end:
            return
        if plain:
            upto = buffer.count("\n", 0, end)  # kept: after_tracks needs it too
            self.checker.feed("\n" * (upto - (buffer.count("\n", 0, start) if start else 0)))
            self.counted = (end, upto)
        else:
            self.checker.feed(buffer[start:end])

    def prolog(self, text: str) -> str:
        """Everything before the root element: no DTD, and UTF-8."""
        buffer = self.buffer + text
        if buffer.startswith("\ufeff"):
            buffer = buffer[1:]
        if not _refuse_dtd(buffer, self.path):
            self.buffer = buffer
            return ""
        declared = _ENCODING_RE.match(buffer)
        if declared and declared[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise _Unusual
        self.state, self.buffer = "head", ""
        return buffer

    def head(self, text: str) -> str:
        """The root element up to ``<trackList>``; kept whole for the playlist's fields.

        A ``<trackList>`` tag not found so far starts at a ``<`` not closed yet, or in
        the new text: searching only from there keeps a long head linear (a tag
        missed this way leaves the document to the general reader).
        """
        old = len(self.buffer)
        buffer = self.buffer + text
        start = _LIST_START_RE.search(buffer, self.open_tag if self.open_tag >= 0 else old)
        if start is None:
            last = buffer.rfind("<", old)
            if last >= 0:
                self.open_tag = last if buffer.find(">", last) < 0 else -1
            elif ">" in text:
                self.open_tag = -1
            self.buffer = buffer
            return ""
        self.head_parts.append(buffer[: start.start()])
        root = _ROOT_TAG_RE.search(self.head_parts[0])
        if root is None or root.start() > start.start():
            raise _Unusual
        self.root_and_list = root[0] + start[0].replace("/>", ">")
        if "xml:base" in self.root_and_list:
            raise _Unusual  # a base for every location: the general reader applies it
        self.lines_before += buffer.count("\n", 0, start.end())
        self.state, self.buffer = ("tail" if start[1] else "tracks"), ""
        return buffer[start.end() :]

    def tracks(self, text: str, fed: bool, plain: bool) -> tuple[str, bool]:
        """The ``<track>`` elements, cut out and read one by one; the text after the list.

        ``fed``: expat has seen ``text``.  Returns the text after the list and whether
        expat has seen it.  A track still open at the end of a block is kept in
        pieces: only the new text can hold its end, so a huge text node is read in
        linear time.
        """
        if self.open_track:
            seam = self.open_track[-1][-7:] + text
            self.open_track.append(text)
            self.pending_plain = self.pending_plain and plain
            if "</track>" not in seam:
                return "", False
            buffer, self.open_track = "".join(self.open_track), []
            done = self.pending_fed
        else:
            buffer = self.buffer + text
            done = len(buffer) if fed else self.pending_fed
        # the text kept from before is plain or not, and so is this block's
        plains = (self.pending_plain and plain, plain, len(buffer) - len(text))
        pos = 0
        ours = _OUR_TRACK_RE.match
        written = _WRITTEN_TRACK_RE.match if "\r" not in buffer else _never
        find = buffer.find
        append = self.entries.append
        self.counted = (-1, 0)  # (position in buffer, line breaks before it), see vouch
        if 0 < done < len(buffer):  # expat has seen the start of a track: it sees the rest too
            found = ours(buffer)
            if found is not None and found.end() > done:
                self.checker.feed(buffer[done : found.end()])
                done = found.end()
        while True:
            found = written(buffer, pos)
            if found is not None:
                try:
                    append(_written_track(found, find("&", pos, found.end()) < 0))
                    pos = found.end()
                    continue
                except ValueError:
                    pass  # read again below, for the error naming the line
            found = ours(buffer, pos)
            if found is not None:
                try:
                    append(_our_track(found))
                    pos = found.end()
                    continue
                except ValueError:
                    pass  # read again below, for the error naming the line
            if done < pos:
                self.vouch(buffer, done, pos, plains[0])
                done = pos
            begin = buffer.find("<track", pos)
            end = buffer.find("</track>", begin)
            if begin < 0 or end < 0 or buffer.find("<", pos, begin) >= 0:
                return self.after_tracks(buffer, pos, begin, done, plains)
            if done < len(buffer):  # expat first: an error it finds in this block comes first
                self.checker.feed(buffer[done:])
                done = len(buffer)
            end += 8
            self.entries.append(self.track(buffer, begin, end))
            pos = end

    def after_tracks(
        self, buffer: str, pos: int, begin: int, done: int, plains: tuple[bool, bool, int]
    ) -> tuple[str, bool]:
        """At ``pos``: the end of the list, a track cut by the block's end, or the unusual.

        Expat has seen ``buffer`` up to ``done`` (``pos``, or all of it).  ``plains``:
        whether the whole buffer is plain, whether the new text is, and where it starts.
        """
        stop = buffer.find("<", pos)
        closing = _LIST_END_RE.match(buffer, stop) if stop >= 0 else None
        if closing is not None:
            self.state = "tail"
            self.lines_before += buffer.count("\n", 0, closing.end())
            self.buffer = ""
            if done < closing.end():
                self.checker.feed(buffer[done : closing.end()])
            return buffer[closing.end() :], done >= len(buffer)
        if stop >= 0 and buffer.startswith(("<!", "<?"), stop):
            raise _Unusual  # a comment, CDATA or instruction among the tracks
        waiting = begin >= 0 and stop == begin  # a track that ends in a later block
        if not waiting and stop >= 0 and len(buffer) - stop > 12:
            raise _Unusual  # something else, e.g. <track/> or </track >
        counted_to, counted = self.counted
        self.lines_before += counted if counted_to == pos else buffer.count("\n", 0, pos)
        self.buffer = buffer[pos:]
        self.pending_fed = max(done - pos, 0)
        self.pending_plain = plains[1] if pos >= plains[2] else plains[0]
        if waiting:
            self.open_track, self.buffer = [self.buffer], ""
        return "", False

    def track(self, buffer: str, begin: int, end: int) -> Entry:
        markup = buffer[begin:end]
        try:
            return _fast_track(markup) or _slow_track(self.root_and_list, markup, self.path)
        except (ValueError, ParseError) as error:
            line = self.lines_before + buffer.count("\n", 0, begin) + 1
            message = error.message if isinstance(error, ParseError) else str(error)
            raise ParseError(
                f"track {len(self.entries) + 1}: {message}", path=self.path, line=line, cause=error
            ) from error

    def playlist(self) -> Playlist:
        if self.state != "tail":
            raise _Unusual
        try:
            root = ET.fromstring("".join(self.head_parts) + "".join(self.tail_parts))
        except ET.ParseError as error:
            raise _Unusual from error
        if root.tag not in (_X + "playlist", "playlist"):
            raise ParseError(
                f"not an XSPF playlist: root element is {shown(root.tag)}, "
                f'expected <playlist xmlns="{NS}">',
                path=self.path,
                line=1,
            )
        return _playlist(root, self.entries, self.path)


def _slow_track(root_and_list: str, markup: str, path: str | None) -> Entry:
    """One track read by ElementTree, inside the playlist's start tags (for namespaces).

    Markup that is not one whole element (a comment opened in it and closed later,
    say) is left to the general reader, which says what is wrong with the document.
    """
    try:
        root = ET.fromstring(root_and_list + markup + "</trackList></playlist>")
    except ET.ParseError as error:
        raise _Unusual from error
    for track_list in root:
        for track in track_list:
            return _read_track(track, path)
    raise _Unusual


def loads(text: str, path: str | None = None) -> Playlist:
    """Read XSPF text (``path`` is only used in error messages)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    blocks = (text[i : i + _READ_SIZE] for i in range(0, len(text), _READ_SIZE))
    with _bulk.paused_gc():
        try:
            return _parse_fast(blocks, path)
        except _Unusual:
            return _parse(io.StringIO(text), path)


def load(path: str | os.PathLike[str], *, encoding: str | None = None) -> Playlist:
    """Read an XSPF file, streaming (``encoding`` overrides what the XML declaration says)."""
    name = os.fspath(path)
    if encoding is not None:
        text = textfile.read(path, encoding=encoding)
        return loads(text, name)
    textfile.require_file(path)  # a FIFO or a device would block or never end
    with _bulk.paused_gc():
        with open(path, "rb") as source:
            try:
                return _parse_fast(_chunks(source), name)
            except _Unusual:
                pass
        with open(path, "rb") as source:
            return _parse(source, name)
