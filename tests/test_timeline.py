"""The timeline picture: well-formed SVG, blocks where the timing puts them, HTML page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from cuesheet.checks import Finding, Severity
from cuesheet.model import DurationSource, Identifiers, Segment, Show
from cuesheet.timeline import (
    AiredCue,
    AiredLane,
    FixedOnAir,
    Layout,
    Order,
    Placement,
    place,
    to_html,
    to_svg,
)
from cuesheet.timing.engine import compute
from tests.timeline_shows import MIN, MSK, RECORDING, START, WORK, at, ceremony, cue

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text.encode("utf-8"))


def cue_groups(root: ET.Element) -> dict[tuple[int, int], ET.Element]:
    """The planned cue groups by (segment index, cue index)."""
    return {
        (int(g.attrib["data-segment"]), int(g.attrib["data-cue"])): g
        for g in root.iter(f"{SVG}g")
        if "data-cue" in g.attrib
    }


def block(group: ET.Element) -> ET.Element:
    found = group.find(f"{SVG}rect[@class='block']")
    assert found is not None
    return found


def expected_x(root: ET.Element, instant_ms: int) -> float:
    """x of an instant, from the scale the SVG states, in floating point (independent check)."""
    ppm = int(root.attrib["data-px-per-minute"])
    origin = int(root.attrib["data-origin-ms"])
    return int(root.attrib["data-label-px"]) + (instant_ms - origin) * ppm / MIN


def test_the_svg_is_well_formed_and_every_cue_has_one_block() -> None:
    timing = compute(ceremony())
    root = parse(to_svg(timing))
    assert root.tag == f"{SVG}svg"
    groups = cue_groups(root)
    assert sorted(groups) == [
        (si, ci) for si, ci_row in enumerate(timing.cues) for ci in range(len(ci_row))
    ]
    ids = [g.attrib["id"] for g in groups.values()]
    assert len(set(ids)) == len(ids)
    assert "cue-4.1" in ids


@pytest.mark.parametrize("ppm", [1, 7, 10, 25])
def test_every_timed_block_has_the_position_and_width_its_timing_gives(ppm: int) -> None:
    timing = compute(ceremony())
    root = parse(to_svg(timing, layout=Layout(px_per_minute=ppm)))
    groups = cue_groups(root)
    untimed = set()
    for (si, ci), group in groups.items():
        ct = timing.cue(si, ci)
        if ct.front_ms is None or ct.duration_ms is None:
            assert group.attrib["data-placement"] != "timed"
            untimed.add((si, ci))
            continue
        assert group.attrib["data-placement"] == "timed"
        rect = block(group)
        x, width = float(rect.attrib["x"]), float(rect.attrib["width"])
        assert abs(x - expected_x(root, ct.front_ms)) <= 1
        assert abs(width - max(ct.duration_ms * ppm / MIN, 1)) <= 1
    # 4.1 and 10 have no length; 5 follows 4.1; 11 follows the segment 10 leaves open.
    assert untimed == {(2, 1), (2, 2), (5, 1), (6, 0)}


def test_cues_the_engine_cannot_place_share_the_time_left_and_are_marked() -> None:
    timing = compute(ceremony())
    blocks = {(b.segment_index, b.cue_index): b for row in place(timing) for b in row}
    unknown, floating = blocks[(2, 1)], blocks[(2, 2)]
    assert unknown.placement is Placement.UNKNOWN
    assert floating.placement is Placement.FLOATING
    # The budget (15 min) minus 6 + 5 known minutes leaves 4 minutes for cue 4.1.
    assert unknown.start_ms == timing.cue(2, 0).front_ms + 6 * MIN  # type: ignore[operator]
    assert unknown.length_ms == 4 * MIN
    assert floating.end_ms == timing.segments[2].end_ms
    root = parse(to_svg(timing))
    groups = cue_groups(root)
    assert "unknown" in groups[(2, 1)].attrib["class"].split()
    assert "floating" in groups[(2, 2)].attrib["class"].split()
    assert "estimate" in groups[(2, 2)].attrib["class"].split()
    hover = groups[(2, 1)].findtext(f"{SVG}title") or ""
    assert "Duration unknown" in hover and "4:00 left" in hover


def test_an_unknown_cue_with_no_time_left_gets_a_nominal_width() -> None:
    show = Show(
        "Tight",
        MSK,
        START,
        hard_out_ms=START + 5 * MIN,
        segments=(Segment("A", (cue("1", "long", 6 * MIN), cue("2", "unknown", None))),),
    )
    blocks = place(compute(show), Layout(nominal_ms=90_000))
    assert blocks[0][1].placement is Placement.UNKNOWN
    assert blocks[0][1].length_ms == 90_000
    assert "no time is left" in blocks[0][1].note


def test_estimated_durations_are_hatched_and_known_ones_are_not() -> None:
    show = ceremony()
    segments = list(show.segments)
    segments[0] = replace(
        segments[0],
        cues=(
            replace(segments[0].cues[0], duration_source=DurationSource.ESTIMATE),
            *segments[0].cues[1:],
        ),
    )
    root = parse(to_svg(compute(replace(show, segments=tuple(segments)))))
    groups = cue_groups(root)
    assert "estimate" in groups[(0, 0)].attrib["class"].split()
    assert groups[(0, 0)].find(f"{SVG}rect[@class='hatch']") is not None
    assert "estimate" not in groups[(0, 1)].attrib["class"].split()
    assert groups[(0, 1)].find(f"{SVG}rect[@class='hatch']") is None


def test_fixed_times_are_markers_with_their_label_and_over_or_under() -> None:
    timing = compute(ceremony())
    root = parse(to_svg(timing))
    markers = [g for g in root.iter(f"{SVG}g") if "fixed" in g.attrib.get("class", "").split()]
    assert [int(g.attrib["data-at-ms"]) for g in markers] == [p.at_ms for p in timing.fixed]
    for group, point in zip(markers, timing.fixed, strict=True):
        line = group.find(f"{SVG}line")
        assert line is not None
        assert abs(float(line.attrib["x1"]) - expected_x(root, point.at_ms)) <= 1
        texts = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        assert point.label in texts
        over = point.over_ms
        if over is not None and over > 0:
            assert "over by" in texts
        elif over is not None and over < 0:
            assert "under by" in texts
    closed = next(g for g in markers if "Games declared closed" in ET.tostring(g, "unicode"))
    assert "22:04 Games declared closed" in " ".join(
        t.text or "" for t in closed.iter(f"{SVG}text")
    )
    speeches = timing.fixed[0]
    assert speeches.over_ms is not None and speeches.over_ms < 0
    hard_out = root.find(f".//{SVG}g[@id='hard-out']")
    assert hard_out is not None
    assert "cue(s) of unknown length share" in ET.tostring(hard_out, "unicode")


def _width(show: Show) -> int:
    return int(parse(to_svg(compute(show), layout=Layout(px_per_minute=6))).attrib["width"])


def test_the_hard_out_ends_the_axis() -> None:
    show = ceremony()
    assert show.hard_out_ms == at("22:25")
    later = replace(show, hard_out_ms=at("22:35"))
    # ten more minutes of axis at 6 px a minute, whatever the margins are
    assert _width(later) - _width(show) == 60


def test_an_overrun_past_the_hard_out_extends_the_axis_and_is_shaded() -> None:
    show = Show(
        "Long",
        MSK,
        START,
        hard_out_ms=START + 10 * MIN,
        segments=(Segment("A", (cue("1", "too long", 15 * MIN),)),),
    )
    layout = Layout()
    root = parse(to_svg(compute(show), layout=layout))
    # the axis runs to the show's end, as far as a hard out there would take it
    assert _width(show) == _width(replace(show, hard_out_ms=START + 15 * MIN))
    overrun = root.find(f".//{SVG}rect[@class='overrun']")
    assert overrun is not None
    assert abs(float(overrun.attrib["x"]) - expected_x(root, START + 10 * MIN)) <= 1


def test_the_axis_is_local_time_with_the_offset_and_utc_below() -> None:
    root = parse(to_svg(compute(ceremony())))
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Local time, UTC+04:00" in texts
    assert "Europe/Moscow" in texts
    assert "20:20" in texts and "22:20" in texts
    assert "16:20Z" in texts and "18:20Z" in texts
    tick = next(t for t in root.iter(f"{SVG}text") if t.text == "21:00")
    assert abs(float(tick.attrib["x"]) - expected_x(root, at("21:00"))) <= 1


def test_every_cue_has_a_hover_title_and_a_musicbrainz_link_where_ids_exist() -> None:
    timing = compute(ceremony())
    svg = to_svg(timing)
    root = parse(svg)
    groups = cue_groups(root)
    for (si, ci), group in groups.items():
        title = group.findtext(f"{SVG}title")
        assert title, f"cue {(si, ci)} has no <title>"
        c = timing.show.segments[si].cues[ci]
        assert title.startswith(f"{c.number}  {c.title}")
        assert ("Duration" in title) and ("Start" in title)
    prelude = groups[(0, 1)].findtext(f"{SVG}title") or ""
    assert "Composer: Sergei Rachmaninoff" in prelude
    assert "Start 20:15:30 (16:15Z)" in prelude
    assert "Duration 4:17 (planned)" in prelude
    assert f"https://musicbrainz.org/recording/{RECORDING}" in prelude
    links = {a.attrib["href"] for a in root.iter(f"{SVG}a")}
    assert links == {
        f"https://musicbrainz.org/recording/{RECORDING}",
        f"https://musicbrainz.org/work/{WORK}",
    }


def test_text_is_escaped_and_characters_xml_cannot_carry_are_dropped() -> None:
    nasty = '</title></svg><script>alert("x")</script>&amp; \x00\x1b\ufffe'
    show = replace(
        ceremony(),
        title=nasty,
        segments=(Segment(nasty, (cue("1", nasty, MIN, composer=nasty),)),),
    )
    svg = to_svg(compute(show))
    root = parse(svg)
    assert not any(el.tag.endswith("script") for el in root.iter())
    title = cue_groups(root)[(0, 0)].findtext(f"{SVG}title") or ""
    assert '</title></svg><script>alert("x")</script>&amp; ' in title
    page = to_html(compute(show))
    tags = _TagCollector.of(page)
    assert "script" not in tags.names


def test_a_bogus_mbid_makes_no_link() -> None:
    show = replace(
        ceremony(),
        segments=(
            Segment(
                "A",
                (cue("1", "x", MIN, ids=Identifiers(recording_mbid='javascript:alert("x")')),),
            ),
        ),
    )
    root = parse(to_svg(compute(show)))
    assert list(root.iter(f"{SVG}a")) == []


def test_duplicate_cue_numbers_still_get_unique_ids() -> None:
    show = replace(ceremony(), segments=(Segment("A", (cue("1", "a", MIN), cue("1", "b", MIN))),))
    ids = [g.attrib["id"] for g in cue_groups(parse(to_svg(compute(show)))).values()]
    assert ids == ["cue-1", "cue-1-2"]


def test_a_show_with_no_cues_draws_an_axis() -> None:
    show = Show("Empty", MSK, START)
    root = parse(to_svg(compute(show)))
    assert cue_groups(root) == {}
    assert int(root.attrib["width"]) > 0


def aired_run() -> AiredLane:
    """Cue 2 late by 40 s, cues 4 and 6 swapped, cue 3 dropped, one extra."""
    return AiredLane(
        (
            AiredCue("Countdown", START, 90_000, (0, 0)),
            AiredCue("Prelude", START + 130_000, 257_333, (0, 1)),
            AiredCue("Extra jingle", START + 400_000, 30_000, None),
            AiredCue("Parade music", START + 430_000, 12 * MIN, (3, 0), Order.SWAPPED),
            AiredCue("Piano Concerto", START + 430_000 + 12 * MIN, 6 * MIN, (2, 0), Order.SWAPPED),
            AiredCue("Welcome", None, None, (3, 1), note="no time in the log"),
        ),
        fixed=(FixedOnAir(at("21:40"), 90_000),),
        source="asrun.csv",
    )


def test_as_run_draws_aired_cues_under_the_plan_with_late_moved_dropped_and_extra() -> None:
    timing = compute(ceremony())
    root = parse(to_svg(timing, as_run=aired_run()))
    aired = {
        g.attrib["id"]: g
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("id", "").startswith("aired-")
    }
    assert len(aired) == 5, "an item with no time is not drawn"
    prelude = aired["aired-2"]
    rect = block(prelude)
    assert abs(float(rect.attrib["x"]) - expected_x(root, START + 130_000)) <= 1
    plan_rect = block(cue_groups(root)[(0, 1)])
    assert float(rect.attrib["y"]) > float(plan_rect.attrib["y"])
    assert any(t.text == "+0:40" for t in prelude.iter(f"{SVG}text"))
    assert "extra" in aired["aired-3"].attrib["class"].split()
    assert "swapped" in aired["aired-4"].attrib["class"].split()
    assert "swapped" in aired["aired-5"].attrib["class"].split()
    groups = cue_groups(root)
    dropped = {k for k, g in groups.items() if "dropped" in g.attrib["class"].split()}
    assert (1, 0) in dropped and (0, 1) not in dropped
    assert dropped == set(aired_run().dropped(timing))
    links = [line for line in root.iter(f"{SVG}line") if "link" in line.attrib.get("class", "")]
    assert len(links) == 4
    assert any("late" in line.attrib["class"].split() for line in links)
    speeches = root.find(f".//{SVG}g[@id='fixed-1']")
    assert speeches is not None
    texts = [t.text for t in speeches.iter(f"{SVG}text")]
    assert "on air: over by 1:30" in texts
    hard_out = root.find(f".//{SVG}g[@id='hard-out']")
    assert hard_out is not None
    assert "on air: not known from the log" in [t.text for t in hard_out.iter(f"{SVG}text")]


def test_the_page_is_self_contained_and_lists_findings_linking_to_cues() -> None:
    timing = compute(ceremony())
    findings = [
        Finding(
            "TIM008", Severity.WARNING, "cue 4.1 has no duration", segment_index=2, cue_index=1
        ),
        Finding("TIM005", Severity.ERROR, "segment runs <long>", segment_index=3),
        Finding("SHW001", Severity.WARNING, "about the show"),
    ]
    page = to_html(timing, findings=findings, as_run=aired_run())
    tags = _TagCollector.of(page)
    assert tags.names.count("svg") == 1
    assert "script" not in tags.names
    assert not tags.resources, f"page loads resources: {tags.resources}"
    assert not re.search(r"url\((?!#)", page), "CSS must not fetch anything"
    assert "@page { size: A4 landscape" in page
    assert "prefers-color-scheme: dark" in page
    hrefs = [h for h in tags.hrefs if h.startswith("#")]
    assert "#cue-4.1" in hrefs and "#segment-4" in hrefs
    for href in hrefs:
        assert href[1:] in tags.ids, f"link {href} names no element"
    external = {h for h in tags.hrefs if not h.startswith("#")}
    assert all(h.startswith("https://musicbrainz.org/") for h in external)
    assert "segment runs &lt;long&gt;" in page
    assert '<li id="finding-2" class="sev-error"><span class="sev">error</span>' in page
    assert "Severity." not in page
    assert "Dropped:" in page and "Swapped:" in page and "Not in the plan: Extra jingle" in page


def test_the_page_without_findings_or_as_run_has_no_empty_sections() -> None:
    page = to_html(compute(ceremony()))
    assert "Findings" not in page and "As run" not in page
    assert "<h2>Fixed times</h2>" in page


class _TagCollector(HTMLParser):
    """Element names, ids, hrefs and resource references of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.resources: list[str] = []

    @classmethod
    def of(cls, page: str) -> _TagCollector:
        collector = cls()
        collector.feed(page)
        collector.close()
        return collector

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value:
                self.hrefs.append(value)
                if tag in ("link",):
                    self.resources.append(value)
            if name in ("src", "srcset", "data", "poster", "xlink:href") and value:
                self.resources.append(value)

    handle_startendtag = handle_starttag


def test_layout_refuses_a_scale_below_one_pixel_per_minute() -> None:
    with pytest.raises(ValueError, match="px_per_minute"):
        Layout(px_per_minute=0)


def test_an_aired_cue_is_not_called_late_against_a_guessed_planned_start() -> None:
    timing = compute(ceremony())
    floating = next(b for row in place(timing) for b in row if b.placement is Placement.FLOATING)
    key = (floating.segment_index, floating.cue_index)
    late = AiredLane((AiredCue("x", floating.start_ms + 5 * MIN, MIN, key),))
    root = parse(to_svg(timing, as_run=late))
    group = root.find(f".//{SVG}g[@id='aired-1']")
    assert group is not None
    assert [t.text for t in group.iter(f"{SVG}text")] == []
    assert "planned start is not known" in (group.findtext(f"{SVG}title") or "")
    timed_key = (0, 1)
    planned = timing.cue(*timed_key).front_ms
    assert planned is not None
    late = AiredLane((AiredCue("x", planned + 5 * MIN, MIN, timed_key),))
    group = parse(to_svg(timing, as_run=late)).find(f".//{SVG}g[@id='aired-1']")
    assert group is not None
    assert [t.text for t in group.iter(f"{SVG}text")] == ["+5:00"]


LOG = """time,title,duration
20:14:00,Countdown,1:30
20:16:10,Prelude in C sharp minor,4:17
20:20:27,National Anthem,1:33
20:22:00,Swan Lake,5:00
20:27:00,Piano Concerto No. 2,6:00
20:33:00,Jingle,0:30
20:33:30,Parade music,12:00
20:45:30,Welcome,
21:41:30,IOC president,6:00
22:04:00,Flame music,4:00
22:08:00,Handover,8:00
"""


def test_the_lane_from_checks_alignment_keeps_order_partners_and_fixed_times() -> None:
    from cuesheet.asrun import logs as asrun
    from cuesheet.asrun.align import align
    from cuesheet.timeline.aired import lane

    show = ceremony()
    timing = compute(show)
    log = asrun.loads_csv(LOG, timezone=MSK, near_ms=START, path="asrun.csv")
    aired = lane(align(show, timing, log))
    assert aired.source == "asrun.csv"
    by_title = {c.title: c for c in aired.cues}
    assert by_title["Swan Lake"].plan == (2, 2)
    assert by_title["Swan Lake"].order is Order.SWAPPED
    assert "swapped with cue 4" in by_title["Swan Lake"].note
    assert by_title["Jingle"].plan is None
    # No duration logged: as long as the planned cue (3:00).
    assert by_title["Welcome"].duration_ms == 3 * MIN
    assert aired.dropped(timing) == [(2, 1), (5, 1)]
    assert [(f.at_ms, f.over_ms) for f in aired.fixed] == [
        (at("21:40"), 90_000),
        (at("22:04"), 0),
        (at("22:25"), -9 * MIN),
    ]


def test_a_moved_cue_is_marked_apart_from_a_swapped_one() -> None:
    timing = compute(ceremony())
    planned = timing.cue(3, 0).front_ms
    assert planned is not None
    moved = AiredLane((AiredCue("Parade music", planned, 12 * MIN, (3, 0), Order.MOVED),))
    group = parse(to_svg(timing, as_run=moved)).find(f".//{SVG}g[@id='aired-1']")
    assert group is not None
    assert "moved" in group.attrib["class"].split()
    assert "swapped" not in group.attrib["class"].split()
    assert [t.text for t in group.iter(f"{SVG}text")] == ["↷"]
    page = to_html(timing, as_run=moved)
    assert 'Moved: <a href="#cue-6">cue 6</a>' in page


def test_lateness_is_judged_against_a_known_start_even_when_the_length_is_unknown() -> None:
    timing = compute(ceremony())
    key = (2, 1)  # cue 4.1: unknown length, but its start follows cue 4 exactly
    front = timing.cue(*key).front_ms
    assert front is not None
    late = AiredLane((AiredCue("Something unknown", front + 30_000, MIN, key),))
    group = parse(to_svg(timing, as_run=late)).find(f".//{SVG}g[@id='aired-1']")
    assert group is not None
    assert [t.text for t in group.iter(f"{SVG}text")] == ["+0:30"]
