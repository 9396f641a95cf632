"""A longest common subsequence of two symbol sequences in linear memory.

Myers' O(ND) difference algorithm with its linear-space refinement (the
"middle snake", E. W. Myers, *An O(ND) Difference Algorithm and Its
Variations*, 1986): time grows with (N + M) times the number of differences D,
memory with N + M only -- never with N x M.  Before the search, common heads
and tails are matched and symbols that occur on one side only are set aside
(they can never match), as GNU diff does, so that drops and insertions cost
nothing.  When every remaining symbol occurs once on each side (the usual
case: titles in a show are mostly unique), the LCS is a longest increasing
subsequence, found in O(n log n) time whatever the shuffle.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence


def common_pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``a[i] == b[j]`` forming a longest common subsequence.

    The pairs ascend in both ``i`` and ``j``.  Memory is O(len(a) + len(b)).
    """
    in_b = set(b)
    in_a = set(a)
    keep_a = [i for i, x in enumerate(a) if x in in_b]
    keep_b = [j for j, y in enumerate(b) if y in in_a]
    del in_a, in_b
    sub_a = [a[i] for i in keep_a]
    sub_b = [b[j] for j in keep_b]
    place = {symbol: j for j, symbol in enumerate(sub_b)}
    if len(place) == len(sub_b) == len(set(sub_a)) == len(sub_a):
        pairs = _lcs_of_permutation([place[symbol] for symbol in sub_a])
    else:
        del place
        pairs = _lcs(sub_a, sub_b)
    return [(keep_a[i], keep_b[j]) for i, j in pairs]


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Positions of a longest strictly increasing subsequence of ``values``, ascending.

    Patience sorting: O(n log n) time and O(n) memory, whatever the order.
    """
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        previous[i] = tail_at[k - 1] if k else -1
    out: list[int] = []
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        out.append(i)
        i = previous[i]
    out.reverse()
    return out


def _lcs_of_permutation(where: list[int]) -> list[tuple[int, int]]:
    """LCS pairs when every symbol occurs once on each side: a longest increasing run.

    ``where[i]`` is the position in ``b`` of ``a[i]``; a longest increasing
    subsequence takes O(n log n) time whatever the order (Myers would take
    O(n^2) time on a shuffle).
    """
    return [(i, where[i]) for i in longest_increasing(where)]


def _lcs(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """LCS pairs of ``a`` and ``b``, by divide and conquer on the middle snake."""
    pairs: list[tuple[int, int]] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        a_lo, a_hi, b_lo, b_hi = regions.pop()
        while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
            pairs.append((a_lo, b_lo))
            a_lo += 1
            b_lo += 1
        while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
            a_hi -= 1
            b_hi -= 1
            pairs.append((a_hi, b_hi))
        if a_lo == a_hi or b_lo == b_hi:
            continue
        split = _middle(a, b, a_lo, a_hi, b_lo, b_hi)
        if split is None:
            continue  # nothing in common
        x, y = split
        regions.append((x, a_hi, y, b_hi))
        regions.append((a_lo, x, b_lo, y))
    pairs.sort()
    return pairs


def _middle(
    a: Sequence[Hashable], b: Sequence[Hashable], a_lo: int, a_hi: int, b_lo: int, b_hi: int
) -> tuple[int, int] | None:
    """A point on an optimal edit path of the region that splits it in two smaller ones.

    Runs the forward and the reverse search together until their furthest
    reaching paths overlap (Myers section 4b); ``None`` when the region has no
    symbol in common.  The caller has stripped the common head and tail, so the
    region needs at least two edits and the point is strictly inside it.
    """
    n = a_hi - a_lo
    m = b_hi - b_lo
    max_d = (n + m + 1) // 2
    offset = max_d
    size = 2 * max_d + 2
    forward = [-1] * size
    reverse = [-1] * size
    forward[offset + 1] = 0
    reverse[offset + 1] = 0
    delta = n - m
    odd = delta % 2 != 0
    k1_start = k1_end = k2_start = k2_end = 0
    for d in range(max_d):
        for k1 in range(-d + k1_start, d + 1 - k1_end, 2):
            i1 = offset + k1
            if k1 == -d or (k1 != d and forward[i1 - 1] < forward[i1 + 1]):
                x1 = forward[i1 + 1]
            else:
                x1 = forward[i1 - 1] + 1
            y1 = x1 - k1
            while x1 < n and y1 < m and a[a_lo + x1] == b[b_lo + y1]:
                x1 += 1
                y1 += 1
            forward[i1] = x1
            if x1 > n:
                k1_end += 2
            elif y1 > m:
                k1_start += 2
            elif odd:
                i2 = offset + delta - k1
                if 0 <= i2 < size and reverse[i2] != -1 and x1 >= n - reverse[i2]:
                    return a_lo + x1, b_lo + y1
        for k2 in range(-d + k2_start, d + 1 - k2_end, 2):
            i2 = offset + k2
            if k2 == -d or (k2 != d and reverse[i2 - 1] < reverse[i2 + 1]):
                x2 = reverse[i2 + 1]
            else:
                x2 = reverse[i2 - 1] + 1
            y2 = x2 - k2
            while x2 < n and y2 < m and a[a_hi - 1 - x2] == b[b_hi - 1 - y2]:
                x2 += 1
                y2 += 1
            reverse[i2] = x2
            if x2 > n:
                k2_end += 2
            elif y2 > m:
                k2_start += 2
            elif not odd:
                i1 = offset + delta - k2
                if 0 <= i1 < size and forward[i1] != -1:
                    x1 = forward[i1]
                    y1 = offset + x1 - i1
                    if x1 >= n - x2:
                        return a_lo + x1, b_lo + y1
    return None
