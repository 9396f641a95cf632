"""The page of ``cuesheet --help`` as click writes it, and the refresh of its stored copy.

:mod:`cuesheet.quickhelp` holds a copy of this page so that ``cuesheet --help``
need not load click; ``tests/test_quickhelp.py`` keeps the copy equal to
:func:`render`.  After changing the group's help, options or command summaries,
refresh the copy with ``python -m cuesheet.cli.helppage``.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from cuesheet.cli import cli
from cuesheet.quickhelp import WIDTH_COLUMNS

_STORED = Path(__file__).resolve().parent.parent / "quickhelp_page.py"
_HEADER = '''"""Written by ``python -m cuesheet.cli.helppage``; see :mod:`cuesheet.quickhelp`."""

'''


def render() -> str:
    """The text click writes for ``cuesheet --help`` on a terminal of ``WIDTH_COLUMNS`` columns."""
    # click's own width on such a terminal: two columns less than it has.
    width = WIDTH_COLUMNS - 2
    with cli.make_context("cuesheet", [], resilient_parsing=True, terminal_width=width) as ctx:
        return ctx.get_help() + "\n"


def click_release() -> str:
    """The installed click's release, as its distribution names it (e.g. ``8.1.7``)."""
    return version("click")


def stored_source() -> str:
    """The source of :mod:`cuesheet.quickhelp_page` for the click installed now."""
    # Double-quoted, one literal a line: the layout ruff's formatter keeps.
    lines = "".join(f"    {json.dumps(line)}\n" for line in render().splitlines(keepends=True))
    return f'{_HEADER}CLICK_RELEASE = "{click_release()}"\nPAGE = (\n{lines})\n'


if __name__ == "__main__":
    _STORED.write_text(stored_source(), encoding="utf-8")
