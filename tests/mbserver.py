"""A local stand-in for the MusicBrainz web service (WS/2, XML) on 127.0.0.1.

It serves entity documents from fixture files (``tests/fixtures/mb/<entity>/<mbid>.xml``,
each a WS/2 lookup answer) and answers like the real service:

* lookups ``/ws/2/<entity>/<mbid>?inc=...`` return the entity with only the requested
  includes (``aliases``, ``artist-rels``, ``recording-rels``, ``work-rels``,
  ``artist-credits``, ``releases``), or 404 with an ``<error>`` document;
* searches ``/ws/2/<entity>/?query=<lucene>&limit=N`` evaluate a Lucene subset (terms,
  ``field:term``, ``field:(a b)``, ``"phrases"``, ``AND``/``OR``/``NOT``, ``+``/``-``,
  parentheses; the default operator is OR) over the fields MusicBrainz's indexer uses
  (work: ``work`` = title, ``alias``, ``artist`` = related artists' *names only*, as
  stored, often in their own script, never their aliases, ``arid``, ``iswc``, ``type``,
  ``tag``, ``wid``; an unfielded term searches ``work`` and ``alias``.  Recording:
  ``recording``, ``artist`` = credit phrase as written, ``artistname``, ``creditname``,
  ``arid``, ``rid``, ``isrc``, ``release``, ``video`` (no work field: a work's recordings
  come from the work itself).  Artist: ``artist``, ``sortname``, ``alias``, ``arid``), score
  hits by summed inverse document frequency, normalise the best to 100 and return
  ``<xxx-list count=".." offset="..">`` with ``ext:score`` on each hit.  A field the index
  does not have matches nothing, as on the real server.  Hits of equal score come in the
  reverse of the catalogue's order, which favours no answer that fixtures list first;
  search hits carry what the real ones carry (a work's artist relations and its recordings'
  titles without lengths; a recording's credit, releases and ISRCs; no work relations);
* browses ``/ws/2/recording?work=<mbid>`` list a work's recordings (with credits and
  lengths), 100 at most, as ``<recording-list count="..">``.

Faults can be queued (:meth:`MBServer.fail`): a 503 with Retry-After, a hang (the client
times out), a reset connection, malformed XML.  Every request is recorded
(:attr:`MBServer.requests`), with its User-Agent.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import math
import re
import socket
import struct
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

MMD = "http://musicbrainz.org/ns/mmd-2.0#"
EXT = "http://musicbrainz.org/ns/ext#-2.0"
FIXTURES = Path(__file__).parent / "fixtures" / "mb"
ENTITIES = ("artist", "work", "recording")

ET.register_namespace("", MMD)
ET.register_namespace("ext", EXT)


def q(tag: str) -> str:
    """The namespaced tag name."""
    return f"{{{MMD}}}{tag}"


# ---------------------------------------------------------------- text analysis


def analyse(text: str) -> list[str]:
    """Index/query tokens: lower case, accents folded, split on anything not a letter/digit."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    text = re.sub(r"['\u2019\u02bc]", "", text)
    return [t for t in re.split(r"[^\w]+|_", text) if t]


def _text(el: ET.Element | None, tag: str) -> str:
    if el is None:
        return ""
    child = el.find(q(tag))
    return child.text or "" if child is not None else ""


def _fields(entity: str, el: ET.Element) -> dict[str, list[str]]:
    """The searchable fields of one entity document."""
    fields: dict[str, list[str]] = {}

    def add(name: str, text: str) -> None:
        fields.setdefault(name, []).extend(analyse(text))

    aliases = [a.text or "" for a in el.iterfind(f"{q('alias-list')}/{q('alias')}")]
    if entity == "work":
        add("work", _text(el, "title"))
        for alias in aliases:
            add("alias", alias)
        add("comment", _text(el, "disambiguation"))
        add("type", el.get("type", ""))
        fields["wid"] = [el.get("id", "")]
        fields["iswc"] = [(i.text or "").lower() for i in el.iter(q("iswc"))]
        for tag in el.iterfind(f"{q('tag-list')}/{q('tag')}"):
            add("tag", _text(tag, "name"))
        for rel in el.iterfind(f"{q('relation-list')}[@target-type='artist']/{q('relation')}"):
            artist = rel.find(q("artist"))
            if artist is not None:
                add("artist", _text(artist, "name"))  # the name only, as MusicBrainz indexes it
                fields.setdefault("arid", []).append(artist.get("id", ""))
    elif entity == "recording":
        add("recording", _text(el, "title"))
        add("comment", _text(el, "disambiguation"))
        phrase = []
        for credit in el.iterfind(f"{q('artist-credit')}/{q('name-credit')}"):
            artist = credit.find(q("artist"))
            credited = _text(credit, "name") or _text(artist, "name")
            phrase.append(credited + credit.get("joinphrase", ""))
            add("creditname", credited)
            add("artistname", _text(artist, "name"))
            if artist is not None:
                fields.setdefault("arid", []).append(artist.get("id", ""))
        add("artist", "".join(phrase))
        fields["rid"] = [el.get("id", "")]
        fields["isrc"] = [i.get("id", "").lower() for i in el.iter(q("isrc"))]
        add("video", "true" if el.get("video") == "true" else "false")
        for release in el.iterfind(f"{q('release-list')}/{q('release')}"):
            add("release", _text(release, "title"))
    elif entity == "artist":
        fields["arid"] = [el.get("id", "")]
        add("artist", _text(el, "name"))
        add("sortname", _text(el, "sort-name"))
        for alias in aliases:
            add("alias", alias)
        add("comment", _text(el, "disambiguation"))
        add("type", el.get("type", ""))
    return fields


_KEYWORD_FIELDS = frozenset({"arid", "mbid", "rid", "wid", "iswc", "isrc"})
"""Fields indexed whole (identifiers), not split into words."""

_DEFAULT_FIELDS = {
    "work": ("work", "alias"),
    "recording": ("recording",),
    "artist": ("artist", "sortname", "alias"),
}


# ---------------------------------------------------------------- a Lucene subset


@dataclass
class _Node:
    kind: str  # "term", "phrase", "bool"
    field: str | None = None
    words: list[str] = dataclasses.field(default_factory=list)
    clauses: list[tuple[str, _Node]] = dataclasses.field(default_factory=list)  # (occur, node)


_LEX = re.compile(r'\s*(?:(\()|(\))|("(?:[^"\\]|\\.)*")|([+\-])(?=\S)|([^\s()"]+))')


class QueryError(ValueError):
    """A query this server cannot parse (answered with HTTP 400)."""


def parse_query(text: str) -> _Node:
    """Parse a Lucene query into a tree."""
    tokens: list[str] = []
    pos = 0
    while pos < len(text):
        m = _LEX.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip():
                raise QueryError(f"cannot read query at {pos}: {text[pos:]!r}")
            break
        tokens.append(next(g for g in m.groups() if g is not None))
        pos = m.end()
    node, rest = _parse_or(tokens, None)
    if rest:
        raise QueryError(f"unbalanced query: {text!r}")
    return node


def _parse_or(tokens: list[str], fld: str | None) -> tuple[_Node, list[str]]:
    groups: list[list[tuple[str, _Node]]] = [[]]
    pending = "should"
    while tokens and tokens[0] != ")":
        tok = tokens[0]
        if tok == "OR":
            tokens = tokens[1:]
            groups.append([])
            continue
        if tok == "AND":
            tokens = tokens[1:]
            if groups[-1]:
                occ, prev = groups[-1][-1]
                groups[-1][-1] = ("must" if occ == "should" else occ, prev)
            pending = "must"
            continue
        occur = pending
        pending = "should"
        if tok == "NOT":
            occur, tokens = "not", tokens[1:]
        elif tok in "+-" and len(tok) == 1:
            occur, tokens = ("must" if tok == "+" else "not"), tokens[1:]
        clause, tokens = _parse_clause(tokens, fld)
        groups[-1].append((occur, clause))
    if len(groups) == 1:
        return _Node("bool", clauses=groups[0]), tokens
    return _Node(
        "bool", clauses=[("should", _Node("bool", clauses=g)) for g in groups if g]
    ), tokens


def _parse_clause(tokens: list[str], fld: str | None) -> tuple[_Node, list[str]]:
    if not tokens:
        raise QueryError("query ends too early")
    tok, tokens = tokens[0], tokens[1:]
    if ":" in tok and not tok.startswith(":") and not tok.startswith('"'):
        name, _, value = tok.partition(":")
        fld = name.lower()
        if value:
            tok = value
        else:
            if not tokens:
                raise QueryError(f"nothing after {name}:")
            tok, tokens = tokens[0], tokens[1:]
    if tok == "(":
        node, tokens = _parse_or(tokens, fld)
        if not tokens or tokens[0] != ")":
            raise QueryError("missing )")
        return node, tokens[1:]
    if tok.startswith('"'):
        if fld in _KEYWORD_FIELDS:
            return _Node("term", fld, [tok.strip('"').lower()]), tokens
        return _Node("phrase", fld, analyse(tok.strip('"'))), tokens
    value = re.sub(r"\\(.)", r"\1", tok)
    words = [value.lower()] if fld in _KEYWORD_FIELDS else analyse(value)
    return _Node("term", fld, words), tokens


# ---------------------------------------------------------------- the catalogue


@dataclass
class _Doc:
    mbid: str
    element: ET.Element
    fields: dict[str, list[str]]
    title: str


class Catalog:
    """Entity documents by type and MBID, with a small search index."""

    def __init__(self, documents: Iterable[tuple[str, ET.Element]]) -> None:
        self.docs: dict[str, dict[str, _Doc]] = {e: {} for e in ENTITIES}
        for entity, element in documents:
            mbid = element.get("id", "")
            title = _text(element, "title") or _text(element, "name")
            self.docs[entity][mbid] = _Doc(mbid, element, _fields(entity, element), title)
        self._df: dict[str, dict[tuple[str, str], int]] = {}
        for entity, docs in self.docs.items():
            df: dict[tuple[str, str], int] = {}
            for doc in docs.values():
                for name, words in doc.fields.items():
                    for word in set(words):
                        df[(name, word)] = df.get((name, word), 0) + 1
            self._df[entity] = df

    @classmethod
    def from_dir(cls, root: Path = FIXTURES) -> Catalog:
        """Every ``<entity>/<mbid>.xml`` under ``root``."""
        return cls(cls._read(root))

    @staticmethod
    def _read(root: Path) -> Iterator[tuple[str, ET.Element]]:
        for entity in ENTITIES:
            for path in sorted((root / entity).glob("*.xml")):
                element = ET.parse(path).getroot().find(q(entity))
                if element is None:
                    raise ValueError(f"{path}: no <{entity}> in this fixture")
                yield entity, element

    @classmethod
    def from_xml(cls, documents: Iterable[str]) -> Catalog:
        """Entities from WS/2 lookup documents given as strings."""
        found: list[tuple[str, ET.Element]] = []
        for text in documents:
            root = ET.fromstring(text)
            for entity in ENTITIES:
                element = root.find(q(entity))
                if element is not None:
                    found.append((entity, element))
        return cls(found)

    def lookup(self, entity: str, mbid: str, includes: set[str]) -> ET.Element | None:
        """The entity with only the requested includes, or ``None``."""
        doc = self.docs.get(entity, {}).get(mbid)
        if doc is None:
            return None
        return _trim(entity, copy.deepcopy(doc.element), includes, search=False)

    def browse_recordings(self, work: str, limit: int, offset: int) -> tuple[int, list[ET.Element]]:
        """(count, recordings) of the work ``work``, with credits and lengths."""
        doc = self.docs["work"].get(work)
        if doc is None:
            return 0, []
        ids = [
            r.get("id", "")
            for r in doc.element.iterfind(
                f"{q('relation-list')}[@target-type='recording']/{q('relation')}/{q('recording')}"
            )
        ]
        found = [self.docs["recording"][i] for i in ids if i in self.docs["recording"]]
        page = found[offset : offset + limit]
        return len(found), [
            _trim("recording", copy.deepcopy(d.element), {"artist-credits"}, search=False)
            for d in page
        ]

    def search(
        self, entity: str, query: str, limit: int, offset: int
    ) -> tuple[int, list[tuple[int, ET.Element]]]:
        """(count, [(score 0-100, element)]) for a Lucene query."""
        tree = parse_query(query)
        docs = self.docs.get(entity, {})
        n = max(1, len(docs))
        df = self._df.get(entity, {})
        defaults = _DEFAULT_FIELDS.get(entity, ())
        hits: list[tuple[float, int, _Doc]] = []
        for index, doc in enumerate(docs.values()):
            matched, score = _evaluate(tree, doc, defaults, df, n)
            if matched and score > 0:
                hits.append((round(score, 6), -index, doc))
        hits.sort(key=lambda h: (-h[0], h[1]))
        top = hits[0][0] if hits else 1.0
        page = hits[offset : offset + limit]
        return len(hits), [
            (
                max(1, round(100 * s / top)),
                _trim(entity, copy.deepcopy(d.element), set(), search=True),
            )
            for s, _, d in page
        ]


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The fixture catalogue, read once (lookups copy what they return)."""
    return Catalog.from_dir()


def _evaluate(
    node: _Node, doc: _Doc, defaults: tuple[str, ...], df: dict[tuple[str, str], int], n: int
) -> tuple[bool, float]:
    if node.kind in ("term", "phrase"):
        if node.field == "mbid":
            ok = bool(node.words) and doc.mbid == node.words[0]
            return ok, 5.0 if ok else 0.0
        names = list(defaults) if node.field in (None, "name") else [node.field]
        score = 0.0
        matched_all = True
        for word in node.words:
            best = 0.0
            for name in names:
                if word in doc.fields.get(name, ()):
                    best = max(best, math.log(1 + n / (df.get((name, word), 0) + 1)) + 0.1)
            if best == 0.0:
                matched_all = False
            score += best
        if node.kind == "phrase":
            return matched_all, score * 1.2 if matched_all else 0.0
        # field:(a b c) is parsed per word by the caller; a bare multi-word term is OR.
        return score > 0, score
    total = 0.0
    any_should = False
    has_should = False
    for occur, clause in node.clauses:
        matched, score = _evaluate(clause, doc, defaults, df, n)
        if occur == "must":
            if not matched:
                return False, 0.0
            total += score
        elif occur == "not":
            if matched:
                return False, 0.0
        else:
            has_should = True
            if matched:
                any_should = True
                total += score
    if has_should and not any_should and not any(o == "must" for o, _ in node.clauses):
        return False, 0.0
    return True, total


_RELATED_ARTIST = frozenset(q(t) for t in ("name", "sort-name", "disambiguation"))


def _trim(entity: str, el: ET.Element, includes: set[str], *, search: bool) -> ET.Element:
    """Drop what the request did not ask for (lookups) or what search hits never carry."""
    for child in list(el):
        tag = child.tag.removeprefix(f"{{{MMD}}}")
        if tag == "alias-list" and entity in ("work", "artist"):
            keep = search or "aliases" in includes
        elif tag == "relation-list":
            target = child.get("target-type", "")
            if search:
                keep = entity == "work" and target in ("artist", "recording")
                if keep and target == "recording":
                    for rec in child.iter(q("recording")):
                        for length in rec.findall(q("length")):
                            rec.remove(length)
            else:
                keep = f"{target}-rels" in includes
            if keep and target == "artist":
                # A related artist comes with its names only, never aliases or dates.
                for artist in child.iter(q("artist")):
                    for extra in list(artist):
                        if extra.tag not in _RELATED_ARTIST:
                            artist.remove(extra)
        elif tag == "artist-credit" and entity == "recording":
            keep = search or bool({"artist-credits", "artists"} & includes)
        elif tag == "release-list" and entity == "recording":
            keep = search or "releases" in includes
        else:
            keep = True
        if not keep:
            el.remove(child)
    return el


# ---------------------------------------------------------------- faults and the server


@dataclass
class Fault:
    """A misbehaviour for the next ``times`` matching requests."""

    kind: str
    """``503`` (with ``retry_after``), ``500``, ``hang``, ``reset``, ``malformed``, ``html``."""
    times: int = 1
    retry_after: str | None = None
    match: str = ""
    """Only requests whose path and query contain this text."""


@dataclass
class Request:
    """One request as the server saw it."""

    path: str
    user_agent: str
    entity: str
    query: dict[str, str]


class MBServer:
    """The stand-in server; use as a context manager."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        *,
        latency_s: float = 0.0,
        barrier: threading.Barrier | None = None,
    ) -> None:
        self.catalog = catalog if catalog is not None else default_catalog()
        self.latency_s = latency_s
        self.barrier = barrier
        """When set, every request waits here: proves that requests overlap."""
        self.trickle_s = 0.002
        """The pause between two bytes of a ``trickle`` fault, in seconds."""
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def count(self) -> int:
        """How many requests were received."""
        with self._lock:
            return len(self.requests)

    def paths(self) -> list[str]:
        """The requested paths with their query strings, in order."""
        with self._lock:
            return [r.path for r in self.requests]

    def fail(
        self, kind: str, *, times: int = 1, retry_after: str | None = None, match: str = ""
    ) -> None:
        """Queue a fault for the next matching requests."""
        with self._lock:
            self.faults.append(Fault(kind, times, retry_after, match))

    def start(self) -> MBServer:
        handler = type("Handler", (_Handler,), {"mb": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> MBServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.match in path:
                    fault.times -= 1
                    return fault
        return None


def _document(body: ET.Element) -> bytes:
    root = ET.Element(q("metadata"))
    root.append(body)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ET.tostring(
        root, encoding="utf-8", xml_declaration=False
    )


def _error(text: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<error><text>'
        + text.replace("&", "&amp;").replace("<", "&lt;")
        + "</text><text>For usage, please see: https://musicbrainz.org/development/mmd</text></error>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    mb: MBServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        entity = segments[2] if len(segments) >= 3 else ""
        with self.mb._lock:
            self.mb.requests.append(
                Request(self.path, self.headers.get("User-Agent", ""), entity, query)
            )
        if self.mb.latency_s:
            time.sleep(self.mb.latency_s)
        if self.mb.barrier is not None:
            try:
                self.mb.barrier.wait()
            except threading.BrokenBarrierError:
                self._send(503, _error("barrier broken: requests did not overlap"))
                return
        fault = self.mb._take_fault(self.path)
        if fault is not None and self._fault(fault):
            return
        if segments[:2] != ["ws", "2"] or entity not in ENTITIES:
            self._send(400, _error(f"unknown resource {parts.path}"))
            return
        mbid = segments[3] if len(segments) > 3 else ""
        if mbid:
            includes = set(query.get("inc", "").split())
            element = self.mb.catalog.lookup(entity, mbid, includes)
            if element is None:
                self._send(404, _error("Not Found"))
            else:
                self._send(200, _document(element))
            return
        if "query" not in query and entity == "recording" and "work" in query:
            limit = max(1, min(100, int(query.get("limit", "25"))))
            offset = max(0, int(query.get("offset", "0")))
            count, found = self.mb.catalog.browse_recordings(query["work"], limit, offset)
            listing = ET.Element(q("recording-list"), {"count": str(count), "offset": str(offset)})
            listing.extend(found)
            self._send(200, _document(listing))
            return
        if "query" not in query:
            self._send(400, _error("only browses of a work's recordings are supported here"))
            return
        try:
            limit = max(1, min(100, int(query.get("limit", "25"))))
            offset = max(0, int(query.get("offset", "0")))
            count, hits = self.mb.catalog.search(entity, query["query"], limit, offset)
        except (QueryError, ValueError) as error:
            self._send(400, _error(str(error)))
            return
        listing = ET.Element(q(f"{entity}-list"), {"count": str(count), "offset": str(offset)})
        for score, element in hits:
            element.set(f"{{{EXT}}}score", str(score))
            listing.append(element)
        self._send(200, _document(listing))

    def _fault(self, fault: Fault) -> bool:
        if fault.kind in ("503", "500"):
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            self._send(
                int(fault.kind),
                _error("Your requests are exceeding the allowable rate limit."),
                headers,
            )
            return True
        if fault.kind == "hang":
            self.mb._release.wait(5.0)
            self.close_connection = True
            return True
        if fault.kind == "reset":
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return True
        if fault.kind == "malformed":
            self._send(
                200,
                b'<?xml version="1.0"?>\n<metadata xmlns="'
                + MMD.encode()
                + b'"><work-list count="3"><work id=',
            )
            return True
        if fault.kind == "html":
            self._send(
                200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", content_type="text/html"
            )
            return True
        return _misbehave(self, fault)

    def _send(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        content_type: str = "application/xml; charset=UTF-8",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


# ---------------------------------------------------------------- servers that misbehave
#
# More fault kinds for :meth:`MBServer.fail` (``times=10**6`` makes one the server's
# only behaviour), and a server that accepts connections and never answers:
#
# * ``trickle`` / ``trickle-headers``: a well-formed work, one byte every
#   :attr:`MBServer.trickle_s` seconds, body only or headers too;
# * ``huge`` (a declared 50 MB body) and ``huge-chunked`` (an endless chunked body, no
#   length given; it stops after 64 MB or when the client leaves);
# * ``empty`` (200, no body), ``404`` (MusicBrainz's error document, for searches too),
#   ``404-html`` (a web server's page), ``wrong-entity`` (a recording for anything),
#   ``truncated`` (a search result cut in the middle, with a correct length),
#   ``redirect-loop`` (301 to the same path).

TRICKLED_WORK = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="' + MMD.encode() + b'">'
    b'<work id="5c1a2b3c-0000-4000-8000-000000000001"><title>Trickled</title></work></metadata>'
)
_RECORDING = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="' + MMD.encode() + b'">'
    b'<recording id="5c1a2b3c-0000-4000-8000-000000000002"><title>Not a work</title>'
    b"</recording></metadata>"
)
_HTML_404 = (
    b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>"
)


def _misbehave(handler: _Handler, fault: Fault) -> bool:
    kind = fault.kind
    if kind.startswith("trickle"):
        _trickle(handler, headers=kind == "trickle-headers")
    elif kind == "huge":
        handler.send_response(200)
        handler.send_header("Content-Type", "application/xml")
        handler.send_header("Content-Length", str(50 * 1024 * 1024))
        handler.end_headers()
        _stream(handler, 50 * 1024 * 1024, chunked=False)
    elif kind == "huge-chunked":
        handler.send_response(200)
        handler.send_header("Content-Type", "application/xml")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        _stream(handler, 64 * 1024 * 1024, chunked=True)
    elif kind == "empty":
        handler._send(200, b"")
    elif kind == "404":
        handler._send(404, _error("Not Found"))
    elif kind == "404-html":
        handler._send(404, _HTML_404, content_type="text/html")
    elif kind == "wrong-entity":
        handler._send(200, _RECORDING)
    elif kind == "truncated":
        handler._send(200, _document(ET.Element(q("work-list"), {"count": "9"}))[:-40])
    elif kind == "redirect-loop":
        handler._send(301, b"", {"Location": handler.path})
    else:
        return False
    handler.close_connection = True
    return True


def _trickle(handler: _Handler, *, headers: bool) -> None:
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
        + f"Content-Length: {len(TRICKLED_WORK)}\r\nConnection: close\r\n\r\n".encode()
    )
    try:
        if not headers:
            handler.wfile.write(head)
            handler.wfile.flush()
        for byte in (head if headers else b"") + TRICKLED_WORK:
            if handler.mb._release.wait(handler.mb.trickle_s):
                return  # the server is stopping
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
    except OSError:
        return  # the client gave up


def _stream(handler: _Handler, size: int, *, chunked: bool) -> None:
    block = b"<!-- " + b"x" * (64 * 1024 - 9) + b" -->"
    try:
        for _ in range(size // len(block)):
            if chunked:
                handler.wfile.write(f"{len(block):x}\r\n".encode() + block + b"\r\n")
            else:
                handler.wfile.write(block)
    except OSError:
        return  # the client gave up


class SilentServer:
    """Accepts connections on 127.0.0.1 (the kernel does, into the backlog) and never answers."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        host, port = self._sock.getsockname()[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
