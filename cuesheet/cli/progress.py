"""A progress bar on stderr fed by ``progress(done, total)`` calls (on a terminal only)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

Callback = Callable[[int, int], None]


@contextmanager
def progress_bar(label: str, *, minimum: int = 1) -> Iterator[Callback]:
    """Yield a ``progress(done, total)`` callback drawing a bar when ``total >= minimum``."""
    state: dict[str, Any] = {}
    shown = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if done:
            from playlists.atomic import pause

            pause("progress")  # a test hook: see playlists.atomic.pause
        if not shown or total < minimum:
            return
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.update(done - bar.pos)

    try:
        yield report
    finally:
        if "bar" in state:
            state["bar"].render_finish()
