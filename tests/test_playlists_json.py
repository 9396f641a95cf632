"""JSON playlists: lossless round trips and bad input that names the place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import jsonfile, registry
from playlists.errors import ParseError
from playlists.model import Credit, CueData, Entry, Playlist
from tests.playlist_samples import sochi


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    path = tmp_path / "sochi.json"
    registry.for_path(path).dump(sochi(), path)
    assert registry.get("json").load(path) == sochi()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "playlists/playlist" and data["version"] == 1
    assert data["entries"][2]["cue"]["credits"][1] == {"name": "Denis Matsuev", "role": "performer"}
    assert "Рахманинов" in path.read_text(encoding="utf-8")  # kept as text, not \u escapes


def test_every_field_is_written() -> None:
    data = jsonfile.to_dict(sochi())
    assert set(data["entries"][0]) == set(Entry.__dataclass_fields__)
    assert set(data["entries"][0]["cue"]) == set(CueData.__dataclass_fields__)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "format: expected 'playlists/playlist'"),
        (lambda d: d.update(version=2), "version: expected 1, got 2"),
        (lambda d: d["entries"][1].update(duration_ms="3:10"), "entries[1].duration_ms: expected"),
        (lambda d: d["entries"][1].update(duration_ms=True), "entries[1].duration_ms: expected"),
        (lambda d: d["entries"][0].update(colour="red"), "entries[0]: unknown key(s) colour"),
        (lambda d: d["entries"][2]["cue"]["credits"].append(7), "credits[2]: expected an object"),
        (lambda d: d["entries"][0]["cue"].update(start_utc_ms="20:14"), "start_utc_ms: expected"),
        (lambda d: d.update(entries={}), "playlist.entries: expected an array"),
        (lambda d: d["entries"][0].update(identifiers=[1]), "identifiers[0]: expected a string"),
    ],
)
def test_bad_values_name_the_place(change: object, message: str) -> None:
    data = jsonfile.to_dict(sochi())
    change(data)  # type: ignore[operator]
    with pytest.raises(ParseError) as caught:
        jsonfile.loads(json.dumps(data), path="p.json")
    assert str(caught.value).startswith("p.json: ")
    assert message in str(caught.value)


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(ParseError, match=r"^p\.json:3: not valid JSON"):
        jsonfile.loads('{\n  "format": "playlists/playlist",\n  "version": 1,,\n}', path="p.json")


_TEXT = st.text(max_size=50) | st.sampled_from(['"q", \n', "Рахманинов", "아리랑", "x" * 5000])


@settings(max_examples=50, deadline=None)
@given(
    st.builds(
        Playlist,
        title=_TEXT,
        date_ms=st.none() | st.integers(-(10**12), 10**13),
        timezone=_TEXT,
        annotation=_TEXT,
        hard_out_ms=st.none() | st.integers(-(10**12), 10**13),
        entries=st.lists(
            st.builds(
                Entry,
                location=st.none() | _TEXT,
                title=_TEXT,
                duration_ms=st.none() | st.integers(0, 10**12),
                start_ms=st.none() | st.integers(0, 10**9),
                identifiers=st.lists(_TEXT, max_size=2).map(tuple),
                index00_ms=st.none() | st.integers(0, 10**9),
                pregap_ms=st.integers(0, 10**6),
                cue=st.none()
                | st.builds(
                    CueData,
                    segment=_TEXT,
                    start_utc_ms=st.none() | st.integers(-(10**12), 10**13),
                    credits=st.lists(
                        st.builds(Credit, _TEXT, _TEXT, st.booleans(), _TEXT), max_size=3
                    ).map(tuple),
                    in_ms=st.integers(0, 10**9),
                    out_ms=st.none() | st.integers(0, 10**9),
                    fade_in_ms=st.integers(0, 10**6),
                    segment_at_ms=st.none() | st.integers(-(10**12), 10**13),
                    segment_at_label=_TEXT,
                    segment_budget_ms=st.none() | st.integers(0, 10**9),
                ),
            ),
            max_size=4,
        ).map(tuple),
    )
)
def test_property_round_trip(playlist: Playlist) -> None:
    assert jsonfile.loads(jsonfile.dumps(playlist)) == playlist
