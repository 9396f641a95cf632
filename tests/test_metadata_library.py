"""metadata.library: scanning into SQLite, rescans that only stat, the process pool."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from metadata import tags
from metadata.errors import CacheError
from metadata.library import SCHEMA_VERSION, Library
from tests import audiogen

TEMPLATES = (".flac", ".mp3", ".ogg", ".m4a", ".wav")


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {ext: audiogen.make_tone(folder / f"t{ext}", 4_410) for ext in TEMPLATES}


def _library(root: Path, templates: dict[str, Path], count: int) -> list[Path]:
    """``count`` tagged files spread over nested folders, formats in turn."""
    made = []
    for index in range(count):
        ext = TEMPLATES[index % len(TEMPLATES)]
        folder = root / f"disc {index // 7}" / ("extra" if index % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index:03d} Трек{ext}"
        shutil.copyfile(templates[ext], path)
        tags.write(path, tags.Tags(title=f"Title {index}", track_number=index + 1))
        made.append(path)
    return made


def test_first_scan_reads_everything_and_reports_broken_files(
    tmp_path: Path, templates: dict[str, Path]
) -> None:
    made = _library(tmp_path / "lib", templates, 12)
    (tmp_path / "lib" / "broken.mp3").write_bytes(b"no audio here" * 50)
    (tmp_path / "lib" / "cover.jpg").write_bytes(b"\xff\xd8 not scanned")
    with Library(tmp_path / "index.sqlite") as library:
        result = library.scan([tmp_path / "lib"])
    assert [f.path for f in result.files] == sorted(str(p) for p in made)
    assert {f.tags.title for f in result.files} == {f"Title {i}" for i in range(12)}
    assert all(f.samples == 4_410 for f in result.files)
    assert [p.path for p in result.problems] == [str(tmp_path / "lib" / "broken.mp3")]
    assert "mp3" in result.problems[0].message
    assert (result.read, result.unchanged, result.removed) == (13, 0, 0)


def test_rescan_of_an_unchanged_library_reads_nothing(
    tmp_path: Path, templates: dict[str, Path]
) -> None:
    _library(tmp_path / "lib", templates, 10)
    (tmp_path / "lib" / "broken.flac").write_bytes(b"\x00" * 64)
    index = tmp_path / "index.sqlite"
    with Library(index) as library:
        first = library.scan([tmp_path / "lib"])
    with Library(index) as reopened:
        again = reopened.scan([tmp_path / "lib"])
    assert (again.read, again.unchanged, again.removed) == (0, 11, 0)
    assert again.files == first.files
    assert again.problems == first.problems  # broken files are still reported


def test_changed_added_and_removed_files(tmp_path: Path, templates: dict[str, Path]) -> None:
    made = _library(tmp_path / "lib", templates, 8)
    with Library(tmp_path / "index.sqlite") as library:
        library.scan([tmp_path / "lib"])
        tags.write(made[2], tags.Tags(title="Renamed in place"))
        made[5].unlink()
        shutil.copyfile(templates[".flac"], tmp_path / "lib" / "new.flac")
        result = library.scan([tmp_path / "lib"])
    assert (result.read, result.unchanged, result.removed) == (2, 6, 1)
    titles = {Path(f.path).name: f.tags.title for f in result.files}
    assert titles[made[2].name] == "Renamed in place"
    assert made[5].name not in titles
    assert titles["new.flac"] is None


def test_pool_and_inline_reads_agree(tmp_path: Path, templates: dict[str, Path]) -> None:
    _library(tmp_path / "lib", templates, 30)
    with Library(tmp_path / "a.sqlite", workers=1) as inline:
        one = inline.scan([tmp_path / "lib"])
    with Library(tmp_path / "b.sqlite", workers=2, pool_threshold=0) as pooled:
        two = pooled.scan([tmp_path / "lib"])
    assert one.files == two.files
    assert len(two.files) == 30


def test_progress_counts_up_to_the_files_read(tmp_path: Path, templates: dict[str, Path]) -> None:
    _library(tmp_path / "lib", templates, 60)
    calls: list[tuple[int, int]] = []
    with Library(tmp_path / "index.sqlite", workers=2, pool_threshold=0) as library:
        library.scan([tmp_path / "lib"], progress=lambda done, total: calls.append((done, total)))
        assert calls[0] == (0, 60)
        assert calls[-1] == (60, 60)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)
        calls.clear()
        library.scan([tmp_path / "lib"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 0)]


def test_roots_are_kept_apart(tmp_path: Path, templates: dict[str, Path]) -> None:
    # "lib" is a prefix of "lib2" as a string: neither scan may touch the other's rows.
    _library(tmp_path / "lib", templates, 3)
    shutil.copyfile(templates[".mp3"], tmp_path / "lib2.mp3")
    (tmp_path / "lib2").mkdir()
    shutil.copyfile(templates[".ogg"], tmp_path / "lib2" / "x.ogg")
    with Library(tmp_path / "index.sqlite") as library:
        library.scan([tmp_path / "lib2", tmp_path / "lib2.mp3"])
        result = library.scan([tmp_path / "lib"])
        assert result.removed == 0
        assert len(result.files) == 3
        assert len(library.files()) == 5
        assert [Path(f.path).name for f in library.files([tmp_path / "lib2"])] == ["x.ogg"]
        assert len(library.files([tmp_path / "lib2.mp3"])) == 1


def test_symlinked_folders_are_not_followed(tmp_path: Path, templates: dict[str, Path]) -> None:
    _library(tmp_path / "lib", templates, 2)
    os.symlink(tmp_path / "lib", tmp_path / "lib" / "loop")
    with Library(tmp_path / "index.sqlite") as library:
        assert len(library.scan([tmp_path / "lib"]).files) == 2


def test_index_from_another_version_is_rebuilt(tmp_path: Path, templates: dict[str, Path]) -> None:
    _library(tmp_path / "lib", templates, 3)
    index = tmp_path / "index.sqlite"
    with Library(index) as library:
        library.scan([tmp_path / "lib"])
    db = sqlite3.connect(index)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with Library(index) as library:
        assert library.files() == ()
        assert library.scan([tmp_path / "lib"]).read == 3


def test_corrupt_index_is_a_cache_error(tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    index.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CacheError) as caught:
        Library(index)
    assert caught.value.path == str(index)
    assert isinstance(caught.value, OSError)


def test_missing_root(tmp_path: Path) -> None:
    with Library(tmp_path / "index.sqlite") as library, pytest.raises(FileNotFoundError):
        library.scan([tmp_path / "nowhere"])


def test_only_an_asked_for_folder_is_created(tmp_path: Path) -> None:
    index = tmp_path / "no" / "such" / "index.sqlite"
    with pytest.raises(CacheError) as caught:
        Library(index)
    assert str(caught.value) == (
        f"{index}: cannot open the library index: the folder {index.parent} does not exist"
    )
    assert not (tmp_path / "no").exists()
    with Library(index, create_folder=True) as library:
        assert library.files() == ()
    assert index.exists()


# ---------------------------------------------------------------- two scans at once (issue 13.8)


def test_two_scans_of_one_library_take_turns(
    tmp_path: Path, templates: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second scan run while the first is half way (from its progress hook) is not locked out."""
    monkeypatch.setattr("metadata.library._CHUNK", 2)
    _library(tmp_path / "lib", templates, 6)
    index = tmp_path / "index.sqlite"
    inner: list[int] = []

    def halfway(done: int, total: int) -> None:
        if done == 2 and not inner:
            with Library(index) as other:
                inner.append(len(other.scan([tmp_path / "lib"]).files))

    with Library(index) as library:
        result = library.scan([tmp_path / "lib"], progress=halfway)
    assert inner == [6] and len(result.files) == 6


def test_a_locked_index_is_waited_for_then_said(
    tmp_path: Path, templates: dict[str, Path]
) -> None:
    _library(tmp_path / "lib", templates, 1)
    index = tmp_path / "index.sqlite"
    Library(index).close()
    holder = sqlite3.connect(index, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with Library(index, lock_wait_ms=50) as library, pytest.raises(CacheError) as error:
            library.scan([tmp_path / "lib"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(error.value) == (
        f"{index}: the library index is locked by another program (another scan?); "
        "waited 0.05 s"
    )


def test_an_index_that_cannot_be_opened_names_the_file_once(tmp_path: Path) -> None:
    """The message names the path once; the reason does not repeat it."""
    blocker = tmp_path / "f1.db"
    blocker.write_text("not a folder")
    path = blocker / "index.sqlite"
    with pytest.raises(CacheError) as caught:
        Library(path, create_folder=True)
    assert str(caught.value).count("f1.db") == 1, str(caught.value)
    assert "cannot open the library index" in str(caught.value)
