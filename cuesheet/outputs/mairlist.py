"""A playlist for mAirList's Text Playlist Import (TPI), the format for third-party schedulers.

mAirList's specification (https://wiki.mairlist.com/reference:text_playlist_import_format_specification):
plain UTF-8 text, CR LF or LF line ends, one line per item with four or more
tab-separated columns: **start time** (``hh:mm:ss``, may be empty when
unknown), **timing**, **line type**, **line data**, then optional columns
that depend on the line type.  Line types used here:

* ``F`` (file): line data is the audio file; column 5 the title, column 6 the artist;
* ``I`` (ID): an item of mAirList's database by its ID (the cue's ``cart``);
* ``R`` (remark): silently ignored by the import; it carries the segment
  headings and the cues that have neither a file nor a cart (speech, live acts),
  so the file still reads as the whole running order.

Timing is ``H`` (hard fixed time) on a cue that starts at a fixed time (the
show start, a pinned segment's ``at``) and empty (normal) elsewhere; start
times are local to the show's timezone.  Tabs and line breaks inside a field
become spaces.  Lines end in CR LF.
"""

from __future__ import annotations

import os
import re

from cuesheet.errors import ExportError, InputError
from cuesheet.outputs.rows import CueRow, local_clock, rows
from cuesheet.paths import local_path
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_rounded_duration

HARD = "H"
"""The timing code for a hard fixed time."""


def _field(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text).strip()


def _line(start: str, timing: str, kind: str, *data: str) -> str:
    return "\t".join((start, timing, kind, *(_field(d) for d in data))) + "\r\n"


def _cue_line(row: CueRow, base_dir: str | os.PathLike[str], show_tz_start: str) -> str:
    cue = row.cue
    timing = HARD if row.hard else ""
    if cue.file:
        try:
            path = os.path.abspath(local_path(cue.file, base_dir))
        except InputError:
            path = cue.file  # a URL: mAirList may play it as written
        return _line(show_tz_start, timing, "F", path, cue.title, row.performers or row.composers)
    if cue.cart is not None:
        return _line(show_tz_start, timing, "I", str(cue.cart))
    length = "" if row.length_ms is None else f" ({format_rounded_duration(row.length_ms)})"
    return _line(show_tz_start, "", "R", f"cue {cue.number}: {cue.title}{length}")


def dumps(timing: Timing, *, base_dir: str | os.PathLike[str] = ".") -> str:
    """The show as TPI text; relative audio paths are made absolute from ``base_dir``."""
    show = timing.show
    if not any(cue.file or cue.cart is not None for _, cue in show.cues()):
        raise ExportError(
            "no cue has an audio file or a cart number: mAirList would import remarks only; "
            "match files with --library DIR, name the files to deliver with --placeholders, "
            "or give cart numbers with --carts FILE"
        )
    out = [_line(local_clock(show.start_ms, show), "", "R", show.title)]
    for segment in rows(timing):
        out.append(_line(local_clock(segment.start_ms, show), "", "R", segment.segment.title))
        for row in segment.cues:
            out.append(_cue_line(row, base_dir, local_clock(row.start_ms, show)))
    return "".join(out)
