"""``cuesheet split``: cut a recording at a CUE sheet's INDEX points into tagged files."""

from __future__ import annotations

from pathlib import Path

import click

from cuesheet.cli.existing import existing_file

EPILOG = """\b
Examples:
  cuesheet split rehearsal.flac --cue rehearsal.cue -o pieces/
  cuesheet split show.wav --cue show.cue -o pieces/ --format flac --force
\b
Cuts are sample-exact (a CD frame is 588 samples at 44.1 kHz); audio before
the first track becomes "00 - pregap". Pieces are tagged with the sheet's
titles, performers, track numbers, ISRCs and MusicBrainz ids. Names are made
safe (no path separators, "..", or control characters). Existing files are
never replaced without --force. Default format: the recording's own when it
is lossless (flac, wav, aiff), else flac.
"""


@click.command(epilog=EPILOG)
@click.argument("audio", type=existing_file())
@click.option(
    "--cue",
    "sheet",
    required=True,
    type=existing_file(),
    help="The CUE sheet with the INDEX points.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pieces.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["flac", "wav", "aiff", "mp3"]),
    default=None,
    help="Format of the pieces.",
)
@click.option("--force", is_flag=True, help="Replace pieces that already exist.")
@click.option("--ffmpeg", "ffmpeg", default=None, metavar="PATH", help="The ffmpeg to use.")
def split(
    audio: Path, sheet: Path, out_dir: Path, fmt: str | None, force: bool, ffmpeg: str | None
) -> None:
    """Cut AUDIO at the INDEX 01 points of --cue into tagged files in -o."""
    from cuesheet.audio import cut as splitting
    from playlists import cue as cue_sheet

    loaded = cue_sheet.load(sheet)
    pieces = splitting.pieces_from_sheet(loaded, str(sheet))
    written = splitting.split(
        audio,
        pieces,
        out_dir,
        fmt=fmt,
        force=force,
        album=loaded.title,
        ffmpeg=ffmpeg,
        inputs=[sheet],
    )
    for piece in written:
        click.echo(piece.path)
    click.echo(f"wrote {len(written)} files to {out_dir}", err=True)
