"""Rights cue sheets in four profiles: ``generic``, ``rapidcue``, ``prs``, ``soundexchange``.

Each profile writes a :class:`~cuesheet.outputs.rights.RightsSheet` the way its target
reads it (sources and samples in docs/rights.md):

* ``generic`` (CSV): every field, one per column; writers and performers in numbered
  columns (``writer_1``, ``writer_1_role`` ... ``performer_1`` ...), one row per cue.
* ``rapidcue`` (xlsx): the ASCAP/BMI cue sheet template's layout, one interested party per
  row (a cue's facts repeated on each of its rows), roles as codes (C, A, AR, E).
* ``prs`` (CSV): PRS for Music's music reporting fields, numbered columns per person.
* ``soundexchange`` (tab-separated text): a report of use of sound recordings, one row per
  recording with its play count.

The CSV profiles start with the programme header (one ``label,value`` row each), a blank
row, then the table; they are UTF-8 with a byte-order mark so Excel and LibreOffice read
them as UTF-8, rows end in CRLF, and a cell a spreadsheet would run as a formula gets a
leading apostrophe.  Durations and offsets are ``HH:MM:SS`` (nearest second).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from cuesheet.model import Role
from cuesheet.outputs.rights import Party, RightsRow, RightsSheet, SheetHeader, sheet
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_hms

BOM = "\ufeff"
_FORMULA_START = frozenset("=+-@\t\r")


@dataclass(frozen=True, slots=True)
class Profile:
    """One rights sheet layout."""

    name: str
    target: str
    """Who reads it."""
    source: str
    """The public description it follows."""
    write: Callable[[RightsSheet], str | bytes]


def _cell(text: str) -> str:
    """``text`` safe from formula evaluation in a spreadsheet."""
    if text and (text[0] in _FORMULA_START or (text[0] == "'" and text[1:2] in _FORMULA_START)):
        return "'" + text
    return text


def _hms(ms: int | None) -> str:
    return "" if ms is None else format_hms(ms)


def _share(bp: int | None) -> str:
    if bp is None:
        return ""
    whole, part = divmod(bp, 100)
    return f"{whole}.{part:02d}" if part else str(whole)


def header_items(header: SheetHeader) -> list[tuple[str, str]]:
    """The programme header as ``(label, value)`` pairs, in order."""
    zone = f"{header.timezone} ({header.utc_offset})" if header.utc_offset else header.timezone
    return [
        ("Programme", header.show),
        ("Date", header.date),
        ("Start", header.start),
        ("Time zone", zone),
        ("Venue", header.venue),
        ("Channel", header.channel),
        ("Production", header.production),
        ("Contact", header.contact),
        ("Total length", _hms(header.total_ms)),
        ("Total music length", _hms(header.music_ms)),
        ("Timings", "as aired" if header.aired else "as planned"),
    ]


def _csv(header: SheetHeader, table: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_cell(label), _cell(value)] for label, value in header_items(header))
    writer.writerow([])
    writer.writerows([_cell(c) for c in row] for row in table)
    return buffer.getvalue()


def _role(party: Party) -> str:
    return party.role.value + ("?" if party.guessed else "")


# -- generic ------------------------------------------------------------------------------

GENERIC_COLUMNS = (
    "sequence", "cue", "segment", "kind", "title", "usage", "start", "timing_in", "timing_out",
    "duration", "iswc", "isrc", "public_domain", "public_domain_basis",
)  # fmt: skip
WRITER_FIELDS = ("", "_role", "_ipi", "_society", "_share", "_publisher", "_publisher_ipi")
"""Suffixes of each numbered writer's columns (``writer_1``, ``writer_1_role`` ...)."""
PERFORMER_FIELDS = ("", "_role")


def generic_columns(rows: Sequence[RightsRow]) -> list[str]:
    """The generic header: fixed columns, then as many writers and performers as a row has."""
    writers = max((len(r.writers) for r in rows), default=0) or 1
    performers = max((len(r.performers) for r in rows), default=0) or 1
    columns = list(GENERIC_COLUMNS)
    columns += [f"writer_{n}{s}" for n in range(1, writers + 1) for s in WRITER_FIELDS]
    columns += [f"performer_{n}{s}" for n in range(1, performers + 1) for s in PERFORMER_FIELDS]
    return columns


def _generic_cells(row: RightsRow, header: SheetHeader) -> dict[str, str]:
    end = None
    if row.offset_ms is not None and row.duration_ms is not None:
        end = row.offset_ms + row.duration_ms
    cells = {
        "sequence": str(row.sequence),
        "cue": row.cue.number,
        "segment": row.segment,
        "kind": row.cue.kind.value,
        "title": row.cue.title,
        "usage": row.usage.value if row.usage else "",
        "start": _local(row.start_ms, header),
        "timing_in": _hms(row.offset_ms),
        "timing_out": _hms(end),
        "duration": _hms(row.duration_ms),
        "iswc": row.iswc,
        "isrc": row.isrc,
        "public_domain": "yes" if row.public_domain else "",
        "public_domain_basis": row.public_domain_basis,
    }
    for n, w in enumerate(row.writers, start=1):
        values = (w.name, _role(w), w.ipi, w.society, _share(w.share_bp), w.publisher,
                  w.publisher_ipi)  # fmt: skip
        cells.update({f"writer_{n}{s}": v for s, v in zip(WRITER_FIELDS, values, strict=True)})
    for n, p in enumerate(row.performers, start=1):
        cells.update({f"performer_{n}": p.name, f"performer_{n}_role": _role(p)})
    return cells


def _local(instant: int | None, header: SheetHeader) -> str:
    if instant is None or not header.date:
        return ""
    return clock.hhmmss_local(instant, header.timezone)


def dumps_generic(data: RightsSheet) -> str:
    """The ``generic`` profile: CSV text, header block, then one row per cue."""
    columns = generic_columns(data.rows)
    table = [columns]
    for row in data.rows:
        cells = _generic_cells(row, data.header)
        table.append([cells.get(c, "") for c in columns])
    return _csv(data.header, table)


# -- PRS ----------------------------------------------------------------------------------

PRS_FIXED = ("Title", "Duration", "Date of Use", "Time of Use", "Number of Plays", "Usage",
             "ISWC", "ISRC")  # fmt: skip


def dumps_prs(data: RightsSheet) -> str:
    """The ``prs`` profile: PRS for Music's reporting fields, numbered people columns."""
    rows = data.rows
    writers = max((len(r.writers) for r in rows), default=0) or 1
    performers = max((len(r.performers) for r in rows), default=0) or 1
    columns = [PRS_FIXED[0]]
    columns += [f"Composer/Songwriter {n}" for n in range(1, writers + 1)]
    columns += [f"Publisher {n}" for n in range(1, writers + 1)]
    columns += [f"Performer {n}" for n in range(1, performers + 1)]
    columns += PRS_FIXED[1:]
    table = [columns]
    for row in rows:
        names = [w.name for w in row.writers] + [""] * (writers - len(row.writers))
        publishers = [w.publisher for w in row.writers] + [""] * (writers - len(row.writers))
        acts = [p.name for p in row.performers] + [""] * (performers - len(row.performers))
        date = ""
        if row.start_ms is not None and data.header.date:
            date = clock.from_ms(row.start_ms, data.header.timezone).date().isoformat()
        fixed = [_hms(row.duration_ms), date, _local(row.start_ms, data.header), "1",
                 row.usage.value if row.usage else "", row.iswc, row.isrc]  # fmt: skip
        table.append([row.cue.title, *names, *publishers, *acts, *fixed])
    return _csv(data.header, table)


# -- RapidCue (xlsx) ----------------------------------------------------------------------

RAPIDCUE_COLUMNS = ("Seq #", "Cue #", "Cue Title", "Role", "Name", "Society", "IPI/CAE #",
                    "Share %", "Usage", "Duration", "Timing In", "ISWC", "ISRC")  # fmt: skip
ROLE_CODES = {Role.COMPOSER: "C", Role.LYRICIST: "A", Role.ARRANGER: "AR"}
"""Interested-party role codes (CISAC CWR): composer, author (lyricist), arranger; E publisher."""
RAPIDCUE_SHEET = "Cue Sheet"


def rapidcue_rows(data: RightsSheet) -> list[list[str]]:
    """The table of the ``rapidcue`` profile under its header row: one party per row."""
    out: list[list[str]] = []
    for row in data.rows:
        common = [str(row.sequence), row.cue.number, row.cue.title]
        tail = [row.usage.value if row.usage else "", _hms(row.duration_ms),
                _hms(row.offset_ms), row.iswc, row.isrc]  # fmt: skip
        if not row.writers:
            out.append([*common, "", "", "", "", "", *tail])
        for w in row.writers:
            role = ROLE_CODES.get(w.role, "C")
            out.append([*common, role, w.name, w.society, w.ipi, _share(w.share_bp), *tail])
            if w.publisher:
                out.append([*common, "E", w.publisher, "", w.publisher_ipi, "", *tail])
    return out


def dumps_rapidcue(data: RightsSheet) -> bytes:
    """The ``rapidcue`` profile: an xlsx workbook, header block above a frozen table header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = RAPIDCUE_SHEET
    labels = dict(header_items(data.header))
    for label, value in labels.items():
        ws.append([label, value])
    ws.append([])
    ws.append(list(RAPIDCUE_COLUMNS))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for values in rapidcue_rows(data):
        ws.append([_cell(v) for v in values])
    ws.freeze_panes = f"A{header_row + 1}"
    for letter, width in zip("ABCDEFGHIJKLM", (6, 6, 40, 6, 30, 10, 14, 8, 7, 10, 10, 16, 14),
                             strict=True):  # fmt: skip
        ws.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- SoundExchange ------------------------------------------------------------------------

SOUNDEXCHANGE_COLUMNS = ("NAME_OF_SERVICE", "TRANSMISSION_CATEGORY", "FEATURED_ARTIST",
                         "SOUND_RECORDING_TITLE", "ISRC", "ALBUM_TITLE", "MARKETING_LABEL",
                         "ACTUAL_TOTAL_PERFORMANCES", "PLAY_FREQUENCY",
                         "CHANNEL_OR_PROGRAM_NAME")  # fmt: skip


def featured_artist(row: RightsRow) -> str:
    """The performers (not conductors) as one credit, ``A & B``."""
    names = [p.name for p in row.performers if p.role is Role.PERFORMER]
    return " & ".join(names)


def soundexchange_rows(data: RightsSheet) -> list[list[str]]:
    """One row per sound recording (same ISRC, or same artist and title), with its plays."""
    service = data.header.channel or data.header.venue or data.header.show
    plays: dict[tuple[str, ...], list[str]] = {}
    for row in data.rows:
        artist = featured_artist(row)
        key = (row.isrc,) if row.isrc else ("", artist.casefold(), row.cue.title.casefold())
        if key in plays:
            plays[key][8] = str(int(plays[key][8]) + 1)
            continue
        plays[key] = [service, "", artist, row.cue.title, row.isrc, "", "", "", "1",
                      data.header.show]  # fmt: skip
    return list(plays.values())


def _field(text: str) -> str:
    return " ".join(text.split())  # no tab or line break inside a field


def dumps_soundexchange(data: RightsSheet) -> str:
    """The ``soundexchange`` profile: tab-separated UTF-8 text, a header line, CRLF."""
    lines = ["\t".join(SOUNDEXCHANGE_COLUMNS)]
    lines += ["\t".join(_field(c) for c in row) for row in soundexchange_rows(data)]
    return "\r\n".join(lines) + "\r\n"


# -- the table ----------------------------------------------------------------------------

PROFILES: tuple[Profile, ...] = (
    Profile("generic", "any rights administrator; every field", "docs/rights.md", dumps_generic),
    Profile(
        "rapidcue",
        "ASCAP and BMI (RapidCue)",
        "https://www.ascap.com/news-events/articles/2016/07/rapidcue-new-template",
        dumps_rapidcue,
    ),
    Profile(
        "prs",
        "PRS for Music",
        "https://www.prsformusic.com/royalties/radio-royalties/"
        "what-should-be-included-when-reporting-radio-station-usage",
        dumps_prs,
    ),
    Profile(
        "soundexchange",
        "SoundExchange (sound recordings)",
        "https://www.soundexchange.com/service-provider/reporting-requirements/",
        dumps_soundexchange,
    ),
)


def profile(name: str) -> Profile:
    """The profile called ``name``; ``ValueError`` naming the known ones otherwise."""
    for item in PROFILES:
        if item.name == name:
            return item
    known = ", ".join(p.name for p in PROFILES)
    raise ValueError(f"unknown rights profile {name!r}; known: {known}")


def dumps(
    timing: Timing, *, profile_name: str = "generic", all_cues: bool = False, aired: bool = False
) -> str | bytes:
    """``timing``'s show as a rights sheet in ``profile_name``."""
    return profile(profile_name).write(sheet(timing, all_cues=all_cues, aired=aired))


def _writer(name: str) -> Callable[..., str | bytes]:
    def write(timing: Timing, *, all_cues: bool = False, aired: bool = False) -> str | bytes:
        return dumps(timing, profile_name=name, all_cues=all_cues, aired=aired)

    write.__doc__ = f"``timing``'s show as a rights sheet in the ``{name}`` profile."
    return write


dumps_generic_timing = _writer("generic")
dumps_rapidcue_timing = _writer("rapidcue")
dumps_prs_timing = _writer("prs")
dumps_soundexchange_timing = _writer("soundexchange")
