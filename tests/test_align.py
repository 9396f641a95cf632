"""Plan against as-run alignment: exact on drops, insertions, moves and swaps; linear LCS."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from cuesheet.asrun.align import Alignment, CueStatus, align
from cuesheet.asrun.lcs import common_pairs
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.model import Credit, Cue, Role, Segment, Show
from cuesheet.timing import clock
from cuesheet.timing.engine import compute

TZ = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), TZ)


def plan_of(titles: list[str], per_segment: int = 7) -> Show:
    """A show of one-minute cues with these titles, a few per segment."""
    cues = [Cue(str(i + 1), t, duration_ms=60_000) for i, t in enumerate(titles)]
    segments = tuple(
        Segment(f"Part {k // per_segment + 1}", tuple(cues[k : k + per_segment]))
        for k in range(0, len(cues), per_segment)
    )
    return Show("Plan", TZ, START, segments=segments)


def log_of(titles: list[str]) -> AsRun:
    """What aired: these titles back to back from the start, one minute each."""
    return AsRun(
        tuple(
            AiredItem(t, start_ms=START + k * 60_000, duration_ms=60_000, line=k + 2)
            for k, t in enumerate(titles)
        )
    )


def run_align(show: Show, log: AsRun) -> Alignment:
    return align(show, compute(show), log)


def flat(alignment: Alignment) -> list[CueStatus]:
    return [run.status for run in alignment.runs()]


def lcs_length(a: list[int], b: list[int]) -> int:
    """Textbook dynamic-programming LCS length (the reference for small inputs)."""
    row = [0] * (len(b) + 1)
    for x in a:
        previous_diagonal = 0
        for j, y in enumerate(b, start=1):
            keep = row[j]
            row[j] = previous_diagonal + 1 if x == y else max(row[j], row[j - 1])
            previous_diagonal = keep
    return row[-1]


def lis_length(values: list[int]) -> int:
    tails: list[int] = []
    for v in values:
        k = bisect_left(tails, v)
        tails[k : k + 1] = [v]
    return len(tails)


# ------------------------------------------------------------------ the LCS itself


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.integers(0, 5), max_size=30),
    st.lists(st.integers(0, 5), max_size=30),
)
def test_common_pairs_is_a_longest_common_subsequence(a: list[int], b: list[int]) -> None:
    pairs = common_pairs(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in pairwise(pairs))
    assert len(pairs) == lcs_length(a, b)


@settings(max_examples=300, deadline=None)
@given(st.permutations(list(range(25))), st.sets(st.integers(0, 40)), st.sets(st.integers(0, 40)))
def test_common_pairs_of_unique_symbols(
    order: list[int], drop_a: set[int], drop_b: set[int]
) -> None:
    a = [x for x in range(25) if x not in drop_a] + [100, 101]
    b = [x for x in order if x not in drop_b] + [102]
    pairs = common_pairs(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in pairwise(pairs))
    assert len(pairs) == lcs_length(a, b)


def test_common_pairs_edge_cases() -> None:
    assert common_pairs([], [1, 2]) == []
    assert common_pairs([1, 2, 3], [4, 5]) == []
    assert common_pairs([1, 2, 3], [1, 2, 3]) == [(0, 0), (1, 1), (2, 2)]
    assert common_pairs([1, 2, 3, 4], [4, 3, 2, 1]) in ([(i, 3 - i)] for i in range(4))


# ------------------------------------------------------- shuffles, drops, insertions


@st.composite
def edits(draw: st.DrawFn) -> tuple[int, list[int | str]]:
    """A plan size and what aired: plan indexes (some dropped, shuffled) and extras."""
    n = draw(st.integers(1, 40))
    kept = draw(st.lists(st.sampled_from(range(n)), unique=True, max_size=n))
    aired: list[int | str] = list(kept)
    for k in range(draw(st.integers(0, 4))):
        aired.insert(draw(st.integers(0, len(aired))), f"Encore {k}")
    return n, aired


@settings(max_examples=300, deadline=None)
@given(edits())
def test_shuffling_dropping_and_inserting_is_reported_exactly(
    case: tuple[int, list[int | str]],
) -> None:
    n, aired = case
    titles = [f"Piece {i}" for i in range(n)]
    show = plan_of(titles)
    log = log_of([titles[x] if isinstance(x, int) else x for x in aired])
    result = run_align(show, log)
    places = [(si, ci) for si, s in enumerate(show.segments) for ci in range(len(s.cues))]

    # Every aired item is identified: the right planned cue, or an extra.
    for j, x in enumerate(aired):
        assert result.aired[j] == (places[x] if isinstance(x, int) else None)
    assert result.extras() == [j for j, x in enumerate(aired) if isinstance(x, str)]
    kept = {x for x in aired if isinstance(x, int)}
    statuses = flat(result)
    assert {i for i in range(n) if statuses[i] is CueStatus.MISSING} == set(range(n)) - kept

    # The cues in order really are in order, and as many as can be.
    order = {x: k for k, x in enumerate(x for x in aired if isinstance(x, int))}
    in_order = [order[i] for i in range(n) if statuses[i] is CueStatus.IN_ORDER]
    assert in_order == sorted(in_order)
    not_swapped = [order[i] for i in range(n) if i in kept and statuses[i] is not CueStatus.SWAPPED]
    assert len(in_order) == lis_length(not_swapped)

    # Swaps: exchanging each pair back on air (in plan order, one after the
    # other) gives the first both its planned neighbours and the second the
    # cue planned before it.
    common = sorted(kept)
    undone = [x for x in aired if isinstance(x, int)]
    runs = result.runs()
    for i in range(n):
        partner = runs[i].partner
        if runs[i].status is not CueStatus.SWAPPED or partner is None:
            assert runs[i].status is not CueStatus.SWAPPED
            continue
        other = places.index(partner)
        assert runs[other].partner == places[i]
        if other < i:
            continue
        a, b = undone.index(i), undone.index(other)
        undone[a], undone[b] = undone[b], undone[a]
        assert neighbours(undone, i) == neighbours(common, i)
        assert neighbours(undone, other)[0] == neighbours(common, other)[0]


def neighbours(sequence: list[int], item: int) -> tuple[int | None, int | None]:
    k = sequence.index(item)
    return (
        sequence[k - 1] if k > 0 else None,
        sequence[k + 1] if k + 1 < len(sequence) else None,
    )


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 60), st.data())
def test_drops_alone_leave_everything_else_in_order(n: int, data: st.DataObject) -> None:
    titles = [f"Piece {i}" for i in range(n)]
    dropped = set(data.draw(st.lists(st.sampled_from(range(n)), unique=True)))
    result = run_align(
        plan_of(titles), log_of([t for i, t in enumerate(titles) if i not in dropped])
    )
    statuses = flat(result)
    assert {i for i, s in enumerate(statuses) if s is CueStatus.MISSING} == dropped
    assert all(s is CueStatus.IN_ORDER for i, s in enumerate(statuses) if i not in dropped)


def test_swaps_side_by_side_are_each_found() -> None:
    titles = [f"Piece {k}" for k in range(6)]
    aired = [titles[k] for k in (1, 0, 3, 2, 5, 4)]
    result = run_align(plan_of(titles), log_of(aired))
    assert set(flat(result)) == {CueStatus.SWAPPED}
    assert [r.partner for r in result.runs()] == [(0, k) for k in (1, 0, 3, 2, 5, 4)]


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 60), st.data())
def test_one_swap_is_one_swap(n: int, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, n - 2))
    j = data.draw(st.integers(i + 1, n - 1))
    titles = [f"Piece {k}" for k in range(n)]
    aired = list(titles)
    aired[i], aired[j] = aired[j], aired[i]
    result = run_align(plan_of(titles), log_of(aired))
    statuses = flat(result)
    assert [k for k, s in enumerate(statuses) if s is CueStatus.SWAPPED] == [i, j]
    assert all(s is CueStatus.IN_ORDER for k, s in enumerate(statuses) if k not in (i, j))


@settings(max_examples=150, deadline=None)
@given(st.integers(3, 60), st.data())
def test_one_move_is_one_moved_cue(n: int, data: st.DataObject) -> None:
    source = data.draw(st.integers(0, n - 1))
    target = data.draw(st.integers(0, n - 1).filter(lambda t: abs(t - source) >= 2))
    titles = [f"Piece {k}" for k in range(n)]
    aired = list(titles)
    aired.insert(target, aired.pop(source))
    statuses = flat(run_align(plan_of(titles), log_of(aired)))
    assert [k for k, s in enumerate(statuses) if s is not CueStatus.IN_ORDER] == [source]
    assert statuses[source] is CueStatus.MOVED


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("ABCD"), min_size=1, max_size=25),
    st.lists(st.sampled_from("ABCDE"), max_size=25),
)
def test_repeated_titles_pair_up_as_far_as_they_go(plan: list[str], aired: list[str]) -> None:
    result = run_align(plan_of([f"Song {t}" for t in plan]), log_of([f"Song {t}" for t in aired]))
    show = result.show
    for letter in "ABCDE":
        title = f"Song {letter}"
        planned, logged = plan.count(letter), aired.count(letter)
        matched = sum(
            1 for p in result.aired if p and show.segments[p[0]].cues[p[1]].title == title
        )
        missing = sum(
            1
            for run in result.runs()
            if run.status is CueStatus.MISSING
            and show.segments[run.segment_index].cues[run.cue_index].title == title
        )
        assert matched == min(planned, logged)
        assert missing == planned - matched
    matched_count = sum(1 for p in result.aired if p is not None)
    assert matched_count == sum(min(plan.count(c), aired.count(c)) for c in "ABCDE")


# ------------------------------------------------------------------ how titles meet


def test_titles_meet_across_case_punctuation_and_accents() -> None:
    show = plan_of(["Piano Concerto No. 2", "Dvořák: New World", "Goodbye, Sochi!"])
    result = run_align(show, log_of(["PIANO CONCERTO NO.2", "dvorak - new world", "Goodbye Sochi"]))
    assert result.extras() == []
    assert set(flat(result)) == {CueStatus.IN_ORDER}


def test_credits_and_cue_number_pick_between_cues_of_one_title() -> None:
    base = plan_of(["National Anthem of Greece", "National Anthem of Greece"])
    cues = base.segments[0].cues
    first = replace(cues[0], credits=(Credit("London Philharmonic", Role.PERFORMER),))
    second = replace(cues[1], credits=(Credit("Sochi Choir", Role.PERFORMER),))
    show = replace(base, segments=(replace(base.segments[0], cues=(first, second)),))
    by_credits = AsRun((AiredItem("National anthem of Greece", "Sochi Choir", START),))
    assert run_align(show, by_credits).aired == ((0, 1),)
    by_number = AsRun((AiredItem("National anthem of Greece", "", START, number="2"),))
    assert run_align(show, by_number).aired == ((0, 1),)


def test_retitled_items_meet_by_number_or_by_a_clear_abbreviation() -> None:
    show = plan_of(
        [
            "Piano Concerto No. 2 in C minor, Op. 18",
            "Waltz from Masquerade",
            "National Anthem of Norway",
            "National Anthem of Russia",
        ]
    )
    log = AsRun(
        (
            AiredItem("Piano Concerto No 2 C minor", start_ms=START),
            AiredItem("Masquerade Waltz (excerpt)", start_ms=START + 1, number="2"),
            AiredItem("National Anthem", start_ms=START + 2),
        )
    )
    result = run_align(show, log)
    assert result.aired[0] == (0, 0)
    assert result.aired[1] == (0, 1)
    assert result.aired[2] is None  # two planned anthems fit equally: do not guess


def test_fixed_times_on_air_measure_running_over_and_under() -> None:
    titles = [f"Piece {i}" for i in range(4)]
    show = plan_of(titles, per_segment=2)
    pinned = replace(show.segments[1], at_ms=START + 2 * 60_000, at_label="Hit")
    show = replace(show, segments=(show.segments[0], pinned), hard_out_ms=START + 4 * 60_000)
    on_time = run_align(show, log_of(titles))
    assert [f.over_ms for f in on_time.fixed] == [0, 0]
    late = log_of(titles)
    late = AsRun(
        (
            *late.items[:2],
            *(replace(i, start_ms=(i.start_ms or 0) + 90_000) for i in late.items[2:]),
        )
    )
    result = run_align(show, late)
    hit, hard_out = result.fixed
    assert (hit.label, hit.over_ms, hit.reached_ms) == ("Hit", 90_000, START + 2 * 60_000)
    assert hard_out.segment_index is None and hard_out.over_ms == 90_000
    assert [r.deviation_ms for r in result.runs()] == [0, 0, 90_000, 90_000]


@settings(max_examples=150, deadline=None)
@given(st.integers(12, 50), st.data())
def test_a_swap_is_found_whatever_happens_elsewhere(n: int, data: st.DataObject) -> None:
    half = n // 2
    i = data.draw(st.integers(0, half - 2))
    j = data.draw(st.integers(i + 1, half - 1))
    titles = [f"Piece {k}" for k in range(n)]
    first = list(titles[:half])
    first[i], first[j] = first[j], first[i]
    second = list(titles[half:])
    source = data.draw(st.integers(0, len(second) - 1))
    second.insert(data.draw(st.integers(0, len(second) - 1)), second.pop(source))
    if data.draw(st.booleans()):
        second.pop(data.draw(st.integers(0, len(second) - 1)))
    result = run_align(plan_of(titles), log_of(first + second))
    swapped = [k for k, s in enumerate(flat(result)) if s is CueStatus.SWAPPED and k < half]
    assert swapped == [i, j]
