"""Options and helpers shared by several commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cuesheet.cli.progress import progress_bar
from cuesheet.cli.seconds import seconds_to_ms
from cuesheet.cli.warn import print_notes
from cuesheet.model import Role, Show

if TYPE_CHECKING:
    from cuesheet.enrich.pipeline import EnrichOptions
    from playlists.model import Playlist

F = TypeVar("F", bound=Callable[..., Any])


def source_options(command: F) -> F:
    """``--section``, ``--title``, ``--timezone``, ``--date``, ``--start`` for list sources;
    ``--encoding`` for every source."""
    decorators = [
        click.option(
            "--section",
            "sections",
            multiple=True,
            metavar="NAME",
            help="List heading to read (repeatable; default: Music, Anthems, Score, "
            "Compositions, Songs, Setlist).",
        ),
        click.option(
            "--role",
            "roles",
            multiple=True,
            metavar="HEADING=ROLE",
            callback=_heading_roles,
            help="The names under a list heading are ROLE (composer, performer, conductor, "
            "arranger, lyricist), whatever the heading suggests; repeatable.",
        ),
        click.option("--title", default=None, help="Show title for a bare list."),
        click.option(
            "--timezone", "tz", default=None, metavar="IANA", help="Timezone for a bare list."
        ),
        click.option(
            "--date",
            "day",
            default=None,
            metavar="YYYY-MM-DD",
            type=click.DateTime(["%Y-%m-%d"]),
            help="Show date for a bare list.",
        ),
        click.option("--start", default=None, metavar="HH:MM", help="Start time for a bare list."),
        encoding_option,
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _heading_roles(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[tuple[str, Role], ...]:
    """Option callback: ``("Setlist=performer", ...)`` -> ``(("Setlist", Role.PERFORMER), ...)``."""
    pairs: list[tuple[str, Role]] = []
    for item in value:
        heading, _, role = item.rpartition("=")
        known = {r.value: r for r in Role}
        if not heading.strip() or role.strip().lower() not in known:
            raise click.BadParameter(
                f"{item!r} is not HEADING=ROLE with ROLE one of {', '.join(known)}"
            )
        pairs.append((heading.strip(), known[role.strip().lower()]))
    return tuple(pairs)


encoding_option = click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Encoding of the input (default: recognised; a warning names it when not UTF-8).",
)
"""``--encoding NAME``: overrides the encoding the readers recognise."""




def tolerance_option(command: F) -> F:
    """``--tolerance SECONDS`` (default 2), given to the command as integer ms."""
    return click.option(
        "--tolerance",
        callback=seconds_to_ms,
        default="2",
        show_default=True,
        metavar="SECONDS",
        help="How far two times may differ before a rule says so.",
    )(command)


def load(
    source: Path,
    options: dict[str, Any],
    playlist_rule: Callable[[Playlist, Path], None] | None = None,
) -> Show:
    """Load a show from any source, applying the list options (and ``playlist_rule``).

    ``-`` reads a show file from standard input (``cuesheet draft ... | cuesheet timing -``).
    """
    from cuesheet.inputs.sources import TEXT_LIST, load_source

    if str(source) == "-":
        from cuesheet.inputs.showfile import loads

        return loads(sys.stdin.read(), path="<stdin>")

    day = options.pop("day", None)
    start: str | None = options.pop("start", None)
    timezone: str | None = options.pop("tz", None)
    origin = "--timezone"
    if timezone is None and source.suffix.lower() in TEXT_LIST.extensions:
        context = click.get_current_context(silent=True)  # the configured default zone
        meta = context.find_root().meta if context else {}
        timezone = meta.get("cuesheet.timezone")
        origin = f"show.timezone ({meta.get('cuesheet.timezone.origin', 'config')})"
    if timezone is not None:
        _check_zone(timezone, origin)
    start_time: time | None = None
    if start is not None:
        from cuesheet.timing.clock import parse_hhmm

        try:
            start_time = parse_hhmm(start)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--start") from None
    log = _as_run_log(source, timezone, day)
    if log is not None:
        return log
    return load_source(
        source,
        sections=tuple(options.pop("sections", ())) or None,
        roles=tuple(options.pop("roles", ())) or None,
        title=options.pop("title", None),
        timezone=timezone,
        date=day.date() if day is not None else None,
        start=start_time,
        playlist_rule=playlist_rule,
        encoding=options.pop("encoding", None),
    )


def _check_zone(name: str, origin: str) -> None:
    """Refuse an unknown IANA zone ``name`` with suggestions, naming where it came from."""
    from cuesheet.cli.errors import BadInputError
    from cuesheet.timing import clock, zones

    try:
        clock.zone(name)
    except ValueError as error:
        hint = zones.describe(zones.suggest(name))
        raise BadInputError(f"{origin}: {error}{'; ' + hint if hint else ''}") from None


def enrich_options(command: F) -> F:
    """``--no-resolve``, the MusicBrainz options and ``--library``/``--index``."""
    from cuesheet.cli.library import library_options
    from cuesheet.cli.mboptions import musicbrainz_options

    command = library_options(musicbrainz_options(command))
    return click.option(
        "--no-resolve", is_flag=True, help="Do not look entries up on MusicBrainz."
    )(command)


def enrich(show: Show, options: dict[str, Any], source: Path) -> Show:
    """:func:`cuesheet.enrich.pipeline.enrich` with the :func:`enrich_options` given.

    Takes those keyword arguments out of ``options``; prints the notes on stderr.
    """
    return enrich_with(show, enrich_settings(options), source)


def enrich_with(show: Show, settings: EnrichOptions, source: Path) -> Show:
    """:func:`enrich` with settings already taken out of the options."""
    from cuesheet.enrich.pipeline import enrich as enrich_show

    with bad_musicbrainz_setting():
        enriched = enrich_show(show, settings, source=source, progress=progress_bar)
    print_notes(enriched.notes)
    return enriched.show


def enrich_settings(options: dict[str, Any]) -> EnrichOptions:
    """The :func:`enrich_options` keyword arguments, taken out of ``options``, as typed options."""
    from cuesheet.cli.mboptions import settings_from
    from cuesheet.enrich.pipeline import EnrichOptions

    settings = settings_from(options)
    libraries = tuple(options.pop("libraries", ()))
    index_path = options.pop("index_path", None)
    resolve = not options.pop("no_resolve", False)
    return EnrichOptions(settings if resolve else None, libraries, index_path)


@contextmanager
def bad_musicbrainz_setting() -> Iterator[None]:
    """A server the MusicBrainz client refuses is a bad ``--musicbrainz`` (exit code 2)."""
    from cuesheet.enrich.pipeline import SettingError

    try:
        yield
    except SettingError as error:
        raise click.BadParameter(error.message, param_hint="--musicbrainz") from None


def _as_run_log(source: Path, timezone: str | None, day: Any) -> Show | None:
    """An as-run log given as the source, read as the show that aired; ``None`` otherwise."""
    from cuesheet.asrun.asshow import LOG_EXTENSIONS, log_show, looks_like_log
    from cuesheet.inputs.files import read_text

    if source.suffix.lower() not in LOG_EXTENSIONS or not source.is_file():
        return None
    text = read_text(source)
    if not looks_like_log(text):
        return None
    return log_show(
        text, path=source, timezone=timezone or "UTC", day=day.date() if day is not None else None
    )

