"""The as-run step every command shares: read what aired and align it with the plan."""

from __future__ import annotations

from pathlib import Path

from cuesheet.asrun.align import Alignment, align
from cuesheet.asrun.logs import ShowLoader, load
from cuesheet.model import Show
from cuesheet.timing.engine import Timing


def align_log(
    plan: Show,
    timing: Timing,
    log_path: Path,
    *,
    load_show: ShowLoader | None = None,
    log_timezone: str | None = None,
    encoding: str | None = None,
) -> Alignment:
    """Read the as-run log at ``log_path`` (any format :func:`cuesheet.asrun.logs.load` reads)
    and align it with ``plan`` and its ``timing``.

    ``log_timezone``: the clock the log's times of day are on, when not the show's;
    ``encoding``: the log's text encoding, when not the one recognised.
    """
    log = load(log_path, plan, load_show=load_show, log_timezone=log_timezone, encoding=encoding)
    return align(plan, timing, log)
