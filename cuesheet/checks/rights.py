"""``check --for PROFILE``: what each row of a rights sheet lacks, for the plan or what aired.

The rules of completeness live with the sheet (:mod:`cuesheet.outputs.rightsgaps`); this
module only times the show, or aligns it with an as-run log first, and asks them.
"""

from __future__ import annotations

from pathlib import Path

from cuesheet.asrun.logs import ShowLoader
from cuesheet.model import Show
from cuesheet.outputs.rightsgaps import completeness
from cuesheet.timing.engine import compute

PROFILE_ALIASES = {"rights": "generic"}


def completeness_of(
    show: Show,
    profile: str,
    as_run: Path | None = None,
    *,
    all_cues: bool = False,
    load_show: ShowLoader | None = None,
    log_timezone: str | None = None,
) -> list[str]:
    """The completeness report (:func:`~cuesheet.outputs.rightsgaps.report`) of ``show``'s
    rights sheet in ``profile`` (``rights`` is ``generic``); with ``as_run``, of what aired
    (``log_timezone``: the log's clock, when not the show's).  The last line is the count."""
    profile = PROFILE_ALIASES.get(profile, profile)
    timing = compute(show)
    if as_run is not None:
        from cuesheet.asrun.show import as_run_show

        show, timing = as_run_show(
            show, timing, as_run, load_show=load_show, log_timezone=log_timezone
        )
    return completeness(timing, profile, all_cues=all_cues, aired=as_run is not None)


__all__ = ["completeness_of"]
