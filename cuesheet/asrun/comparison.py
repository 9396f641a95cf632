"""Planned against aired, side by side: a terminal table, CSV and JSON.

One row per planned cue in plan order (an extra after the item it aired
after), from :attr:`cuesheet.asrun.onair.OnAir.rows`.  Columns:

=================  =================================================================
``segment``        the planned segment (for an extra, the one it aired in)
``cue``            cue number (for an extra, the number the log gives, if any)
``title``          the planned title (for an extra, the logged one)
``status``         ``aired``, ``dropped``, ``moved``, ``swapped`` or ``extra``
``planned_start``  planned start (front timing)
``planned_length`` planned duration
``aired_start``    start on air
``aired_length``   length on air: logged, else to the next item's start (``~`` in the
                   terminal, ``aired_length_logged`` false in CSV and JSON)
``start_delta``    aired start minus planned start (positive: late)
``length_delta``   aired length minus planned length (positive: longer)
``running``        running over (positive) or under when the cue ended on air
                   (cues aired in order)
=================  =================================================================

CSV writes instants as ISO 8601 local times with their offset and lengths
and deltas as ``[-]H:MM:SS`` (``.mmm`` when not whole seconds); JSON writes
integers: instants in ms since the Unix epoch (UTC), lengths and deltas in ms.
Empty cells (CSV) and ``null`` (JSON) mean "does not apply" or "unknown".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from cuesheet.asrun.onair import OnAir, Row
from cuesheet.timing import clock
from cuesheet.timing.timecode import format_rounded_duration

COLUMNS = (
    "segment",
    "cue",
    "title",
    "status",
    "planned_start",
    "planned_length",
    "aired_start",
    "aired_length",
    "aired_length_logged",
    "start_delta",
    "length_delta",
    "running",
)
"""CSV columns, in order."""

Style = Callable[[str, str], str]


def _plain(text: str, role: str) -> str:
    return text


def _hms(ms: int) -> str:
    """``H:MM:SS`` (``.mmm`` when not whole seconds), signed when negative."""
    sign = "-" if ms < 0 else ""
    seconds, millis = divmod(abs(ms), 1000)
    hours, rest = divmod(seconds, 3600)
    text = f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return text + (f".{millis:03d}" if millis else "")


def _signed(ms: int | None) -> str:
    if ms is None:
        return ""
    if ms == 0:
        return "0:00"
    return ("+" if ms > 0 else "-") + format_rounded_duration(abs(ms))


def _segment(on_air: OnAir, row: Row) -> str:
    if row.segment_index is None:
        return ""
    return on_air.alignment.show.segments[row.segment_index].title


def _record(on_air: OnAir, row: Row) -> dict[str, object]:
    """One row as JSON: ms integers."""
    return {
        "segment": _segment(on_air, row),
        "cue": row.number,
        "title": row.title,
        "status": row.status.value,
        "segment_index": row.segment_index,
        "cue_index": row.cue_index,
        "aired_index": row.aired_index,
        "line": (
            on_air.alignment.log.items[row.aired_index].line
            if row.aired_index is not None
            else None
        ),
        "planned_start_ms": row.planned_start_ms,
        "planned_length_ms": row.planned_length_ms,
        "aired_start_ms": row.aired_start_ms,
        "aired_length_ms": row.aired_length_ms,
        "aired_length_logged": row.length_logged,
        "start_delta_ms": row.start_delta_ms,
        "length_delta_ms": row.length_delta_ms,
        "running_ms": row.running_ms,
    }


def dumps_json(on_air: OnAir) -> str:
    """The table as a JSON list of objects (ms integers), one per row."""
    return json.dumps([_record(on_air, r) for r in on_air.rows], ensure_ascii=False, indent=2)


def dumps_csv(on_air: OnAir) -> str:
    """The table as CSV (UTF-8 text, CRLF rows, header first)."""
    tz = on_air.alignment.show.timezone

    def instant(ms: int | None) -> str:
        return "" if ms is None else clock.local_text(ms, tz, on_air.alignment.show.dated)

    def length(ms: int | None) -> str:
        return "" if ms is None else _hms(ms)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in on_air.rows:
        writer.writerow(
            [
                _segment(on_air, row),
                row.number,
                row.title,
                row.status.value,
                instant(row.planned_start_ms),
                length(row.planned_length_ms),
                instant(row.aired_start_ms),
                length(row.aired_length_ms),
                "" if row.aired_length_ms is None else str(row.length_logged).lower(),
                length(row.start_delta_ms),
                length(row.length_delta_ms),
                length(row.running_ms),
            ]
        )
    return out.getvalue()


def render_text(on_air: OnAir, *, title_width: int = 28, style: Style = _plain) -> list[str]:
    """The table for a terminal: local wall-clock times, ``M:SS`` lengths, signed deltas."""
    tz = on_air.alignment.show.timezone

    def at(ms: int | None) -> str:
        return "" if ms is None else clock.hhmmss_local(ms, tz)

    def length(ms: int | None, logged: bool = True) -> str:
        return "" if ms is None else format_rounded_duration(ms) + ("" if logged else "~")

    header = (
        f"{'cue':>5}  {'title':<{title_width}}  {'planned':>8} {'length':>7}  "
        f"{'aired':>8} {'length':>7}  {'start':>6} {'length':>6} {'running':>7}  status"
    )
    lines = [style(header, "heading")]
    for row in on_air.rows:
        title = row.title if len(row.title) <= title_width else row.title[: title_width - 1] + "…"
        line = (
            f"{row.number:>5}  {title:<{title_width}}  "
            f"{at(row.planned_start_ms):>8} {length(row.planned_length_ms):>7}  "
            f"{at(row.aired_start_ms):>8} {length(row.aired_length_ms, row.length_logged):>7}  "
            f"{_signed(row.start_delta_ms):>6} {_signed(row.length_delta_ms):>6} "
            f"{_signed(row.running_ms):>7}  {row.status.value}"
        )
        lines.append(line.rstrip())
    lines.append("")
    lines.append(
        "start, length: aired minus planned (+ late, longer); running: over (+) or under (-) "
        "when the cue ended on air; ~ length to the next item's start (not logged)"
    )
    return lines


FORMATS = {"text": None, "csv": dumps_csv, "json": dumps_json}
"""The table's formats; ``text`` is :func:`render_text`."""


def dumps(on_air: OnAir, fmt: str) -> str:
    """The table in ``fmt`` (``text``, ``csv`` or ``json``) as one string."""
    if fmt == "text":
        return "\n".join(render_text(on_air)) + "\n"
    writer = FORMATS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown table format {fmt!r}; known: {', '.join(FORMATS)}")
    return writer(on_air)
