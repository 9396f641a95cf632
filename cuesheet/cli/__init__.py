"""The ``cuesheet`` command line.  The only place that imports :mod:`click`.

Each command lives in its own module and is imported only when it runs, so
``cuesheet --help`` stays fast.  Exit codes (see README):

* 0 -- it ran (``check``: no finding at error level);
* 1 -- ``check`` found errors, or the command could not run (service, I/O);
* 2 -- the input could not be read (bad show file, list, playlist or option).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import click

from cuesheet import __version__

# name -> "module:attribute"; one explicit table, loaded lazily.
COMMANDS: dict[str, str] = {
    "check": "cuesheet.cli.check:check",
    "compare": "cuesheet.cli.compare:compare",
    "config": "cuesheet.cli.config:config",
    "convert": "cuesheet.cli.convert:convert",
    "draft": "cuesheet.cli.draft:draft",
    "export": "cuesheet.cli.export:export",
    "resolve": "cuesheet.cli.resolve:resolve",
    "timing": "cuesheet.cli.timing:timing",
    "timeline": "cuesheet.cli.timeline:timeline",
    "scan": "cuesheet.cli.scan:scan",
    "render": "cuesheet.cli.render:render",
    "split": "cuesheet.cli.split:split",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; package errors become one line on stderr and an exit code."""
        from cuesheet.cli.errors import to_cli_error
        from cuesheet.cli.warn import reported
        from cuesheet.errors import CueSheetError
        from metadata.errors import MetadataError
        from playlists.errors import PlaylistError

        # The command line, kept before the group consumes it: naming the input when
        # memory runs out.  (click keeps the command's name apart, privately.)
        given = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        try:
            with reported():
                return super().invoke(ctx)
        except BrokenPipeError:
            raise  # click closes quietly when the reader went away (cuesheet ... | head)
        except (CueSheetError, PlaylistError, MetadataError, OSError) as error:
            raise to_cli_error(error) from error
        except (MemoryError, RecursionError) as error:  # a reader that did not say it first
            raise to_cli_error(error, _input_named(given)) from None


def _input_named(args: list[str]) -> str | None:
    """The first of ``args`` that names an existing file."""
    import os

    return next((a for a in args if not a.startswith("-") and os.path.isfile(a)), None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cuesheet")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Timed, verified cue sheets and playlists from a show's music lists.

    \b
    Example:
      cuesheet export examples/sochi-2014-closing.yaml -o sochi.csv
    \b
    Settings you use every time (server, contact, offline, library folders...) go in
    a config file or the environment: see cuesheet config.
    """
    from cuesheet.cli.errors import BadInputError
    from cuesheet.cli.settings import SettingsError, default_map, load

    try:
        values = load()
    except SettingsError as error:
        raise BadInputError(str(error)) from None
    timezone = next(v for v in values if v.setting.key == "show.timezone")
    ctx.meta["cuesheet.timezone"] = timezone.value
    ctx.meta["cuesheet.timezone.origin"] = timezone.origin
    ctx.default_map = default_map(sorted(COMMANDS), [v for v in values if v is not timezone])


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI (the console script ``cuesheet``)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="cuesheet")
