"""CSV playlists: both profiles, formula neutralisation, BOM, read-back and bad input."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import csvfile, registry
from playlists.errors import DecodingWarning, InvalidPlaylistError, ParseError, WriteError
from playlists.model import Credit, CueData, Entry, Playlist
from tests.playlist_samples import SOCHI_START_UTC_MS, sochi


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_running_order_columns_and_times() -> None:
    rows = _rows(csvfile.dumps(sochi()))
    assert list(rows[0]) == list(
        csvfile.RUNNING_ORDER_COLUMNS
        + csvfile.CUE_COLUMNS
        + csvfile.SEGMENT_COLUMNS
        + csvfile.SHOW_COLUMNS
    )
    first, third = rows[0], rows[2]
    assert first["start_local"] == "2014-02-23T20:14:00+04:00"
    assert first["start_utc"] == "2014-02-23T16:14:00Z"
    assert first["duration"] == "00:04:12"
    assert first["segment"] == "Opening"
    assert third["cue"] == "3.1"
    assert third["credits"] == "Sergei Rachmaninoff (composer); Denis Matsuev (performer)"
    assert third["identifiers"].split() == list(sochi().entries[2].identifiers)
    assert third["start_local"] == "2014-02-23T20:21:22+04:00"
    assert third["file"] == "audio/03 Рахманинов.flac"
    assert len(rows) == len(sochi().entries)


def test_local_time_follows_the_timezone_rules_of_the_day() -> None:
    # Moscow was UTC+4 in 2014 and UTC+3 from October 2014 on.
    later = Entry(title="x", cue=CueData(start_utc_ms=1_420_070_400_000))  # 2015-01-01T00:00Z
    text = csvfile.dumps(Playlist(timezone="Europe/Moscow", entries=(later,)))
    assert _rows(text)[0]["start_local"] == "2015-01-01T03:00:00+03:00"


def test_milliseconds_are_kept_not_rounded() -> None:
    entry = Entry(title="x", duration_ms=61_001, cue=CueData(start_utc_ms=1_500))
    text = csvfile.dumps(Playlist(entries=(entry,)))
    row = _rows(text)[0]
    assert row["duration"] == "00:01:01.001"
    assert row["start_utc"] == "1970-01-01T00:00:01.500Z"
    back = csvfile.loads(text).entries[0]
    assert back.duration_ms == 61_001
    assert back.cue is not None and back.cue.start_utc_ms == 1_500


def _comparable(entry: Entry) -> tuple[object, ...]:
    data = entry.cue or CueData()
    return (
        # ISRC and ISWC travel as urn:isrc:/urn:iswc: identifiers
        replace(data, credits=tuple(c for c in data.credits if c.role), isrc="", iswc=""),
        entry.title,
        entry.duration_ms,
        entry.identifiers,
        entry.location,
        entry.annotation,
    )


def test_running_order_round_trip() -> None:
    playlist = sochi()
    back = csvfile.loads(csvfile.dumps(playlist), timezone=playlist.timezone)
    assert [_comparable(e) for e in back.entries] == [_comparable(e) for e in playlist.entries]
    assert [e.creator for e in back.entries] == [e.creator for e in playlist.entries]
    assert back.timezone == "Europe/Moscow"


def test_rights_profile() -> None:
    rows = _rows(csvfile.dumps(sochi(), profile="rights"))
    assert list(rows[0]) == list(csvfile.RIGHTS_COLUMNS)
    third = rows[2]
    assert third["sequence"] == "3"
    assert third["writers"] == "Sergei Rachmaninoff (composer)"
    assert third["performers"] == "Denis Matsuev (performer)"
    assert third["iswc"] == "T-900.000.001-5"
    assert third["isrc"] == "RUA011400001"
    assert third["usage"] == "BI"
    # Programme time: the show starts at 20:14, the cue at 20:21:22 and lasts 10:05.
    assert (third["timing_in"], third["timing_out"], third["duration"]) == (
        "00:07:22",
        "00:17:27",
        "00:10:05",
    )
    assert rows[3]["writers"] == "traditional (arranger)"


def test_rights_round_trip_with_origin() -> None:
    playlist = sochi()
    text = csvfile.dumps(playlist, profile="rights")
    back = csvfile.loads(text, origin_utc_ms=SOCHI_START_UTC_MS)
    for before, after in zip(playlist.entries, back.entries, strict=True):
        assert before.cue is not None and after.cue is not None
        assert after.title == before.title
        assert after.duration_ms == before.duration_ms
        assert after.cue.number == before.cue.number
        assert after.cue.start_utc_ms == before.cue.start_utc_ms
        assert (after.cue.isrc, after.cue.iswc, after.cue.usage) == (
            before.cue.isrc,
            before.cue.iswc,
            before.cue.usage,
        )
        writers = [c for c in before.cue.credits if c.role not in csvfile.PERFORMING_ROLES]
        performers = [c for c in before.cue.credits if c.role in csvfile.PERFORMING_ROLES]
        assert list(after.cue.credits) == writers + performers
    assert len(back.entries) == len(playlist.entries)


def test_rights_without_origin_has_no_absolute_start() -> None:
    back = csvfile.loads(csvfile.dumps(sochi(), profile="rights"))
    assert all(e.cue is not None and e.cue.start_utc_ms is None for e in back.entries)


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-3", "@SUM(A1)", "\tx", "\rx", "'=x", "''"])
def test_formula_cells_are_neutralised_and_restored(cell: str) -> None:
    entry = Entry(title=cell, cue=CueData(segment=cell, number="1"))
    text = csvfile.dumps(Playlist(entries=(entry,)))
    written = _rows(text)[0]
    assert written["title"].startswith("'")
    assert written["title"][1:] == cell
    back = csvfile.loads(text).entries[0]
    assert back.title == cell
    assert back.cue is not None and back.cue.segment == cell


@pytest.mark.parametrize("cell", ["'plain", "'", "a=b", "O'Brien"])
def test_harmless_cells_are_left_alone(cell: str) -> None:
    text = csvfile.dumps(Playlist(entries=(Entry(title=cell),)))
    assert _rows(text)[0]["title"] == cell
    assert csvfile.loads(text).entries[0].title == cell


def test_excel_adds_a_bom_and_reads_back() -> None:
    text = csvfile.dumps(sochi(), excel=True)
    assert text.startswith("\ufeffsegment,")
    assert not csvfile.dumps(sochi()).startswith("\ufeff")
    assert len(csvfile.loads(text).entries) == len(sochi().entries)


def test_dump_and_load_files(tmp_path: Path) -> None:
    out = tmp_path / "order.csv"
    registry.get("csv").dump(sochi(), out, excel=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsegment,cue,")
    assert b"\r\n" in raw
    back = registry.for_path(out).load(out)
    assert [e.title for e in back.entries] == [e.title for e in sochi().entries]
    rights = tmp_path / "rights.csv"
    csvfile.dump(sochi(), rights, profile="rights")
    assert (
        csvfile.load(rights).entries[2].cue
        == csvfile.loads(rights.read_text(encoding="utf-8")).entries[2].cue
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["order.csv", "rights.csv"]


def test_a_failed_dump_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "order.csv"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(InvalidPlaylistError, match="Mars/Olympus"):
        csvfile.dump(replace(sochi(), timezone="Mars/Olympus"), out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["order.csv"]


def test_an_unwritable_directory_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        csvfile.dump(sochi(), tmp_path / "missing" / "order.csv")
    assert "missing/order.csv" in str(caught.value)


def test_dump_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    out = tmp_path / "order.csv"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o640)
    csvfile.dump(sochi(), out)
    assert out.stat().st_mode & 0o777 == 0o640


# -- bad input --------------------------------------------------------------------------

HEADER = ",".join(csvfile.RUNNING_ORDER_COLUMNS) + "\r\n"


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("", 1, "empty CSV"),
        ("a,b,c\r\n", 1, "expected a header row"),
        (HEADER + "s,1,,,00:01:00,music,t,,,\r\ns,2,,,soon,music,t,,,\r\n", 3, "'duration'"),
        (HEADER + "s,1,,20:14,,music,t,,,\r\n", 2, "'start_utc'"),
        (HEADER + "s,1,,2014-02-23T16:14:00,,music,t,,,\r\n", 2, "timezone"),
        (HEADER + 's,1,,,,music,"two\r\nlines",,,\r\ns,2,,,\r\n', 4, "expected 10 cells"),
        (HEADER + 's,1,,,,music,"never closed,,,\r\n', 2, "not valid CSV"),
    ],
)
def test_bad_input_names_the_line(text: str, line: int, what: str) -> None:
    with pytest.raises(ParseError) as caught:
        csvfile.loads(text, path="order.csv")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"order.csv:{line}: ")
    assert what in str(caught.value)


def test_bad_rights_sequence() -> None:
    text = ",".join(csvfile.RIGHTS_COLUMNS) + "\r\n" + "x,1,t,,,,,,,,\r\n"
    with pytest.raises(ParseError, match=r"^line 2: column 'sequence'"):
        csvfile.loads(text)


def test_legacy_encoding_is_read_with_a_warning_and_a_wrong_one_names_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes(HEADER.encode() + b"s,1,,,,music,caf\xe9,,,\r\n")
    with pytest.warns(DecodingWarning, match=r"old\.csv: not UTF-8: read as cp1252"):
        assert csvfile.load(path).entries[0].title == "café"
    with pytest.raises(ParseError, match=r"old\.csv:2: not utf-8 text \(byte 0xe9\)"):
        csvfile.load(path, encoding="utf-8")


def test_header_in_any_order_with_extra_columns() -> None:
    text = "Title,Cue,Extra,Segment,Start UTC,Start local,Duration,Kind,Credits,Identifiers,File\n"
    text += "Waltz,7,?,Farewell,,,3:05,music,Aram Khachaturian (composer),,\n"
    entry = csvfile.loads(text).entries[0]
    assert (entry.title, entry.duration_ms) == ("Waltz", 185_000)
    assert entry.cue == CueData(
        segment="Farewell",
        number="7",
        kind="music",
        credits=(Credit("Aram Khachaturian", "composer"),),
    )


def test_show_columns_are_read_once_and_must_agree() -> None:
    head = "segment,cue,start_local,start_utc,duration,kind,title,credits,identifiers,file,"
    head += "show_title,show_start,show_timezone,show_venue,show_hard_out\r\n"
    row = "s,{n},,,00:01:00,music,t,,,,{title},2014-02-23T20:14:00+04:00,Europe/Moscow,,{out}\r\n"
    text = head + row.format(n=1, title="Gala", out="") + row.format(n=2, title="", out="")
    text += row.format(n=3, title="Gala", out="2014-02-23T22:25:00+04:00")
    playlist = csvfile.loads(text)
    assert (playlist.title, playlist.timezone) == ("Gala", "Europe/Moscow")
    assert playlist.date_ms == SOCHI_START_UTC_MS
    assert playlist.hard_out_ms == SOCHI_START_UTC_MS + 2 * 3_600_000 + 11 * 60_000
    with pytest.raises(ParseError) as caught:
        csvfile.loads(text + row.format(n=4, title="Other", out=""), path="o.csv")
    assert str(caught.value).startswith("o.csv:5: column 'show_title': 'Other' differs from")
    assert "on line 2" in str(caught.value)


# -- credits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credits",
    [
        (Credit("Mariinsky Orchestra (St Petersburg)", "performer"),),
        (Credit("A; B", "composer"), Credit("C\\D", "lyricist")),
        (Credit("X (y)", ""), Credit("", "performer")),
        (Credit(" lead space", "role (odd)"), Credit("trailing ", "a;b")),
        (Credit("Ann", "arranger", source="musicbrainz"), Credit("G", "composer", True, "x, y")),
        (Credit("R", "a, source: b"), Credit("S", "a?", source="?")),
    ],
)
def test_credit_text_round_trips(credits: tuple[Credit, ...]) -> None:
    assert csvfile.parse_credits(csvfile.format_credits(credits)) == credits


# -- properties -------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=40,
) | st.sampled_from(
    ['He said "hi", then left', "a,b;c", "Рахманинов", "아리랑", "line\nbreak", "x" * 5000]
)
_ROLE = st.text(min_size=1, max_size=12).filter(lambda r: r.strip() == r)
_CREDITS = st.lists(
    st.builds(Credit, _TEXT, _ROLE, st.booleans(), st.just("") | _ROLE), max_size=3
).map(tuple)
_MS = st.integers(0, 10**9)
_CUE = st.builds(
    CueData,
    segment=_TEXT,
    number=_TEXT,
    kind=_TEXT,
    start_utc_ms=st.none() | st.integers(0, 4_000_000_000_000),
    credits=_CREDITS,
    usage=st.sampled_from(["", "BI", "VV"]),
    duration_source=st.sampled_from(["", "file", "estimate"]),
    gap_ms=_MS,
    crossfade_ms=_MS,
    in_ms=_MS,
    out_ms=st.none() | _MS,
    fade_in_ms=_MS,
    fade_out_ms=_MS,
    segment_at_ms=st.none() | st.integers(0, 4_000_000_000_000),
    segment_at_label=_TEXT,
    segment_budget_ms=st.none() | _MS,
    segment_notes=_TEXT,
    segment_usage=st.sampled_from(["", "BV", "MT"]),
)
_ENTRY = st.builds(
    Entry,
    location=st.none() | _TEXT.filter(bool),
    title=_TEXT,
    duration_ms=st.none() | st.integers(0, 10**9),
    identifiers=st.lists(
        st.from_regex(r"\Ahttps://musicbrainz\.org/recording/[0-9a-f-]{1,36}\Z"), max_size=2
    ).map(tuple),
    annotation=_TEXT,
    cue=_CUE,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_ENTRY, max_size=4),
    st.sampled_from(["", "Europe/Moscow", "Asia/Seoul"]),
    st.builds(
        Playlist,
        title=_TEXT,
        creator=_TEXT,
        date_ms=st.integers(0, 4_000_000_000_000),
        hard_out_ms=st.none() | st.integers(0, 4_000_000_000_000),
        annotation=_TEXT,
    ),
)
def test_property_running_order_round_trip(entries: list[Entry], tz: str, show: Playlist) -> None:
    playlist = replace(show, timezone=tz, entries=tuple(entries))
    back = csvfile.loads(csvfile.dumps(playlist, excel=True))
    assert [_comparable(e) for e in back.entries] == [_comparable(e) for e in playlist.entries]
    if entries:  # the show's own columns are on its rows
        assert back == replace(playlist, entries=back.entries)


@settings(max_examples=40, deadline=None)
@given(st.lists(_ENTRY, max_size=4))
def test_property_rights_round_trip(entries: list[Entry]) -> None:
    playlist = Playlist(entries=tuple(entries))
    back = csvfile.loads(csvfile.dumps(playlist, profile="rights"))
    assert [e.title for e in back.entries] == [e.title for e in playlist.entries]
    assert [e.duration_ms for e in back.entries] == [e.duration_ms for e in playlist.entries]
    for before, after in zip(playlist.entries, back.entries, strict=True):
        credits = before.cue.credits if before.cue else ()
        assert sorted(after.cue.credits if after.cue else (), key=repr) == sorted(credits, key=repr)


def test_show_notes_are_written_once_and_read_back() -> None:
    from playlists.model import Entry, Playlist

    notes = "Line one of the notes\nLine two"
    playlist = Playlist(
        title="Gala",
        annotation=notes,
        timezone="Europe/Moscow",
        entries=tuple(Entry(title=f"Piece {n}", duration_ms=60_000) for n in range(3)),
    )
    text = csvfile.dumps(playlist)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["show_notes"] for row in rows] == [notes, "", ""]  # long text once
    assert [row["show_title"] for row in rows] == ["Gala"] * 3
    assert csvfile.loads(text).annotation == notes
