"""``cuesheet convert IN OUT``: any playlist format the library reads -> any it writes."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click

from cuesheet.cli.common import encoding_option
from cuesheet.cli.existing import existing_file

EPILOG = """\b
Examples:
  cuesheet convert show.xspf show.m3u8
  cuesheet convert old.m3u running-order.csv --profile rights --excel
  cuesheet convert show.cue - --format json
  cuesheet convert long.json long.cue --split
  cuesheet convert export.txt out.xspf --from m3u
\b
Formats: csv, cue, json, m3u, m3u8, xspf (chosen from the file extension
unless --from / --format is given).  Relative locations are rebased so that
OUT points at the same files as IN.
"""


def _options(name: str, **given: Any) -> dict[str, Any]:
    """The options of ``given`` that the output format ``name`` takes."""
    takes = {
        "csv": ("profile", "excel"),
        "cue": ("split", "single_file"),
    }.get(name, ())
    return {key: value for key, value in given.items() if key in takes and value is not None}


CSV_PROFILES = {"csv": "running-order", "rights-csv": "rights"}
"""Export format names that stand for a CSV profile, so one spelling works everywhere."""


@click.command(epilog=EPILOG)
@click.argument("source", metavar="IN", type=existing_file())
@click.argument("output", metavar="OUT")
@click.option(
    "-f", "--format", "fmt", metavar="FORMAT", help="Format of OUT (default: its extension)."
)
@click.option("--from", "from_fmt", metavar="FORMAT", help="Format of IN (default: its extension).")
@click.option(
    "--profile",
    type=click.Choice(["running-order", "rights", "csv", "rights-csv"]),
    default=None,
    help="CSV: the columns to write (default: running-order); the export format names "
    "csv and rights-csv are accepted too.",
)
@click.option(
    "--excel", is_flag=True, default=None, help="CSV: add a byte-order mark for spreadsheets."
)
@click.option(
    "--paths",
    type=click.Choice(["auto", "absolute", "relative"]),
    default="auto",
    show_default=True,
    help="How to write local file locations (XSPF always writes absolute file:/// URIs).",
)
@encoding_option
@click.option(
    "--split", is_flag=True, default=None, help="CUE: more than 99 entries make several sheets."
)
@click.option(
    "--single-file",
    metavar="NAME",
    default=None,
    help="CUE: one FILE for the whole show, entries at their scheduled starts.",
)
def convert(
    source: Path,
    output: str,
    fmt: str | None,
    from_fmt: str | None,
    profile: str | None,
    excel: bool | None,
    paths: str,
    split: bool | None,
    single_file: str | None,
    encoding: str | None,
) -> None:
    """Convert the playlist IN to OUT (- for standard output)."""
    from cuesheet.outputs.atomic import refuse_overwriting_input, refuse_overwriting_inputs
    from playlists import registry
    from playlists.errors import PlaylistWarning
    from playlists.locations import rebase

    if fmt in CSV_PROFILES:  # the export command's names: --format rights-csv
        profile, fmt = profile or fmt, "csv"
    profile = CSV_PROFILES.get(profile, profile) if profile else None
    reader = registry.get(from_fmt) if from_fmt else registry.for_path(source)
    if fmt is None and output == "-":
        raise click.UsageError("writing to standard output needs --format")
    writer = registry.get(fmt) if fmt else registry.for_path(output)
    if output != "-":
        refuse_overwriting_input(output, source)
    if split and output == "-":
        raise click.UsageError("--split writes several files: give OUT a file name")

    text = ""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PlaylistWarning)
        playlist = _read(source, reader, from_fmt, encoding)
        out_dir = Path(output).parent if output != "-" else Path(".")
        playlist = rebase(
            playlist,
            base_dir=source.parent,
            playlist_dir=out_dir,
            mode=paths,
        )
        options = _options(
            writer.name, profile=profile, excel=excel, split=split, single_file=single_file
        )
        if output == "-":
            text = writer.dumps(playlist, **options)
        else:
            refuse_overwriting_inputs(_outputs(output, writer.name, split, playlist), [source])
            writer.dump(playlist, output, **options)
    for warning in caught:
        if issubclass(warning.category, PlaylistWarning):
            click.echo(f"cuesheet: warning: {warning.message}", err=True)
    if output == "-":
        click.echo(text, nl=False)
    elif writer.name == "cue" and split:
        from playlists.cue import MAX_TRACKS, sheet_paths

        count = -(-len(playlist.entries) // MAX_TRACKS)
        if count > 1:
            names = ", ".join(str(p) for p in sheet_paths(output, count))
            click.echo(f"cuesheet: wrote {count} sheets: {names}", err=True)


def _outputs(output: str, writer: str, split: bool | None, playlist: Any) -> list[Path]:
    """Every file ``convert`` writes: OUT, or its numbered sheets with ``--split``."""
    if writer == "cue" and split:
        from playlists.cue import MAX_TRACKS, sheet_paths

        return sheet_paths(output, -(-len(playlist.entries) // MAX_TRACKS))
    return [Path(output)]


def _read(source: Path, reader: Any, from_fmt: str | None, encoding: str | None) -> Any:
    """The playlist in ``source``; a cuesheet JSON export is read as the show it is."""
    from cuesheet.errors import InputError
    from cuesheet.timing import clock

    if from_fmt is None and source.suffix.lower() == ".json":
        from cuesheet.inputs.showjson import sniff

        if sniff(source, encoding):  # from its first bytes: the file is parsed once
            from cuesheet.inputs import showjson
            from cuesheet.outputs.playlist import to_playlist

            return to_playlist(showjson.load(source))
    if from_fmt is None and reader.name == "csv":
        from cuesheet.asrun.asshow import log_show, sniff

        if sniff(source, encoding):  # an as-run log, by its head: what aired, as a playlist
            from cuesheet.inputs.files import read_text
            from cuesheet.outputs.playlist import to_playlist

            return to_playlist(log_show(read_text(source, encoding), path=source))
    playlist = reader.load(source, encoding=encoding)
    if playlist.timezone:
        try:
            clock.zone(playlist.timezone)
        except ValueError as error:
            raise InputError(f"timezone: {error}", path=source) from error
    return playlist
