"""``cuesheet config``: the settings in force and where each came from; ``--init`` writes a file."""

from __future__ import annotations

import click

EPILOG = """\b
Examples:
  cuesheet config
  cuesheet config --init
  CUESHEET_OFFLINE=1 cuesheet config
\b
Options on the command line win over environment variables, which win over
the config file, which wins over the built-in defaults.
"""


@click.command(epilog=EPILOG)
@click.option("--init", is_flag=True, help="Write a commented config file (never over one).")
def config(init: bool) -> None:
    """Print the settings in force, each with where it came from."""
    from cuesheet.cli.errors import CliError
    from cuesheet.cli.settings import config_path, load, show, template

    path = config_path()
    if init:
        if path.exists():
            raise CliError(f"{path}: a config file is already there; edit it, or move it away")
        path.parent.mkdir(parents=True, exist_ok=True)
        from cuesheet.outputs.atomic import write_atomic

        write_atomic(path, template())
        click.echo(f"wrote {path}")
        return
    click.echo(f"# config file: {path}{'' if path.exists() else ' (none)'}")
    values = load()
    width = max(len(v.setting.key) + len(show(v.value)) for v in values) + 3
    for value in values:
        text = f"{value.setting.key} = {show(value.value)}"
        click.echo(f"{text:<{width}}  {value.origin}")
