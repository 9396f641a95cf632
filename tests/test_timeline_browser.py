"""The timeline in a real browser: Debian's headless Chromium renders the page and the SVG.

Chromium runs with no network features, a throw-away profile, and a device
scale of 1 so that one CSS pixel is one screenshot pixel: a block drawn at x
is found at x in the PNG.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from cuesheet.checks import Finding, Severity
from cuesheet.timeline import Layout, place, to_html, to_svg
from cuesheet.timing.engine import compute
from tests.png import Image, read_png
from tests.timeline_shows import ceremony
from tests.tools import require_tool

MUSIC_LIGHT = (0x3D, 0x7B, 0xD9)
ANTHEM_LIGHT = (0xD9, 0x96, 0x0F)
MUSIC_DARK = (0x5B, 0x97, 0xEF)
BACKGROUND_DARK = (0x14, 0x18, 0x1E)
SVG = "{http://www.w3.org/2000/svg}"


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with the network-quiet flags; fail with its stderr on error."""
    exe = require_tool("chromium")
    command = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    return done


def screenshot(tmp_path: Path, url: str, width: int, height: int, *extra: str) -> Image:
    png = tmp_path / "shot.png"
    png.unlink(missing_ok=True)
    chromium(tmp_path, f"--window-size={width},{height}", f"--screenshot={png}", *extra, url)
    return read_png(png.read_bytes())


def near(found: tuple[int, int, int], wanted: tuple[int, int, int], slack: int = 12) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(found, wanted, strict=True))


def block_probe(svg: str, segment: int, cue: int) -> tuple[int, int]:
    """A point inside a cue's block, low enough to miss its label."""
    root = ET.fromstring(svg.encode("utf-8"))
    for group in root.iter(f"{SVG}g"):
        if group.get("data-segment") == str(segment) and group.get("data-cue") == str(cue):
            rect = group.find(f"{SVG}rect[@class='block']")
            assert rect is not None
            x, y, width, height = (int(rect.attrib[k]) for k in ("x", "y", "width", "height"))
            return x + width // 2, y + height - 4
    raise AssertionError(f"no block for cue {(segment, cue)}")


def test_chromium_draws_each_block_where_the_svg_says_in_light_and_dark(tmp_path: Path) -> None:
    timing = compute(ceremony())
    svg = to_svg(timing, layout=Layout(px_per_minute=10))
    path = tmp_path / "show.svg"
    path.write_text(svg, encoding="utf-8")
    prelude = block_probe(svg, 0, 1)
    anthem = block_probe(svg, 1, 0)
    # The two blocks sit near the top left; a small window keeps the PNG quick to decode.
    width, height = 700, max(prelude[1], anthem[1]) + 40

    light = screenshot(tmp_path, path.as_uri(), width, height)
    assert (light.width, light.height) == (width, height)
    assert near(light.pixel(*prelude), MUSIC_LIGHT), light.pixel(*prelude)
    assert near(light.pixel(*anthem), ANTHEM_LIGHT), light.pixel(*anthem)
    assert near(light.pixel(3, 3), (255, 255, 255))
    # Just left of the prelude's block is the countdown, an effect, not music.
    assert not near(light.pixel(prelude[0] - 30, prelude[1]), MUSIC_LIGHT)

    dark = screenshot(tmp_path, path.as_uri(), width, height, "--force-dark-mode")
    assert near(dark.pixel(3, 3), BACKGROUND_DARK), dark.pixel(3, 3)
    assert near(dark.pixel(*prelude), MUSIC_DARK), dark.pixel(*prelude)


def test_chromium_renders_the_page_dom_and_a_screenshot_that_is_not_blank(
    tmp_path: Path,
) -> None:
    timing = compute(ceremony())
    findings = [
        Finding("TIM008", Severity.WARNING, "cue 4.1 has no duration", segment_index=2, cue_index=1)
    ]
    page = tmp_path / "show.html"
    page.write_text(to_html(timing, findings=findings), encoding="utf-8")

    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<svg" in dom and "</svg>" in dom
    cues = sum(len(row) for row in place(timing))
    assert len(re.findall(r'<g id="cue-[^"]+" class="cue ', dom)) == cues
    assert 'href="#cue-4.1"' in dom and 'id="cue-4.1"' in dom
    assert 'Closing &lt;ceremony&gt; &amp; "friends"' in dom
    assert "<script" not in dom

    shot = screenshot(tmp_path, page.as_uri(), 1000, 600)
    colours = shot.colours(step=3)
    assert len(colours) > 50, "the screenshot looks blank"
    assert any(near(c, MUSIC_LIGHT, 4) for c in colours), "no music block was painted"
    white = sum(1 for c in colours if c == (255, 255, 255))
    assert white < len(colours)


def test_chromium_prints_the_page_on_a4_landscape(tmp_path: Path) -> None:
    page = tmp_path / "show.html"
    page.write_text(to_html(compute(ceremony())), encoding="utf-8")
    pdf = tmp_path / "show.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes()))
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        # A4 is 210 x 297 mm = 595.3 x 841.9 pt; landscape puts the long side across.
        assert abs(float(width) - 841.9) < 2 and abs(float(height) - 595.3) < 2, boxes
