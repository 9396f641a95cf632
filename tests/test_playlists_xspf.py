"""XSPF: schema validity (xmllint, lxml), URIs, lossless round trips, hardened reading."""

from __future__ import annotations

import io
import re
import subprocess
import warnings
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import registry, xspf
from playlists.errors import LenientReadWarning, ParseError, TextChangedWarning
from playlists.model import Credit, CueData, Entry, Playlist
from tests.playlist_samples import sochi
from tests.tools import require_tool

SCHEMA = next(
    (
        parent / "shared" / "validators" / "xspf-1_0.7.rng"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "validators" / "xspf-1_0.7.rng").exists()
    ),
    None,
)
NS = {"x": "http://xspf.org/ns/0/"}


def _schema() -> Path:
    if SCHEMA is None:
        pytest.skip("../shared/validators/xspf-1_0.7.rng is not here (../shared is absent)")
    return SCHEMA


def _xmllint(path: Path) -> subprocess.CompletedProcess[str]:
    xmllint = require_tool("xmllint")
    return subprocess.run(
        [xmllint, "--noout", "--relaxng", str(_schema()), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _odd() -> Playlist:
    """Text that XML and URIs make hard: markup characters, quotes, scripts, whitespace."""
    return Playlist(
        title='<b>"Tom & Jerry"</b>',
        date_ms=1_393_172_040_000,  # 2014-02-23T16:14:00Z
        timezone="Asia/Seoul",
        entries=(
            Entry(
                location="dir with space/100% <pure> #1?.wav",
                title="line one\nline two\r\n\ttabbed  ",
                creator="Ünïcødé & Рахманинов & 아리랑",
                identifiers=(
                    "https://musicbrainz.org/recording/0f6e3c1a-4b2d-4e7f-9a1b-2c3d4e5f6a7b",
                ),
                annotation="]]> and <![CDATA[",
                duration_ms=0,
                cue=CueData(credits=(Credit('A "quoted" & <odd> name', 'role\n"x"'),)),
            ),
            Entry(location="https://example.org/a b/ü.mp3", title="stream"),
            Entry(title="no file at all"),
        ),
    )


def test_sochi_is_valid_and_checked_beyond_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "sochi.xspf"
    xspf.dump(sochi(), out, base_dir="/srv/show")
    result = _xmllint(out)
    assert result.returncode == 0, result.stderr
    assert "validates" in result.stderr
    from lxml import etree

    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1" and root.nsmap[None] == NS["x"]
    assert root.findtext("x:date", namespaces=NS) == "2014-02-23T20:14:00+04:00"
    numbers = [int(t) for t in root.xpath("//x:trackNum/text()", namespaces=NS)]
    assert numbers == list(range(1, len(sochi().entries) + 1))
    locations = root.xpath("//x:location/text()", namespaces=NS)
    assert (
        "file:///srv/show/audio/03%20%D0%A0%D0%B0%D1%85%D0%BC%D0%B0%D0%BD%D0%B8%D0%BD%D0%BE%D0%B2.flac"
        in locations
    )
    for uri in locations + root.xpath("//x:identifier/text()", namespaces=NS):
        assert uri.isascii() and " " not in uri and urlsplit(uri).scheme in ("file", "https")
    durations = root.xpath("//x:duration/text()", namespaces=NS)
    assert durations[0] == "252000"
    assert root.xpath("//x:identifier/text()", namespaces=NS)[0].startswith(
        "https://musicbrainz.org/recording/"
    )


def test_odd_text_is_valid_and_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "odd.xspf"
    xspf.dump(_odd(), out, base_dir="/base")
    result = _xmllint(out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "file:///base/dir%20with%20space/100%25%20%3Cpure%3E%20%231%3F.wav" in text
    assert "https://example.org/a%20b/%C3%BC.mp3" in text
    assert "<date>2014-02-24T01:14:00+09:00</date>" in text
    back = xspf.load(out)
    expected = replace(
        _odd(),
        entries=(
            replace(_odd().entries[0], location="/base/dir with space/100% <pure> #1?.wav"),
            replace(_odd().entries[1], location="https://example.org/a%20b/%C3%BC.mp3"),
            _odd().entries[2],
        ),
    )
    assert back == expected


def test_sochi_round_trip_is_lossless_but_for_absolute_locations() -> None:
    playlist = sochi()
    back = xspf.loads(xspf.dumps(playlist, base_dir="/srv/show"))
    assert back == replace(
        playlist,
        entries=tuple(
            replace(e, location=f"/srv/show/{e.location}" if e.location else None)
            for e in playlist.entries
        ),
    )


def test_uris_with_ampersands_round_trip() -> None:
    entry = Entry(
        location="/a&b/c&d.wav",
        identifiers=("https://x.example/?a=1&b=2", "urn:x:<odd>"),
    )
    text = xspf.dumps(Playlist(entries=(entry,)))
    assert "<location>file:///a&amp;b/c&amp;d.wav</location>" in text
    assert "<identifier>https://x.example/?a=1&amp;b=2</identifier>" in text
    assert xspf.loads(text).entries == (entry,)


def test_cue_positions_and_gaps_round_trip() -> None:
    entry = Entry(location="/a.wav", start_ms=1234, pregap_ms=2000, postgap_ms=5, index00_ms=1000)
    empty_cue = Entry(location="/b.wav", cue=CueData())
    playlist = Playlist(entries=(entry, empty_cue, Entry(location="/c.wav")))
    assert xspf.loads(xspf.dumps(playlist)) == playlist


def test_every_extension_field_reads_the_same_on_both_readers() -> None:
    cue = CueData(
        segment="Part & 1",
        number="7a",
        kind="music",
        start_utc_ms=1_393_172_040_123,
        credits=(Credit("A <b>", "composer", guessed=True), Credit("C", 'role "x"')),
        isrc="RUA011400001",
        iswc="T-123.456.789-0",
        usage="background",
        duration_source="planned",
    )
    entries = (
        Entry("/a.wav", "T", "C", "Al", 5, 1234, ("urn:x",), "note", cue, 2000, 5, 1000),
        Entry("/b.wav", cue=CueData(segment="")),
        Entry("/c.wav", cue=CueData(credits=(Credit("only", "performer"),))),
        Entry("/d.wav", cue=CueData(number="2")),
    )
    playlist = Playlist(entries=entries)
    text = xspf.dumps(playlist)
    general = text.replace("<trackList>", "<trackList><!-- the general reader -->")
    assert xspf.loads(text) == xspf.loads(general) == playlist
    for bad, what in (
        ("<c:pregap>x</c:pregap>", "<pregap> must be a whole number"),
        ("<c:start>noon</c:start>", "Invalid isoformat"),
    ):
        tag = bad[: bad.index(">") + 1]
        changed = re.sub(tag + "[^<]*" + tag.replace("<", "</"), bad, text, count=1)
        assert changed != text
        with pytest.raises(ParseError) as caught:
            xspf.loads(changed, "x.xspf")
        assert str(caught.value).startswith("x.xspf:4: track 1: "), caught.value
        assert what in str(caught.value)


def test_dump_defaults_relative_locations_to_its_directory(tmp_path: Path) -> None:
    out = tmp_path / "x.xspf"
    registry.get("xspf").dump(Playlist(entries=(Entry(location="a.wav"),)), out)
    assert f"<location>file://{tmp_path}/a.wav</location>" in out.read_text(encoding="utf-8")


def test_characters_xml_cannot_carry_are_replaced_with_a_warning(tmp_path: Path) -> None:
    playlist = Playlist(entries=(Entry(location="/a.wav", title="bell\x07 and \x1b esc"),))
    with pytest.warns(TextChangedWarning, match="U\\+FFFD"):
        text = xspf.dumps(playlist)
    assert xspf.loads(text).entries[0].title == "bell\ufffd and \ufffd esc"


def test_a_date_without_offset_is_left_out() -> None:
    text = xspf.dumps(Playlist()).replace("<trackList", "<date>23 February 2014</date><trackList")
    with pytest.warns(TextChangedWarning, match="not an ISO"):
        assert xspf.loads(text, path="p.xspf").date_ms is None


def test_a_date_with_an_unknown_zone_is_left_out() -> None:
    with pytest.warns(TextChangedWarning, match="Mars"):
        text = xspf.dumps(Playlist(date_ms=0, timezone="Mars/Olympus"))
    assert "<date>" not in text


@pytest.mark.parametrize(
    ("date", "zone"),
    [
        ("2014-02-23T20:14:00+04:00", "Etc/GMT-4"),
        ("2014-02-23T16:14:00Z", ""),
        ("2014-02-23T21:44:00+05:30", ""),
    ],
)
def test_a_date_with_no_zone_named_is_shown_at_its_offset(date: str, zone: str) -> None:
    text = xspf.dumps(Playlist()).replace("<trackList", f"<date>{date}</date><trackList")
    back = xspf.loads(text)
    assert (back.date_ms, back.timezone) == (1_393_172_040_000, zone)


def test_other_programs_xspf_is_read(tmp_path: Path) -> None:
    text = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- made elsewhere -->
<playlist version="1" xmlns="http://xspf.org/ns/0/" xmlns:vlc="http://www.videolan.org/vlc/playlist/ns/0/">
  <title>Caf\xe9</title>
  <trackList>
    <track>
      <location>file:///music/caf%C3%A9.ogg</location>
      <location>http://mirror.example/cafe.ogg</location>
      <title><![CDATA[A & B]]></title>
      <duration>1000</duration>
      <meta rel="http://example.org/x">y</meta>
      <extension application="http://www.videolan.org/vlc/playlist/0"><vlc:id>0</vlc:id></extension>
    </track>
  </trackList>
</playlist>
""".encode("latin-1")
    path = tmp_path / "other.xspf"
    path.write_bytes(text)
    playlist = xspf.load(path)
    assert playlist.title == "Café"
    assert playlist.entries == (Entry(location="/music/café.ogg", title="A & B", duration_ms=1000),)


# -- hardened reading -------------------------------------------------------------------

_XXE = """<?xml version="1.0"?>
<!DOCTYPE playlist [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<playlist version="1" xmlns="http://xspf.org/ns/0/"><title>&secret;</title><trackList/></playlist>
"""
_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<playlist version="1" xmlns="http://xspf.org/ns/0/"><title>&lol9;</title>'
    "<trackList/></playlist>\n"
)
_EXTERNAL_DTD = (
    '<!-- c -->\n<!DOCTYPE playlist SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
    '<playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList/></playlist>'
)


@pytest.mark.parametrize(
    ("text", "line"), [(_XXE, 2), (_BOMB, 2), (_EXTERNAL_DTD, 2)], ids=["xxe", "bomb", "dtd"]
)
def test_dtds_are_refused(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(ParseError, match="DTD") as caught:
        xspf.loads(text, path="evil.xspf")
    assert caught.value.line == line
    path = tmp_path / "evil.xspf"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match="refused"):
        xspf.load(path)


def test_a_doctype_split_across_read_blocks_is_still_refused(tmp_path: Path) -> None:
    text = "<!--" + "x" * (xspf._READ_SIZE - 6) + "-->" + _EXTERNAL_DTD.split("\n", 1)[1]
    path = tmp_path / "split.xspf"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match="DTD"):
        xspf.load(path)


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("", 1, "no element found"),
        (
            "<playlist version='1' xmlns='http://xspf.org/ns/0/'>\n<trackList>\n</playlist>",
            3,
            "not well-formed",
        ),
        ("<html><body/></html>", 1, "not an XSPF playlist"),
        (
            "<playlist version='2' xmlns='http://xspf.org/ns/0/'><trackList/></playlist>",
            1,
            "version",
        ),
        (
            "<playlist version='1' xmlns='http://xspf.org/ns/0/'><trackList>"
            "<track><duration>3:00</duration></track></trackList></playlist>",
            1,
            "track 1: <duration> must be a whole number",
        ),
    ],
)
def test_bad_input(text: str, line: int | None, what: str) -> None:
    with pytest.raises(ParseError) as caught:
        xspf.loads(text, path="bad.xspf")
    assert caught.value.line == line
    assert what in str(caught.value)
    assert str(caught.value).startswith("bad.xspf")


def test_bad_value_names_the_track_and_its_line() -> None:
    text = xspf.dumps(sochi()).replace("<duration>190000<", "<duration>3 min<")
    with pytest.raises(ParseError) as caught:
        xspf.loads(text, path="s.xspf")
    assert str(caught.value).startswith("s.xspf:22: track 2: <duration> must be a whole number")


def test_our_documents_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    text = xspf.dumps(sochi())

    def general(*_: object) -> Playlist:
        raise AssertionError("the general reader was used")

    monkeypatch.setattr(xspf, "_parse", general)
    assert xspf.loads(text) == xspf.loads(text.replace("\n", "\r\n"))
    assert len(xspf.loads(text).entries) == len(sochi().entries)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("<trackList>", "<trackList><!-- <track> -->"),
        lambda t: t.replace("<track>", '<track xml:base="file:///x/">', 1),
        lambda t: t.replace("<title>Arirang</title>", "<title><![CDATA[Arirang]]></title>"),
        lambda t: (
            t.replace(
                '<playlist xmlns="http://xspf.org/ns/0/"',
                '<x:playlist xmlns:x="http://xspf.org/ns/0/"',
            )
            .replace("</playlist>", "</x:playlist>")
            .replace("<trackList>", "<x:trackList>")
            .replace("</trackList>", "</x:trackList>")
            .replace("<track>", "<x:track>")
            .replace("</track>", "</x:track>")
            .replace("<title>", "<x:title>")
            .replace("</title>", "</x:title>")
        ),
        lambda t: t.replace("<c:entry", "<!-- ours --><c:entry"),
        lambda t: t.replace(
            "<creator>Denis Matsuev</creator>", "<creator>Denis &#77;atsuev</creator>"
        ),
        lambda t: t.replace(
            "<track>",
            '<track><extension application="http://other.example/"><a><b/></a></extension>',
        ),
    ],
    ids=["comment", "attribute", "cdata", "prefixes", "our-ext-comment", "charref", "foreign-ext"],
)
def test_unusual_markup_reads_the_same(change: object) -> None:
    text = xspf.dumps(sochi(), base_dir="/srv")
    changed = change(text)  # type: ignore[operator]
    assert changed != text
    expected = xspf.loads(text)
    assert xspf.loads(changed) == expected
    # a comment among the tracks leaves the whole document to the general reader
    general = "<trackList><!-- read by the general reader -->"
    assert xspf.loads(text.replace("<trackList>", general)) == expected
    assert xspf.loads(changed.replace("<trackList>", general)) == expected


# -- another reader: xspf-lib -----------------------------------------------------------


def test_xspf_lib_reads_our_output(tmp_path: Path) -> None:
    xspf_lib = pytest.importorskip("xspf_lib")
    out = tmp_path / "sochi.xspf"
    xspf.dump(sochi(), out, base_dir="/srv/show")
    parsed = xspf_lib.Playlist.parse(str(out))
    assert [t.title for t in parsed.trackList] == [e.title for e in sochi().entries]
    assert [t.duration for t in parsed.trackList] == [e.duration_ms for e in sochi().entries]


# -- properties -------------------------------------------------------------------------

_XML_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_characters="".join(
            map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
        ),
    ),
    max_size=30,
) | st.sampled_from(['"q" & <t>', "a,b\n\rc", "Рахманинов", "아리랑", "x" * 4000, "]]>"])


_ENTRY = st.builds(
    Entry,
    location=st.none() | st.from_regex(r"\A/[a-z ü%#?&]{1,12}\.wav\Z"),
    title=_XML_TEXT,
    creator=_XML_TEXT,
    album=_XML_TEXT,
    annotation=_XML_TEXT,
    duration_ms=st.none() | st.integers(0, 10**10),
    identifiers=st.lists(st.from_regex(r"\Aurn:isrc:[A-Z0-9]{12}\Z"), max_size=2).map(tuple),
    cue=st.none()
    | st.builds(
        CueData,
        segment=_XML_TEXT,
        number=_XML_TEXT,
        start_utc_ms=st.none() | st.integers(0, 4 * 10**12),
        credits=st.lists(
            st.builds(Credit, _XML_TEXT, _XML_TEXT, st.booleans(), _XML_TEXT), max_size=2
        ).map(tuple),
        gap_ms=st.integers(0, 10**9),
        crossfade_ms=st.integers(0, 10**6),
        out_ms=st.none() | st.integers(0, 10**9),
        fade_out_ms=st.integers(0, 10**6),
        segment_at_ms=st.none() | st.integers(0, 4 * 10**12),
        segment_at_label=_XML_TEXT,
        segment_budget_ms=st.none() | st.integers(0, 10**9),
        segment_notes=_XML_TEXT,
        segment_usage=st.sampled_from(["", "BV", "MT"]),
    ),
)
"""Any entry XSPF can carry (text, locations, cues with every kind of value)."""


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_ENTRY, max_size=4),
    _XML_TEXT,
    st.none() | st.integers(0, 4 * 10**12),
)
def test_property_round_trip_is_exact_and_valid(
    entries: list[Entry], title: str, hard_out_ms: int | None
) -> None:
    from lxml import etree

    playlist = Playlist(title=title, entries=tuple(entries), hard_out_ms=hard_out_ms)
    text = xspf.dumps(playlist)
    assert xspf.loads(text) == playlist
    assert xspf._parse(io.StringIO(text), None) == playlist  # the general reader too
    if SCHEMA is not None:
        schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
        assert schema.validate(etree.fromstring(text.encode("utf-8"))), schema.error_log


_POSITIONED = st.builds(
    replace,
    _ENTRY,
    start_ms=st.none() | st.integers(0, 10**9),
    pregap_ms=st.integers(0, 10**6),
    postgap_ms=st.integers(0, 10**6),
    index00_ms=st.none() | st.integers(0, 10**9),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_POSITIONED | st.just(Entry(location="/x.wav", cue=CueData())), max_size=4))
def test_the_pattern_of_our_own_tracks_reads_them_as_the_general_pattern_does(
    entries: list[Entry],
) -> None:
    """Every track we write is matched by the quickest pattern, and read as before."""
    text = xspf.dumps(Playlist(entries=tuple(entries)), base_dir="/srv")
    general_reader = xspf._parse(io.StringIO(text), None).entries
    pos = text.index("<trackList>") + len("<trackList>")
    for number in range(len(entries)):
        found = xspf._WRITTEN_TRACK_RE.match(text, pos)
        assert found is not None, text[pos : pos + 400]
        general = xspf._OUR_TRACK_RE.match(text, pos)
        assert general is not None and general.end() == found.end()
        read = xspf._written_track(found, "&" not in found[0])
        assert read == xspf._our_track(general) == general_reader[number]
        pos = found.end()


@settings(max_examples=200, deadline=None)
@given(st.lists(_XML_TEXT | st.sampled_from(["", "a\nb", "\x01", "\ud800", "&<>\r"]), max_size=6))
def test_a_column_escaped_at_once_is_each_value_escaped(values: list[str]) -> None:
    with warnings.catch_warnings(record=True) as column:
        warnings.simplefilter("always")
        escaped = xspf._escaped(list(values))
    with warnings.catch_warnings(record=True) as one_by_one:
        warnings.simplefilter("always")
        expected = [xspf._esc(value) for value in values]
    assert escaped == expected
    assert len(column) == len(one_by_one)


def test_a_track_not_quite_as_we_write_it_is_still_read() -> None:
    text = xspf.dumps(sochi(), base_dir="/srv")
    expected = xspf.loads(text)
    for change in (
        lambda t: t.replace("\n      <title>", "\n\t<title>"),
        lambda t: t.replace("<trackNum>2</trackNum>", "<trackNum> 2</trackNum>"),
        lambda t: t.replace("Z</c:start>", ".000Z</c:start>", 1),
        lambda t: t.replace("<duration>190000<", "<duration> 190000 <"),
    ):
        changed = change(text)
        assert changed != text
        assert xspf.loads(changed) == expected


def test_relative_locations_are_percent_decoded_and_xml_base_applies() -> None:
    text = (
        '<playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>'
        "<track><location>../01-Ain't%20Mine.flac</location></track>"
        '<track xml:base="http://radio.example/music/"><location>a%20b.mp3</location></track>'
        "</trackList></playlist>"
    )
    assert [e.location for e in xspf.loads(text).entries] == [
        "../01-Ain't Mine.flac",
        "http://radio.example/music/a%20b.mp3",
    ]
    based = text.replace('version="1"', 'version="1" xml:base="file:///srv/show/"')
    assert [e.location for e in xspf.loads(based).entries] == [
        "/srv/01-Ain't Mine.flac",
        "http://radio.example/music/a%20b.mp3",
    ]


def test_a_document_without_version_or_namespace_is_read_with_a_warning() -> None:
    text = "<playlist><trackList><track><title>Foo</title></track></trackList></playlist>"
    with pytest.warns(LenientReadWarning, match=r"^old\.xspf:1: <playlist> has no version"):
        playlist = xspf.loads(text, path="old.xspf")
    assert [e.title for e in playlist.entries] == ["Foo"]


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os
    import sys

    fifo = tmp_path / "pipe.xspf"
    os.mkfifo(fifo)
    code = (
        "import sys\nfrom playlists import xspf\nfrom playlists.errors import PlaylistError\n"
        "try:\n    xspf.load(sys.argv[1])\nexcept PlaylistError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=20
    )
    assert "not a file" in done.stdout


def _tracks_one_by_one(batch: list[Entry], first_number: int, base: str) -> str:
    """The writer's tracks as it made them before the columns (a track at a time)."""
    out = []
    for number, entry in enumerate(batch, first_number):
        location = entry.location
        location = f"      <location>{xspf._uri(location, base)}</location>\n" if location else ""
        identifiers = "".join(
            f"      <identifier>{xspf._uri(i, base)}</identifier>\n" for i in entry.identifiers
        )
        title = f"      <title>{xspf._esc(entry.title)}</title>\n" if entry.title else ""
        creator = f"      <creator>{xspf._esc(entry.creator)}</creator>\n" if entry.creator else ""
        annotation = entry.annotation
        annotation = (
            f"      <annotation>{xspf._esc(annotation)}</annotation>\n" if annotation else ""
        )
        album = f"      <album>{xspf._esc(entry.album)}</album>\n" if entry.album else ""
        duration = entry.duration_ms
        duration = f"      <duration>{duration}</duration>\n" if duration is not None else ""
        out.append(
            f"    <track>\n{location}{identifiers}{title}{creator}{annotation}{album}"
            f"      <trackNum>{number}</trackNum>\n{duration}{xspf._cue_block(entry)}    </track>\n"
        )
    return "".join(out)


_LOCATIONS = st.sampled_from(
    ["/m/a b/01 x.flac", "/m/a b/02 y.flac", "/m/아리랑/03.flac", "/m/S & G/x&y.flac", "rel/a.flac",
     "../up/b c.wav", "a.wav", "/root.wav", "/m/dir/", "/m/.", "x/..", "/m/a%20b.wav",
     "C:\\m\\x.wav", "/m/a:b/c.wav", "https://h.example/a b?q=1&r=2", "/m/line\nbreak.wav",
     "/m/é\udcff.wav", "/m/#?.wav", ""]
)  # fmt: skip
_IDENTIFIERS = st.sampled_from(
    ["https://musicbrainz.org/recording/x", "urn:isrc:ABC", "https://h/?a=1&b=2", "http://h/ü",
     "http://h/a b", "local/path.wav", "C:\\x"]
)  # fmt: skip


def _shaped(location: str | None, ids: tuple[str, ...], text: str, duration: int | None) -> Entry:
    return Entry(location=location, title=text, creator=text[::-1], album=text[:3],
                 duration_ms=duration, identifiers=ids)  # fmt: skip


_COLUMN_ENTRY = st.builds(
    _shaped,
    st.none() | _LOCATIONS,
    st.lists(_IDENTIFIERS, max_size=2).map(tuple),
    _XML_TEXT | st.sampled_from(["\x01", "\ud800", "a\ufffeb"]),
    st.none() | st.integers(0, 10**7),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_COLUMN_ENTRY | _POSITIONED, min_size=1, max_size=6)
    | st.lists(_COLUMN_ENTRY, min_size=1, max_size=3).map(lambda e: e * 3),
    st.sampled_from(["/srv", "/base & dir", "/"]),
)
def test_tracks_written_a_column_at_a_time_are_the_tracks_written_one_by_one(
    batch: list[Entry], base: str
) -> None:
    """Whatever the mix of shapes, every column (all there, none, some) gives the same bytes."""
    with warnings.catch_warnings(record=True) as columns:
        warnings.simplefilter("always")
        try:
            text = xspf._tracks(batch, 7, base, xspf._paths.uri_prefixes(base, xspf._amp_text))
        except UnicodeEncodeError:
            text = None
    with warnings.catch_warnings(record=True) as one_by_one:
        warnings.simplefilter("always")
        try:
            expected = _tracks_one_by_one(batch, 7, base)
        except UnicodeEncodeError:
            expected = None
    assert text == expected
    if text is not None:
        assert len(columns) == len(one_by_one)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12) | st.sampled_from(["a&b", "\r", "\x01", "\ud800", "\ufffe", "é\uffff"]))
def test_the_byte_scan_of_a_column_says_what_the_patterns_say(text: str) -> None:
    found = xspf._scan(text)
    assert (found == xspf._PLAIN) == (xspf._NEEDS_ESCAPE.search(text) is None)
    assert (found == xspf._BAD) == (xspf._BAD_XML_CHARS.search(text) is not None)
