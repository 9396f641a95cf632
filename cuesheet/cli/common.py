"""Options and helpers shared by several commands."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from cuesheet.cli.progress import progress_bar
from cuesheet.cli.seconds import seconds_to_ms
from cuesheet.cli.warn import print_notes
from cuesheet.model import Role, Show

if TYPE_CHECKING:
    from cuesheet.enrich.musicbrainz import ResolveSettings
    from cuesheet.enrich.pipeline import EnrichOptions
    from cuesheet.inputs.sources import SourceOptions
    from playlists.model import Playlist

F = TypeVar("F", bound=Callable[..., Any])


def source_options(command: F) -> F:
    """``--section``, ``--role``, ``--title``, ``--timezone``, ``--date``, ``--start`` for list
    sources; ``--encoding`` for every source.

    The command gets them as one ``reading: SourceOptions`` (:mod:`cuesheet.inputs.sources`).
    """

    @functools.wraps(command)
    def with_reading(
        *args: Any,
        sections: tuple[str, ...],
        roles: tuple[tuple[str, Role], ...],
        title: str | None,
        tz: str | None,
        day: datetime | None,
        start: str | None,
        encoding: str | None,
        **given: Any,
    ) -> Any:
        from cuesheet.inputs.sources import SourceOptions

        reading = SourceOptions(
            sections=sections or None,
            roles=roles or None,
            title=title,
            timezone=tz,
            start=start,
            date=day.date() if day is not None else None,
            encoding=encoding,
        )
        return command(*args, reading=reading, **given)

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
    wrapped: Callable[..., Any] = with_reading
    for decorator in reversed(decorators):
        wrapped = decorator(wrapped)
    return cast(F, wrapped)


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
    reading: SourceOptions | None = None,
    playlist_rule: Callable[[Playlist, Path], None] | None = None,
) -> Show:
    """Load a show from any source with the :func:`source_options` given (and ``playlist_rule``).

    ``-`` reads a show file from standard input (``cuesheet draft ... | cuesheet timing -``).
    A text list without ``--timezone`` is on the configured ``show.timezone``.
    """
    show = _load(source, reading, playlist_rule)
    _keep_out_of_collections()
    return show


def _keep_out_of_collections() -> None:
    """Leave what is built so far, the show above all, out of the cyclic collector's walks.

    The show lives until the command ends and holds no cycles, yet every full
    collection walked it again: four of them took 1.5 s of exporting a 100,000-cue
    show to M3U.  ``gc.freeze()`` moves it out of their way until the command's
    context closes (``gc.unfreeze()``: a command run in process, by tests, leaks
    nothing).  Nothing is done when something else froze objects itself.
    """
    import gc

    context = click.get_current_context(silent=True)
    if context is None or gc.get_freeze_count():
        return
    gc.freeze()
    context.find_root().call_on_close(gc.unfreeze)


def _load(
    source: Path,
    reading: SourceOptions | None,
    playlist_rule: Callable[[Playlist, Path], None] | None,
) -> Show:
    """:func:`load` itself."""
    from cuesheet.inputs.sources import TEXT_LIST, SourceOptions, load_with

    if str(source) == "-":
        from cuesheet.inputs.showfile import loads

        return loads(sys.stdin.read(), path="<stdin>")
    reading = reading or SourceOptions()
    timezone, origin = reading.timezone, "--timezone"
    if timezone is None and source.suffix.lower() in TEXT_LIST.extensions:
        context = click.get_current_context(silent=True)  # the configured default zone
        meta = context.find_root().meta if context else {}
        timezone = meta.get("cuesheet.timezone")
        origin = f"show.timezone ({meta.get('cuesheet.timezone.origin', 'config')})"
    if timezone is not None:
        _check_zone(timezone, origin)
    start = reading.start
    if isinstance(start, str):
        from cuesheet.timing.clock import parse_hhmm

        try:
            start = parse_hhmm(start)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--start") from None
    log = _as_run_log(source, timezone, reading)
    if log is not None:
        return log
    reading = replace(reading, timezone=timezone, start=start, playlist_rule=playlist_rule)
    return load_with(source, reading)


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
    """``--no-resolve``, the MusicBrainz options and ``--library``/``--index``.

    The command gets them as one ``enrichment: EnrichOptions`` (:mod:`cuesheet.enrich.pipeline`).
    """
    from cuesheet.cli.library import library_options
    from cuesheet.cli.mboptions import musicbrainz_options

    @functools.wraps(command)
    def with_enrichment(
        *args: Any,
        musicbrainz: ResolveSettings,
        libraries: tuple[Path, ...],
        index_path: Path | None,
        no_resolve: bool,
        **given: Any,
    ) -> Any:
        from cuesheet.enrich.pipeline import EnrichOptions

        enrichment = EnrichOptions(None if no_resolve else musicbrainz, libraries, index_path)
        return command(*args, enrichment=enrichment, **given)

    wrapped = library_options(musicbrainz_options(with_enrichment))
    return cast(
        F,
        click.option("--no-resolve", is_flag=True, help="Do not look entries up on MusicBrainz.")(
            wrapped
        ),
    )


def enrich(show: Show, enrichment: EnrichOptions, source: Path) -> Show:
    """:func:`cuesheet.enrich.pipeline.enrich`, its notes printed on stderr."""
    from cuesheet.enrich.pipeline import enrich as enrich_show

    with bad_musicbrainz_setting():
        enriched = enrich_show(show, enrichment, source=source, progress=progress_bar)
    print_notes(enriched.notes)
    return enriched.show


@contextmanager
def bad_musicbrainz_setting() -> Iterator[None]:
    """A server the MusicBrainz client refuses is a bad ``--musicbrainz`` (exit code 2)."""
    from cuesheet.enrich.pipeline import SettingError

    try:
        yield
    except SettingError as error:
        raise click.BadParameter(error.message, param_hint="--musicbrainz") from None


def _as_run_log(source: Path, timezone: str | None, reading: SourceOptions) -> Show | None:
    """An as-run log given as the source, read as the show that aired; ``None`` otherwise.

    Told from a list or a CSV playlist by the file's head, so those are read once.
    """
    from cuesheet.asrun.asshow import LOG_EXTENSIONS, log_show, sniff

    if source.suffix.lower() not in LOG_EXTENSIONS or not sniff(source, reading.encoding):
        return None
    from cuesheet.inputs.files import read_text

    day = reading.date if isinstance(reading.date, date) else None
    text = read_text(source, reading.encoding)
    return log_show(text, path=source, timezone=timezone or "UTC", day=day)
