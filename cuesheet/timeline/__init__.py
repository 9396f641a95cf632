"""A picture of the show: its timing as an SVG, and as a self-contained HTML page.

The picture is a Gantt chart on a horizontal axis of the show's local time
(its UTC offset written beside the axis; UTC times along the bottom), one row
per segment, each cue a block coloured by its kind.  Fixed times are vertical
markers labelled with what happens there and how the show meets them (over or
under); the hard out ends the axis.  With an as-run, each row gets a second,
thinner lane with what aired, joined to the plan by a line from each planned
start to its aired start, so late, dropped, extra and moved cues stand out.

**Scale.**  ``Layout.px_per_minute`` pixels per minute of show time (10 by
default, so one pixel is six seconds).  Positions are computed in integer
milliseconds and each pixel value is rounded once, to the nearest pixel
(halves up): a cue starting at ``t`` is drawn from
``x(t) = label_px + round((t - origin_ms) * px_per_minute / 60000)`` to
``x(t + duration)``, where ``origin_ms`` is the show start.

**Placement** (:mod:`cuesheet.timeline.place`).  A cue the timing engine
times is drawn where the engine puts it; cues it cannot place are laid out in
the time available and drawn with a dashed outline (hatched when their length
is unknown), and their hover text says so.  Estimated durations are hatched.

Modules: :mod:`~cuesheet.timeline.model` (the values),
:mod:`~cuesheet.timeline.place`, :mod:`~cuesheet.timeline.svg`,
:mod:`~cuesheet.timeline.page` (HTML), :mod:`~cuesheet.timeline.markup`
(escaping and wording), :mod:`~cuesheet.timeline.style` (CSS).

Everything is text the caller writes to a file: no JavaScript, no fonts, no
images and no other resource is fetched to view it.  Every piece of show
text is escaped, and characters XML cannot carry are dropped.
"""

from __future__ import annotations

from cuesheet.timeline.model import (
    MS_PER_MINUTE,
    AiredCue,
    AiredLane,
    Block,
    FindingLike,
    FixedOnAir,
    Layout,
    Order,
    Placement,
)
from cuesheet.timeline.page import to_html
from cuesheet.timeline.place import place
from cuesheet.timeline.svg import to_svg

__all__ = [
    "MS_PER_MINUTE",
    "AiredCue",
    "AiredLane",
    "Block",
    "FindingLike",
    "FixedOnAir",
    "Layout",
    "Order",
    "Placement",
    "place",
    "to_html",
    "to_svg",
]
