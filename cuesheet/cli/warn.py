"""Warnings raised while a command runs, shown as short ``cuesheet: warning:`` lines."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from cuesheet.enrich.pipeline import Note

SHOWN_PER_KIND = 3
"""How many warnings of one category are shown before the rest are counted."""


@contextmanager
def reported() -> Iterator[None]:
    """Record warnings inside the block; print them, a few of each kind, at the end."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            counts: dict[type[Warning], int] = {}
            for warning in caught:
                if issubclass(warning.category, DeprecationWarning):
                    continue
                seen = counts.get(warning.category, 0)
                counts[warning.category] = seen + 1
                if seen < SHOWN_PER_KIND:
                    click.echo(f"cuesheet: warning: {warning.message}", err=True)
            for category, count in counts.items():
                if count > SHOWN_PER_KIND:
                    click.echo(
                        f"cuesheet: warning: ... and {count - SHOWN_PER_KIND} more like these "
                        f"({category.__name__})",
                        err=True,
                    )


def print_notes(notes: Iterable[Note]) -> None:
    """Each note as a ``cuesheet: warning:`` or ``cuesheet: library:`` line on stderr."""
    for note in notes:
        click.echo(f"cuesheet: {note.kind}: {note.text}", err=True)
