"""``cuesheet scan``: index the audio files under some folders (tags and exact durations)."""

from __future__ import annotations

from pathlib import Path

import click

from cuesheet.cli.existing import existing_path

EPILOG = """\b
Examples:
  cuesheet scan ~/Music/sochi
  cuesheet scan ~/Music/sochi /media/archive --list > library.tsv
  cuesheet scan ~/Music --index ./library.sqlite --workers 4

The index lives in the user cache folder (or $CUESHEET_LIBRARY_INDEX, or --index);
a rescan reads only the files whose size or modification time changed.
Unreadable files are listed on stderr and do not stop the scan (exit 0).
"""


def _ms(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}.{millis:03d}"


@click.command(epilog=EPILOG)
@click.argument("folders", nargs=-1, required=True, type=existing_path())
@click.option(
    "--index",
    "index_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Library index file (default: in the user cache folder).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes reading tags (default: one per CPU).",
)
@click.option(
    "--list",
    "listing",
    is_flag=True,
    help="Print every file: path, duration, format, title, artist, recording MBID.",
)
def scan(
    folders: tuple[Path, ...], index_path: Path | None, workers: int | None, listing: bool
) -> None:
    """Read tags and exact durations of the audio files under FOLDERS into the library index."""
    from cuesheet.cli.progress import progress_bar
    from cuesheet.enrich.library import default_index_path, scan_library

    index = str(index_path) if index_path is not None else default_index_path()
    with progress_bar("Reading tags", minimum=100) as progress:
        result = scan_library(folders, index_path=index_path, workers=workers, progress=progress)
    for problem in result.problems:
        click.echo(f"cuesheet: warning: {problem.path}: {problem.message}", err=True)
    if listing:
        for file in result.files:
            fields = [
                file.path,
                _ms(file.duration_ms),
                file.format,
                file.tags.title or "",
                file.tags.artist or "",
                file.tags.recording_mbid or "",
            ]
            click.echo("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    total = len(result.files) + len(result.problems)
    click.echo(
        f"{total} audio files ({len(result.problems)} unreadable): {result.read} read, "
        f"{result.unchanged} unchanged, {result.removed} removed from the index {index}",
        err=listing,
    )
