"""MusicBrainz options shared by the commands that resolve (``resolve``, ``export``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from cuesheet.enrich.musicbrainz import DEFAULT_URL, ResolveSettings

F = TypeVar("F", bound=Callable[..., Any])


def url_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a MusicBrainz server URL; ``None`` when nothing."""
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (
            f"{value!r} is not a server URL (e.g. https://musicbrainz.org or http://localhost:5000)"
        )
    if parts.path.rstrip("/") not in ("", "/ws/2"):
        return f"{value!r}: give the server only, without a path"
    return None


def _check_url(ctx: click.Context, param: click.Parameter, value: str) -> str:
    problem = url_problem(value)
    if problem is None:
        return value
    from click.core import ParameterSource

    if param.name and ctx.get_parameter_source(param.name) in (
        ParameterSource.DEFAULT_MAP,
        ParameterSource.ENVIRONMENT,
    ):  # not typed here: say where it comes from, in one line
        from cuesheet.cli.errors import BadInputError

        raise BadInputError(
            f"the musicbrainz.url setting (see cuesheet config): {problem}"
        ) from None
    raise click.BadParameter(problem)


def _timeout(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """``--timeout`` seconds -> integer ms, at least 10 ms."""
    from cuesheet.cli.seconds import seconds_to_ms

    timeout_ms = seconds_to_ms(ctx, param, value)
    if timeout_ms < 10:
        raise click.BadParameter(f"{value!r} is shorter than 0.01 seconds")
    return timeout_ms


def _minutes(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """``--unreachable-for`` minutes -> integer ms."""
    from cuesheet.cli.seconds import seconds_to_ms

    return 60 * seconds_to_ms(ctx, param, value)


_OPTIONS = (
    click.option(
        "--musicbrainz",
        metavar="URL",
        default=DEFAULT_URL,
        show_default=True,
        envvar="CUESHEET_MUSICBRAINZ",
        callback=_check_url,
        help="MusicBrainz server, e.g. a local mirror (env CUESHEET_MUSICBRAINZ).",
    ),
    click.option(
        "--rate-limit",
        metavar="N",
        type=click.FloatRange(min=0),
        default=1.0,
        show_default=True,
        help="Requests per second; 0 for none (then requests run side by side).",
    ),
    click.option(
        "--cache",
        metavar="PATH",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Cache file (default: musicbrainz.sqlite3 in your cache directory).",
    ),
    click.option("--offline", is_flag=True, help="Use cached answers only; ask no server."),
    click.option(
        "--retry-now",
        is_flag=True,
        help="Ask MusicBrainz even if it was found unreachable in the last minutes.",
    ),
    click.option(
        "--contact",
        metavar="EMAIL|URL",
        default=None,
        envvar="CUESHEET_CONTACT",
        help="Your contact, sent in the User-Agent as MusicBrainz asks (env CUESHEET_CONTACT).",
    ),
    click.option(
        "--timeout",
        metavar="SECONDS",
        callback=_timeout,
        default="20",
        show_default=True,
        help="The most one request may take, from connect to last byte.",
    ),
    click.option(
        "--give-up",
        metavar="SECONDS",
        callback=_timeout,
        default="5",
        show_default=True,
        help="The longest wait for a server that has not answered at all.",
    ),
    click.option(
        "--unreachable-for",
        metavar="MINUTES",
        callback=_minutes,
        default="10",
        show_default=True,
        help="How long an unreachable server is not asked again; 0 for never.",
    ),
    click.option(
        "--retries",
        metavar="N",
        type=click.IntRange(min=0),
        default=3,
        show_default=True,
        help="Retries after a busy (503) or unreachable server before going offline.",
    ),
)
"""The options :func:`musicbrainz_options` adds, in the order ``--help`` lists them."""


def musicbrainz_options(command: F) -> F:
    """``--musicbrainz``, ``--rate-limit``, ``--cache``, ``--offline``, ``--contact``...

    The command gets them as one ``musicbrainz: ResolveSettings``.
    """

    @functools.wraps(command)
    def with_settings(
        *args: Any,
        musicbrainz: str,
        rate_limit: float,
        cache: Path | None,
        offline: bool,
        contact: str | None,
        timeout: int,
        retries: int,
        retry_now: bool,
        give_up: int,
        unreachable_for: int,
        **given: Any,
    ) -> Any:
        settings = ResolveSettings(
            url=musicbrainz,
            rate_limit=float(rate_limit),
            cache=cache,
            offline=offline,
            contact=contact or None,
            timeout_ms=timeout,
            retries=retries,
            retry_now=retry_now,
            give_up_ms=give_up,
            remember_ms=unreachable_for,
        )
        return command(*args, musicbrainz=settings, **given)

    wrapped: Callable[..., Any] = with_settings
    for decorator in reversed(_OPTIONS):
        wrapped = decorator(wrapped)
    return cast(F, wrapped)
