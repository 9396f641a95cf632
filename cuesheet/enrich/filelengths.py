"""The audio files a show's cues name: where each is on disk, and how long it really lasts.

:func:`read_lengths` gives every cue that names a local file but states no
duration the file's exact length (read from its container by
:func:`metadata.tags.read`, no decoding) with duration source ``file``, as a
library match does.  Relative paths are taken from the show file's folder and
``file:`` URIs are decoded; other URLs are left alone.  A file that is missing
or cannot be read leaves its cue as it was and comes back as a
:class:`FileProblem` for the caller to warn about: never fatal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cuesheet.errors import InputError
from cuesheet.model import Cue, DurationSource, Segment, Show
from cuesheet.paths import local_path
from playlists.textfile import not_a_file

if TYPE_CHECKING:
    from metadata.tags import AudioFile

Reader = Callable[[str], "AudioFile"]
"""Reads one audio file's tags and length (:func:`metadata.tags.read`)."""


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A cue whose file could not give it a length."""

    segment: str
    """The title of the cue's segment."""
    number: str
    title: str
    path: str
    """The file, as resolved from the cue's ``file``."""
    message: str
    """What went wrong, e.g. ``not found``."""

    def __str__(self) -> str:
        return (
            f"{self.segment} / cue {self.number} {self.title!r}: {self.path}: {self.message}; "
            "its length stays unknown"
        )


def read_lengths(
    show: Show, base_dir: str | os.PathLike[str], *, read: Reader | None = None
) -> tuple[Show, tuple[FileProblem, ...]]:
    """``show`` with each cue that has a readable local file and no duration given its length.

    ``base_dir`` is the show file's folder; ``read`` defaults to
    :func:`metadata.tags.read`.  Returns the show and the files that could not
    be read (missing, unreadable, not audio), in running order.
    """
    reader = read if read is not None else _tags_read
    problems: list[FileProblem] = []
    segments: list[Segment] = []
    for segment in show.segments:
        cues = tuple(_with_length(segment, cue, base_dir, reader, problems) for cue in segment.cues)
        segments.append(segment if cues == segment.cues else replace(segment, cues=cues))
    return replace(show, segments=tuple(segments)), tuple(problems)


def _tags_read(path: str) -> AudioFile:
    """:func:`metadata.tags.read`, importing mutagen only when a file is read at all."""
    from metadata import tags

    return tags.read(path)


def _with_length(
    segment: Segment,
    cue: Cue,
    base_dir: str | os.PathLike[str],
    read: Reader,
    problems: list[FileProblem],
) -> Cue:
    if cue.file is None or cue.duration_ms is not None:
        return cue
    try:
        path = local_path(cue.file, base_dir)
    except InputError:
        return cue  # a URL: nothing local to read
    message = None
    kind = not_a_file(path)
    if kind is not None:
        message = f"is {kind}, not a file"
    elif not os.path.isfile(path):
        message = "not found"
    else:
        from metadata.errors import MetadataError

        try:
            length = read(path).duration_ms
        except MetadataError as error:
            message = f"cannot read it ({error.message})"
        except OSError as error:
            message = f"cannot read it ({error.strerror or error})"
        else:
            return replace(
                cue, duration_ms=cue.played_ms(length), duration_source=DurationSource.FILE
            )
    problems.append(FileProblem(segment.title, cue.number, cue.title, path, message))
    return cue


__all__ = ["FileProblem", "Reader", "local_path", "read_lengths"]


def probe(path: Path) -> int | None:
    """An audio file's real length in ms from its container (no decoding); ``None`` when unreadable.

    The ``probe`` the audio checks take (:data:`cuesheet.checks.context.Probe`).
    """
    from metadata import tags
    from metadata.errors import MetadataError

    if tags.format_of(path) is None:
        return None
    try:
        return tags.read(path).duration_ms
    except (MetadataError, OSError):
        return None
