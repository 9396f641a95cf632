"""Issue 13, items 1, 3 and 4: an output never replaces an input, several outputs are
committed together or not at all, and temporary files are created exclusively."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.audio import cut, render
from cuesheet.cli import cli
from playlists import cue
from playlists.model import Entry, Playlist
from tests import audiogen


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def tone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return audiogen.make_level(tmp_path_factory.mktemp("tone") / "t.wav", 2_940, 1000)


def _many_files(folder: Path, tone: Path, count: int) -> list[str]:
    names = []
    for number in range(count):
        name = f"a{number:03d}.wav"
        shutil.copy(tone, folder / name)
        names.append(name)
    return names


def _sheet_of(names: list[str]) -> str:
    """A CUE playlist naming each file (one track each), numbered as one sheet can."""
    return "".join(
        f'FILE "{name}" WAVE\n  TRACK {n % 99 + 1:02d} AUDIO\n    TITLE "T{n}"\n'
        "    INDEX 01 00:00:00\n"
        for n, name in enumerate(names)
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- 1. an output never replaces an input ------------------------------------------------


def test_render_never_writes_its_split_sheets_over_its_own_input(
    tone: Path, tmp_path: Path
) -> None:
    source = tmp_path / "mix-01.cue"
    source.write_text(_sheet_of(_many_files(tmp_path, tone, 120)), encoding="utf-8")
    before = source.read_bytes()
    code, err = run("render", str(source), "-o", str(tmp_path / "mix.wav"))
    assert code == 2, err
    assert "refusing to overwrite the input" in err and "mix-01.cue" in err
    assert source.read_bytes() == before
    assert not (tmp_path / "mix.wav").exists() and not (tmp_path / "mix-02.cue").exists()
    assert _leftovers(tmp_path) == []


def test_convert_split_never_writes_a_sheet_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "x-01.cue"
    source.write_text(_sheet_of([f"f{n}.wav" for n in range(150)]), encoding="utf-8")
    before = source.read_bytes()
    code, err = run("convert", str(source), str(tmp_path / "x.cue"), "--split")
    assert code == 2 and "refusing to overwrite the input" in err, err
    assert source.read_bytes() == before
    assert not (tmp_path / "x-02.cue").exists()


def test_split_never_writes_a_piece_over_its_sheet(tone: Path, tmp_path: Path) -> None:
    out = tmp_path / "pieces"
    out.mkdir()
    sheet = out / "01 - One.wav"  # a sheet (oddly named) where the first piece would go
    sheet.write_text(
        'FILE "t.wav" WAVE\n  TRACK 01 AUDIO\n    TITLE "One"\n    INDEX 01 00:00:00\n',
        encoding="utf-8",
    )
    before = sheet.read_bytes()
    code, err = run("split", str(tone), "--cue", str(sheet), "-o", str(out), "--force")
    assert code == 2 and "refusing to overwrite the input" in err, err
    assert sheet.read_bytes() == before


# -- 3. several outputs: all or none -----------------------------------------------------


def _long_playlist(count: int) -> Playlist:
    return Playlist(
        title="Long",
        entries=tuple(Entry(location=f"f{n}.wav", title=f"T{n}") for n in range(count)),
    )


def test_split_sheets_stopped_by_a_folder_keep_every_old_sheet(tmp_path: Path) -> None:
    first, second, third = cue.sheet_paths(tmp_path / "long.cue", 3)
    for path in (first, second):
        path.write_text("old\n", encoding="utf-8")
    third.mkdir()  # the third sheet cannot be written
    with pytest.raises(OSError, match="folder"):
        cue.dump(_long_playlist(250), tmp_path / "long.cue", split=True)
    assert [p.read_text(encoding="utf-8") for p in (first, second)] == ["old\n"] * 2
    assert _leftovers(tmp_path) == []


def test_split_sheets_failing_at_the_third_rename_put_the_first_two_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "long.cue"
    paths = cue.sheet_paths(target, 3)
    for path in paths:
        path.write_text("old\n", encoding="utf-8")
    real_replace = os.replace

    def full_disk(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if os.fspath(dst).endswith("-03.cue"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        cue.dump(_long_playlist(250), target, split=True)
    assert [p.read_text(encoding="utf-8") for p in paths] == ["old\n"] * 3
    assert _leftovers(tmp_path) == []


def test_render_failing_on_its_sheet_keeps_the_old_mix(
    tone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mix, sheet = tmp_path / "mix.wav", tmp_path / "mix.cue"
    mix.write_bytes(b"old mix")
    sheet.write_text("old sheet\n", encoding="utf-8")
    real_replace = os.replace

    def sheet_fails(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if os.fspath(dst) == str(sheet):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", sheet_fails)
    with pytest.raises(OSError, match="No space left"):
        render.render([render.RenderItem(path=str(tone), title="One")], mix)
    assert mix.read_bytes() == b"old mix"
    assert sheet.read_text(encoding="utf-8") == "old sheet\n"
    assert _leftovers(tmp_path) == []


def test_split_failing_at_the_last_piece_leaves_no_piece(
    tone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pieces"
    pieces = [cut.Piece(1, 0, "One"), cut.Piece(2, 1, "Two"), cut.Piece(3, 2, "Three")]
    real_replace = os.replace

    def last_fails(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if "Three" in os.fspath(dst):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", last_fails)
    with pytest.raises(OSError, match="No space left"):
        cut.split(tone, pieces, out)
    assert list(out.iterdir()) == []


# -- 4. temporary files: exclusive, never through a link, unique ----------------------------


def test_render_never_writes_through_a_planted_link(tone: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    for name in (".mix.wav.partial", ".mix.cue.partial"):
        (tmp_path / name).symlink_to(victim)
    result = render.render([render.RenderItem(path=str(tone), title="One")], tmp_path / "mix.wav")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert Path(result.path).stat().st_size > 1000
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_symlink()) == [
        ".mix.cue.partial",
        ".mix.wav.partial",
    ]


def test_split_never_writes_through_a_planted_link(tone: Path, tmp_path: Path) -> None:
    out = tmp_path / "pieces"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (out / ".01 - One.wav.partial.wav").symlink_to(victim)
    written = cut.split(tone, [cut.Piece(1, 0, "One")], out)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert Path(written[0].path).stat().st_size > 1000


def test_two_runs_writing_one_output_use_different_temporary_files(tmp_path: Path) -> None:
    from playlists.atomic import StagedFiles

    target = tmp_path / "out.cue"
    with StagedFiles() as first, StagedFiles() as second:
        assert first.stage(target) != second.stage(target)
        first.write_text(target, "first\n")
        second.write_text(target, "second\n")
        first.commit()
        assert target.read_text(encoding="utf-8") == "first\n"
        second.commit()
    assert target.read_text(encoding="utf-8") == "second\n"
    assert _leftovers(tmp_path) == []


# -- 2. a foreign file is never taken over ----------------------------------------------


def _photos_db(path: Path, *, app_id: int = 0, tables: bool = True) -> bytes:
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        if app_id:
            db.execute(f"PRAGMA application_id = {app_id}")
        if tables:
            db.execute("CREATE TABLE files (path TEXT, taken TEXT)")
            db.execute("CREATE TABLE albums (name TEXT)")
            db.execute("INSERT INTO files VALUES ('a.jpg', '2014-02-23')")
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize("tables", [True, False], ids=["with-tables", "empty"])
def test_scan_never_takes_over_another_programs_database(
    tone: Path, tmp_path: Path, tables: bool
) -> None:
    index = tmp_path / "photos.db"
    before = _photos_db(index, app_id=0x50484F54 if not tables else 0, tables=tables)
    code, err = run("scan", str(tone), "--index", str(index))
    assert code == 1 and "another program" in err, err
    assert index.read_bytes() == before


def test_scan_keeps_using_an_index_written_before_indexes_had_an_id(
    tone: Path, tmp_path: Path
) -> None:
    import sqlite3

    from metadata import library

    index = tmp_path / "library.sqlite"
    db = sqlite3.connect(index)
    with db:
        db.execute(library._SCHEMA)
        db.execute(f"PRAGMA user_version = {library.SCHEMA_VERSION}")
    db.close()
    assert run("scan", str(tone), "--index", str(index))[0] == 0
    assert run("scan", str(tone), "--index", str(index))[0] == 0


def test_an_empty_database_of_another_program_is_not_adopted_as_a_cache(tmp_path: Path) -> None:
    from metadata.cache import Cache
    from metadata.errors import CacheError

    path = tmp_path / "other.sqlite"
    before = _photos_db(path, app_id=0x50484F54, tables=False)
    with pytest.raises(CacheError, match="another program"):
        Cache(path)
    assert path.read_bytes() == before
