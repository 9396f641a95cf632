"""``--log-timezone``: the clock an as-run log's times of day are written on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _zone(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from cuesheet.timing import clock, zones

    try:
        clock.zone(value)
    except ValueError as error:
        hint = zones.describe(zones.suggest(value))
        raise click.BadParameter(f"{error}{'; ' + hint if hint else ''}") from None
    legacy = zones.legacy_zone(value)
    if legacy is not None:
        import warnings

        from cuesheet.errors import CueSheetWarning

        warnings.warn(f"--log-timezone: {legacy}", CueSheetWarning, stacklevel=2)
    return value


def log_timezone_option(command: F) -> F:
    """``--log-timezone IANA`` (default: the show's timezone)."""
    return click.option(
        "--log-timezone",
        "log_timezone",
        default=None,
        metavar="IANA",
        callback=_zone,
        help="Timezone of the as-run log's times of day, when not the show's (e.g. UTC).",
    )(command)
