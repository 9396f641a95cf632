"""cuesheet.enrich.library: matched files become the cues' locations and real durations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cuesheet.enrich import library as matching
from cuesheet.model import (
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Role,
    Segment,
    Show,
)
from metadata import tags
from metadata.tags import AudioFile, Tags
from tests import audiogen

REC = "5f1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
WORK = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"


def _file(path: str, duration_ms: int, **values: object) -> AudioFile:
    return AudioFile(
        path=path,
        format="flac",
        duration_ms=duration_ms,
        sample_rate=44100,
        channels=2,
        tags=Tags(**values),
    )  # type: ignore[arg-type]


def _show() -> Show:
    return Show(
        title="Closing",
        timezone="Europe/Moscow",
        start_ms=1_393_172_040_000,
        segments=(
            Segment(
                "Opening",
                cues=(
                    Cue(
                        "1",
                        "Overture",
                        ids=Identifiers(recording_mbid=REC),
                        duration_ms=200_000,
                        duration_source=DurationSource.PLANNED,
                    ),
                    Cue("2", "Welcome", kind=CueKind.SPEECH),
                ),
            ),
            Segment(
                "Anthems",
                cues=(
                    Cue(
                        "3",
                        "National Anthem of Norway",
                        kind=CueKind.ANTHEM,
                        credits=(Credit("Oslo Choir", Role.PERFORMER),),
                    ),
                    Cue("4", "Kalinka", file="/mine/kalinka.wav"),
                    Cue("5", "Unknown Piece"),
                    Cue("6", "Overture (reprise)", ids=Identifiers(recording_mbid=REC)),
                ),
            ),
        ),
    )


def test_matches_set_file_duration_source_and_missing_ids() -> None:
    files = [
        _file(
            "/lib/overture.flac",
            201_337,
            title="Overture",
            recording_mbid=REC,
            isrc="RUA011400001",
            work_mbid=WORK,
        ),
        _file(
            "/lib/norway.flac", 90_500, title="National Anthem of Norway", artists=("Oslo Choir",)
        ),
        _file("/lib/kalinka.flac", 1000, title="Kalinka"),
    ]
    show, report = matching.apply_library(_show(), files)
    cues = {cue.number: cue for _, cue in show.cues()}
    assert cues["1"].file == "/lib/overture.flac"
    # planned: the plan stays (the file is within the tolerance, so nothing is said)
    assert cues["1"].duration_ms == 200_000
    assert cues["1"].duration_source is DurationSource.PLANNED
    assert (cues["1"].ids.isrc, cues["1"].ids.work_mbid) == ("RUA011400001", WORK)
    assert cues["3"].file == "/lib/norway.flac" and cues["3"].duration_ms == 90_500
    assert cues["3"].duration_source is DurationSource.FILE
    assert cues["2"].file is None  # speech wants no file
    assert cues["4"].file == "/mine/kalinka.wav"  # the show's own file is kept
    assert cues["5"] == _show().segments[1].cues[2]
    assert [(m.cue.number, m.method) for m in report.matched] == [
        ("1", "recording"),
        ("3", "title+credits"),
        ("6", "recording"),
    ]
    assert [m.cue.number for m in report.missing] == ["5"]
    assert [(path, [r.number for r in refs]) for path, refs in report.shared] == [
        ("/lib/overture.flac", ["1", "6"])
    ]
    lines = matching.report_lines(report)
    assert "Anthems / cue 5 'Unknown Piece': no file found" in lines
    assert not any("remark" in line or "plan is kept" in line for line in lines)
    assert any(line.startswith("/lib/overture.flac: matched by 2 cues") for line in lines)


def test_query_uses_performers_conductors_and_composers() -> None:
    cue = Cue(
        "9",
        "Swan Lake",
        credits=(
            Credit("Tchaikovsky", Role.COMPOSER),
            Credit("Gergiev", Role.CONDUCTOR),
            Credit("Mariinsky Orchestra", Role.PERFORMER),
        ),
        ids=Identifiers(work_mbid=WORK, isrc="RUA011400009"),
    )
    query = matching.query_for(cue, "k")
    assert query.performers == ("Mariinsky Orchestra", "Gergiev")
    assert query.composers == ("Tchaikovsky",)
    assert (query.work_mbid, query.isrc, query.key) == (WORK, "RUA011400009", "k")


def test_scan_then_apply_with_real_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(matching.INDEX_ENV_VAR, str(tmp_path / "index.sqlite"))
    library = tmp_path / "music"
    library.mkdir()
    source = audiogen.make_tone(tmp_path / "tone.flac", 44_100 * 2 + 441)
    shutil.copyfile(source, library / "01 Overture.flac")
    tags.write(library / "01 Overture.flac", tags.Tags(title="Overture", recording_mbid=REC))
    result = matching.scan_library([library])
    assert matching.default_index_path() == str(tmp_path / "index.sqlite")
    show, report = matching.apply_library(_show(), result.files)
    first = next(cue for _, cue in show.cues())
    assert first.file == str(library / "01 Overture.flac")
    assert first.duration_ms == 200_000  # planned: kept
    (overture, _) = report.matched
    assert overture.duration_ms == 2010
    assert (overture.disagreement() or "").startswith("the file lasts 0:02, 3:18 shorter")
    assert len(report.matched) == 2


def test_only_the_default_index_folder_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from metadata.errors import CacheError

    monkeypatch.delenv(matching.INDEX_ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    default = str(tmp_path / "xdg" / "cuesheet" / "library.sqlite")
    assert matching.index_location(None) == (default, True)
    given = tmp_path / "no" / "i.sqlite"
    assert matching.index_location(given) == (str(given), False)
    music = tmp_path / "music"
    music.mkdir()
    with pytest.raises(CacheError, match="does not exist"):
        matching.scan_library([music], index_path=given)
    monkeypatch.setenv(matching.INDEX_ENV_VAR, str(given))
    assert matching.index_location(None) == (str(given), False)
    with pytest.raises(CacheError, match="does not exist"):
        matching.scan_library([music])
    assert not (tmp_path / "no").exists()
    monkeypatch.delenv(matching.INDEX_ENV_VAR)
    assert matching.scan_library([music]).files == ()
    assert Path(default).exists()


# -- the plan stays, near misses explain (issue 11, items 7 and 8)


def _one(*cues: Cue) -> Show:
    return Show("S", "UTC", 0, (Segment("Set", cues),))


def test_a_planned_duration_is_kept_and_the_difference_said() -> None:
    edit = Cue(
        "1",
        "Our House",
        credits=(Credit("Madness", Role.PERFORMER),),
        duration_ms=283_000,
        duration_source=DurationSource.PLANNED,
    )
    files = [_file("/lib/Our House.ogg", 28_000, title="Our House", artists=("Madness",))]
    show, report = matching.apply_library(_one(edit), files)
    cue = show.segments[0].cues[0]
    assert (cue.file, cue.duration_ms, cue.duration_source) == (
        "/lib/Our House.ogg",
        283_000,
        DurationSource.PLANNED,
    )
    (line,) = matching.report_lines(report)
    assert line.endswith(
        "the file lasts 0:28, 4:15 shorter than the planned 4:43; the plan is kept"
    )
    assert not any("plan" in x for x in matching.report_lines(report, tolerance_ms=300_000))


def test_a_cue_without_a_file_lists_its_near_misses() -> None:
    song = Cue("1", "Waterloo Sunset", credits=(Credit("Ray Davies Tribute", Role.PERFORMER),))
    files = [
        _file("/lib/Waterloo Sunset.ogg", 195_000, title="Waterloo Sunset", artists=("The Kinks",)),
        _file("/lib/Waterloo.ogg", 165_000, title="Waterloo", artists=("ABBA",)),
        _file("/lib/Lola.ogg", 240_000, title="Lola", artists=("The Kinks",)),
    ]
    _, report = matching.apply_library(_one(song), files)
    (line,) = matching.report_lines(report)
    assert line == (
        "Set / cue 1 'Waterloo Sunset': no file found; near misses: "
        "title matches, artist differs: Waterloo Sunset.ogg by The Kinks, 70; "
        "title differs in part, artist differs: Waterloo.ogg by ABBA, 49"
    )


def test_only_music_and_anthems_are_reported_missing() -> None:
    show = _one(
        Cue("1", "Welcome", kind=CueKind.SPEECH),
        Cue("2", "Fireworks", kind=CueKind.EFFECT),
        Cue("3", "The flag goes up", kind=CueKind.OTHER),
        Cue("4", "Our House"),
        Cue("5", "Anthem of Norway", kind=CueKind.ANTHEM),
    )
    files = [_file("/lib/fireworks.wav", 10_000, title="Fireworks")]
    matched, report = matching.apply_library(show, files)
    assert [m.cue.number for m in report.missing] == ["4", "5"]
    assert matched.segments[0].cues[1].file == "/lib/fireworks.wav"  # effects may get a file
    assert not any("cue 1" in x or "cue 3" in x for x in matching.report_lines(report))
