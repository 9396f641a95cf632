"""Stage actions: the prose's sentences about what happens on stage, as ``other``/``speech`` cues.

A sentence of a part becomes an action when it holds no placed mention and
uses a verb of stage action ("entered", "raised", "carried" ...); it is a
``speech`` when it uses a verb of speaking ("declared", "invited", "said" ...).
The cue's title is the sentence, shortened to :data:`MAX_TITLE` characters at
a word boundary.  No duration is ever given: the text does not say how long.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cuesheet.draft.parts import Part
from cuesheet.draft.words import words
from cuesheet.model import CueKind

MAX_TITLE = 120
"""Longest action title, in characters."""
_SPEECH = frozenset(
    [
        "speech",
        "speak",
        "spoke",
        "said",
        "declared",
        "declare",
        "invited",
        "thanked",
        "addressed",
        "announced",
        "welcomed",
        "closed",
        "proclaimed",
    ]
)
_ACTION = frozenset(
    [
        "entered",
        "enter",
        "raised",
        "lowered",
        "carried",
        "passed",
        "appeared",
        "arose",
        "emerged",
        "formed",
        "danced",
        "lit",
        "extinguished",
        "blown",
        "waved",
        "assembled",
        "created",
        "demonstrated",
        "marched",
        "paraded",
        "rose",
        "released",
        "unveiled",
        "culminated",
        "revealed",
        "floated",
        "combined",
        "hoisted",
        "taken",
        "lighted",
        "launched",
        "flew",
        "rowed",
    ]
)


@dataclass(frozen=True, slots=True)
class Action:
    """One stage action."""

    part: int
    sentence: int
    kind: CueKind
    title: str
    line: int


def shorten(text: str, limit: int = MAX_TITLE) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (with an ellipsis)."""
    text = text.strip().rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def find_actions(parts: Iterable[Part], taken: set[tuple[int, int]]) -> list[Action]:
    """The actions of every part, skipping the sentences in ``taken`` ``(part, sentence)``."""
    out: list[Action] = []
    for p, part in enumerate(parts):
        for sentence in part.sentences:
            if (p, sentence.index) in taken:
                continue
            said = set(words(sentence.text))
            if said & _SPEECH:
                kind = CueKind.SPEECH
            elif said & _ACTION:
                kind = CueKind.OTHER
            else:
                continue
            out.append(Action(p, sentence.index, kind, shorten(sentence.text), sentence.line))
    return out
