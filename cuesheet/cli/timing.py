"""``cuesheet timing``: the running order as a terminal table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cuesheet.cli.common import enrich, enrich_options, load, source_options

if TYPE_CHECKING:
    from cuesheet.enrich.pipeline import EnrichOptions
    from cuesheet.inputs.sources import SourceOptions

EPILOG = """\b
Example:
  cuesheet timing examples/sochi-2014-closing.yaml --utc
"""


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--utc", is_flag=True, help="Also show every time in UTC.")
@click.option(
    "--columns",
    default="",
    metavar="NAMES",
    help="Extra columns, comma-separated: performers, notes.",
)
@enrich_options
@source_options
def timing(
    source: Path, utc: bool, columns: str, enrichment: EnrichOptions, reading: SourceOptions
) -> None:
    """Show SOURCE's front time, back time, duration and over/under at each fixed time.

    \b
    Front: when the cue starts, timed forward from the show start and each fixed time.
    Back:  the latest it may start for the show to make the next fixed time or hard out.
    Source: where the duration comes from: planned (the show file), file (the audio
            file's real length), musicbrainz, estimate, or unknown (then budgets stand in).
    Times and durations are shown to the nearest second (halves up); a duration shown
    is the difference of the times shown at its ends, so each row adds up to the next
    start, and End gives the total.
    """
    import shutil

    from cuesheet.outputs.table import EXTRA_COLUMNS, render_timing
    from cuesheet.timing.engine import compute

    show = enrich(load(source, reading), enrichment, source)
    chosen = tuple(name.strip() for name in columns.split(",") if name.strip())
    unknown = [name for name in chosen if name not in EXTRA_COLUMNS]
    if unknown:
        raise click.BadParameter(
            f"unknown column {unknown[0]!r}; known: {', '.join(EXTRA_COLUMNS)}",
            param_hint="--columns",
        )
    width = shutil.get_terminal_size((120, 24)).columns
    lines = render_timing(compute(show), utc=utc, width=width, columns=chosen)
    if lines:  # one write: an echo a line took a second of a 100,000-cue table
        click.echo("\n".join(lines))
