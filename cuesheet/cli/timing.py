"""``cuesheet timing``: the running order as a terminal table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cuesheet.cli.common import enrich, enrich_options, load, source_options

EPILOG = """\b
Example:
  cuesheet timing examples/sochi-2014-closing.yaml --utc
"""


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--utc", is_flag=True, help="Also show every time in UTC.")
@enrich_options
@source_options
def timing(source: Path, utc: bool, **options: Any) -> None:
    """Show SOURCE's front time, back time, duration and over/under at each fixed time."""
    from cuesheet.outputs.table import render_timing
    from cuesheet.timing.engine import compute

    show = enrich(load(source, options), options, source)
    for line in render_timing(compute(show), utc=utc):
        click.echo(line)
