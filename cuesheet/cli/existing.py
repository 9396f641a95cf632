"""Arguments and options naming files or folders that must exist.

click's own ``click.Path(exists=True)`` answers a missing file with a usage
block and ``Error: Invalid value for 'SOURCE': Path 'x' does not exist.``; these
types answer as every reader of the packages does instead: one line
``cuesheet: error: x: no such file`` and exit code 2 (the input could not be read).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from cuesheet.cli.errors import BadInputError
from playlists.textfile import not_a_file


class _Existing(click.Path):
    """A ``click.Path`` whose existence and kind are checked with cuesheet's messages."""

    def __init__(self, *, file_okay: bool, dir_okay: bool) -> None:
        super().__init__(file_okay=file_okay, dir_okay=dir_okay, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = os.fspath(value)
        where = _setting(param, ctx)
        if not os.path.exists(path):
            what = "file or folder" if self.dir_okay and self.file_okay else "file"
            raise BadInputError(f"{where}{path}: no such {what if self.file_okay else 'folder'}")
        if os.path.isdir(path) and not self.dir_okay:
            raise BadInputError(f"{where}{path}: is a directory, expected a file")
        kind = not_a_file(path)
        if kind is not None and not self.dir_okay:  # reading it could wait forever
            raise BadInputError(f"{where}{path}: is {kind}, expected a file")
        if not os.path.isdir(path) and not self.file_okay:
            raise BadInputError(f"{where}{path}: is a file, expected a folder")
        return super().convert(value, param, ctx)


def _setting(param: click.Parameter | None, ctx: click.Context | None) -> str:
    """``the library.folders setting (see cuesheet config): `` when the value came from the
    settings (a config file or the environment), not the command line; else nothing."""
    from click.core import ParameterSource

    if ctx is None or param is None or param.name is None:
        return ""
    if ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT_MAP:
        return ""
    from cuesheet.cli.settings import SETTINGS

    key = next((s.key for s in SETTINGS if s.option == param.name), param.name)
    return f"the {key} setting (see cuesheet config): "


def existing_file() -> click.Path:
    """A file that must exist (not a folder); the value is a :class:`~pathlib.Path`."""
    return _Existing(file_okay=True, dir_okay=False)


def existing_folder() -> click.Path:
    """A folder that must exist; the value is a :class:`~pathlib.Path`."""
    return _Existing(file_okay=False, dir_okay=True)


def existing_path() -> click.Path:
    """A file or a folder that must exist; the value is a :class:`~pathlib.Path`."""
    return _Existing(file_okay=True, dir_okay=True)
