"""Text keys for comparing titles and names written by different people and systems.

``normalise("Piano Concerto No. 2, Op.18")`` gives ``"piano concerto no 2 op 18"``:
accents and case folded, punctuation and dashes turned into single spaces.
"""

from __future__ import annotations

import re
import unicodedata

_DIGIT_LETTER = re.compile(r"(?<=[0-9])(?=[a-z])|(?<=[a-z])(?=[0-9])")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalise(text: str) -> str:
    """Accent- and case-folded words of ``text`` joined by single spaces.

    Letters of non-Latin scripts are kept (folded); punctuation separates words,
    and a digit next to a letter does too (``op.18`` and ``Op 18`` meet).
    """
    folded = _fold(text)
    words = re.split(r"[\W_]+", folded)
    out: list[str] = []
    for word in words:
        if word:
            out.extend(_DIGIT_LETTER.sub(" ", word).split())
    return " ".join(out)


def tokens(text: str) -> frozenset[str]:
    """The set of words of ``normalise(text)``."""
    return frozenset(normalise(text).split())
