"""Real playlists and cue sheets written by other software, read as the peer harness reads them.

The corpus lives outside the repository, in ``../shared/peer-playlists`` beside the
checkout (or where ``CUESHEET_PEER_PLAYLISTS`` points); these tests skip without it.
Each file is converted to JSON with ``cuesheet convert`` in a folder of its own and
compared with the corpus's independent reading by the harness's own ``compare``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(
    os.environ.get("CUESHEET_PEER_PLAYLISTS") or ROOT.parent / "shared" / "peer-playlists"
)

pytestmark = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.tsv").is_file(), reason=f"no peer corpus at {CORPUS}"
)


def _rows() -> list[str]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as manifest:
        return [row["file"] for row in csv.DictReader(manifest, delimiter="\t")]


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peer_run", CORPUS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected(name: str) -> dict[str, Any]:
    relative = Path(name).relative_to("files").as_posix()
    data: dict[str, Any] = json.loads((CORPUS / "expected" / f"{relative}.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("name", _rows())
def test_convert_reads_what_the_file_says(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _expected(name)
    source = tmp_path / Path(name).name
    shutil.copyfile(CORPUS / name, source)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["convert", source.name, "out.json"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("cuesheet: error:")]
    if result.exit_code != 0:
        assert result.exit_code == 2, result.stderr
        assert len(errors) == 1 and _harness().ERROR_LINE.match(errors[0]), result.stderr
        assert expected["verdict"] in ("invalid", "lenient"), f"refused: {errors[0]}"
        return
    assert expected["verdict"] != "invalid", "a file that is not a playlist was read"
    got = json.loads((tmp_path / "out.json").read_text("utf-8"))
    differences = _harness().compare(expected, got)
    skipped = expected.get("skipped_tracks") or []
    if skipped:  # left out as the independent reading does: each with a warning naming its line
        message = "dropped with exit 0 and no message"
        differences = [d for d in differences if not d[1].endswith(message)]
        for track in skipped:
            assert f"{source.name}:{track['line']}: TRACK " in result.stderr
    assert differences == []


@pytest.mark.parametrize("name", [row for row in _rows() if row.endswith(".cue")])
def test_check_on_a_real_cue_sheet_makes_no_false_repeat_and_one_finding_per_missing_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / Path(name).name
    shutil.copyfile(CORPUS / name, source)
    monkeypatch.chdir(tmp_path)
    converted = CliRunner().invoke(cli, ["convert", source.name, "out.json"])
    result = CliRunner().invoke(cli, ["check", source.name, "--no-resolve", "--json"])
    if converted.exit_code != 0:
        assert result.exit_code == 2
        return
    entries = json.loads((tmp_path / "out.json").read_text("utf-8"))["entries"]
    findings = json.loads(result.stdout)
    repeats = [f["cue_index"] for f in findings if f["code"] == "REP001"]
    same_image = [
        i
        for i in repeats
        if entries[i - 1]["location"] == entries[i]["location"]
        and entries[i - 1].get("start_ms") != entries[i].get("start_ms")
    ]
    assert same_image == [], "two tracks of one audio file taken for the same recording"
    missing = [f for f in findings if f["code"] == "AUD001"]
    assert len(missing) == len({e["location"] for e in entries if e.get("location")})
