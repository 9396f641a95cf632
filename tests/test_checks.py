"""Each rule of cuesheet.checks fires on a case built for it and is silent on the clean show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from checkcases import (
    HOUR,
    MIN,
    SEC,
    START,
    aligned,
    at,
    clean_log,
    clean_show,
    cue,
    lengthened,
    probe_for,
    reordered,
    retimed,
    shifted,
    with_cue,
    with_segment,
    write_files,
)

from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.checks import Finding, Severity, check, fails, has_errors
from cuesheet.checks.registry import RULES, codes, get, select
from cuesheet.checks.repeats import same_recording
from cuesheet.errors import InputError
from cuesheet.model import Candidate, CueKind, DurationSource, Match, MatchStatus, Segment, Show


def run(
    show: Show,
    directory: Path,
    log: AsRun | None = None,
    lengths: dict[Path, int] | None = None,
    **options: object,
) -> list[Finding]:
    """Check ``show`` as the CLI would: with a probe, optionally an as-run log."""
    real = lengths if lengths is not None else probe_for(show)
    options.setdefault("cue_sheet", True)  # every rule, the CUE limits too
    return check(
        show,
        probe=real.get,
        alignment=aligned(show, log) if log is not None else None,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture()
def show(tmp_path: Path) -> Show:
    clean = clean_show(tmp_path)
    write_files(clean)
    return clean


def test_clean_show_and_clean_as_run_have_no_findings(show: Show, tmp_path: Path) -> None:
    assert run(show, tmp_path) == []
    assert run(show, tmp_path, clean_log(show)) == []


# Each case: (what it breaks) -> (show, as-run log or None, extra probe lengths or None).
Case = Callable[[Show], tuple[Show, "AsRun | None", "dict[Path, int] | None"]]


def _plan(show: Show) -> tuple[Show, None, None]:
    return show, None, None


def _aired(show: Show, log: AsRun) -> tuple[Show, AsRun, None]:
    return show, log, None


def _hundred_cues(show: Show) -> Show:
    directory = Path(show.segments[0].cues[0].file or ".").parent
    cues = tuple(
        replace(cue(str(n), f"Piece {n}", 1, f"Composer {n}", directory), file=None)
        for n in range(1, 101)
    )
    return replace(show, segments=(Segment("All", cues),), hard_out_ms=None)


CASES: dict[str, Case] = {
    "NUM001": lambda s: _plan(with_cue(s, "3", number="2")),
    "NUM002": lambda s: _plan(with_cue(s, "3", number="1.5")),
    "NUM003": lambda s: _plan(with_cue(s, "3", number="3a")),
    "TIM001": lambda s: _plan(with_cue(s, "2", crossfade_ms=3 * MIN + SEC)),
    "TIM002": lambda s: _aired(s, shifted(clean_log(s), 1, 10 * SEC, last=1)),
    "TIM003": lambda s: _plan(with_cue(s, "3", duration_ms=5 * MIN)),
    "TIM004": lambda s: _plan(with_cue(s, "3", duration_ms=1 * MIN)),
    "TIM005": lambda s: _plan(with_cue(s, "6", duration_ms=5 * MIN)),
    "TIM006": lambda s: _plan(with_segment(s, "Handover", budget_ms=7 * MIN)),
    "TIM007": lambda s: _plan(with_segment(s, "Handover", at_ms=START - MIN)),
    "TIM008": lambda s: _plan(with_cue(s, "5", duration_ms=None)),
    "MB001": lambda s: _plan(with_cue(s, "1", match=Match(MatchStatus.UNRESOLVED))),
    "MB002": lambda s: _plan(
        with_cue(
            s,
            "1",
            match=Match(
                MatchStatus.AMBIGUOUS,
                candidates=(Candidate("Pictures", 71), Candidate("Pictures (arr.)", 70)),
            ),
        )
    ),
    "MB003": lambda s: _plan(
        with_cue(
            s,
            "1",
            match=Match(
                MatchStatus.RESOLVED,
                100,
                duration_ms=s.segments[0].cues[0].duration_ms + 30 * SEC,  # type: ignore[operator]
                duration_source=DurationSource.MUSICBRAINZ,
            ),
        )
    ),
    "AUD001": lambda s: _plan(with_cue(s, "2", file="no-such-dir/missing.flac")),
    "AUD002": lambda s: (s, None, probe_for(s, **{"4.1": 5 * SEC})),
    "REP001": lambda s: _plan(
        with_cue(s, "2", ids=s.segments[0].cues[0].ids, file=s.segments[0].cues[0].file)
    ),
    "EXP001": lambda s: _plan(with_cue(s, "5", title="Лебединое озеро, " * 3)),
    "EXP002": lambda s: _plan(with_cue(s, "5", title='Theme from "Giant"')),
    "EXP003": lambda s: _plan(_hundred_cues(s)),
    "RUN001": lambda s: _aired(s, reordered(clean_log(s), [0, 2, 3, 4, 5, 6])),
    "RUN002": lambda s: _aired(
        s,
        AsRun(
            (*clean_log(s).items[:3], AiredItem("Kalinka", "Choir", at("20:24"), 0, line=99)),
        ),
    ),
    "RUN003": lambda s: _aired(s, reordered(clean_log(s), [1, 2, 3, 0, 4, 5, 6])),
    "RUN004": lambda s: _aired(s, reordered(clean_log(s), [0, 2, 1, 3, 4, 5, 6])),
    "RUN005": lambda s: _aired(s, shifted(clean_log(s), 5, 30 * SEC, last=5)),
    "RUN006": lambda s: _aired(s, shifted(clean_log(s), 3, MIN)),
    "RUN007": lambda s: _aired(s, shifted(clean_log(s), 6, 10 * SEC)),
    "RUN008": lambda s: _aired(s, shifted(lengthened(clean_log(s), 1, 30 * SEC), 2, 30 * SEC)),
    "RUN009": lambda s: _aired(s, shifted(clean_log(s), 0, 30 * SEC)),
    "RUN010": lambda s: _aired(s, shifted(clean_log(s), 0, -4 * HOUR)),
}

# Where each case's finding must point: (segment, cue number) or None for the show.
WHERE: dict[str, tuple[str, str | None] | None] = {
    "NUM001": ("Opening", "2"),
    "NUM002": ("Opening", "1.5"),
    "NUM003": ("Opening", "3a"),
    "TIM001": ("Opening", "2"),
    "TIM002": ("Opening", "2"),
    "TIM003": ("Handover", None),
    "TIM004": ("Handover", None),
    "TIM005": None,
    "TIM006": ("Handover", None),
    "TIM007": ("Handover", None),
    "TIM008": ("Finale", "5"),
    "MB001": ("Opening", "1"),
    "MB002": ("Opening", "1"),
    "MB003": ("Opening", "1"),
    "AUD001": ("Opening", "2"),
    "AUD002": ("Handover", "4.1"),
    "REP001": ("Opening", "2"),
    "EXP001": ("Finale", "5"),
    "EXP002": ("Finale", "5"),
    "EXP003": ("All", "100"),
    "RUN001": ("Opening", "2"),
    "RUN002": ("Opening", None),
    "RUN003": ("Opening", "1"),
    "RUN004": ("Opening", "2"),
    "RUN005": ("Finale", "5"),
    "RUN006": ("Handover", None),
    "RUN007": None,
    "RUN008": ("Opening", "2"),
    "RUN009": ("Opening", "1"),
    "RUN010": None,
}


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == codes()
    assert sorted(WHERE) == codes()


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_its_case_and_names_the_place(code: str, show: Show, tmp_path: Path) -> None:
    broken, log, lengths = CASES[code](show)
    findings = run(broken, tmp_path, log, lengths)
    mine = [f for f in findings if f.code == code]
    assert mine, f"{code} did not fire; got {[f.code for f in findings]}"
    place = WHERE[code]
    first = mine[0]
    if place is None:
        assert first.segment is None
    else:
        segment, number = place
        assert first.segment == segment
        assert f'Segment "{segment}"' in first.message
        if number is not None:
            assert first.cue == number
            assert f"cue {number} " in first.message
    assert first.severity is get(code).severity


def test_rules_that_measure_say_by_how_much(show: Show, tmp_path: Path) -> None:
    over = run(with_cue(show, "3", duration_ms=5 * MIN), tmp_path)
    (overrun,) = [f for f in over if f.code == "TIM003"]
    assert overrun.delta_ms == 2 * MIN
    assert "over by 2:00" in overrun.message
    assert 'last cue before it: cue 3 "Waltz from Masquerade"' in overrun.message
    assert overrun.planned_ms == at("20:24") and overrun.actual_ms == at("20:26")

    (slack,) = [
        f for f in run(with_cue(show, "3", duration_ms=MIN), tmp_path) if f.code == "TIM004"
    ]
    assert slack.delta_ms == -2 * MIN and "2:00 of slack" in slack.message

    (length,) = run(show, tmp_path, lengths=probe_for(show, **{"4.1": -5 * SEC}))
    assert length.code == "AUD002" and length.delta_ms == -5 * SEC
    assert "shorter" in length.message

    late = run(show, tmp_path, shifted(clean_log(show), 5, 30 * SEC, last=5))
    (deviation,) = [f for f in late if f.code == "RUN005"]
    assert deviation.delta_ms == 30 * SEC and "30 s" not in deviation.message
    assert "started 0:30 late" in deviation.message


def test_tolerance_decides_small_differences(show: Show, tmp_path: Path) -> None:
    small = probe_for(show, **{"4.1": 1500})
    assert run(show, tmp_path, lengths=small) == []
    assert [f.code for f in run(show, tmp_path, lengths=small, tolerance_ms=1000)] == ["AUD002"]


def test_swapped_cues_are_one_finding_naming_both(show: Show, tmp_path: Path) -> None:
    findings = run(show, tmp_path, reordered(clean_log(show), [0, 2, 1, 3, 4, 5, 6]))
    swaps = [f for f in findings if f.code == "RUN004"]
    assert len(swaps) == 1
    assert 'cue 2 "Piano Concerto No. 2" and cue 3 "Waltz from Masquerade"' in swaps[0].message
    assert not [f for f in findings if f.code in ("RUN001", "RUN002", "RUN003")]


def test_unknown_lengths_before_a_fixed_time_that_cannot_fit(show: Show, tmp_path: Path) -> None:
    broken = with_cue(with_cue(show, "2", duration_ms=None), "3", duration_ms=9 * MIN)
    (overrun,) = [f for f in run(broken, tmp_path) if f.code == "TIM003"]
    assert "already run 2:00 past it" in overrun.message
    assert "1 cue(s) of unknown length" in overrun.message


def test_strict_makes_warnings_errors(show: Show, tmp_path: Path) -> None:
    broken = with_cue(show, "5", duration_ms=None)
    normal = run(broken, tmp_path)
    assert [f.severity for f in normal] == [Severity.WARNING]
    assert not has_errors(normal)
    strict = run(broken, tmp_path, strict=True)
    assert [f.severity for f in strict] == [Severity.ERROR]
    assert has_errors(strict)


def test_ignore_by_code_name_and_show_section(show: Show, tmp_path: Path) -> None:
    broken = with_cue(with_cue(show, "5", duration_ms=None), "1", title='Say "hi"')
    assert sorted(f.code for f in run(broken, tmp_path)) == ["EXP002", "TIM008"]
    assert [f.code for f in run(broken, tmp_path, ignore=["tim008"])] == ["EXP002"]
    assert [f.code for f in run(broken, tmp_path, ignore=["cue-text-quote"])] == ["TIM008"]
    in_show = replace(broken, ignore_rules=("TIM008", "EXP002"))
    assert run(in_show, tmp_path) == []


def test_unknown_code_is_an_input_error_listing_the_known_ones(show: Show) -> None:
    with pytest.raises(InputError, match=r"unknown check 'XYZ123'; known codes: AUD001"):
        select(["XYZ123"])
    with pytest.raises(InputError):
        check(replace(show, ignore_rules=("nope",)))


def test_findings_are_sorted_show_first_then_by_segment_and_cue(show: Show, tmp_path: Path) -> None:
    broken = with_cue(with_cue(show, "6", duration_ms=5 * MIN), "1", duration_ms=None)
    broken = with_cue(broken, "4", title='A "quoted" hymn')
    findings = run(broken, tmp_path)
    assert [(f.code, f.segment, f.cue) for f in findings] == [
        ("TIM005", None, None),
        ("TIM008", "Opening", "1"),
        ("EXP002", "Handover", "4"),
    ]


def test_registry_codes_are_unique_and_documented() -> None:
    assert len(set(codes())) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    docs = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
    text = docs.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.code}`" in text, f"{rule.code} is not documented in docs/checks.md"
        assert rule.name in text


def test_finding_json_shape(show: Show, tmp_path: Path) -> None:
    (finding,) = run(with_cue(show, "3", duration_ms=5 * MIN), tmp_path)
    data = finding.to_dict()
    assert data["code"] == "TIM003" and data["severity"] == "error"
    assert data["segment"] == "Handover" and data["cue"] is None
    assert data["on_air"] is False
    assert data["times"] == {
        "at_ms": at("20:24"),
        "planned_ms": at("20:24"),
        "actual_ms": at("20:26"),
        "delta_ms": 2 * MIN,
        "running_ms": None,
    }


@pytest.mark.parametrize(
    "finding",
    [
        Finding("TIM003", Severity.ERROR, "plain"),
        Finding("TIM003", Severity.ERROR, "a bool where a number goes", line=True, cue_index=False),
        Finding(
            "RUN009",
            Severity.WARNING,
            'Segment "Ц\\d \'x\'", cue 3 "A \\"B\\"\t\u2028\U0001f3bf\x00": 1:05 lost',
            segment='Закрытие "Сочи"\n',
            cue="3a",
            segment_index=0,
            cue_index=12,
            at_ms=-1,
            planned_ms=1_393_172_040_000,
            actual_ms=0,
            delta_ms=-65_000,
            line=40_001,
            on_air=True,
            running_ms=10**20,
        ),
    ],
)
def test_finding_json_line_is_what_json_writes(finding: Finding) -> None:
    import json

    assert finding.to_json() == json.dumps(finding.to_dict(), ensure_ascii=False)
    assert json.loads(finding.to_json()) == finding.to_dict()


# ------------------------------------------------------- where the time went on air


def _on_air(findings: list[Finding]) -> list[tuple[str, str | None, int | None, int | None]]:
    return [(f.code, f.cue, f.delta_ms, f.running_ms) for f in findings if f.on_air]


def test_a_cue_that_runs_long_is_the_cause_and_the_lateness_after_it_one_finding(
    show: Show, tmp_path: Path
) -> None:
    # Cue 1 runs 2:00 long; everything after it airs 2:00 late, up to the hard out.
    log = shifted(lengthened(clean_log(show), 0, 2 * MIN), 1, 2 * MIN)
    findings = run(show, tmp_path, log)
    length = [f for f in findings if f.code == "RUN008"]
    assert [(f.cue, f.delta_ms, f.running_ms) for f in length] == [("1", 2 * MIN, 2 * MIN)]
    assert "ran 2:00 long (planned 3:00, aired 5:00): 2:00 lost, running 2:00 over" in (
        length[0].message
    )
    (late,) = [f for f in findings if f.code == "RUN005"]
    assert "cues 2-6 (6 cues) started 2:00 late, carried from cue 1, which ran 2:00 long" in (
        late.message
    )
    (fixed,) = [f for f in findings if f.code == "RUN006"]
    assert fixed.message.endswith("running 2:00 over: made by cue 1, which ran 2:00 long")
    assert [f.code for f in findings if f.code == "RUN007"] == ["RUN007"]


def test_each_change_has_how_much_and_the_running_over_under_after_it(
    show: Show, tmp_path: Path
) -> None:
    # Cue 2 ran 0:30 long, cue 3 was dropped (3:00 gained), an extra of 1:00 aired before cue 5.
    items = list(lengthened(clean_log(show), 1, 30 * SEC).items)
    del items[2]
    extra = AiredItem("Kalinka", "Choir", None, MIN, line=99)
    items.insert(4, extra)
    findings = run(show, tmp_path, retimed(AsRun(tuple(items), "asrun.csv"), START))
    changes = [(c, n, d, r) for c, n, d, r in _on_air(findings) if r is not None]
    assert changes == [
        ("RUN008", "2", 30 * SEC, 30 * SEC),
        ("RUN001", "3", -3 * MIN, -150 * SEC),
        ("RUN002", None, MIN, -90 * SEC),
    ]


def test_a_cut_cue_is_called_cut(show: Show, tmp_path: Path) -> None:
    log = retimed(lengthened(clean_log(show), 1, -3 * MIN), START)
    (cut,) = [f for f in run(show, tmp_path, log) if f.code == "RUN008"]
    assert "cut after 1:00 of 4:00: 3:00 gained, running 3:00 under" in cut.message


def test_a_hold_before_a_fixed_time_is_not_dead_air(show: Show, tmp_path: Path) -> None:
    # The plan leaves 1:00 before 20:24 (cue 3 is 2:00): waiting it out on air is expected.
    held = with_cue(show, "3", duration_ms=2 * MIN)
    assert [f.code for f in run(held, tmp_path, clean_log(held)) if f.on_air] == []
    # Cue 1 ran 0:40 long: the hold takes it up, and the show meets 20:24 on time.
    late = shifted(lengthened(clean_log(held), 0, 40 * SEC), 1, 40 * SEC, last=2)
    findings = run(held, tmp_path, late)
    assert "TIM002" not in [f.code for f in findings]
    (hold,) = [f for f in findings if f.code == "RUN009"]
    assert (hold.cue, hold.delta_ms, hold.running_ms) == ("4", -40 * SEC, 0)
    assert "the hold before 20:24:00 took up the lateness: 0:40 gained, back on time" in (
        hold.message
    )
    # Silence past the fixed time is dead air: cue 4 came 0:30 after 20:24.
    slow = shifted(clean_log(held), 3, 30 * SEC)
    (gap,) = [f for f in run(held, tmp_path, slow) if f.code == "TIM002"]
    assert gap.delta_ms == 30 * SEC and "1:00 of it waiting for the fixed time" in gap.message


def test_plan_findings_do_not_fail_an_as_run_check_unless_strict(
    show: Show, tmp_path: Path
) -> None:
    broken = with_cue(show, "3", number="2")  # NUM001, an error in the plan
    findings = run(broken, tmp_path, clean_log(broken))
    assert [f.code for f in findings] == ["NUM001"] and not findings[0].on_air
    assert has_errors(findings)
    assert not fails(findings, as_run=True, strict=False)
    assert fails(findings, as_run=False, strict=False)
    strict = run(broken, tmp_path, clean_log(broken), strict=True)
    assert fails(strict, as_run=True, strict=True)
    late = run(show, tmp_path, shifted(clean_log(show), 6, 10 * SEC))
    assert fails(late, as_run=True, strict=False)  # RUN007 happened on air


def test_a_log_on_another_clock_is_one_hint_not_a_finding_per_cue(
    show: Show, tmp_path: Path
) -> None:
    findings = run(show, tmp_path, shifted(clean_log(show), 0, -4 * HOUR))
    (clock_hint,) = [f for f in findings if f.code == "RUN010"]
    assert "Every aired time is 4:00:00 earlier than planned" in clock_hint.message
    assert "read it with --log-timezone UTC" in clock_hint.message
    # The rest is read on the show's clock: the log is otherwise clean.
    assert [f.code for f in findings if f.on_air] == ["RUN010"]
    day = run(show, tmp_path, shifted(clean_log(show), 0, 24 * HOUR))
    (date_hint,) = [f for f in day if f.code == "RUN010"]
    assert "the log's date is probably 1 day after the show's" in date_hint.message


def test_audio_rules_without_a_probe_check_presence_only(show: Show, tmp_path: Path) -> None:
    write_files(show)
    assert check(show) == []
    broken = with_cue(show, "2", file=str(tmp_path / "gone.flac"))
    assert [f.code for f in check(broken)] == ["AUD001"]
    unreadable = check(show, probe=lambda path: None)
    assert {f.code for f in unreadable} == {"AUD001"}
    assert all("cannot be read" in f.message for f in unreadable)


def test_relative_audio_paths_are_read_from_the_base_directory(show: Show, tmp_path: Path) -> None:
    write_files(show)
    relative = with_cue(show, "1", file="1.flac")
    assert check(relative, base_dir=tmp_path) == []
    assert [f.code for f in check(relative, base_dir=tmp_path / "elsewhere")] == ["AUD001"]


def test_what_counts_as_the_same_recording(show: Show) -> None:
    first = show.segments[0].cues[0]
    bare = replace(first, ids=replace(first.ids, recording_mbid=None), file=None)
    assert same_recording(bare, replace(bare, number="1.5")) == "the same title and credits"
    other_orchestra = replace(bare, credits=(replace(first.credits[0], name="Other Orchestra"),))
    assert same_recording(bare, other_orchestra) is None
    assert same_recording(first, replace(first, title="Anything")) == (
        "the same MusicBrainz recording"
    )
    other_recording = replace(first, ids=replace(first.ids, recording_mbid="other"))
    assert same_recording(first, other_recording) is None
    assert same_recording(bare, replace(bare, kind=CueKind.SPEECH)) is None
    assert same_recording(replace(bare, file="a.flac"), replace(bare, file="a.flac")) == (
        "the same audio file"
    )


def test_an_edited_cue_is_checked_from_its_in_to_its_out(show: Show, tmp_path: Path) -> None:
    lengths = probe_for(show)
    (cue,) = [c for _, c in show.cues() if c.number == "4.1"]
    assert cue.duration_ms is not None and cue.file is not None
    file_ms = cue.duration_ms + 20 * SEC  # the file is longer than the part played
    lengths[Path(cue.file)] = file_ms
    trimmed = with_cue(show, "4.1", in_ms=20 * SEC)
    assert run(trimmed, tmp_path, lengths=lengths) == []
    (untrimmed,) = run(show, tmp_path, lengths=lengths)
    assert untrimmed.code == "AUD002" and untrimmed.delta_ms == 20 * SEC
    past = with_cue(show, "4.1", in_ms=0, out_ms=file_ms + SEC, duration_ms=file_ms + SEC)
    (late_out,) = [f for f in run(past, tmp_path, lengths=lengths) if f.code.startswith("AUD")]
    assert late_out.code == "AUD002" and "out point" in late_out.message


def test_cue_sheet_limits_only_when_a_cue_sheet_is_being_made(show: Show, tmp_path: Path) -> None:
    quoted = with_cue(show, "1", title='Say "hi"')
    assert [f.code for f in run(quoted, tmp_path, cue_sheet=False)] == []
    assert [f.code for f in run(quoted, tmp_path, cue_sheet=True)] == ["EXP002"]


def test_a_lateness_with_many_causes_names_the_largest_and_counts_the_rest(
    show: Show, tmp_path: Path
) -> None:
    # Cues 1-30 each run long (cue n by n seconds): the lateness after them has 30 causes.
    hundred = _hundred_cues(show)
    log = clean_log(hundred)
    for i in range(30):
        log = shifted(lengthened(log, i, (i + 1) * SEC), i + 1, (i + 1) * SEC)
    late = [f for f in run(hundred, tmp_path, log) if f.code == "RUN005"]
    assert late
    longest = max(late, key=lambda f: len(f.message))
    assert "cue 28, which ran 0:28 long" in longest.message
    assert "cue 30, which ran 0:30 long" in longest.message
    assert "cue 3, which" not in longest.message  # a small cause is counted, not named
    assert "smaller changes" in longest.message
    assert longest.message.count("which ran") == 3
