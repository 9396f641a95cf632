"""Normalised similarity of titles and names, each a number from 0.0 to 1.0.

Titles are compared as weighted token sets.  Before folding, the parts that carry meaning
in classical titles are lifted out as special tokens: numbers ("No. 2", "no. 2", "9th",
"Second", movement numerals "IX."), catalogue numbers ("Op. 18", "op. 18", "BWV 1068") and
keys ("in C minor").  A query number that the candidate contradicts ("No. 1" against
"no. 2") sinks the score; catalogue numbers and keys the query does not mention cost
nothing, so "Piano Concerto No. 2" meets "Piano Concerto no. 2 in C minor, op. 18" fully.

Names are compared word by word through :func:`metadata.normalize.skeleton`, in any order
(so "Na Yoon-sun" meets "Youn Sun Nah"), against every form MusicBrainz knows: the name,
the sort name turned round, and every alias.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from metadata.normalize import STOPWORDS, fold, skeleton, sort_name_as_name

WORD = "word"
NUMBER = "number"
POSITION = "position"
CATALOGUE = "catalogue"
KEY = "key"

# Words that describe rather than name ("Theme from ...", "9th Movement from ...").
# fmt: off
_WEAK = {
    "theme": 0.6, "main": 0.3, "title": 0.3, "movement": 0.3, "mvt": 0.3, "excerpt": 0.3,
    "excerpts": 0.3, "version": 0.3, "music": 0.3, "song": 0.3, "suite": 0.5, "act": 0.2,
    "scene": 0.2, "part": 0.2, "tableau": 0.2, "finale": 0.6, "op": 0.2,
}
# Words that mean the same thing in lists and in MusicBrainz titles.
_SYNONYMS = {
    frozenset({"theme", "title"}), frozenset({"theme", "thema"}), frozenset({"theme", "tema"}),
    frozenset({"anthem", "hymn"}), frozenset({"waltz", "valse"}), frozenset({"waltz", "walzer"}),
    frozenset({"march", "marche"}), frozenset({"march", "marsch"}),
    frozenset({"goodbye", "farewell"}),
}
_STOPWORDS = STOPWORDS | {"no", "nr"}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# fmt: on

_MOVEMENT_ROMAN = re.compile(r"(?:^|(?<=[:;,.(\-]))\s*([IVXLC]{1,7})\.(?=\s)")
_TRAILING_ROMAN = re.compile(r"(?<=[A-Za-z])\s+([IVX]{1,4})(?=\s*(?:$|[:;,()]))")
_POSITION_ORDINAL = re.compile(
    r"\b(\d+)(?:st|nd|rd|th)\s+(?:movement|mvt|mov)\b|\b(?:movement|mvt)\.?\s*(\d+)\b",
    re.IGNORECASE,
)
_SECTION_ROMAN = re.compile(
    r"\b(act|atto|akt|acte|part|book|scene|tableau)\s+([IVXLC]{1,6})\b", re.IGNORECASE
)
_SECTION_NAMES = {"atto": "act", "akt": "act", "acte": "act"}
"""An act is an act in Italian, German and French titles too."""
_CATALOGUE = re.compile(
    r"\b(?:(op|opus|bwv|kv|hob|rv|th|woo|hwv|sz|wab|buxwv)\.?|(k|d|s|l)\.)\s*"
    r"(\d+[a-z]?)\b",
    re.IGNORECASE,
)
_KEY = re.compile(
    r"\bin\s+([a-h])(?:[\s\-]?(flat|sharp|b|#))?[\s\-]+(major|minor|dur|moll)\b", re.IGNORECASE
)
_NUMBER_MARK = re.compile(r"(?:\b(?:no|nr|number)\.?|\bn[º°]|#)\s*(\d+)\b", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\b\d+\b")
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


@dataclass(frozen=True, slots=True)
class Token:
    """One meaningful piece of a title."""

    kind: str
    """One of ``word``, ``number``, ``position`` (of a movement), ``catalogue``, ``key``."""
    text: str
    key: str
    """What equality is tested on: the skeleton for words, the value otherwise."""
    weight: float
    """Importance, 0.0-1.0."""


def _roman(numeral: str) -> int:
    total = 0
    values = [_ROMAN[ch] for ch in numeral.upper()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


@lru_cache(maxsize=16384)
def title_tokens(title: str) -> tuple[Token, ...]:
    """The tokens of a title, specials first, in a stable order."""
    text = unicodedata.normalize("NFKC", title).translate(_HYPHENS)
    specials: list[Token] = []

    def lift(kind: str, value: str, weight: float = 1.0) -> str:
        specials.append(Token(kind, value, value, weight))
        return " "

    text = _MOVEMENT_ROMAN.sub(lambda m: lift(POSITION, str(_roman(m.group(1)))), text)
    text = _POSITION_ORDINAL.sub(
        lambda m: lift(POSITION, str(int(m.group(1) or m.group(2)))) + "movement", text
    )
    text = _SECTION_ROMAN.sub(
        lambda m: f"{_SECTION_NAMES.get(m.group(1).lower(), m.group(1))} {_roman(m.group(2))}",
        text,
    )
    text = _TRAILING_ROMAN.sub(lambda m: lift(NUMBER, str(_roman(m.group(1)))), text)
    text = _CATALOGUE.sub(
        lambda m: lift(CATALOGUE, (m.group(1) or m.group(2)).lower() + m.group(3).lower()), text
    )
    text = _KEY.sub(
        lambda m: lift(KEY, "-".join(p.lower() for p in m.groups() if p).replace("#", "sharp")),
        text,
    )
    text = _NUMBER_MARK.sub(lambda m: lift(NUMBER, str(int(m.group(1)))), text)
    text = _ORDINAL.sub(lambda m: lift(NUMBER, str(int(m.group(1)))), text)
    words: list[Token] = []
    for word in fold(text).split():
        if word in _STOPWORDS:
            continue
        if word in _ORDINAL_WORDS:
            value = str(_ORDINAL_WORDS[word])
            specials.append(Token(NUMBER, value, value, 1.0))
        elif word.isdigit():
            specials.append(Token(NUMBER, str(int(word)), str(int(word)), 1.0))
        else:
            words.append(Token(WORD, word, skeleton(word), _WEAK.get(word, 1.0)))
    return tuple(_dedupe(specials + words))


def _dedupe(tokens: list[Token]) -> list[Token]:
    seen: set[tuple[str, str]] = set()
    out: list[Token] = []
    for token in tokens:
        if (token.kind, token.key) not in seen:
            seen.add((token.kind, token.key))
            out.append(token)
    return out


@lru_cache(maxsize=262144)
def _word_match(a: str, b: str) -> float:
    """How well two skeleton words match, 0.0-1.0."""
    if a == b:
        return 1.0
    if frozenset({a, b}) in _SYNONYM_SKELETONS:
        return 0.9
    if len(a) < 3 or len(b) < 3 or abs(len(a) - len(b)) > 2 or a[0] != b[0]:
        return 0.0
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio * 0.85 if ratio >= 0.75 else 0.0


_SYNONYM_SKELETONS = {frozenset(skeleton(w) for w in pair) for pair in _SYNONYMS}


def _extra_weight(token: Token) -> float:
    """What an unmatched candidate token costs."""
    if token.kind in (CATALOGUE, KEY):
        return 0.0
    if token.kind in (NUMBER, POSITION):
        return 0.4
    return token.weight


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """How well a candidate title matches the query title."""

    score: float
    """0.0-1.0."""
    title: str
    """The candidate form that matched best (name or alias)."""
    conflict: str = ""
    """What the candidate contradicts (e.g. ``number 2 ≠ 1``); empty when nothing."""


def title_similarity(query: Sequence[Token], candidate: str) -> TitleMatch:
    """Similarity of the query tokens to one candidate title."""
    cand = title_tokens(candidate)
    if not query or not cand:
        return TitleMatch(0.0, candidate)
    used: set[int] = set()
    covered = 0.0
    total = 0.0
    for q in query:
        total += q.weight
        best, best_i = 0.0, -1
        for i, c in enumerate(cand):
            if c.kind != q.kind:
                continue
            m = (1.0 if c.key == q.key else 0.0) if q.kind != WORD else _word_match(q.key, c.key)
            if m > best:
                best, best_i = m, i
        if best_i >= 0:
            used.add(best_i)
            covered += q.weight * best
    extra = sum(_extra_weight(c) for i, c in enumerate(cand) if i not in used)
    coverage = covered / total if total else 0.0
    score = coverage * (1.0 - 0.5 * extra / (total + extra)) if total + extra else 0.0
    conflict = _conflict(query, cand)
    if conflict:
        score *= 0.3
    return TitleMatch(round(score, 4), candidate, conflict)


def _conflict(query: Sequence[Token], cand: Sequence[Token]) -> str:
    for kind in (NUMBER, POSITION, CATALOGUE, KEY):
        q = {t.key for t in query if t.kind == kind}
        c = {t.key for t in cand if t.kind == kind}
        if kind == CATALOGUE:
            # Only the same catalogue can contradict: op. 16 vs op. 18, not op. 18 vs TH 50.
            q_by = {re.sub(r"\d.*", "", k): k for k in q}
            c_by = {re.sub(r"\d.*", "", k): k for k in c}
            for prefix, value in q_by.items():
                if prefix in c_by and c_by[prefix] != value:
                    return f"{c_by[prefix]} \u2260 {value}"
        elif q and c and not q <= c:
            missing = ", ".join(sorted(q - c))
            return f"{kind} {', '.join(sorted(c))} \u2260 {missing}"
    return ""


def best_title(query: Sequence[Token], candidates: Iterable[str]) -> TitleMatch:
    """The best match of the query among several forms of one title (name, aliases)."""
    best = TitleMatch(0.0, "")
    for form in candidates:
        if form:
            match = title_similarity(query, form)
            if match.score > best.score:
                best = match
    return best


# ---------------------------------------------------------------- names

_PLACEHOLDER = re.compile(
    r"\b(?:unnamed|unknown|anonymous|uncredited|unidentified|various|tba|tbc)\b|\bn/a\b",
    re.IGNORECASE,
)


def is_placeholder(name: str) -> bool:
    """True for names that name nobody ("Two unnamed children", "Unknown artist")."""
    return bool(_PLACEHOLDER.search(name)) or not fold(name)


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(skeleton(w) for w in fold(name).split())


def _token_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:  # an initial
        return 0.8 if a[0] == b[0] else 0.0
    m = _word_match(a, b)
    return m if m >= 0.7 else 0.0


def _form_similarity(query: tuple[str, ...], form: tuple[str, ...]) -> float:
    if not query or not form:
        return 0.0
    used: set[int] = set()
    matched = 0.0
    longest = max(query, key=len)
    longest_hit = False
    for q in query:
        best, best_i = 0.0, -1
        for i, f in enumerate(form):
            if i in used:
                continue
            m = _token_match(q, f)
            if m > best:
                best, best_i = m, i
        if best_i >= 0:
            used.add(best_i)
            matched += best
            if q == longest:
                longest_hit = True
    # Most of the weight on the written name being covered: "Rachmaninov" is
    # "Sergei Rachmaninoff", though the form says more.
    score = 0.7 * matched / len(query) + 0.3 * matched / len(form)
    # The longest word is nearly always the family name: without it, it is someone else.
    return round(score if longest_hit else score * 0.5, 4)


def name_forms(name: str, sort_name: str = "", aliases: Iterable[str] = ()) -> tuple[str, ...]:
    """Every spelling of an artist worth comparing with."""
    forms = [name]
    if sort_name:
        forms += [sort_name_as_name(sort_name), sort_name]
    for alias in aliases:
        forms += [alias, sort_name_as_name(alias)]
    return tuple(dict.fromkeys(f for f in forms if f))


def name_similarity(query: str, forms: Iterable[str]) -> float:
    """The best similarity, 0.0-1.0, of a written name to any of an artist's forms."""
    q = _name_keys(query)
    return max((_form_similarity(q, _name_keys(f)) for f in forms), default=0.0)
