"""``cuesheet timeline``: format from the extension, atomic output, never over the input."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cuesheet.cli import cli


def test_an_unknown_output_extension_is_bad_input(tmp_path: Path) -> None:
    source = tmp_path / "show.yaml"
    source.write_text("title: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timeline", str(source), "-o", str(tmp_path / "show.pdf")])
    assert result.exit_code == 2
    assert "use .html or .svg" in result.stderr
    assert not (tmp_path / "show.pdf").exists()


def test_it_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "show.svg"
    source.write_text("title: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timeline", str(source), "-o", str(source)])
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert source.read_text(encoding="utf-8") == "title: x\n"


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["timeline", "--help"])
    assert result.exit_code == 0
    assert "cuesheet timeline examples/sochi-2014-closing.yaml -o sochi.html" in result.stdout
