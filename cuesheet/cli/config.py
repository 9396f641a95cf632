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
\b
A setting in force that commands would refuse (a timezone the tz database does
not know, a server URL with a path, a library folder that is not there) is
marked under its line ("^ error: ...") and the command exits 2 after listing
every setting; a doubtful one (EST for New York) is marked "^ warning: ..."
and the exit code stays 0.
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
    from cuesheet.cli.errors import BadInputError
    from cuesheet.cli.settingcheck import problems

    click.echo(f"# config file: {path}{'' if path.exists() else ' (none)'}")
    values = load()
    width = max(len(v.setting.key) + len(show(v.value)) for v in values) + 3
    wrong: list[str] = []
    for value in values:
        text = f"{value.setting.key} = {show(value.value)}"
        click.echo(f"{text:<{width}}  {value.origin}")
        for problem in problems(value):
            click.echo(f"  ^ {problem.level}: {problem.text}")
            if problem.level == "error":
                wrong.append(f"{value.setting.key} ({value.origin})")
    if wrong:
        plural = "s are" if len(wrong) > 1 else " is"
        raise BadInputError(
            f"{len(wrong)} setting{plural} unusable: {', '.join(wrong)}; "
            "commands using them refuse to run"
        )
