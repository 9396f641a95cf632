"""What is wrong with a setting in force, as ``cuesheet config`` marks it.

:func:`cuesheet.cli.settings.load` already refuses what cannot be a setting at all
(unknown keys, a word where a number belongs).  The values it lets through may still
be unusable (a timezone the tz database does not know, a server URL with a path, a
library folder that is not there) or doubtful (``EST`` for New York): every command
that uses them would refuse or warn, so ``cuesheet config`` says so up front.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cuesheet.cli.settings import Value


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a setting in force."""

    level: str
    """``error`` (commands using it refuse to run) or ``warning`` (they run, and warn)."""
    text: str


def problems(value: Value) -> list[Problem]:
    """What is wrong with ``value`` (empty when nothing is); defaults are taken as sound."""
    if value.origin == "default" or value.value is None:
        return []
    check = _CHECKS.get(value.setting.key)
    return check(value.value) if check is not None else []


def _timezone(value: object) -> list[Problem]:
    from cuesheet.timing import clock, zones

    name = str(value)
    try:
        clock.zone(name)
    except ValueError as error:
        hint = zones.describe(zones.suggest(name))
        return [Problem("error", f"{error}{'; ' + hint if hint else ''}")]
    legacy = zones.legacy_zone(name)
    return [Problem("warning", legacy)] if legacy is not None else []


def _url(value: object) -> list[Problem]:
    from cuesheet.cli.mboptions import url_problem

    problem = url_problem(str(value))
    return [Problem("error", problem)] if problem is not None else []


def _seconds(value: object) -> list[Problem]:
    if isinstance(value, (int, float)) and value < 0.01:
        return [Problem("error", f"{value} is shorter than 0.01 seconds")]
    return []


def _folders(value: object) -> list[Problem]:
    found: list[Problem] = []
    for folder in value if isinstance(value, list) else []:
        if not os.path.exists(folder):
            found.append(Problem("error", f"{folder}: no such folder"))
        elif not os.path.isdir(folder):
            found.append(Problem("error", f"{folder}: is a file, expected a folder"))
    return found


def _file(value: object) -> list[Problem]:
    path = os.path.expanduser(str(value))
    parent = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return [Problem("error", f"{path}: is a directory, expected a file")]
    if not os.path.isdir(parent):
        return [Problem("error", f"{path}: the folder {parent} does not exist")]
    return []


_CHECKS = {
    "show.timezone": _timezone,
    "musicbrainz.url": _url,
    "musicbrainz.timeout": _seconds,
    "musicbrainz.give_up": _seconds,
    "musicbrainz.cache": _file,
    "library.index": _file,
    "library.folders": _folders,
}
