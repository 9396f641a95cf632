"""Options and helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cuesheet.model import Show

if TYPE_CHECKING:
    from cuesheet.resolution import Resolved, ResolveSettings
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
            help="List heading to read (repeatable; default: Music and Anthems).",
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


encoding_option = click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Encoding of the input (default: recognised; a warning names it when not UTF-8).",
)
"""``--encoding NAME``: overrides the encoding the readers recognise."""


def seconds_to_ms(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Option callback: seconds as text (``2``, ``0.5``) -> integer milliseconds, no floats."""
    from cuesheet.timecode import parse_seconds

    try:
        return parse_seconds(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number of seconds") from None


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


def probe(path: Path) -> int | None:
    """An audio file's real length in ms from its tags (mutagen), ``None`` when unreadable."""
    from metadata import tags
    from metadata.errors import MetadataError

    if tags.format_of(path) is None:
        return None
    try:
        return tags.read(path).duration_ms
    except (MetadataError, OSError):
        return None


def load(
    source: Path,
    options: dict[str, Any],
    playlist_rule: Callable[[Playlist, Path], None] | None = None,
) -> Show:
    """Load a show from any source, applying the list options (and ``playlist_rule``)."""
    from cuesheet.sources import load_source

    day = options.pop("day", None)
    start: str | None = options.pop("start", None)
    start_time: time | None = None
    if start is not None:
        from cuesheet.clock import parse_hhmm

        try:
            start_time = parse_hhmm(start)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--start") from None
    return load_source(
        source,
        sections=tuple(options.pop("sections", ())) or None,
        title=options.pop("title", None),
        timezone=options.pop("tz", None),
        date=day.date() if day is not None else None,
        start=start_time,
        playlist_rule=playlist_rule,
        encoding=options.pop("encoding", None),
    )


def enrich_options(command: F) -> F:
    """``--no-resolve``, the MusicBrainz options and ``--library``/``--index``."""
    from cuesheet.cli.library import library_options
    from cuesheet.cli.mboptions import musicbrainz_options

    command = library_options(musicbrainz_options(command))
    return click.option(
        "--no-resolve", is_flag=True, help="Do not look entries up on MusicBrainz."
    )(command)


def enrich(show: Show, options: dict[str, Any], source: Path) -> Show:
    """Resolve ``show`` on MusicBrainz (unless ``--no-resolve``), match library files, read lengths.

    Takes the :func:`enrich_options` keyword arguments out of ``options``.
    A cue naming a file but no duration gets the file's real length
    (relative paths are taken from ``source``'s folder).  Service trouble and
    unreadable files are only warnings: the show comes back with what is known.
    """
    from cuesheet.cli.library import apply_libraries
    from cuesheet.cli.mboptions import settings_from
    from cuesheet.cuefiles import read_lengths

    settings = settings_from(options)
    libraries = tuple(options.pop("libraries", ()))
    index_path = options.pop("index_path", None)
    if not options.pop("no_resolve", False):
        show = resolve_on_musicbrainz(show, settings).show
    show, problems = read_lengths(apply_libraries(show, libraries, index_path), source.parent)
    for problem in problems:
        click.echo(f"cuesheet: warning: {source}: {problem}", err=True)
    return show


def resolve_on_musicbrainz(show: Show, settings: ResolveSettings, *, warn: bool = True) -> Resolved:
    """Resolve ``show`` on MusicBrainz with a progress bar, closing the cache afterwards.

    A ``--musicbrainz`` the resolver refuses is a bad parameter (exit code 2);
    ``warn`` as in :func:`cuesheet.resolution.resolve_show`.
    """
    from cuesheet.cli.progress import progress_bar
    from cuesheet.resolution import open_resolver, resolve_show

    try:
        resolver, cache = open_resolver(settings)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--musicbrainz") from None
    try:
        with progress_bar("MusicBrainz") as progress:
            return resolve_show(show, resolver, progress=progress, warn=warn)
    finally:
        cache.close()
