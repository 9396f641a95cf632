"""cuesheet.enrich.filelengths: cues naming a file but no duration get the file's real length."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuesheet.enrich.filelengths import FileProblem, read_lengths
from cuesheet.errors import InputError
from cuesheet.model import Cue, CueKind, DurationSource, Segment, Show
from cuesheet.paths import local_path
from tests import audiogen


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("show")
    (where / "audio").mkdir()
    audiogen.make_level(where / "audio" / "a.wav", 44_100 * 2 + 441, 1000)  # 2010 ms
    audiogen.make_level(where / "b.flac", 22_050, 1000)  # 500 ms
    (where / "audio" / "broken.wav").write_bytes(b"not a wave at all")
    return where


def _show(*cues: Cue) -> Show:
    return Show("S", "UTC", 0, segments=(Segment("Opening", cues),))


def test_a_cue_without_a_duration_gets_its_files_length(folder: Path) -> None:
    show = _show(
        Cue("1", "A", file="audio/a.wav"),
        Cue("2", "B", file=(folder / "b.flac").as_uri()),
        Cue("3", "Planned", file="audio/a.wav", duration_ms=60_000),
        Cue("4", "Elsewhere", file="https://example.org/x.mp3"),
        Cue("5", "No file"),
        Cue("6", "Spoken", kind=CueKind.SPEECH, file="b.flac"),
    )
    read, problems = read_lengths(show, folder)
    assert problems == ()
    cues = read.segments[0].cues
    assert [(c.duration_ms, c.duration_source) for c in cues] == [
        (2010, DurationSource.FILE),
        (500, DurationSource.FILE),
        (60_000, None),
        (None, None),
        (None, None),
        (500, DurationSource.FILE),
    ]
    assert [c.file for c in cues] == [c.file for c in show.segments[0].cues]


def test_missing_and_unreadable_files_are_reported_not_fatal(folder: Path) -> None:
    show = _show(
        Cue("1", "Gone", file="audio/gone.wav"),
        Cue("2", "Broken", file="audio/broken.wav"),
        Cue("3", "A", file="audio/a.wav"),
    )
    read, problems = read_lengths(show, folder)
    assert [c.duration_ms for c in read.segments[0].cues] == [None, None, 2010]
    assert [(p.number, p.path) for p in problems] == [
        ("1", str(folder / "audio" / "gone.wav")),
        ("2", str(folder / "audio" / "broken.wav")),
    ]
    assert problems[0].message == "not found"
    assert problems[1].message.startswith("cannot read it (")
    assert str(problems[0]) == (
        f"Opening / cue 1 'Gone': {folder / 'audio' / 'gone.wav'}: not found; "
        "its length stays unknown"
    )


def test_a_reader_error_names_the_cue(folder: Path) -> None:
    def refuse(path: str) -> object:
        raise PermissionError(13, "Permission denied", path)

    _, problems = read_lengths(_show(Cue("7", "A", file="audio/a.wav")), folder, read=refuse)  # type: ignore[arg-type]
    assert problems == (
        FileProblem(
            "Opening",
            "7",
            "A",
            str(folder / "audio" / "a.wav"),
            "cannot read it (Permission denied)",
        ),
    )


def test_local_path() -> None:
    assert local_path("file:///music/a%20b.flac", "/show") == "/music/a b.flac"
    assert local_path("audio/../x.wav", "/show") == "/show/x.wav"
    assert local_path("/abs/y.wav", "/show") == "/abs/y.wav"
    with pytest.raises(InputError, match="only local files"):
        local_path("https://example.org/a.mp3", "/show")
