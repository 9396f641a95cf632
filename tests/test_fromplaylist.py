"""Playlists read back as shows: zones, numbers, identifiers."""

from __future__ import annotations

import warnings

import pytest

from cuesheet.errors import CueSheetWarning, InputError
from cuesheet.inputs.playlist import to_show
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
