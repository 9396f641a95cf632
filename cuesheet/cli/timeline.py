"""``cuesheet timeline``: a picture of the show as a self-contained HTML page or an SVG."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cuesheet.cli.asrunoptions import log_timezone_option
from cuesheet.cli.common import enrich, enrich_options, load, source_options, tolerance_option
from cuesheet.cli.existing import existing_file

if TYPE_CHECKING:
    from cuesheet.enrich.pipeline import EnrichOptions
    from cuesheet.inputs.sources import SourceOptions

EPILOG = """\b
Examples:
  cuesheet timeline examples/sochi-2014-closing.yaml -o sochi.html
  cuesheet timeline examples/sochi-2014-closing.yaml -o sochi.svg --px-per-minute 12
  cuesheet timeline examples/sochi-2014-closing.yaml \\
      --as-run examples/sochi-2014-asrun.csv -o aired.html

\b
The page lists the findings of `cuesheet check` under the picture (the exit
code does not depend on them).  Picture and options: docs/timeline.md.
"""

_FORMATS = {".html": "html", ".htm": "html", ".svg": "svg"}


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="Output file (.html or .svg), or - for standard output.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["html", "svg"]),
    default=None,
    help="html or svg (default: from OUT's extension).",
)
@click.option(
    "--px-per-minute",
    type=click.IntRange(1, 600),
    default=None,
    help="Horizontal scale of the picture (default: the show fits about 1400 pixels).",
)
@click.option(
    "--as-run",
    "as_run",
    type=existing_file(),
    metavar="LOG",
    help="Draw what aired under the plan: a CSV as-run log, a playlist, or a show file.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Leave a check's findings off the page, by code or name; repeatable.",
)
@click.option("--no-check", is_flag=True, help="Do not list the findings of the checks.")
@log_timezone_option
@tolerance_option
@enrich_options
@source_options
def timeline(
    source: Path,
    output: str,
    fmt: str | None,
    px_per_minute: int | None,
    as_run: Path | None,
    ignore: tuple[str, ...],
    no_check: bool,
    log_timezone: str | None,
    tolerance: int,
    enrichment: EnrichOptions,
    reading: SourceOptions,
) -> None:
    """Draw SOURCE's running order against the clock, with its fixed times and hard out."""
    from cuesheet.checks.pipeline import ReviewOptions, review
    from cuesheet.enrich.filelengths import probe
    from cuesheet.outputs.atomic import refuse_overwriting_input, write_atomic
    from cuesheet.timeline import Layout, to_html, to_svg

    if fmt is None:
        if output == "-":
            fmt = "html"
        else:
            fmt = _FORMATS.get(Path(output).suffix.lower())
            if fmt is None:
                raise click.BadParameter(
                    f"cannot tell the format from {output!r}: use .html or .svg, or --format",
                    param_hint="-o/--output",
                )
    if output != "-":
        refuse_overwriting_input(output, source, *([as_run] if as_run else []))
    show = enrich(load(source, reading), enrichment, source)
    checked = review(
        show,
        ReviewOptions(
            as_run,
            fmt == "html" and not no_check,
            tolerance,
            ignore,
            log_timezone=log_timezone,
            encoding=reading.encoding,
        ),
        source=source,
        load_show=load,
        probe=probe,
    )
    lane = None
    if checked.alignment is not None:
        from cuesheet.timeline.aired import lane as aired_lane

        lane = aired_lane(checked.alignment, tolerance)
    if px_per_minute is None:
        from cuesheet.timeline.model import fit_px_per_minute

        end_ms = checked.timing.end_ms or show.start_ms
        px_per_minute = fit_px_per_minute(end_ms - show.start_ms)
    layout = Layout(px_per_minute=px_per_minute, late_tolerance_ms=tolerance)
    if fmt == "svg":
        text = to_svg(checked.timing, as_run=lane, layout=layout)
    else:
        text = to_html(checked.timing, findings=checked.findings, as_run=lane, layout=layout)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
