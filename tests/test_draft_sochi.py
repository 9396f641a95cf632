"""``cuesheet draft`` on the Sochi seed article and reports (from ../shared; skipped when absent).

The target is the hand-written examples/sochi-2014-closing.yaml: the same running
order of the list entries, each in the segment made from the article heading that
describes that part of the ceremony.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.draft.build import Draft, draft
from cuesheet.draft.placement import Method
from cuesheet.inputs import showfile
from cuesheet.model import CueKind
from cuesheet.timing import clock
from tests.tools import SHARED

ROOT = Path(__file__).resolve().parent.parent
SEEDS = SHARED / "seeds"
ARTICLE = SEEDS / "article-closing-ceremony.txt"
REPORTS = (SEEDS / "report-mailonline.txt", SEEDS / "report-behind-the-scenes.txt")
EXAMPLE = ROOT / "examples" / "sochi-2014-closing.yaml"

pytestmark = pytest.mark.skipif(not ARTICLE.exists(), reason="seed article not in ../shared")

OPENING = "Opening"
PERFORMANCES = "Performances"
HANDOVER = "Handover of the Olympic flag and Pyeongchang Awaits You"
CLOSED = "Games declared closed and the extinguishing of the flame"
HEADING_OF = {
    "Opening countdown and the five rings": OPENING,
    "National anthem": "National anthem",
    "Flag bearers and the parade of athletes": (
        "Entrance of the flag bearers and the parade of the athletes"
    ),
    "Medal ceremonies": "Medal ceremonies",
    "The world of Malevich, Kandinsky and Chagall": PERFORMANCES,
    "Music chapter": PERFORMANCES,
    "Theatre chapter": PERFORMANCES,
    "Literature chapter": PERFORMANCES,
    "Circus chapter": PERFORMANCES,
    "Handover of the Olympic flag": HANDOVER,
    "Pyeongchang 2018 presentation": HANDOVER,
    "Closing speeches": CLOSED,
    "Games declared closed": CLOSED,
    "Extinguishing the flame": CLOSED,
    "Goodbye, Sochi": CLOSED,
    "Fireworks": CLOSED,
}
"""The example's finer segments -> the article heading that describes that part."""
LISTED = (CueKind.MUSIC, CueKind.ANTHEM)


@pytest.fixture(scope="module")
def drafted() -> Draft:
    return draft(ARTICLE, REPORTS)


def _order(show: showfile.Show, heading_of: dict[str, str] | None = None) -> list[tuple[str, str]]:
    return [
        (cue.title, heading_of[segment.title] if heading_of else segment.title)
        for segment, cue in show.cues()
        if cue.kind in LISTED
    ]


def test_running_order_and_segments_match_the_hand_written_example(drafted: Draft) -> None:
    expected = _order(showfile.load(EXAMPLE), HEADING_OF)
    got = _order(drafted.show)
    assert len(expected) == 22  # 21 list entries, the Russian anthem twice
    assert got == expected


def test_the_frame(drafted: Draft) -> None:
    show = drafted.show
    assert show.venue.startswith("Fisht Olympic Stadium")
    assert show.timezone == "Europe/Moscow"
    assert clock.iso_local(show.start_ms, show.timezone) == "2014-02-23T20:14:00+04:00"
    assert show.hard_out_ms is not None
    assert clock.iso_local(show.hard_out_ms, show.timezone) == "2014-02-23T22:25:00+04:00"
    pinned = [(s.title, clock.hhmmss_local(s.at_ms, show.timezone))
              for s in show.segments if s.at_ms is not None]  # fmt: skip
    assert pinned == [(CLOSED, "22:04:00")]


def test_notes_quote_the_words_that_placed_each_cue(drafted: Draft) -> None:
    notes = {cue.title: cue.notes for _, cue in drafted.show.cues()}
    assert "Rachmaninoff's Piano Concerto No. 2" in notes["Piano Concerto No. 2"]
    assert "Confidence 100/100" in notes["Piano Concerto No. 2"]
    assert "Greek flag was raised while its anthem played" in notes["National Anthem of Greece"]
    assert "Placed by list order" in notes['Theme from "Giant"']
    assert "Confidence 20/100" in notes['Theme from "Giant"']
    second = [c for _, c in drafted.show.cues() if "Russian Federation" in c.title][1]
    assert second.notes.startswith("Heard again") and "second time" in second.notes


def test_reports_are_cited_but_never_move_the_article(drafted: Draft) -> None:
    olympic = next(p for p in drafted.placements if p.entry.item.title == "Olympic Anthem")
    assert olympic.method is Method.ARTICLE
    assert any("report-mailonline.txt" in c and "Olympic anthem" in c for c in olympic.citations)
    assert all(p.method is not Method.REPORT for p in drafted.placements)


def test_cli_writes_a_show_that_checks_and_lists_list_order_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "show.yaml"
    result = CliRunner().invoke(cli, ["draft", str(ARTICLE), *map(str, REPORTS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "list order: 'Dimitri Tiomkin - Theme from \"Giant\"' -> Opening" in result.stderr
    assert result.stderr.count("list order:") == 8
    checked = CliRunner().invoke(cli, ["check", str(out), "--no-resolve"])
    assert checked.exit_code == 0, checked.output
    assert "0 errors" in checked.stdout


def test_draft_pipes_into_timing() -> None:
    drafted = CliRunner().invoke(cli, ["draft", str(ARTICLE)])
    assert drafted.exit_code == 0
    timed = CliRunner().invoke(cli, ["timing", "-", "--no-resolve"], input=drafted.stdout)
    assert timed.exit_code == 0, timed.output
    assert "Europe/Moscow" in timed.stdout
    assert "Piano Concerto No. 2" in timed.stdout


def test_actions_add_speech_and_other_cues_without_durations() -> None:
    show = draft(ARTICLE, actions=True).show
    extra = [(s.title, c) for s, c in show.cues() if c.kind not in LISTED]
    assert any(c.kind is CueKind.SPEECH and "formally closed" in c.title for _, c in extra)
    assert any(c.kind is CueKind.OTHER and "flag bearers" in c.title for _, c in extra)
    assert all(c.duration_ms is None for _, c in extra)
    assert _order(show) == _order(draft(ARTICLE).show)  # actions never move the music
