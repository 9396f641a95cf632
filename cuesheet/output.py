"""Writing outputs safely: atomically, and never over the input they came from."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cuesheet.errors import ExportError, InputError


def refuse_overwriting_input(output: str | Path, *inputs: str | Path) -> None:
    """Raise InputError when ``output`` is the same file as one of ``inputs``."""
    out = Path(output)
    for source in inputs:
        src = Path(source)
        same = out.resolve() == src.resolve()
        if not same and out.exists() and src.exists():
            same = os.path.samefile(out, src)
        if same:
            raise InputError(f"refusing to overwrite the input {src} with an output")


def write_atomic(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    An interrupted write leaves the old file or the new one, never half a file.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise ExportError(f"cannot write here: {error.strerror}", path=target) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"cannot write: {error.strerror}", path=target) from error
        raise
