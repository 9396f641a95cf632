"""Every real WS/2 answer in ../shared/musicbrainz-samples/ws2-xml through the adapter's parser.

The samples are not copied into the repository; without ../shared these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from metadata.mbmodel import Artist, Recording, Release, ReleaseGroup, SearchResult, Work
from metadata.musicbrainz import parse
from metadata.similarity import name_similarity
from tests.tools import SHARED

SAMPLES = SHARED / "musicbrainz-samples" / "ws2-xml"
FILES = sorted(SAMPLES.glob("*.xml")) if SAMPLES.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"no samples in {SAMPLES}")


def load(name: str) -> object:
    return parse((SAMPLES / name).read_bytes(), source=name)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_sample_parses_to_typed_values(path: Path) -> None:
    value = parse(path.read_bytes(), source=path.name)
    kinds = (Artist, Work, Recording, Release, ReleaseGroup, SearchResult)
    assert isinstance(value, kinds)
    items = value.items if isinstance(value, SearchResult) else (value,)
    assert items
    for item in items:
        assert not isinstance(item, dict)
        assert len(item.mbid) == 36


def test_search_recording() -> None:
    found = load("search-recording.xml")
    assert isinstance(found, SearchResult)
    assert (found.count, len(found.items), found.complete) == (1258, 25, False)
    top = found.items[0]
    assert isinstance(top, Recording)
    assert (top.mbid, top.score, top.title) == (
        "cb4d4d70-930c-4d1a-a157-776de18be66a",
        100,
        "Thief of Hearts",
    )
    assert top.length_ms == 198_586
    assert top.credit_phrase == "Dynamo Go"
    assert top.releases[0].release_group is not None
    assert top.releases[0].release_group.primary_type == "EP"


def test_search_work_carries_composers() -> None:
    found = load("search-work.xml")
    assert isinstance(found, SearchResult) and found.count == 174
    top = found.items[0]
    assert isinstance(top, Work) and top.title == "My Best Friend"
    assert [(r.type, r.artist.name) for r in top.writers()] == [
        ("composer", "Marusha"),
        ("lyricist", "Marusha"),
    ]
    assert "My Best Friend (short cut)" in top.titles()


def test_search_artist_scores() -> None:
    found = load("search-artist.xml")
    assert isinstance(found, SearchResult) and found.count == 349
    scores = [a.score for a in found.items]
    assert scores[0] == 100 and all(s is not None and s <= 44 for s in scores[1:])
    assert found.items[0].mbid == "952a4205-023d-4235-897c-6fdb6f58dfaa"


def test_search_release() -> None:
    found = load("search-release.xml")
    assert isinstance(found, SearchResult) and found.count == 16739
    assert found.items[0].title == "Affordable Pop Music"


def test_cyrillic_artist_with_latin_aliases() -> None:
    artist = load("artist_0e43fe9d-c472-4b62-be9e-55f971a023e1-aliases.xml")
    assert isinstance(artist, Artist)
    assert artist.name == "Сергей Сергеевич Прокофьев"
    assert artist.sort_name == "Prokofiev, Sergei Sergeyevich"
    assert artist.disambiguation == "Russian composer"
    assert len(artist.aliases) == 28
    assert any(a.name == "Sergueï Prokofiev" and a.locale == "fr" for a in artist.aliases)
    # The real aliases are enough for our matching to find him by any usual spelling.
    for written in ("Sergei Prokofiev", "Prokofieff", "Sergej Prokofjew", "S. Prokofiev"):
        assert name_similarity(written, artist.forms()) >= 0.8, written
    assert name_similarity("Sergei Rachmaninoff", artist.forms()) < 0.5


def test_movement_work_with_messy_aliases() -> None:
    work = load("work_3d7c7cd2-da79-37f4-98b8-ccfb1a4ac6c4-aliases.xml")
    assert isinstance(work, Work)
    assert work.title == "Symphony No. 2 in E minor, Op. 27: III. Adagio"
    assert len(work.aliases) == 10


def test_catalogue_number_as_series() -> None:
    work = load("work_72c9aad2-3c95-4e3e-8a01-3974f8fef8eb-series-rels.xml")
    assert isinstance(work, Work)
    assert [(s.series_name, s.number) for s in work.series] == [
        ("Buxtehude-Werke-Verzeichnis", "BuxWV 1")
    ]


def test_recording_with_artist_relations() -> None:
    rec = load("recording_f606f733-c1eb-43f3-93c1-71994ea611e3-artist-rels.xml")
    assert isinstance(rec, Recording)
    assert (rec.title, rec.length_ms) == ("Shades of Gray", 259_600)
    assert ("instrument", "Billy Barber", ("piano",)) in [
        (r.type, r.artist.name, r.attributes) for r in rec.artists
    ]


def test_release_with_media_and_track_lengths() -> None:
    release = load("release_fe29e7f0-eb46-44ba-9348-694166f47885-recordings.xml")
    assert isinstance(release, Release)
    assert (release.title, release.date, release.country) == ("Urk", "2007-02-02", "DE")
    assert [len(m.tracks) for m in release.media] == [14, 15, 19]
    first = release.media[0].tracks[0]
    assert (first.title, first.length_ms, first.position) == ("The Train", 184_000, 1)


def test_release_with_artist_credits() -> None:
    release = load("release_833d4c3a-2635-4b7a-83c4-4e560588f23a-recordings+artist-credits.xml")
    assert isinstance(release, Release)
    assert [c.credited_name for c in release.artist_credit] == ["JT Bruce"]
    assert sum(len(m.tracks) for m in release.media) == 21


def test_release_group() -> None:
    group = load("release-group_f52bc6a1-c848-49e6-85de-f8f53459a624.xml")
    assert isinstance(group, ReleaseGroup)
    assert (group.title, group.primary_type, group.secondary_types, group.first_release_date) == (
        "Super Meat Boy!",
        "Album",
        ("Soundtrack",),
        "2010-10-27",
    )
