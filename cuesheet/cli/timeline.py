"""``cuesheet timeline``: a picture of the show as a self-contained HTML page or an SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cuesheet.cli.common import load, source_options

EPILOG = """\b
Examples:
  cuesheet timeline examples/sochi-2014-closing.yaml -o sochi.html
  cuesheet timeline examples/sochi-2014-closing.yaml -o sochi.svg --px-per-minute 12
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
    default=10,
    show_default=True,
    help="Horizontal scale of the picture.",
)
@click.option("--no-resolve", is_flag=True, help="Do not look entries up on MusicBrainz.")
@source_options
def timeline(
    source: Path,
    output: str,
    fmt: str | None,
    px_per_minute: int,
    no_resolve: bool,
    **options: Any,
) -> None:
    """Draw SOURCE's running order against the clock, with its fixed times and hard out."""
    from cuesheet.output import refuse_overwriting_input, write_atomic
    from cuesheet.timeline import Layout, to_html, to_svg
    from cuesheet.timing import compute

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
        refuse_overwriting_input(output, source)
    show = load(source, options)
    timing = compute(show)
    layout = Layout(px_per_minute=px_per_minute)
    text = to_html(timing, layout=layout) if fmt == "html" else to_svg(timing, layout=layout)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
