"""``cuesheet --help`` and ``--version`` without loading click, when the answer is known.

Loading click takes about half of the time of ``cuesheet --help`` (on the
project's 2-core VM, 50 of 100 ms, the interpreter's start 20 ms).  Its page,
as click renders it, is kept in :mod:`cuesheet.quickhelp_page` together with the
click release that rendered it, and is written from there only when click would
write the very same bytes:

* the arguments are exactly ``--help``, ``-h`` or ``--version``;
* the terminal is at least :data:`WIDTH_COLUMNS` wide (click then lays the page
  out at that width, whatever the terminal), found the way click finds it
  (``COLUMNS``, then the terminal of standard output, else 80 columns);
* the click installed next to this package is the release that rendered it.

Anything else goes to click.  ``tests/test_quickhelp.py`` checks that the stored
page equals click's rendering; ``python -m cuesheet.cli.helppage`` refreshes it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

WIDTH_COLUMNS = 80
"""Terminal columns at and above which click lays the page out the same (its ``max_width``)."""


def quick_answer(args: Sequence[str]) -> str | None:
    """What ``cuesheet ARGS`` writes to standard output, if known without click; else None."""
    if len(args) != 1 or args[0] not in ("--help", "-h", "--version"):
        return None
    if args[0] == "--version":
        from cuesheet import __version__

        return f"cuesheet, version {__version__}\n"
    if terminal_columns() < WIDTH_COLUMNS:
        return None
    from cuesheet.quickhelp_page import CLICK_RELEASE, PAGE

    return PAGE if installed_click() == CLICK_RELEASE else None


def terminal_columns() -> int:
    """The terminal's width in columns as :func:`shutil.get_terminal_size` gives it to click.

    (``shutil`` itself is not imported: it loads three compression modules.)
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def installed_click() -> str | None:
    """The release of the click that ``import click`` would load (from its ``.dist-info``)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("click")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    where = os.path.dirname(os.path.dirname(spec.origin))
    try:
        names = os.listdir(where)
    except OSError:
        return None
    releases = [
        name[len("click-") :].rsplit(".", 1)[0]
        for name in names
        if name.startswith("click-") and name.endswith((".dist-info", ".egg-info"))
    ]
    return releases[0] if len(releases) == 1 else None
