"""Turn the packages' exceptions into one clear line on stderr and an exit code."""

from __future__ import annotations

from typing import IO

import click

from cuesheet.errors import CueSheetError, InputError
from metadata.errors import MetadataError, TagError
from playlists.errors import ParseError, PlaylistError, TooManyTracksError, UnknownFormatError

EXIT_OK = 0
"""It ran (``check``: nothing at error level)."""
EXIT_FAILED = 1
"""``check`` found errors, or the command could not run (service, I/O)."""
EXIT_BAD_INPUT = 2
"""The input could not be read: a bad show file, list, playlist or option."""

_BAD_INPUT = (InputError, ParseError, UnknownFormatError, TagError)


class CliError(click.ClickException):
    """A ClickException that prints ``cuesheet: error: ...``; exit code 1 (could not run)."""

    exit_code = EXIT_FAILED

    def show(self, file: IO[str] | None = None) -> None:
        for line in self.format_message().split("\n"):
            click.echo(f"cuesheet: error: {one_line(line)}", err=True, file=file)


_LONGEST = 2000
"""The most characters of one error line (a value of a megabyte is not printed whole)."""


def one_line(text: str) -> str:
    """``text`` with control characters escaped (a value holding a newline or CR does not
    break the message into lines or move the cursor) and cut to :data:`_LONGEST`."""
    text = "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)
    return text if len(text) <= _LONGEST else text[:_LONGEST] + "…"


class BadInputError(CliError):
    """The input could not be read: exit code 2."""

    exit_code = EXIT_BAD_INPUT


def cli_error(message: str, exit_code: int) -> CliError:
    """The CliError that exits with ``exit_code`` (1 or 2)."""
    return BadInputError(message) if exit_code == EXIT_BAD_INPUT else CliError(message)


def exit_code_for(error: BaseException) -> int:
    """The documented exit code for an error raised by one of the packages."""
    if isinstance(error, _BAD_INPUT):
        return EXIT_BAD_INPUT
    return EXIT_FAILED


def to_cli_error(error: BaseException, source: str | None = None) -> CliError:
    """The CliError for a package error, an OSError, or memory or nesting past the limits.

    ``source`` names the input read when memory ran out or nesting went too deep.
    """
    if isinstance(error, (MemoryError, RecursionError)):
        what = "out of memory" if isinstance(error, MemoryError) else "nested too deeply"
        where = f"{source}: " if source else ""
        return BadInputError(f"{where}{what} (the input is past what cuesheet can read)")
    if isinstance(error, TooManyTracksError):
        return cli_error(f"{error} with --split", exit_code_for(error))
    if isinstance(error, CueSheetError):
        lines = [one_line(str(e)) for e in (error, *error.others)]
        return cli_error("\n".join(lines), exit_code_for(error))
    if isinstance(error, (PlaylistError, MetadataError)):
        return cli_error(one_line(str(error)), exit_code_for(error))
    if isinstance(error, OSError):
        name = f"{error.filename}: " if error.filename else ""
        return CliError(one_line(f"{name}{error.strerror or error}"))
    raise TypeError(f"not a cuesheet error: {error!r}")
