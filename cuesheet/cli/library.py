"""``--library DIR`` and ``--index FILE`` for commands that want cues matched to audio files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from cuesheet.cli.existing import existing_folder
from cuesheet.model import Show

F = TypeVar("F", bound=Callable[..., Any])


def library_options(command: F) -> F:
    """Add ``--library DIR`` (repeatable) and ``--index FILE`` to a command."""
    command = click.option(
        "--index",
        "index_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Library index file (default: in the user cache folder).",
    )(command)
    return click.option(
        "--library",
        "libraries",
        multiple=True,
        type=existing_folder(),
        help="Folder of audio files to match cues to (scanned; repeatable).",
    )(command)


def apply_libraries(show: Show, libraries: tuple[Path, ...], index_path: Path | None) -> Show:
    """The show with cues matched to files under ``libraries``; the report goes to stderr."""
    from cuesheet.cli.progress import progress_bar
    from cuesheet.cli.warn import print_notes
    from cuesheet.enrich.pipeline import Note, match_library

    notes: list[Note] = []
    matched = match_library(show, libraries, index_path, notes, progress=progress_bar)
    print_notes(notes)
    return matched
