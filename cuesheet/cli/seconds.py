"""Seconds given as text on the command line, read as integer milliseconds."""

from __future__ import annotations

import click


def seconds_to_ms(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Option callback: seconds as text (``2``, ``0.5``) -> integer milliseconds, no floats."""
    from cuesheet.timing.timecode import parse_seconds

    try:
        return parse_seconds(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number of seconds") from None
