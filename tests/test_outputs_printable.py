"""The printable running order: PDF read with pdftotext and drawn with pdftoppm; HTML parsed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from cuesheet.cli import cli
from cuesheet.inputs import showfile
from cuesheet.outputs import printable
from tests.png import read_png
from tests.tools import require_tool

ROOT = Path(__file__).resolve().parent.parent
SOCHI = ROOT / "examples" / "sochi-2014-closing.yaml"
HEADER = (
    "2014 Winter Olympics closing ceremony (Reflections of Russia)"
    " · Fisht Olympic Stadium, Sochi · 2014-02-23"
)


def _export(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["export", str(SOCHI), "-o", str(out), "--no-resolve"])
    assert result.exit_code == 0, result.stderr
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def test_pdf_text_has_every_cue_in_its_segment_block_and_a_header_per_page(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    pdf = _export(tmp_path, "sochi.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page.lstrip().startswith(HEADER)
        assert f"Running order · page {number}" in page
    flat = _words(text)
    show = showfile.load(SOCHI)
    position = 0
    for segment in show.segments:
        found = flat.find(segment.title + " — start", position)
        assert found >= position, segment.title
        position = found
        for cue in segment.cues:
            number = re.search(rf"(?<!\d){re.escape(cue.number)} ", flat[position:])
            assert number is not None, cue.number
    # Fixed times: the segment says so, its first cue is marked as a hard start.
    assert "Games declared closed — start 22:04:00 — budget 5:00 — fixed time 22:04:00" in flat
    hard = "▶" if printable._font_dir() is not None else ">"  # Helvetica has no ▶
    assert f"36 {hard} 22:04:00 0:30 Thomas Bach declares the Games closed Thomas Bach" in flat
    assert "20 21:05:00 8:00 Piano Concerto No. 2" in flat  # an estimated length prints too


def test_pdf_draws_pages_that_are_not_blank(tmp_path: Path) -> None:
    pdftoppm = require_tool("pdftoppm")
    pdf = _export(tmp_path, "sochi.pdf")
    subprocess.run(
        [pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = read_png(next(tmp_path.glob("page*.png")).read_bytes())
    assert image.width > image.height  # A4 landscape
    assert abs(image.width / image.height - 297 / 210) < 0.02
    colours = image.colours(step=3)
    assert (255, 255, 255) in colours
    assert len(colours) > 10  # text and the segment shading, not an empty page


def test_html_has_the_header_one_block_per_segment_and_every_cue(tmp_path: Path) -> None:
    page = _export(tmp_path, "sochi.html")
    tree = lxml_html.fromstring(page.read_bytes())
    assert _words(tree.findtext(".//title") or "") == HEADER
    head = [_words(th.text_content()) for th in tree.findall(".//thead//th")]
    assert head == [HEADER, "Cue", "Start", "Length", "Title", "Performers", "Notes"]
    show = showfile.load(SOCHI)
    blocks = tree.findall(".//tbody")
    assert len(blocks) == len(show.segments)
    for block, segment in zip(blocks, show.segments, strict=True):
        rows = block.findall("tr")
        assert _words(rows[0].text_content()).startswith(segment.title + " — start")
        numbers = [row.findall("td")[0].text_content() for row in rows[1:]]
        assert numbers == [cue.number for cue in segment.cues]
    hard = [[td.text_content() for td in tr] for tr in tree.findall(".//tr[@class='hard']")]
    assert [row[:2] for row in hard] == [["1", "▶ 20:14:00"], ["36", "▶ 22:04:00"]]
    assert hard[1][2:5] == ["0:30", "Thomas Bach declares the Games closed", "Thomas Bach"]


def test_pdf_to_standard_output_is_the_same_document() -> None:
    result = CliRunner().invoke(
        cli, ["export", str(SOCHI), "-o", "-", "--format", "pdf", "--no-resolve"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"%PDF-") and result.stdout_bytes.rstrip().endswith(
        b"%%EOF"
    )


def test_pdf_without_dejavu_falls_back_to_latin_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cuesheet.timing.engine import compute

    monkeypatch.setattr(printable, "FONT_DIRS", ())
    show = showfile.loads(
        "title: Гала\ndate: 2014-02-23\ntimezone: UTC\nstart: 20:00\nsegments:\n"
        "  - title: Première\n    cues:\n      - speech: Добро пожаловать\n        duration: 1:00\n"
    )
    data = printable.dumps_pdf(compute(show))
    pdf = tmp_path / "latin.pdf"
    pdf.write_bytes(data)
    pdftotext = require_tool("pdftotext")
    done = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True)
    text = done.stdout
    assert "Première" in text and "? 20:00:00" not in text and "> 20:00:00" in text
    assert "Добро" not in text and "????? ?????????" in text
