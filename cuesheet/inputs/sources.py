"""What ``cuesheet export SOURCE`` and friends accept: a show file or a text list.

:func:`load_source` picks the reader from the file name's extension through one
explicit table, :data:`SOURCES`; a file with any other extension is read as a
text list.  Every failure is one :class:`InputError` naming the file (exit
code 2 through the CLI).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cuesheet.errors import InputError
from cuesheet.inputs.files import read_text
from cuesheet.model import Role, Show
from playlists import registry as playlist_registry

if TYPE_CHECKING:
    from playlists.model import Playlist

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """Options for sources that do not carry them themselves; ``None`` = not given."""

    sections: tuple[str, ...] | None = None
    """Headings whose lists are read (text lists)."""
    roles: tuple[tuple[str, Role], ...] | None = None
    """(heading, role): the stated role of the names under a heading (text lists)."""
    title: str | None = None
    timezone: str | None = None
    """IANA timezone name; text lists default to ``UTC``."""
    start: dt.time | str | None = None
    """Local start time (or ``HH:MM`` text); text lists default to ``00:00``."""
    date: dt.date | str | None = None
    """Local date (or ``YYYY-MM-DD`` text); text lists default to ``1970-01-01``."""
    encoding: str | None = None
    """The encoding of the source file; ``None``: recognised (see :func:`read_text`)."""
    playlist_rule: Callable[[Playlist, Path], None] | None = None
    """Called with each playlist read (and its path) before it becomes a show; it
    refuses one by raising :class:`InputError`.  Not an option a source can set."""

    def given(self) -> list[str]:
        """Names of the options that were given."""
        names = ("sections", "roles", "title", "timezone", "start", "date")
        return [name for name in names if getattr(self, name) is not None]


@dataclass(frozen=True, slots=True)
class SourceKind:
    """One kind of source: its name, the extensions it claims and its reader."""

    name: str
    extensions: tuple[str, ...]
    """Lower-case file name endings with their dot, e.g. ``.yaml``."""
    load: Callable[[Path, SourceOptions], Show]


def _load_show_file(path: Path, options: SourceOptions) -> Show:
    from cuesheet.inputs import showfile

    _refuse_options(path, options, "a show file")
    return showfile.loads(read_text(path, options.encoding), path)


def _refuse_options(path: Path, options: SourceOptions, what: str) -> None:
    given = options.given()
    if given:
        raise InputError(
            f"{what} sets its own {', '.join(given)}; those options apply to text lists",
            path=path,
        )


def _load_text_list(path: Path, options: SourceOptions) -> Show:
    from cuesheet.inputs import textlist
    from cuesheet.timing import clock

    text = read_text(path, options.encoding)
    sections = textlist.parse_list(text, path, options.sections, dict(options.roles or ()))
    timezone = options.timezone or "UTC"
    try:
        clock.zone(timezone)
    except ValueError as error:
        raise InputError(f"timezone: {error}", cause=error) from error
    _warn_legacy_zone(timezone, _date(options.date) if options.date else None)
    start_ms = clock.local_to_ms(_date(options.date), _start(options.start), timezone)
    title = options.title or textlist.document_title(text) or _name(path)
    show = textlist.list_to_show(sections, title=title, timezone=timezone, start_ms=start_ms)
    return show if options.date else dataclasses.replace(show, dated=False)


def _warn_legacy_zone(timezone: str, day: dt.date | None) -> None:
    """A :class:`CueSheetWarning` for a legacy zone (``EST``, ``Etc/GMT-1``...) given a list."""
    from cuesheet.timing.zones import legacy_zone

    legacy = legacy_zone(timezone, day)
    if legacy is not None:
        import warnings

        from cuesheet.errors import CueSheetWarning

        warnings.warn(f"timezone: {legacy}", CueSheetWarning, stacklevel=3)


def _load_json(path: Path, options: SourceOptions) -> Show:
    from cuesheet.inputs import showjson

    _refuse_options(path, options, "a JSON export")
    text = read_text(path, options.encoding)
    if showjson.is_cuesheet_json(text):
        return showjson.loads(text, str(path))  # parsed once
    from playlists._limits import loads_json
    from playlists.errors import ParseError

    try:
        data = loads_json(text, path)
    except ParseError as error:  # where the JSON breaks, or what is past a limit
        raise InputError(error.message, path=path, line=error.line, cause=error) from error
    if isinstance(data, dict) and "entries" in data and data.get("format") != showjson.FORMAT:
        from playlists import registry

        playlist = registry.get("json").loads(text, path=str(path))
        return _playlist_show(playlist, path, options, title=_name(path))
    return showjson.loads(text, str(path))  # or says where the JSON breaks


def _load_playlist(path: Path, options: SourceOptions) -> Show:
    """A playlist of any format the :mod:`playlists` registry reads, as a show."""
    from playlists import registry

    _refuse_options(path, options, "a playlist")
    try:
        playlist = registry.for_path(path).load(path, encoding=options.encoding)
    except FileNotFoundError as error:
        raise InputError("no such file", path=path, cause=error) from error
    return _playlist_show(playlist, path, options, title=playlist.title or _name(path))


def _name(path: Path) -> str:
    """``path``'s stem as text: bytes of a name that are not UTF-8 become U+FFFD (they could
    not be written into any output)."""
    return path.stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _playlist_show(playlist: Playlist, path: Path, options: SourceOptions, title: str) -> Show:
    from cuesheet.inputs.playlist import to_show

    if options.playlist_rule is not None:
        options.playlist_rule(playlist, path)
    return to_show(playlist, title=title, path=str(path))


def _date(text: dt.date | str | None) -> dt.date:
    if text is None:
        return dt.date(1970, 1, 1)
    if isinstance(text, dt.date):
        return text
    try:
        if not _DATE_RE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise InputError(f"date must be YYYY-MM-DD, got {text!r}", cause=error) from error


def _start(text: dt.time | str | None) -> dt.time:
    from cuesheet.timing import clock

    if text is None:
        return dt.time(0, 0)
    if isinstance(text, dt.time):
        return text
    try:
        return clock.parse_hhmm(text)
    except ValueError as error:
        raise InputError(f"start {error}", cause=error) from error


SHOW_FILE = SourceKind("show file", (".yaml", ".yml"), _load_show_file)
TEXT_LIST = SourceKind("text list", (".txt", ".md", ".markdown", ".wiki"), _load_text_list)

JSON_EXPORT = SourceKind("cuesheet JSON", (".json",), _load_json)
"""cuesheet's JSON export, or a JSON playlist (told apart by ``showjson.is_cuesheet_json``)."""
PLAYLIST = SourceKind(
    "playlist",
    tuple(ext for ext in playlist_registry.extensions() if ext not in JSON_EXPORT.extensions),
    _load_playlist,
)
"""Every other format the :mod:`playlists` registry reads (M3U, M3U8, XSPF, CUE, CSV)."""

SOURCES: tuple[SourceKind, ...] = (SHOW_FILE, JSON_EXPORT, PLAYLIST, TEXT_LIST)
"""Every kind of source, in the order extensions are matched; the as-run reader
(:func:`cuesheet.asrun.logs.load`) uses the same table after its CSV logs."""

FALLBACK: SourceKind = TEXT_LIST
"""The reader for a file whose extension no source claims."""


def source_kind(path: str | Path) -> SourceKind | None:
    """The source kind claiming ``path``'s extension, or ``None``."""
    name = Path(path).name.lower()
    for kind in SOURCES:
        if name.endswith(kind.extensions):
            return kind
    return None


def load_source(
    path: str | Path,
    *,
    sections: Sequence[str] | None = None,
    title: str | None = None,
    timezone: str | None = None,
    start: dt.time | str | None = None,
    date: dt.date | str | None = None,
    playlist_rule: Callable[[Playlist, Path], None] | None = None,
    roles: Sequence[tuple[str, Role]] | None = None,
    encoding: str | None = None,
) -> Show:
    """The :class:`Show` in the show file or text list at ``path``.

    ``.yaml``/``.yml`` files are show files, which set everything themselves
    (passing any option is then an error); anything else is read as a text
    list (see :mod:`cuesheet.inputs.textlist`), to which the options apply (``roles``:
    ``(heading, role)`` pairs stating the role of a heading's names): ``start``
    and ``date`` are local wall-clock values in ``timezone`` (default UTC), as
    objects or as ``HH:MM`` / ``YYYY-MM-DD`` text.  ``playlist_rule`` sees
    every playlist read before it becomes a show and may refuse it (see
    :attr:`SourceOptions.playlist_rule`); ``encoding`` overrides the recognised
    encoding of the file.  Raises :class:`InputError` for a
    missing, unreadable or malformed source.
    """
    options = SourceOptions(
        sections=tuple(sections) if sections is not None else None,
        roles=tuple(roles) if roles else None,
        title=title,
        timezone=timezone,
        start=start,
        date=date,
        playlist_rule=playlist_rule,
        encoding=encoding,
    )
    return load_with(Path(path), options)


def load_with(source: Path, options: SourceOptions) -> Show:
    """:func:`load_source` with its options given as one :class:`SourceOptions`."""
    from playlists.textfile import not_a_file

    what = not_a_file(source)
    if what is not None:  # every reader: a FIFO or a device could be read forever
        error = IsADirectoryError if what == "a directory" else OSError
        raise InputError(f"is {what}, expected a file", path=source, cause=error(what))
    kind = source_kind(source)
    if kind is not None:
        return kind.load(source, options)
    try:
        return FALLBACK.load(source, options)
    except InputError as error:
        if isinstance(error.cause, (OSError, UnicodeDecodeError)):
            raise  # the file could not be read at all: no hint about formats
        known = ", ".join(ext for kind in SOURCES for ext in kind.extensions)
        raise InputError(
            f"{error.message} (read as a {FALLBACK.name}; known extensions: {known})",
            path=error.path,
            line=error.line,
            cause=error,
        ) from error
