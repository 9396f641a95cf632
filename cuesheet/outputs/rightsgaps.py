"""What each row of a rights sheet lacks for a profile, so the gaps are filled before filing.

Each profile asks for different facts (docs/rights.md); :func:`gaps` lists, per row, the
missing ones as :class:`Gap` values, and :func:`report` as text lines.  A public-domain
work needs no ISWC, publisher, IPI or shares.
"""

from __future__ import annotations

from dataclasses import dataclass

from cuesheet.model import Role
from cuesheet.outputs.rights import RightsRow, RightsSheet, sheet
from cuesheet.timing.engine import Timing

WHAT = {
    "duration": "no duration",
    "writer": "writer unresolved",
    "writer_role": "writer's role only guessed",
    "iswc": "no ISWC",
    "isrc": "no ISRC",
    "ipi": "IPI/CAE unknown",
    "society": "society unknown",
    "publisher": "publisher unknown",
    "share": "shares unknown",
    "share_total": "share totals not 100",
    "performer": "no performer",
    "start": "no start time",
    "usage": "no usage code",
}
"""What each missing field is called in the report."""

NEEDS: dict[str, tuple[str, ...]] = {
    "generic": ("duration", "writer", "writer_role", "iswc", "isrc", "ipi", "society",
                "publisher", "share", "share_total", "performer", "start", "usage"),
    "rapidcue": ("duration", "writer", "writer_role", "ipi", "society", "publisher", "share",
                 "share_total", "usage"),
    "prs": ("duration", "writer", "writer_role", "performer", "start"),
    "soundexchange": ("performer", "isrc"),
}  # fmt: skip
"""The facts each profile needs; the others are optional for it."""

_PD_EXEMPT = frozenset({"iswc", "ipi", "society", "publisher", "share", "share_total"})
FULL_SHARE_BP = 10_000


@dataclass(frozen=True, slots=True)
class Gap:
    """One missing fact of one row."""

    sequence: int
    cue: str
    title: str
    field: str
    """A key of :data:`WHAT`."""
    who: str = ""
    """The writer it concerns, when it concerns one."""

    def __str__(self) -> str:
        whom = f" ({self.who})" if self.who else ""
        return f"{WHAT[self.field]}{whom}"


def _row_gaps(row: RightsRow, needs: tuple[str, ...]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    wanted = [n for n in needs if not (row.public_domain and n in _PD_EXEMPT)]
    authors = [w for w in row.writers if w.role is not Role.ARRANGER]
    simple = {
        "duration": row.duration_ms is None,
        "writer": not authors,
        "iswc": not row.iswc,
        "isrc": not row.isrc,
        "performer": not row.performers,
        "start": row.start_ms is None,
        "usage": row.usage is None,
    }
    for field in wanted:
        if simple.get(field):
            found.append((field, ""))
    for writer in row.writers:
        if "writer_role" in wanted and writer.guessed:
            found.append(("writer_role", writer.name))
        for field in ("ipi", "society", "publisher"):
            if field in wanted and not getattr(writer, field):
                found.append((field, writer.name))
        if "share" in wanted and writer.share_bp is None:
            found.append(("share", writer.name))
    shares = [w.share_bp for w in row.writers if w.share_bp is not None]
    if "share_total" in wanted and shares and sum(shares) != FULL_SHARE_BP:
        total = sum(shares)
        found.append(("share_total", f"{total // 100}.{total % 100:02d} %"))
    return found


def gaps(sheet: RightsSheet, profile: str) -> list[Gap]:
    """Every missing fact of every row for ``profile`` (a key of :data:`NEEDS`)."""
    needs = NEEDS[profile]
    return [
        Gap(row.sequence, row.cue.number, row.cue.title, field, who)
        for row in sheet.rows
        for field, who in _row_gaps(row, needs)
    ]


def report(sheet: RightsSheet, profile: str) -> list[str]:
    """``cue N 'Title': gap; gap`` for every row that lacks something, then a count."""
    found = gaps(sheet, profile)
    lines: list[str] = []
    by_row: dict[int, list[Gap]] = {}
    for gap in found:
        by_row.setdefault(gap.sequence, []).append(gap)
    for items in by_row.values():
        first = items[0]
        lines.append(f"cue {first.cue} {first.title!r}: " + "; ".join(str(g) for g in items))
    rows = len(sheet.rows)
    lines.append(
        f"{len(found)} missing fact(s) in {len(by_row)} of {rows} row(s) for the {profile} profile"
    )
    return lines




def completeness(
    timing: Timing, profile: str, *, all_cues: bool = False, aired: bool = False
) -> list[str]:
    """The report of :func:`report` for ``timing``'s show in ``profile``, the count last."""
    return report(sheet(timing, all_cues=all_cues, aired=aired), profile)


__all__ = ["NEEDS", "WHAT", "Gap", "completeness", "gaps", "report"]
