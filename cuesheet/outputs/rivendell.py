"""A log for Rivendell's "Rivendell Standard Import": fixed-width start, cart, title, length.

Rivendell (https://github.com/ElvishArtisan/rivendell) imports music and
traffic logs through import templates; the one every new service uses is
"Rivendell Standard Import", created by ``rddbmgr`` with these 0-based
character offsets and widths (``IMPORT_TEMPLATES``; read by
``RDSvc::import`` in ``lib/rdsvc.cpp`` with ``QString::mid``):

====================  ======  =====  ==========================================
field                 offset  width  written here
====================  ======  =====  ==========================================
start hours           0       2      ``HH`` of ``HH:MM:SS`` (local, 00-23)
start minutes         3       2      ``MM``
start seconds         6       2      ``SS``
cart number           10      6      the cue's cart, zero-padded (1-999999)
title                 25      34     the cue title, cut to 34 characters
length hours          60      2      ``HH`` of ``HH:MM:SS`` (nearest second)
length minutes        63      2      ``MM``
length seconds        66      2      ``SS``
====================  ======  =====  ==========================================

Everything between fields is spaces; each line ends after the length (column
68) with LF; text is UTF-8 and widths count characters, as ``QString`` does.
The importer keeps only lines with a valid start time and cart, so every cue
needs a cart (``cart:`` in the show file, or a mapping file; see
:func:`cuesheet.outputs.carts.load`).  A cue whose start is unknown is given
the last start known before it (its segment's, at worst): Rivendell places
imported events by start time, so the running order is kept.  An unknown
length is written ``00:00:00`` (Rivendell then plays the cart as it is).
"""

from __future__ import annotations

from collections.abc import Mapping

from cuesheet.errors import InputError
from cuesheet.outputs.rows import local_clock, rows
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_hms

TITLE_WIDTH = 34
LINE_WIDTH = 68


def line(start: str, cart: int, title: str, length: str) -> str:
    """One log line: ``start`` and ``length`` as ``HH:MM:SS``; LF-terminated."""
    if not 1 <= cart <= 999_999:
        raise ValueError(f"a Rivendell cart number is 1-999999, got {cart}")
    text = " ".join(title.split())[:TITLE_WIDTH]
    out = f"{start:8}  {cart:06d}{'':9}{text:{TITLE_WIDTH}} {length:8}"
    assert len(out) == LINE_WIDTH
    return out + "\n"


def dumps(
    timing: Timing, *, carts: Mapping[str, int] | None = None, source: str | None = None
) -> str:
    """The show as a Rivendell standard import log.

    ``carts`` maps cue numbers to cart numbers and wins over the show file's
    ``cart``.  Raises :class:`InputError` naming the cues that have no cart
    (and ``source``, the show file, when given).
    """
    show = timing.show
    chosen = dict(carts or {})
    missing = [
        f"{segment.title} / cue {cue.number} {cue.title!r}"
        for segment, cue in show.cues()
        if chosen.get(cue.number, cue.cart) is None
    ]
    if missing:
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise InputError(
            f"{len(missing)} cue(s) have no Rivendell cart number: "
            + "; ".join(missing[:5])
            + more
            + " (give them 'cart:' in the show file, or --carts with a mapping file)",
            path=source,
        )
    out = []
    last_known = show.start_ms
    for segment in rows(timing):
        if segment.start_ms is not None:
            last_known = segment.start_ms
        for row in segment.cues:
            if row.start_ms is not None:
                last_known = row.start_ms
            cart = chosen.get(row.cue.number, row.cue.cart)
            assert cart is not None
            length = format_hms(row.length_ms or 0)
            out.append(line(local_clock(last_known, show), cart, row.cue.title, length))
    return "".join(out)
