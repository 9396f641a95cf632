"""One folding rule: cuesheet's comparison keys are metadata's fold, digits split from letters."""

from __future__ import annotations

import pytest

from cuesheet.text import normalise, tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Piano Concerto No. 2, Op.18", "piano concerto no2 op18"),
        ("The Hunt on Hen's Legs", "the hunt on hens legs"),
        ("Рахманинов", "Rakhmaninov"),
        ("Rimsky\u2010Korsakov", "Rimsky Korsakov"),
        ("Boléro", "BOLERO"),
    ],
)
def test_spellings_meet(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_words_stay_apart() -> None:
    assert normalise("Swan Lake") != normalise("Swanlake")
    assert tokens("Lee Seung-chul & Sumi Jo") == {"lee", "seung", "chul", "sumi", "jo"}
