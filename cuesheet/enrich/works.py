"""Works for rights sheets from MusicBrainz: writers with roles, IPI codes and dates of death.

:func:`found_work` turns one resolution into a :class:`~cuesheet.model.WorkRights`;
:func:`merged` adds such works to the ones a producer wrote in the show file.  A producer's
entry wins: MusicBrainz only fills what it leaves blank (the work MBID, the ISWC, a writer's
IPI and date of death), so ``resolve -o`` keeps both in the show file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from cuesheet.model import Role, RoleSource, WorkRights, WriterShare

if TYPE_CHECKING:
    from metadata.resolve import Resolution

WRITER_ROLES = {Role.COMPOSER.value: Role.COMPOSER, Role.LYRICIST.value: Role.LYRICIST,
                Role.ARRANGER.value: Role.ARRANGER}  # fmt: skip


def _key(text: str) -> str:
    from metadata.normalize import fold

    return fold(text)


def found_work(resolution: Resolution) -> WorkRights | None:
    """The work a resolved entry identified, with its writers; ``None`` when it found none."""
    if resolution.work_mbid is None:
        return None
    writers: list[WriterShare] = []
    for credit in resolution.credits:
        role = WRITER_ROLES.get(credit.role)
        if role is None:
            continue
        writers.append(
            WriterShare(
                name=credit.name,
                role=role,
                ipi=credit.ipis[0] if credit.ipis else "",
                died=credit.end,
                source=RoleSource.MUSICBRAINZ,
            )
        )
    return WorkRights(
        title=resolution.title,
        work_mbid=resolution.work_mbid,
        iswc=resolution.iswcs[0] if resolution.iswcs else None,
        writers=tuple(writers),
    )


def same_work(a: WorkRights, b: WorkRights) -> bool:
    """True when both name the same work: by MBID, else ISWC, else title."""
    if a.work_mbid and b.work_mbid:
        return a.work_mbid == b.work_mbid
    if a.iswc and b.iswc:
        return a.iswc.replace(".", "").replace("-", "") == b.iswc.replace(".", "").replace("-", "")
    return _key(a.title) == _key(b.title)


def _filled(mine: WorkRights, found: WorkRights) -> WorkRights:
    """``mine`` with the blanks ``found`` can fill."""
    writers = []
    for writer in mine.writers:
        other = next(
            (w for w in found.writers if _key(w.name) == _key(writer.name)),
            None,
        )
        if other is not None:
            writer = replace(writer, ipi=writer.ipi or other.ipi, died=writer.died or other.died)
        writers.append(writer)
    return replace(
        mine,
        work_mbid=mine.work_mbid or found.work_mbid,
        iswc=mine.iswc or found.iswc,
        writers=tuple(writers) if writers else found.writers,
    )


def merged(works: Iterable[WorkRights], found: Iterable[WorkRights]) -> tuple[WorkRights, ...]:
    """The show's works with those MusicBrainz found added (or filling blanks of the same)."""
    out = list(works)
    for work in found:
        index = next((i for i, mine in enumerate(out) if same_work(mine, work)), None)
        if index is None:
            out.append(work)
        else:
            out[index] = _filled(out[index], work)
    return tuple(out)


__all__ = ["found_work", "merged", "same_work"]
