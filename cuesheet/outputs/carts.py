"""Cart-number mapping files: which playout cart plays each cue.

A CSV file (UTF-8, a BOM allowed) with a header row naming the columns
``cue`` (a cue number as the show file numbers it) and ``cart`` (a whole
number 1-999999); other columns are ignored::

    cue,cart,title
    1,100001,Pictures at an Exhibition
    7,100007,State Anthem
"""

from __future__ import annotations

import csv
import os

from cuesheet.errors import InputError
from cuesheet.model import is_valid_cue_number


def load(path: str | os.PathLike[str]) -> dict[str, int]:
    """Cue number -> cart number; :class:`InputError` naming the file and line on a bad row."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if "cue" not in fields or "cart" not in fields:
                raise InputError(
                    "the header row must name the columns 'cue' and 'cart'", path=name, line=1
                )
            reader.fieldnames = fields
            carts: dict[str, int] = {}
            for record in reader:
                cue, cart = (record.get("cue") or "").strip(), (record.get("cart") or "").strip()
                where = reader.line_num
                if not is_valid_cue_number(cue):
                    raise InputError(
                        f"'cue' must be like 7 or 4.1, got {cue!r}", path=name, line=where
                    )
                if not cart.isdigit() or not 1 <= int(cart) <= 999_999:
                    raise InputError(
                        f"'cart' must be a whole number 1-999999, got {cart!r}",
                        path=name,
                        line=where,
                    )
                if cue in carts:
                    raise InputError(f"cue {cue} is mapped twice", path=name, line=where)
                carts[cue] = int(cart)
    except OSError as error:
        raise InputError(
            f"cannot read it: {error.strerror or error}", path=name, cause=error
        ) from error
    except UnicodeDecodeError as error:
        raise InputError("is not UTF-8 text", path=name, cause=error) from error
    return carts
