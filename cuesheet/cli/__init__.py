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
from typing import Any

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

SUMMARIES: dict[str, str] = {
    "check": "Check SOURCE's running order; with --as-run, compare it with what aired.",
    "compare": "Put SOURCE's plan and the as-run LOG side by side.",
    "config": "Print the settings in force, each with where it came from.",
    "convert": "Convert the playlist IN to OUT (- for standard output).",
    "draft": "Assemble a running order from ARTICLE, with REPORTs as further evidence.",
    "export": "Export SOURCE (a show file, a music list or an export) as a timed running order.",
    "resolve": "Resolve SOURCE's music and anthems against MusicBrainz.",
    "timing": "Show SOURCE's front time, back time, duration and over/under at each fixed time.",
    "timeline": "Draw SOURCE's running order against the clock, with its fixed times and hard out.",
    "scan": (
        "Read tags and exact durations of the audio files under FOLDERS into the library index."
    ),
    "render": "Render SOURCE's audio into one file with a CUE sheet of exact INDEX points.",
    "split": "Cut AUDIO at the INDEX 01 points of --cue into tagged files in -o.",
}
"""Each command's one-line help (its docstring's first sentence), so that ``cuesheet --help``
imports no command; a test keeps them equal to the commands' own."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` from :data:`SUMMARIES`, as click would write it."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
        except click.UsageError as error:
            raise _one_line(error) from None
        except BrokenPipeError:
            raise  # click closes quietly when the reader went away (cuesheet ... | head)
        except (CueSheetError, PlaylistError, MetadataError, OSError) as error:
            raise to_cli_error(error) from error
        except (MemoryError, RecursionError) as error:  # a reader that did not say it first
            raise to_cli_error(error, _input_named(given)) from None

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """The group's context; a mistyped option or command is one line, like every error."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _one_line(error) from None


def _one_line(error: click.UsageError) -> click.ClickException:
    """A usage error as ``cuesheet: error: ...`` (see ``cuesheet CMD --help``), exit code 2.

    click would print a usage block and ``Error: ...`` over three lines.  Asking
    for help with no arguments stays as it is.
    """
    from cuesheet.cli.errors import BadInputError

    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        return error
    command = error.ctx.command_path if error.ctx is not None else "cuesheet"
    message = " ".join(error.format_message().split())
    return BadInputError(f"{message} (see {command} --help)")


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
