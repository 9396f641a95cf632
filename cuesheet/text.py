"""Text keys for comparing titles and names written by different people and systems.

One folding rule for the whole project: :func:`metadata.normalize.fold` (case,
accents, Cyrillic and Greek letters, apostrophes, hyphens and punctuation).
Comparing running orders adds one step on top: a digit next to a letter
separates words, so ``normalise("Piano Concerto No. 2, Op.18")`` and
``normalise("piano concerto no2 op18")`` both give ``"piano concerto no 2 op 18"``.
"""

from __future__ import annotations

import functools
import re

from metadata.normalize import fold

_DIGIT_LETTER = re.compile(r"(?<=[0-9])(?=[^\W\d_])|(?<=[^\W\d_])(?=[0-9])")


@functools.lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """The folded words of ``text`` (:func:`metadata.normalize.fold`), digits split from letters."""
    return _DIGIT_LETTER.sub(" ", fold(text))


@functools.lru_cache(maxsize=65_536)
def tokens(text: str) -> frozenset[str]:
    """The set of words of ``normalise(text)`` (remembered: a log names the same credits
    again and again)."""
    return frozenset(normalise(text).split())
