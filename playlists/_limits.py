"""Inputs past what a reader takes: one :class:`ParseError` naming the file and line, never a
traceback (Python's own messages for these quote its internals)."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from playlists.errors import ParseError

MAX_DIGITS = 4300
"""Longest integer a reader converts (Python's default ``int_max_str_digits``)."""

_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def is_too_many_digits(error: BaseException) -> bool:
    """Whether ``error`` is Python refusing to convert an integer of too many digits."""
    return isinstance(error, ValueError) and "integer string conversion" in str(error)


def too_many_digits(
    text: str | None, path: str | os.PathLike[str] | None, cause: BaseException | None = None
) -> ParseError:
    """The error for a number longer than :data:`MAX_DIGITS`, at its line of ``text``."""
    found = _LONG_NUMBER.search(text) if text is not None else None
    line = text.count("\n", 0, found.start()) + 1 if text is not None and found else None
    return ParseError(
        f"a number of more than {MAX_DIGITS} digits",
        path=os.fspath(path) if path is not None else None,
        line=line,
        cause=cause,
    )


def too_deep(what: str, path: str | os.PathLike[str] | None, cause: BaseException) -> ParseError:
    """The error for brackets nested deeper than the reader's recursion can go."""
    return ParseError(
        f"{what} nested too deeply (more levels than a reader can follow)",
        path=os.fspath(path) if path is not None else None,
        cause=cause,
    )


def loads_json(text: str, path: str | os.PathLike[str] | None) -> Any:
    """``json.loads(text)``; every failure is one :class:`ParseError` naming ``path``."""
    name = os.fspath(path) if path is not None else None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"not valid JSON: {error.msg} (column {error.colno})",
            path=name,
            line=error.lineno,
            cause=error,
        ) from error
    except RecursionError as error:
        raise too_deep("JSON arrays or objects", name, error) from None
    except ValueError as error:
        if is_too_many_digits(error):
            raise too_many_digits(text, name) from None
        raise
