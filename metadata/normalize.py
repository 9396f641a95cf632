"""Text folding for matching names and titles across scripts and spellings.

Three layers, each a pure function:

* :func:`fold` -- one comparable spelling: Unicode-normalised, lower case, Cyrillic and
  Greek transliterated (one table each), accents dropped, typographic hyphens (U+2010 and
  friends) and punctuation turned into spaces, apostrophes removed.
* :func:`skeleton` -- a looser key for one folded word, so that transliteration variants
  meet: Tchaikovsky / Chaikovsky / Tschaikowsky / Чайковский all give ``chaikovski``,
  Rachmaninoff / Rachmaninov / Рахманинов give ``rachmaninov``.
* :func:`search_terms` -- words for a Lucene query: lower case, accents dropped, but the
  script kept (MusicBrainz indexes names in their own script).
"""

# ruff: noqa: RUF001, RUF002, RUF003  (Cyrillic and Greek letters are the point here)
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic hyphens and dashes; MusicBrainz writes e.g. "Rimsky‐Korsakov" with U+2010.
_HYPHENS = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d"), "-"
)
# Apostrophes and quotes vanish, so "Hen's" and "Hens" meet.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u02b9\u00b4`\u201b"), None)
_SOFT = {0x00AD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None}

# Cyrillic -> Latin, close to BGN/PCGN (the spelling English sources use).  "е" becomes
# "ye" at the start of a word and after a vowel or a hard/soft sign (see _translit_cyrillic).
# fmt: off
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
    "қ": "q", "ң": "n", "ғ": "gh", "ү": "u", "ұ": "u", "һ": "h", "ә": "a", "ө": "o",
}
_CYRILLIC_VOWELS = set("аеёиоуыэюяіїєъь")

# Greek -> Latin (ELOT 743 simplified); accents are dropped before lookup.
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}
_GREEK_PAIRS = {"ου": "ou", "ευ": "ev", "αυ": "av", "ηυ": "iv"}

# Latin letters whose accent carries a sound worth keeping (Czech/Slovak/Baltic/Polish
# scholarly transliteration of Russian: Čajkovskij, Šostakovič, Prokof'ev).
_LATIN_SPECIAL = {
    "č": "ch", "š": "sh", "ž": "zh", "ć": "ch", "ś": "s", "ź": "z", "ł": "l", "ø": "o",
    "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}
# fmt: on

_NON_WORD = re.compile(r"[^\w]+")
_UNDERSCORE = re.compile(r"_+")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    # NFC puts back what has no accent to lose (Hangul syllables decompose into jamo).
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _translit_cyrillic(text: str) -> str:
    out: list[str] = []
    previous = ""
    for ch in text:
        latin = _CYRILLIC.get(ch)
        if latin is None:
            out.append(ch)
        elif ch == "е" and (not previous.isalpha() or previous in _CYRILLIC_VOWELS):
            out.append("ye")
        else:
            out.append(latin)
        previous = ch
    return "".join(out)


def _translit(text: str) -> str:
    if text.isascii():  # nothing to transliterate (one C call, not one per character)
        return text
    text = "".join(_LATIN_SPECIAL.get(ch, ch) for ch in text)
    text = _translit_cyrillic(text)
    # Greek: drop the tonos first so that lookups see bare letters.
    if any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in text):
        text = _strip_accents(text)
        for pair, latin in _GREEK_PAIRS.items():
            text = text.replace(pair, latin)
        text = "".join(_GREEK.get(ch, ch) for ch in text)
    return _strip_accents(text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparable spelling of ``text``: lower-case words separated by single spaces.

    >>> fold("Николай Андреевич Римский\u2010Корсаков")
    'nikolay andreyevich rimskiy korsakov'
    >>> fold("The Hunt on Hen's Legs (Baba-Yaga)")
    'the hunt on hens legs baba yaga'
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_SOFT).translate(_APOSTROPHES).translate(_HYPHENS)
    text = _translit(text.casefold())
    text = _UNDERSCORE.sub(" ", _NON_WORD.sub(" ", text))
    return " ".join(text.split())


# Rewrites applied in order to one folded word; see skeleton().
_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"tsch", "ch"),  # German Tschaikowsky
        (r"tch", "ch"),  # English/French Tchaikovsky
        (r"cz", "ch"),  # Polish Czajkowski
        (r"sch", "sh"),  # German Schostakowitsch, Schnittke
        (r"kh", "ch"),  # Rakhmaninov vs Rachmaninov (both stand for Russian "х")
        (r"ph", "f"),
        (r"ck", "k"),
        (r"x", "ks"),  # Alexandra / Aleksandra
        (r"w", "v"),  # German Prokofjew, Tschaikowsky
        (r"oo", "u"),  # Yoon / Youn
        (r"ou", "u"),  # French Moussorgsky
        (r"y", "i"),
        (r"j", "i"),
        (r"ff$", "v"),  # Rachmaninoff, Prokofieff
        (r"([aeiou])ie", r"\1e"),  # Nikolayev / Nikolaev, Dostoyevsky / Dostoevsky
        (r"(.)\1+", r"\1"),  # doubled letters: Mussorgsky / Musorgsky, Schnittke / Shnitke
        (r"([aeiou])h$", r"\1"),  # Nah / Na
    )
)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A loose key for one folded word; transliteration variants of a name share it.

    >>> [skeleton(w) for w in ("tchaikovsky", "chaikovsky", "tschaikowsky", "chaykovskiy")]
    ['chaikovski', 'chaikovski', 'chaikovski', 'chaikovski']
    """
    if word.isdigit():
        return word
    for pattern, replacement in _SKELETON_RULES:
        word = pattern.sub(replacement, word)
    return word


def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``."""
    return tuple(fold(text).split())


def sort_name_as_name(sort_name: str) -> str:
    """Turn a sort name round: "Rachmaninoff, Sergei" -> "Sergei Rachmaninoff"."""
    family, comma, given = sort_name.partition(", ")
    if not comma or "," in given:
        return sort_name
    return f"{given} {family}"


# fmt: off
STOPWORDS = frozenset({
    "a", "an", "the", "of", "from", "in", "on", "at", "to", "and", "for", "with", "by",
    "de", "la", "le", "les", "du", "des", "der", "die", "das", "von", "und", "et",
})
"""Words that carry no meaning in titles (English, French, German)."""
# fmt: on


def search_terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Words of ``text`` for a Lucene query: lower case, no accents, script kept.

    Only word characters survive, so no Lucene syntax can leak in; duplicates and
    (by default) English stop words are dropped.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_SOFT).translate(_APOSTROPHES).translate(_HYPHENS)
    text = _strip_accents(text.casefold())
    seen: dict[str, None] = {}
    for word in _UNDERSCORE.sub(" ", _NON_WORD.sub(" ", text)).split():
        if keep_stopwords or word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)
