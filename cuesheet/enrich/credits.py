"""Roles from evidence: the names of a list line take the roles MusicBrainz shows.

A list's convention guesses roles ("Music": composers, "Setlist": performers).  Once
resolution identifies the work and the recording, MusicBrainz shows who wrote the work
(composer, lyricist, arranger, by relation type) and who is credited on the recording
(performer, conductor): that is the :class:`Evidence`.  :func:`corrected_credits` applies
it to a cue's credits:

* a name the line split in two is joined back when MusicBrainz has one artist under the
  whole string ("Simon & Garfunkel");
* a name given on the line, and any guessed role (:attr:`RoleSource.CONVENTION`), takes
  every role MusicBrainz shows for that person instead (a singer-songwriter gets both),
  marked :attr:`RoleSource.MUSICBRAINZ`: the role a line's names get, from a heading, a
  short-form key or ``--role``, is a convention for the whole list;
* a role stated for one cue (a show file's ``credits:``) that MusicBrainz agrees with is
  marked ``MUSICBRAINZ``; one it does not show is kept as the person wrote it, and the
  roles MusicBrainz does show are added;
* a name MusicBrainz does not show keeps its role, still marked as a guess when it was one;
* people MusicBrainz shows whom the cue does not name are added, marked ``MUSICBRAINZ``.

The same person in the same role is credited once, where they first appear, with the most
trusted source.  Names keep the spelling of the list; identifiers carry the MBIDs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from cuesheet.inputs.textlist import line_names, split_names
from cuesheet.model import Credit, Role, RoleSource

SAME_PERSON = 0.8
"""Name similarity (0-1, either way round) from which two names are the same person."""

_TRUST = {RoleSource.CONVENTION: 0, RoleSource.STATED: 1, RoleSource.MUSICBRAINZ: 2}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A person or group MusicBrainz shows on the identified work or recording."""

    name: str
    role: Role
    mbid: str = ""
    forms: tuple[str, ...] = ()
    """Other spellings worth comparing with (aliases, the name as credited)."""

    def spellings(self) -> tuple[str, ...]:
        """The name and every other form."""
        return (self.name, *self.forms)


def same_person(name: str, evidence: Evidence) -> bool:
    """True when ``name`` (as written in a list) is this artist, in any spelling."""
    from metadata.similarity import name_similarity

    return any(
        name_similarity(name, [form]) >= SAME_PERSON or name_similarity(form, [name]) >= SAME_PERSON
        for form in evidence.spellings()
    )


def corrected_credits(
    credits: Sequence[Credit], source_text: str, evidence: Sequence[Evidence]
) -> tuple[Credit, ...]:
    """``credits`` with roles from ``evidence`` (see the module docstring).

    ``source_text`` is the list line the cue came from (``""`` when none): it tells
    which credits the line split from one string.
    """
    if not evidence:
        return tuple(credits)
    joined, on_line = _joined(list(credits), source_text, evidence)
    out: list[Credit] = []
    for index, credit in enumerate(joined):
        roles = list(dict.fromkeys(e.role for e in evidence if same_person(credit.name, e)))
        if not roles or credit.source is RoleSource.MUSICBRAINZ:
            out.append(credit)
        elif index < on_line or credit.source is RoleSource.CONVENTION:
            out.extend(Credit(credit.name, role, RoleSource.MUSICBRAINZ) for role in roles)
        else:
            confirmed = credit.role in roles
            out.append(replace(credit, source=RoleSource.MUSICBRAINZ) if confirmed else credit)
            out.extend(
                Credit(credit.name, role, RoleSource.MUSICBRAINZ)
                for role in roles
                if role is not credit.role
            )
    for item in evidence:
        if not any(same_person(c.name, item) for c in joined):
            out.append(Credit(item.name, item.role, RoleSource.MUSICBRAINZ))
    return _once(out)


def _joined(
    credits: list[Credit], source_text: str, evidence: Sequence[Evidence]
) -> tuple[list[Credit], int]:
    """The credits, the line's split names as one when MusicBrainz has an artist of that
    name; and how many of the credits, from the first, are the line's names."""
    from metadata.normalize import fold

    whole = line_names(source_text) if source_text else None
    if whole is None:
        return credits, 0
    try:
        parts = split_names(whole)
    except ValueError:
        return credits, 0
    if tuple(c.name for c in credits[: len(parts)]) != parts:
        return credits, 0
    unquoted = whole.strip().strip('"\u201c\u201d\u00ab\u00bb').strip()
    key = fold(unquoted)
    if len(parts) < 2 or not any(
        fold(form) == key for item in evidence for form in item.spellings()
    ):
        return credits, len(parts)
    first = credits[0]
    return [Credit(unquoted, first.role, first.source), *credits[len(parts) :]], 1


def _once(credits: Iterable[Credit]) -> tuple[Credit, ...]:
    """Each person once per role, where first credited, with the most trusted source."""
    from metadata.normalize import fold

    kept: dict[tuple[str, Role], Credit] = {}
    for credit in credits:
        key = (fold(credit.name), credit.role)
        before = kept.get(key)
        if before is None:
            kept[key] = credit
        elif _TRUST[credit.source] > _TRUST[before.source]:
            kept[key] = replace(before, source=credit.source)
    return tuple(kept.values())


__all__ = ["SAME_PERSON", "Evidence", "corrected_credits", "same_person"]
