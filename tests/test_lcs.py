"""The LCS under the as-run alignment: exact, near-linear on shuffled logs of repeated titles."""

from __future__ import annotations

import itertools
import random

import pytest

from cuesheet.asrun.lcs import common_pairs


def _lcs_length(a: list[int], b: list[int]) -> int:
    """The textbook dynamic-programming LCS length."""
    previous = [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(previous[j] + 1 if x == y else max(previous[j + 1], row[j]))
        previous = row
    return previous[-1]


@pytest.mark.parametrize("seed", range(40))
def test_pairs_are_a_longest_common_subsequence(seed: int) -> None:
    rng = random.Random(seed)
    symbols = rng.randrange(1, 12)
    a = [rng.randrange(symbols) for _ in range(rng.randrange(60))]
    b = list(a) if seed % 3 else [rng.randrange(symbols) for _ in range(rng.randrange(60))]
    rng.shuffle(b)
    pairs = common_pairs(a, b)
    assert len(pairs) == _lcs_length(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in itertools.pairwise(pairs))


class Title:
    """A title that counts how often it is compared."""

    compared = 0

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        Title.compared += 1
        return isinstance(other, Title) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def test_a_shuffled_log_of_repeated_titles_takes_few_comparisons() -> None:
    plan = [Title(f"title {k % 2000}") for k in range(4000)]  # every title twice
    aired = [Title(t.text) for t in plan]
    random.Random(7).shuffle(aired)
    Title.compared = 0
    pairs = common_pairs(plan, aired)
    assert all(plan[i] == aired[j] for i, j in pairs)
    # Myers' search compares about D squared (here ~10 million) times; the pairs of equal
    # titles number 4 per title, so a near-linear LCS compares a small multiple of N.
    assert Title.compared < 60 * len(plan)
