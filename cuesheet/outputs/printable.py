"""The running order as a stage manager prints it: PDF (fpdf2) or HTML.

One block per segment: its title, start, budget and fixed time, then a row per
cue with its number, start, length, title, performers and notes.  A cue that
starts at a fixed time is marked ``▶``; a cue with an edit says where it is
cut.  Every page is headed with the show, its venue and date (the PDF also
numbers its pages; HTML repeats the table head on every printed page).  Times
are local to the show's timezone, lengths ``M:SS`` (nearest second); unknown
ones print as ``?``.

The PDF uses DejaVu Sans (Debian's ``fonts-dejavu-core``) for the full
Unicode range when it is installed, else the PDF core font Helvetica, in which
characters outside Latin-1 are replaced.
"""

from __future__ import annotations

import html
import os
from typing import Any

from cuesheet.outputs.rows import CueRow, SegmentRow, rows
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_rounded_duration, shown_length

HEADINGS = ("Cue", "Start", "Length", "Title", "Performers", "Notes")
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts/dejavu",
)
HARD = "▶"
"""Marks a cue that starts at a fixed time."""


def _clock(instant_ms: int | None, timing: Timing) -> str:
    return "?" if instant_ms is None else clock.hhmmss_local(instant_ms, timing.show.timezone)


def _length(ms: int | None) -> str:
    return "?" if ms is None else format_rounded_duration(ms)


def heading(timing: Timing) -> str:
    """``Title · Venue · 2014-02-23`` (the local date of the start; ``no date`` for a list
    given none)."""
    show = timing.show
    day = (
        clock.from_ms(show.start_ms, show.timezone).date().isoformat() if show.dated else "no date"
    )
    return " · ".join(part for part in (show.title, show.venue, day) if part)


def segment_line(row: SegmentRow, timing: Timing) -> str:
    """The segment's block heading: title, start, budget and fixed time."""
    segment = row.segment
    parts = [segment.title, f"start {_clock(row.start_ms, timing)}"]
    if segment.budget_ms is not None:
        parts.append(f"budget {format_rounded_duration(segment.budget_ms)}")
    if segment.at_ms is not None:
        parts.append(
            f"fixed time {_clock(segment.at_ms, timing)}: {segment.at_label or 'hard start'}"
        )
    return " — ".join(parts)


def cue_cells(row: CueRow, timing: Timing) -> tuple[str, ...]:
    """The printed cells of one cue, in :data:`HEADINGS` order."""
    cue = row.cue
    notes = [cue.notes] if cue.notes else []
    if cue.in_ms or cue.out_ms is not None:
        end = "end" if cue.out_ms is None else format_rounded_duration(cue.out_ms)
        notes.append(f"edit {format_rounded_duration(cue.in_ms)} to {end}")
    if cue.fade_in_ms or cue.fade_out_ms:
        fades = (("fade in", cue.fade_in_ms), ("fade out", cue.fade_out_ms))
        notes.extend(f"{name} {format_rounded_duration(ms)}" for name, ms in fades if ms)
    start = _clock(row.start_ms, timing)
    return (
        cue.number,
        f"{HARD} {start}" if row.hard else start,
        _length(None if row.length_ms is None else shown_length(row.start_ms, row.length_ms)),
        cue.title,
        row.performers or row.composers,
        "; ".join(notes),
    )


# --------------------------------------------------------------------------- HTML

_CSS = """\
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; margin: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #eee; }
thead tr.show th { background: none; font-size: 12pt; border: none; }
tbody { break-inside: avoid; }
tbody tr.segment th { background: #dde6f0; border-top: 2px solid #345; }
td.num, td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.hard td { font-weight: bold; }
@page { size: A4 landscape; margin: 12mm; }
"""


def dumps_html(timing: Timing) -> str:
    """The printable running order as one self-contained HTML page (UTF-8)."""
    e = html.escape
    title = heading(timing)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        "<table>",
        f'<thead><tr class="show"><th colspan="{len(HEADINGS)}">{e(title)}</th></tr>',
        "<tr>" + "".join(f"<th>{h}</th>" for h in HEADINGS) + "</tr></thead>",
    ]
    for segment in rows(timing):
        out.append(
            f'<tbody><tr class="segment"><th colspan="{len(HEADINGS)}">'
            f"{e(segment_line(segment, timing))}</th></tr>"
        )
        for row in segment.cues:
            cells = cue_cells(row, timing)
            classes = ("num", "time", "time", "", "", "")
            tds = "".join(
                f'<td class="{c}">{e(v)}</td>' if c else f"<td>{e(v)}</td>"
                for c, v in zip(classes, cells, strict=True)
            )
            out.append(f'<tr class="hard">{tds}</tr>' if row.hard else f"<tr>{tds}</tr>")
        out.append("</tbody>")
    out.append("</table></body></html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- PDF

_WIDTHS = (12, 24, 16, 90, 60, 75)
"""Column widths in mm (A4 landscape less margins: 277 mm)."""


def _font_dir() -> str | None:
    for folder in FONT_DIRS:
        if os.path.isfile(os.path.join(folder, "DejaVuSans.ttf")):
            return folder
    return None


def dumps_pdf(timing: Timing) -> bytes:
    """The printable running order as an A4 landscape PDF."""
    from fpdf import FPDF  # imported only for this export
    from fpdf.fonts import FontFace

    title = heading(timing)
    folder = _font_dir()

    class _Document(FPDF):
        def header(self) -> None:
            self.set_font(family, "B", 11)
            self.cell(0, 7, text(title), new_x="LMARGIN", new_y="NEXT")
            self.set_font(family, "", 8)
            self.cell(0, 4, f"Running order · page {self.page_no()}", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    pdf = _Document(orientation="L", unit="mm", format="A4")
    if folder is not None:
        family = "DejaVu"
        pdf.add_font(family, "", os.path.join(folder, "DejaVuSans.ttf"))
        pdf.add_font(family, "B", os.path.join(folder, "DejaVuSans-Bold.ttf"))
    else:
        family = "Helvetica"

    def text(value: str) -> str:
        if folder is not None:
            return value
        return value.replace(HARD, ">").encode("latin-1", "replace").decode("latin-1")

    pdf.set_title(text(title))
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    for segment in rows(timing):
        _segment_block(pdf, family, text, segment, timing, FontFace)
    data: Any = pdf.output()
    return bytes(data)


def _segment_block(
    pdf: Any, family: str, text: Any, segment: SegmentRow, timing: Timing, face: Any
) -> None:
    """One segment: its heading line, then a table of its cues (head repeated on a new page)."""
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.set_font(family, "B", 10)
    pdf.set_fill_color(221, 230, 240)
    pdf.multi_cell(
        0, 6, text(segment_line(segment, timing)), fill=True, new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(family, "", 8.5)
    with pdf.table(
        col_widths=_WIDTHS,
        width=sum(_WIDTHS),
        headings_style=face(emphasis="BOLD", fill_color=(238, 238, 238)),
        line_height=4.5,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        table.row([text(h) for h in HEADINGS])
        for row in segment.cues:
            style = face(emphasis="BOLD") if row.hard else None
            table.row([text(c) for c in cue_cells(row, timing)], style=style)
    pdf.ln(4)
