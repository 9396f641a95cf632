"""Words as the placement rules compare them: tokens with their place in the text.

A token is a run of letters or digits; a possessive ``'s`` is dropped, accents
are folded, case is folded, a plural ``-s``/``-ies`` is cut and ``hymn`` is
read as ``anthem``, so "the Olympic Hymn" and "Olympic Anthem" compare equal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from metadata.normalize import fold as fold_text

_TOKEN_RE = re.compile(r"[^\W_]+")
_APOSTROPHES = "'\u2019"
_SYNONYMS = {"hymn": "anthem"}

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "which",
        "who",
        "while",
        "then",
        "than",
        "into",
        "onto",
        "over",
        "after",
        "before",
    ]
)
"""Words that carry no meaning of their own when comparing texts."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text."""

    word: str
    """The compared form: folded case and accents, plural cut, synonyms merged."""
    text: str
    """The word as written."""
    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset just past the last character."""

    @property
    def capitalised(self) -> bool:
        """Whether the word is written with a capital (or is a number)."""
        return self.text[:1].isupper() or self.text[:1].isdigit()


def fold(word: str) -> str:
    """The compared form of one word: the project's folding (metadata's ``fold``), plural cut."""
    plain = fold_text(word)
    if plain.endswith("ies") and len(plain) > 4:
        plain = plain[:-3] + "y"
    elif plain.endswith("s") and len(plain) > 3 and not plain.endswith(("ss", "us", "is")):
        plain = plain[:-1]
    return _SYNONYMS.get(plain, plain)


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of ``text`` in order, without possessive ``'s`` (cached)."""
    out: list[Token] = []
    for found in _TOKEN_RE.finditer(text):
        word = found[0]
        if word.lower() == "s" and found.start() > 0 and text[found.start() - 1] in _APOSTROPHES:
            continue
        out.append(Token(fold(word), word, found.start(), found.end()))
    return tuple(out)


def words(text: str) -> tuple[str, ...]:
    """Only the compared forms of :func:`tokens`."""
    return tuple(token.word for token in tokens(text))


def find_phrase(
    phrase: Sequence[str], in_tokens: Sequence[Token], *, capitalised: bool = False
) -> Token | None:
    """The first token where the words ``phrase`` stand together in ``in_tokens``.

    With ``capitalised``, the first word must be written with a capital there
    (a one-word title such as "Giant" is not the adjective "giant").
    """
    size = len(phrase)
    if not size:
        return None
    for index in range(len(in_tokens) - size + 1):
        if in_tokens[index].word != phrase[0]:
            continue
        if all(in_tokens[index + k].word == phrase[k] for k in range(1, size)):
            if capitalised and not in_tokens[index].capitalised:
                continue
            return in_tokens[index]
    return None


def content_words(text: str) -> frozenset[str]:
    """The meaningful words of ``text``: no stop words, none shorter than four letters."""
    return frozenset(w for w in words(text) if len(w) >= 4 and w not in STOPWORDS)
