"""Enrichment in one call: MusicBrainz look-ups, library matching, audio file lengths.

The commands that time, check, draw or export a show (and the library API)
call :func:`enrich` with an :class:`EnrichOptions`.  Nothing here prints: what
a person should read comes back as :class:`Note` values, and a progress bar,
when wanted, is handed in as a :data:`Progress` factory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from cuesheet.errors import InputError
from cuesheet.model import Show

if TYPE_CHECKING:
    from cuesheet.enrich.musicbrainz import Resolved, ResolveSettings
    from metadata.cache import Cache

Tick = Callable[[int, int], None]
"""``progress(done, total)``."""


class Progress(Protocol):
    """Opens a progress report for a labelled step (the CLI's bar; by default none)."""

    def __call__(self, label: str, *, minimum: int = 1) -> AbstractContextManager[Tick]: ...


@contextmanager
def no_progress(label: str, *, minimum: int = 1) -> Iterator[Tick]:
    """A :data:`Progress` that reports nothing."""
    yield lambda done, total: None


@dataclass(frozen=True, slots=True)
class EnrichOptions:
    """What :func:`enrich` does to a loaded show."""

    musicbrainz: ResolveSettings | None = None
    """Where and how to look cues up; ``None`` for no look-ups."""
    libraries: tuple[Path, ...] = ()
    """Folders of audio files to match cues to (scanned into the index)."""
    index_path: Path | None = None
    """The library index file; ``None`` for the default in the user cache folder."""


@dataclass(frozen=True, slots=True)
class Note:
    """One line for a person: a file that could not be read, or what a library matched."""

    kind: Literal["warning", "library"]
    text: str


@dataclass(frozen=True, slots=True)
class Enriched:
    """The show with what was found, and the notes made on the way, in order."""

    show: Show
    notes: tuple[Note, ...] = ()


class SettingError(InputError):
    """A setting the MusicBrainz client refuses (e.g. a URL that is not a server)."""

    setting = "musicbrainz"


def enrich(
    show: Show,
    options: EnrichOptions,
    *,
    source: Path,
    progress: Progress = no_progress,
) -> Enriched:
    """``show`` resolved on MusicBrainz, matched to library files, with file lengths read.

    A cue naming a file but no duration gets the file's real length (relative
    paths are taken from ``source``'s folder).  Service trouble and unreadable
    files are only warnings (service trouble as a
    :class:`~cuesheet.enrich.musicbrainz.MusicBrainzWarning`, files as notes):
    the show comes back with what is known.
    """
    from cuesheet.enrich.filelengths import read_lengths

    if options.musicbrainz is not None:
        show = resolve(show, options.musicbrainz, progress=progress).show
    notes: list[Note] = []
    show = match_library(show, options.libraries, options.index_path, notes, progress=progress)
    show, problems = read_lengths(show, source.parent)
    notes.extend(Note("warning", f"{source}: {problem}") for problem in problems)
    return Enriched(show, tuple(notes))


def resolve(
    show: Show, settings: ResolveSettings, *, progress: Progress = no_progress, warn: bool = True
) -> Resolved:
    """Resolve ``show`` on MusicBrainz, closing the cache afterwards.

    :raises SettingError: for a server the client refuses.  ``warn`` as in
        :func:`cuesheet.enrich.musicbrainz.resolve_show`; a cache file that could not be
        used in full (read-only, or it failed to be read or written: the run went on
        without it) is said as a :class:`MusicBrainzWarning` in any case.
    """
    from cuesheet.enrich.musicbrainz import nothing_to_ask, open_resolver, resolve_show
    from metadata.cache import Cache

    cache = Cache(settings.cache)
    skipped = nothing_to_ask(show, settings, cache)
    if skipped is not None:  # the server is remembered unreachable, and nothing is cached
        cache.close()
        return _said(skipped, warn)
    try:
        resolver, cache = open_resolver(settings, cache)
    except ValueError as error:
        raise SettingError(str(error)) from None
    read_only = cache.read_only and cache.trouble is None
    try:
        with progress("MusicBrainz") as tick:
            return resolve_show(show, resolver, progress=tick, warn=warn)
    finally:
        cache.close()
        _warn_cache(cache, read_only and not settings.offline)  # whatever ``warn`` says


def _warn_cache(cache: Cache, read_only: bool) -> None:
    """Say once what went wrong with the cache file (the run went on without it)."""
    text = cache.trouble
    if text is None and read_only:
        text = f"{cache.path}: the cache is read-only; new answers are not kept"
    if text is not None:
        import warnings

        from cuesheet.enrich.musicbrainz import MusicBrainzWarning

        warnings.warn(text, MusicBrainzWarning, stacklevel=3)


def _said(resolved: Resolved, warn: bool) -> Resolved:
    """``resolved``, its service warning issued first when ``warn``."""
    from cuesheet.enrich.musicbrainz import MusicBrainzWarning, service_warning

    message = service_warning(resolved)
    if warn and message is not None:
        import warnings

        warnings.warn(message, MusicBrainzWarning, stacklevel=3)
    return resolved


def match_library(
    show: Show,
    libraries: tuple[Path, ...],
    index_path: Path | None,
    notes: list[Note],
    *,
    progress: Progress = no_progress,
) -> Show:
    """The show with cues matched to files under ``libraries``; the report is added to ``notes``."""
    if not libraries:
        return show
    from cuesheet.enrich.library import apply_library, report_lines, scan_library

    with progress("Reading tags", minimum=100) as tick:
        scanned = scan_library(libraries, index_path=index_path, progress=tick)
    notes.extend(Note("warning", f"{p.path}: {p.message}") for p in scanned.problems)
    matched, report = apply_library(show, scanned.files)
    notes.extend(Note("library", line) for line in report_lines(report))
    return matched
