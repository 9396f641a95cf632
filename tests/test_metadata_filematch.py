"""metadata.filematch: identifiers first, then title and credits, with a report."""

from __future__ import annotations

import pytest

from metadata.filematch import (
    FileQuery,
    MatchMethod,
    match_files,
    name_similarity,
    normalise,
)
from metadata.tags import AudioFile, Tags

REC = "5f1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
WORK = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"


def _file(path: str, **tags: object) -> AudioFile:
    return AudioFile(
        path=path,
        format="flac",
        duration_ms=1000,
        sample_rate=44100,
        channels=2,
        samples=44100,
        tags=Tags(**tags),
    )  # type: ignore[arg-type]


def _one(query: FileQuery, files: list[AudioFile], threshold: int = 80) -> tuple[str, str] | None:
    report = match_files([query], files, threshold=threshold)
    if not report.matches:
        assert report.unmatched == (query.key,)
        return None
    found = report.matches[0]
    return found.file.path, found.method.value


def test_normalise_and_names() -> None:
    assert normalise("  Boléro — (Live) & Friends!") == "bolero live and friends"
    assert normalise("Полёт шмеля") == normalise("ПОЛЁТ ШМЕЛЯ") == "polyot shmelya"
    assert name_similarity("Tchaikovsky", "Pyotr Ilyich Tchaikovsky") == 1.0
    assert name_similarity("Rachmaninoff, Sergei", "Sergei Rachmaninoff") == 1.0
    assert name_similarity("Rachmaninov", "Rachmaninoff") > 0.8
    assert name_similarity("Glinka", "Borodin") < 0.5
    assert name_similarity("Чайковский", "Pyotr Tchaikovsky") == 1.0
    assert name_similarity("Tschaikowsky", "Tchaikovsky") == 1.0


def test_recording_id_beats_a_better_title() -> None:
    files = [
        _file("/a/exact-title.flac", title="Swan Lake"),
        _file("/a/other.flac", title="Something else", recording_mbid=REC.upper()),
    ]
    query = FileQuery("1", "Swan Lake", recording_mbid=REC)
    assert _one(query, files) == ("/a/other.flac", "recording")


def test_work_id_with_the_right_performer() -> None:
    files = [
        _file("/a/1.flac", title="Anthem", work_mbid=WORK, artists=("Choir A",)),
        _file("/a/2.flac", title="Anthem", work_mbid=WORK, artists=("Sochi Youth Choir",)),
    ]
    query = FileQuery("7", "Anthem", performers=("sochi youth choir",), work_mbid=WORK)
    assert _one(query, files) == ("/a/2.flac", "work+performer")


def test_work_id_without_performer_needs_a_single_file() -> None:
    one = [_file("/a/1.flac", title="X", work_mbid=WORK)]
    assert _one(FileQuery("1", "Unrelated words", work_mbid=WORK), one) == (
        "/a/1.flac",
        "work+performer",
    )
    two = [*one, _file("/a/2.flac", title="Y", work_mbid=WORK)]
    assert _one(FileQuery("1", "Unrelated words", work_mbid=WORK), two) is None


def test_work_id_with_another_performer_falls_through_to_isrc() -> None:
    files = [
        _file("/a/1.flac", title="Anthem", work_mbid=WORK, artists=("Choir A",)),
        _file("/a/2.flac", title="Different", isrc="RU-A01-14-00002"),
    ]
    query = FileQuery(
        "3", "Anthem", performers=("Orchestra B",), work_mbid=WORK, isrc="rua011400002"
    )
    assert _one(query, files) == ("/a/2.flac", "isrc")


@pytest.mark.parametrize(
    ("title", "file_title"),
    [
        ("Boléro", "BOLERO"),
        ("Kalinka", "Kalinka (Live at Fisht Stadium)"),
        ("Полёт шмеля", "Полет шмеля"),
        ("Калинка", "Kalinka"),
        ("The Nutcracker: Waltz of the Flowers", "Nutcracker - Waltz of the Flowers"),
    ],
)
def test_titles_that_differ_only_in_form(title: str, file_title: str) -> None:
    files = [_file("/a/x.flac", title=file_title), _file("/a/y.flac", title="Unrelated piece")]
    assert _one(FileQuery("1", title), files) == ("/a/x.flac", "title+credits")


def test_untagged_file_is_judged_by_its_name() -> None:
    files = [_file("/music/03 - Dark Eyes.flac"), _file("/music/04 - Kalinka.flac")]
    assert _one(FileQuery("1", "Kalinka"), files) == ("/music/04 - Kalinka.flac", "title+credits")


def test_credits_decide_between_same_titles() -> None:
    files = [
        _file("/a/1.flac", title="Adagio", composers=("Tomaso Albinoni",)),
        _file("/a/2.flac", title="Adagio", composers=("Samuel Barber",)),
    ]
    assert _one(FileQuery("1", "Adagio", composers=("Barber",)), files) == (
        "/a/2.flac",
        "title+credits",
    )


def test_same_title_wrong_credits_is_below_the_threshold() -> None:
    files = [_file("/a/1.flac", title="National Anthem", artists=("Norwegian Choir",))]
    query = FileQuery("1", "National Anthem", performers=("Korean Philharmonic",))
    assert _one(query, files) is None
    assert _one(query, files, threshold=70) == ("/a/1.flac", "title+credits")


def test_dissimilar_titles_do_not_match() -> None:
    files = [_file("/a/1.flac", title="Symphony No. 5")]
    assert _one(FileQuery("1", "Piano Concerto No. 1"), files) is None


def test_report_lists_unmatched_and_shared_files() -> None:
    files = [_file("/a/r.flac", title="Reprise", recording_mbid=REC), _file("/a/o.flac", title="O")]
    report = match_files(
        [
            FileQuery("1", "Reprise", recording_mbid=REC),
            FileQuery("2", "Nothing like it"),
            FileQuery("3", "Reprise (again)", recording_mbid=REC),
        ],
        files,
    )
    assert [(m.key, m.method, m.score) for m in report.matches] == [
        ("1", MatchMethod.RECORDING, 100),
        ("3", MatchMethod.RECORDING, 100),
    ]
    assert report.unmatched == ("2",)
    assert [(s.path, s.keys) for s in report.shared] == [("/a/r.flac", ("1", "3"))]
    assert set(report.by_key()) == {"1", "3"}
