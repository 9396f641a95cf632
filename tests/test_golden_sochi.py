"""Golden files: the Sochi example exported in every format, byte for byte.

A change to any exporter shows up here as a diff to review.  To accept a
deliberate change, regenerate with ``CUESHEET_REGEN_GOLDEN=1 pytest tests/test_golden_sochi.py``
and read the diff before committing it.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.inputs import showfile
from cuesheet.model import CueKind
from tests.tools import require_shared, require_tool

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
PLAN = EXAMPLES / "sochi-2014-closing.yaml"
AS_RUN = EXAMPLES / "sochi-2014-asrun.csv"


def _with_files(tmp: Path) -> Path:
    """The example with an audio file named for every music and anthem cue (M3U needs files)."""
    show = showfile.load(PLAN)
    segments = tuple(
        dataclasses.replace(
            segment,
            cues=tuple(
                dataclasses.replace(cue, file=f"audio/{float(cue.number):03.0f}.flac")
                if cue.kind in (CueKind.MUSIC, CueKind.ANTHEM)
                else cue
                for cue in segment.cues
            ),
        )
        for segment in show.segments
    )
    path = tmp / "sochi-2014-closing.yaml"
    showfile.dump(dataclasses.replace(show, segments=segments), path)
    return path


CASES: dict[str, list[str]] = {
    "sochi.json": ["export", str(PLAN), "--format", "json"],
    "sochi.csv": ["export", str(PLAN), "--format", "csv"],
    "sochi-rights.csv": ["export", str(PLAN), "--format", "rights-csv"],
    "sochi.xspf": ["export", str(PLAN), "--format", "xspf"],
    "sochi.m3u8": ["export", "{with_files}", "--format", "m3u8", "--paths", "relative"],
    "sochi-aired.cue": [
        "export", str(PLAN), "--as-run", str(AS_RUN), "--format", "cue",
        "--single-file", "sochi-2014-closing.wav",
    ],
    "sochi-aired-rights.csv": [
        "export", str(PLAN), "--as-run", str(AS_RUN), "--format", "rights-csv",
    ],
}  # fmt: skip


def _export(name: str, tmp_path: Path) -> str:
    with_files = _with_files(tmp_path) if name.endswith(".m3u8") else None
    args = [str(with_files) if a == "{with_files}" else a for a in CASES[name]]
    out = tmp_path / name
    result = CliRunner().invoke(cli, [*args, "--no-resolve", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    # Paths of this checkout do not belong in a golden file.
    return text.replace(str(tmp_path), "TMP").replace(str(ROOT), "ROOT")


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_its_golden_file(name: str, tmp_path: Path) -> None:
    text = _export(name, tmp_path)
    golden = GOLDEN / name
    if os.environ.get("CUESHEET_REGEN_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8", newline="")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs from {golden}"


def test_the_golden_xspf_is_valid_xspf() -> None:
    xmllint = require_tool("xmllint")
    schema = require_shared("validators", "xspf-1_0.7.rng")
    done = subprocess.run(
        [xmllint, "--noout", "--relaxng", str(schema), str(GOLDEN / "sochi.xspf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_the_golden_cue_sheet_reads_in_cueprint() -> None:
    cueprint = require_tool("cueprint")
    done = subprocess.run(
        [cueprint, str(GOLDEN / "sochi-aired.cue")], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""
    assert "Goodbye, Sochi!" in done.stdout
