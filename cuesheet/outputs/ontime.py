"""A rundown for Ontime, the show timer: its documented spreadsheet import, as xlsx or CSV.

Ontime (https://docs.getontime.no/features/import-spreadsheet/) reads one
worksheet; the columns to import are named at import time and matched without
regard to case.  Written here, in this order:

``Cue``, ``Title``, ``Start``, ``End``, ``Duration``, ``Link start``,
``Timer type``, ``End action``, ``Note``, then the custom fields ``Segment``,
``Kind``, ``Performers``, ``Composers``, ``Fixed time`` (Ontime creates a
custom field for each one asked for).

* Every segment opens with a row of timer type ``group`` holding its title,
  start and budget (its planned length when it has none), so budgets survive.
* Every cue is a ``count-down`` event.  A cue that starts at a fixed time (the
  show start, a pinned segment's ``at``) is a hard start: its ``Link start`` is
  false and its ``Start`` is that time; every other cue links to the one before.
* Times are local to the show's timezone.  In the xlsx they are Excel times
  (``Start``/``End`` times of day, ``Duration`` a time span, to the
  millisecond); in the CSV they are ``HH:MM:SS`` text (nearest second), which
  Ontime's smart entry reads.  Unknown times stay empty for Ontime to fill in.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta
from typing import Any

from cuesheet.outputs.rows import CueRow, SegmentRow, hms, local_clock, rows
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing

COLUMNS = (
    "Cue",
    "Title",
    "Start",
    "End",
    "Duration",
    "Link start",
    "Timer type",
    "End action",
    "Note",
    "Segment",
    "Kind",
    "Performers",
    "Composers",
    "Fixed time",
)
"""The header row; the first nine are Ontime's own fields, the rest custom fields."""

SHEET = "Rundown"
"""The worksheet name Ontime is told at import."""


def _records(timing: Timing) -> list[dict[str, Any]]:
    """One record per row: times as epoch ms (``Start``/``End``) and ms (``Duration``)."""
    out: list[dict[str, Any]] = []
    for segment in rows(timing):
        out.append(_group(segment))
        out.extend(_event(row) for row in segment.cues)
    return out


def _group(row: SegmentRow) -> dict[str, Any]:
    segment = row.segment
    length = segment.budget_ms if segment.budget_ms is not None else row.length_ms
    end = None if row.start_ms is None or length is None else row.start_ms + length
    return {
        "Title": segment.title,
        "Start": row.start_ms,
        "End": end,
        "Duration": length,
        "Link start": segment.at_ms is None and row.index > 0,
        "Timer type": "group",
        "End action": "none",
        "Note": segment.notes,
        "Segment": segment.title,
        "Fixed time": (segment.at_label or segment.title) if segment.at_ms is not None else "",
    }


def _event(row: CueRow) -> dict[str, Any]:
    cue = row.cue
    return {
        "Cue": cue.number,
        "Title": cue.title,
        "Start": row.start_ms,
        "End": row.end_ms,
        "Duration": row.length_ms,
        "Link start": not row.hard,
        "Timer type": "count-down",
        "End action": "none",
        "Note": cue.notes,
        "Segment": row.segment.title,
        "Kind": cue.kind.value,
        "Performers": row.performers,
        "Composers": row.composers,
        "Fixed time": "yes" if row.hard else "",
    }


def dumps_csv(timing: Timing) -> str:
    """The rundown as CSV text (UTF-8, CRLF line ends, a header row)."""
    show = timing.show
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in _records(timing):
        cells = dict(record)
        cells["Start"] = local_clock(record["Start"], show)
        cells["End"] = local_clock(record["End"], show)
        cells["Duration"] = hms(record["Duration"])
        cells["Link start"] = "true" if record["Link start"] else "false"
        writer.writerow([cells.get(name, "") for name in COLUMNS])
    return buffer.getvalue()


def _time_of_day(instant_ms: int | None, tz: str) -> time | None:
    if instant_ms is None:
        return None
    local: datetime = clock.from_ms(instant_ms, tz)
    return local.time().replace(tzinfo=None)


def dumps_xlsx(timing: Timing) -> bytes:
    """The rundown as an xlsx workbook (one worksheet, :data:`SHEET`), with Excel times."""
    from openpyxl import Workbook  # imported only for this export

    tz = timing.show.timezone
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for row, record in enumerate(_records(timing), start=2):
        cells = dict(record)
        cells["Start"] = _time_of_day(record["Start"], tz)
        cells["End"] = _time_of_day(record["End"], tz)
        duration = record["Duration"]
        cells["Duration"] = None if duration is None else timedelta(milliseconds=duration)
        for column, name in enumerate(COLUMNS, start=1):
            value = cells.get(name)
            cell = sheet.cell(row=row, column=column, value=None if value == "" else value)
            if isinstance(value, time):
                cell.number_format = "hh:mm:ss.000"
            elif isinstance(value, timedelta):
                cell.number_format = "[hh]:mm:ss.000"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
