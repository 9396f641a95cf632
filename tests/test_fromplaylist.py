"""Playlists read back as shows: zones, numbers, identifiers."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from cuesheet.errors import CueSheetWarning, InputError
from cuesheet.inputs.playlist import to_show
from cuesheet.model import UsageCode
from playlists.model import CueData, Entry, Playlist


def _entries(*numbers: str) -> tuple[Entry, ...]:
    return tuple(Entry(title=f"t{i}", cue=CueData(number=n)) for i, n in enumerate(numbers))


def test_the_date_starts_the_show_in_its_zone() -> None:
    # 2014-02-23T20:14:00+04:00, in the fixed zone an XSPF reader names for that offset
    show = to_show(Playlist(date_ms=1_393_172_040_000, timezone="Etc/GMT-4"))
    assert (show.start_ms, show.timezone) == (1_393_172_040_000, "Etc/GMT-4")
    assert to_show(Playlist(date_ms=1_393_172_040_000)).timezone == "UTC"


def test_a_named_zone_must_be_iana() -> None:
    with pytest.raises(InputError, match="IANA") as caught:
        to_show(Playlist(timezone="Mars/Olympus"), path="x.json")
    assert str(caught.value).startswith("x.json")


def test_bad_cue_numbers_get_fresh_ones_with_a_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        show = to_show(Playlist(entries=_entries("A1", "1", "1.2.3", "")), path="p.csv")
    numbers = [cue.number for _, cue in show.cues()]
    assert numbers == ["2", "1", "3", "4"]
    messages = [str(w.message) for w in caught if issubclass(w.category, CueSheetWarning)]
    assert len(messages) == 2
    assert messages[0].startswith("p.csv: entry 1: cue number 'A1'")


def _finale(number: str, **segment: Any) -> Entry:
    return Entry(title=f"t{number}", cue=CueData(segment="Finale", number=number, **segment))


def test_segment_data_comes_from_its_entries_and_a_disagreement_is_warned() -> None:
    entries = (
        Entry(title="t1", cue=CueData(segment="Opening", number="1", segment_notes="doors")),
        _finale("2", segment_budget_ms=60_000),
        _finale("3", segment_budget_ms=90_000, segment_notes="late", segment_usage="BV"),
        _finale("4", segment_budget_ms=120_000, segment_notes="later", segment_usage="BV"),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        show = to_show(Playlist(entries=entries), path="p.xspf")
    opening, finale = show.segments
    assert (opening.notes, opening.budget_ms, opening.usage) == ("doors", None, None)
    # an entry that leaves a value out takes the segment's; the first stated value is kept
    assert (finale.budget_ms, finale.notes, finale.usage) == (60_000, "late", UsageCode.BV)
    messages = [str(w.message) for w in caught if issubclass(w.category, CueSheetWarning)]
    assert messages == [
        "p.xspf: entry 3: segment 'Finale': budget '90000 ms' is not entry 2's '60000 ms'; "
        "entry 2's is kept",
        "p.xspf: entry 4: segment 'Finale': notes 'later' is not entry 3's 'late'; "
        "entry 3's is kept",
    ]  # once per value, however many entries disagree


def test_a_segment_whose_entries_agree_reads_without_a_word() -> None:
    entries = tuple(_finale(n, segment_at_ms=1_392_916_200_000, segment_at_label="on air")
                    for n in ("1", "2", "3"))  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        show = to_show(Playlist(entries=entries))
    assert (show.segments[0].at_ms, show.segments[0].at_label) == (1_392_916_200_000, "on air")


def test_a_show_notes_are_the_playlist_annotation() -> None:
    assert to_show(Playlist(annotation="rehearsal", entries=_entries("1"))).notes == "rehearsal"
