"""``cuesheet export``: a show or list -> JSON, CSV, M3U/M3U8, XSPF or CUE."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cuesheet.cli.common import load, source_options

EPILOG = """\b
Examples:
  cuesheet export examples/sochi-2014-closing.yaml -o sochi.csv
  cuesheet export examples/sochi-2014-closing.yaml -o - --format json
  cuesheet export examples/sochi-2014-closing.yaml --as-run examples/sochi-2014-asrun.csv \\
      -o rights.csv --format rights-csv
  cuesheet export examples/sochi-2014-lists.txt --timezone Europe/Moscow \\
      --date 2014-02-23 --start 20:14 -o lists.json --no-resolve
"""


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="Output file, or - for standard output.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    metavar="FORMAT",
    help="json, csv, rights-csv, m3u, m3u8, xspf, cue (default: from OUT's extension).",
)
@click.option("--no-resolve", is_flag=True, help="Do not look entries up on MusicBrainz.")
@click.option("--excel", is_flag=True, help="CSV: add a byte-order mark for spreadsheets.")
@click.option(
    "--as-run",
    "as_run",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="LOG",
    help="Write what aired by this as-run log, with its timings (see docs/checks.md).",
)
@source_options
def export(
    source: Path, output: str, fmt: str | None, no_resolve: bool, excel: bool, **options: Any
) -> None:
    """Export SOURCE (a show file or a music list) as a timed running order."""
    from cuesheet import exports
    from cuesheet.output import refuse_overwriting_input, write_atomic
    from cuesheet.timing import compute

    if fmt is None and output == "-":
        fmt = "json"
    target = exports.get(fmt) if fmt else exports.for_path(output)
    as_run: Path | None = options.pop("as_run", None)
    if output != "-":
        refuse_overwriting_input(output, source, *([as_run] if as_run else []))
    show = load(source, options)
    writer_options: dict[str, Any] = {}
    if excel and "excel" in target.options:
        writer_options["excel"] = True
    timing = compute(show)
    if as_run is not None:
        from cuesheet.asrunshow import as_run_show

        show, timing = as_run_show(show, timing, as_run, load_show=lambda p: load(p, {}))
    text = target.write(show, timing, writer_options)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
