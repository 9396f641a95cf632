"""Playlists read back as shows: zones, numbers, identifiers."""

from __future__ import annotations

import warnings

import pytest

from cuesheet.errors import CueSheetWarning, InputError
from cuesheet.inputs.playlist import to_show
from playlists.model import CueData, Entry, Playlist


def _entries(*numbers: str) -> tuple[Entry, ...]:
    return tuple(Entry(title=f"t{i}", cue=CueData(number=n)) for i, n in enumerate(numbers))


def test_a_fixed_offset_from_the_date_when_no_zone_is_named() -> None:
    show = to_show(Playlist(date="2014-02-23T20:14:00+04:00", entries=_entries("1")))
    assert show.timezone == "Etc/GMT-4"
    assert to_show(Playlist(date="2014-02-23T16:14:00Z")).timezone == "UTC"
    assert to_show(Playlist(date="2014-02-23T20:14:00+05:30")).timezone == "UTC"


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
