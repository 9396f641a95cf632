"""An as-run log read on its own, as a show: what aired, in order, with its aired times.

``cuesheet timing asrun.csv``, ``export`` and ``convert`` read a log this way when
no plan is given: one segment, one cue per aired item, each at its logged start
(silence between two items becomes the later cue's ``gap``) with its logged
length.  Names in a ``composer`` column are composers; other names in the log's
credits columns are performers: a log records who was on air, not who wrote it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from cuesheet.asrun.logs import CSV_SUFFIXES, HEADER_COLUMNS, header_key, loads_csv
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.errors import InputError
from cuesheet.model import Credit, Cue, CueKind, DurationSource, Role, RoleSource, Segment, Show
from cuesheet.timing import clock

LOG_EXTENSIONS = CSV_SUFFIXES
"""Extensions an as-run CSV log may have."""
_SNIFF_BYTES = 65_536
"""How much of a file's head :func:`sniff` reads: the header must begin within it."""

_NAME_SPLIT_RE = re.compile(r"\s*/\s*|\s*;\s*")


def looks_like_log(text: str) -> bool:
    """True when the first row that is not a comment names a time-aired and a title column.

    Our own running-order and rights CSV exports have their own headers (``segment``,
    ``sequence``) and are never taken for a log.
    """
    for line in text.lstrip("\ufeff").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        names = {_norm(cell) for cell in re.split(r"[,;\t|]", line)}
        if names & {"segment", "sequence", "start utc"}:
            return False
        return bool(names & set(HEADER_COLUMNS["time"])) and bool(
            names & set(HEADER_COLUMNS["title"])
        )
    return False


def sniff(path: str | Path, encoding: str | None = None) -> bool:
    """:func:`looks_like_log` on the head of the file at ``path`` (False if unreadable).

    Reads at most the first 64 KiB, so a large list or playlist is not read twice
    just to learn that it is not a log.  ``encoding`` as for
    :func:`cuesheet.inputs.files.read_text`.
    """
    from cuesheet.inputs.files import read_head

    head = read_head(path, _SNIFF_BYTES, encoding)
    if head is None:
        return False
    text, whole = head
    return looks_like_log(text if whole else text[: text.rfind("\n") + 1])  # whole lines


def log_show(
    text: str,
    *,
    path: str | Path,
    timezone: str = "UTC",
    day: date | None = None,
    title: str | None = None,
) -> Show:
    """The as-run log ``text`` as a show (see the module docstring).

    ``timezone`` is the zone of the log's times of day; ``day`` the date of the first
    one (without it the show is undated and times of day count from midnight).
    Raises :class:`InputError` naming ``path`` and the line for a log it cannot read.
    """
    near = clock.local_to_ms(day or date(1970, 1, 1), clock.parse_hhmm("12:00"), timezone)
    log = loads_csv(text, timezone=timezone, near_ms=near, path=str(path))
    if log.items[0].start_ms is None:
        raise InputError("the first item has no time aired: a log read alone needs one", path=path)
    log = log.timed(log.items[0].start_ms)
    cues = tuple(_cue(item, i, log) for i, item in enumerate(log.items))
    start = log.items[0].start_ms
    assert start is not None
    return Show(
        title=title or Path(path).stem,
        timezone=timezone,
        start_ms=start,
        segments=(Segment(title="As run", cues=cues),),
        dated=day is not None,
    )


def _cue(item: AiredItem, index: int, log: AsRun) -> Cue:
    gap = 0
    if index and item.start_ms is not None:
        before = log.items[index - 1]
        if before.start_ms is not None and before.duration_ms is not None:
            gap = max(0, item.start_ms - before.start_ms - before.duration_ms)
    names = [n for n in _NAME_SPLIT_RE.split(item.credits) if n.strip()]
    credits = item.roles or tuple(
        Credit(n.strip(), Role.PERFORMER, RoleSource.STATED) for n in names
    )
    return Cue(
        number=item.number or str(index + 1),
        title=item.title,
        kind=CueKind.MUSIC if credits else CueKind.OTHER,
        credits=credits,
        duration_ms=item.duration_ms,
        duration_source=DurationSource.PLANNED if item.duration_ms is not None else None,
        gap_ms=gap,
    )


def _norm(cell: str) -> str:
    return header_key(cell.strip().strip('"'))
