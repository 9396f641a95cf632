"""``--library DIR`` and ``--index FILE`` for commands that want cues matched to audio files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Folder of audio files to match cues to (scanned; repeatable).",
    )(command)


def apply_libraries(show: Show, libraries: tuple[Path, ...], index_path: Path | None) -> Show:
    """The show with cues matched to files under ``libraries``; the report goes to stderr."""
    if not libraries:
        return show
    from cuesheet.cli.progress import progress_bar
    from cuesheet.enrich.library import apply_library, report_lines, scan_library

    with progress_bar("Reading tags", minimum=100) as progress:
        scanned = scan_library(libraries, index_path=index_path, progress=progress)
    for problem in scanned.problems:
        click.echo(f"cuesheet: warning: {problem.path}: {problem.message}", err=True)
    matched, report = apply_library(show, scanned.files)
    for line in report_lines(report):
        click.echo(f"cuesheet: library: {line}", err=True)
    return matched
