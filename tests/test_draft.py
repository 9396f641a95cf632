"""``cuesheet draft`` step by step, and on two articles written for these tests.

tests/data/draft/ holds two ceremonies described in our own words from the
public record (Vancouver 2010 in Markdown with nested parts and 12-hour
Pacific times; PyeongChang 2018 in wiki style without an infobox), each with
the segment a reader would give every list entry.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.draft.article import parse_article, split_sentences
from cuesheet.draft.build import UNPLACED_TITLE, draft
from cuesheet.draft.frame import find_frame
from cuesheet.draft.mentions import find_in_sentence, make_entries, title_phrases
from cuesheet.draft.zones import choose_zone
from cuesheet.errors import InputError
from cuesheet.inputs.textlist import parse_list
from cuesheet.model import CueKind
from cuesheet.timing import clock

DATA = Path(__file__).parent / "data" / "draft"
VANCOUVER = DATA / "vancouver-2010-closing.md"
PYEONGCHANG = DATA / "pyeongchang-2018-closing.txt"

VANCOUVER_EXPECTED = {
    "O Canada": "Flag and anthem",
    "National Anthem of Norway": "Last medals",
    "National Anthem of Greece": "Handing over to Sochi",
    "Olympic Anthem": "Handing over to Sochi",
    "State Anthem of the Russian Federation": "Handing over to Sochi",
    "Long May You Run": "The flame goes out",
    "The Maple Leaf Forever": "Canada in jokes",
    "Burn It to the Ground": "Rock and pop",
    "My Happy Ending": "Rock and pop",
    "Wunderkind": "Rock and pop",
    "Your Love Is a Lie": "Rock and pop",
}
PYEONGCHANG_EXPECTED = {
    "National Anthem of the Republic of Korea": "Welcome",
    "National Anthem of Norway": "Victory ceremony",
    "National Anthem of Greece": "Handover to Beijing",
    "Olympic Anthem": "Handover to Beijing",
    "March of the Volunteers": "Handover to Beijing",
    "Growl": "Party",
    "Power": "Party",
    "I Am the Best": "Party",
    "Animals": "Party",
}


def accuracy(path: Path, sections: tuple[str, ...], expected: dict[str, str]) -> float:
    """Share of list cues in the segment a reader gives them (each entry once)."""
    show = draft(path, sections=sections).show
    got = {cue.title: seg.title for seg, cue in show.cues() if cue.kind is not CueKind.OTHER}
    assert set(got) == set(expected)
    return sum(got[title] == segment for title, segment in expected.items()) / len(expected)


def test_vancouver_placement_accuracy() -> None:
    assert accuracy(VANCOUVER, ("Songs", "National anthems"), VANCOUVER_EXPECTED) == 1.0


def test_pyeongchang_placement_accuracy() -> None:
    sections = ("Soundtrack", "Anthems and flags")
    assert accuracy(PYEONGCHANG, sections, PYEONGCHANG_EXPECTED) == 1.0


def test_vancouver_frame_from_twelve_hour_pacific_times() -> None:
    show = draft(VANCOUVER, sections=("Songs", "National anthems")).show
    assert show.timezone == "America/Vancouver"
    assert clock.iso_local(show.start_ms, show.timezone) == "2010-02-28T17:30:00-08:00"
    assert show.hard_out_ms is not None
    assert clock.hhmmss_local(show.hard_out_ms, show.timezone) == "20:15:00"
    assert show.venue == "BC Place Stadium, Vancouver"


def test_pyeongchang_frame_from_the_lead_alone() -> None:
    show = draft(PYEONGCHANG, sections=("Soundtrack", "Anthems and flags")).show
    assert show.timezone == "Asia/Seoul"
    assert clock.iso_local(show.start_ms, show.timezone) == "2018-02-25T20:00:00+09:00"
    assert show.venue == "PyeongChang Olympic Stadium"
    assert [s.title for s in show.segments][:2] == ["Welcome", "The athletes"]


@pytest.mark.parametrize(
    ("day", "at", "abbreviation", "offset", "zone"),
    [
        (date(2014, 2, 23), time(20, 14), "MSK", 240, "Europe/Moscow"),
        (date(2018, 2, 25), time(20, 0), "KST", 540, "Asia/Seoul"),
        (date(2014, 2, 23), time(20, 14), "MSK", 180, None),  # Moscow was UTC+4 that winter
    ],
)
def test_zone_from_abbreviation_and_offset_on_that_date(
    day: date, at: time, abbreviation: str, offset: int, zone: str | None
) -> None:
    assert choose_zone(day, at, abbreviation, offset) == zone


def test_zone_prefers_a_city_the_article_names() -> None:
    pick = choose_zone(date(2010, 2, 28), time(17, 30), "PST", -480,
                       mentions=lambda city: city == "Vancouver")  # fmt: skip
    assert pick == "America/Vancouver"
    mexico = choose_zone(date(2010, 2, 28), time(17, 30), "PST", -480,
                         country_zones=("America/Tijuana",))  # fmt: skip
    assert mexico == "America/Tijuana"


def test_sentences_do_not_end_at_abbreviations() -> None:
    parts = [s for _, s in split_sentences("He played Piano Concerto No. 2 first. Then a waltz.")]
    assert parts == ["He played Piano Concerto No. 2 first.", "Then a waltz."]


def test_article_structure() -> None:
    article = parse_article(VANCOUVER.read_text(encoding="utf-8"))
    assert article.title == "2010 Winter Olympics closing ceremony"
    assert article.fields["venue"] == "BC Place Stadium"
    titles = [s.title for s in article.sections]
    assert titles[:3] == ["Programme", "Part one: ceremony", "The fourth arm"]
    assert article.sections[2].parents == ("Programme", "Part one: ceremony")


def test_one_word_titles_need_their_capital() -> None:
    entry = make_entries(parse_list('== Music ==\n- Dimitri Tiomkin - Theme from "Giant"\n'))[0]
    assert ("giant",) in title_phrases('Theme from "Giant"')
    assert find_in_sentence(entry, "Giant puppets of the mascots came in.") is not None
    assert find_in_sentence(entry, "The children came with giant puppets.") is None


def test_an_anthem_is_not_another_anthem_beside_a_country_name() -> None:
    text = "== Anthems ==\n- Two children - National Anthem of South Korea\n"
    entry = make_entries(parse_list(text))[0]
    only_country = find_in_sentence(
        entry, "After the Olympic anthem, the show went to South Korea."
    )
    assert only_country is not None and only_country.how == "the country only"
    found = find_in_sentence(entry, "The national anthem of the Republic of Korea was sung.")
    assert found is not None and found.weight == 90


ARTICLE = """= Test gala =
- Time: 19:00 - 21:00 CET (UTC+1)
- Venue: Hall One
- Place: Vienna, Austria

The gala was held on 1 January 2020 at Hall One in Vienna.

== Programme ==
=== Welcome ===
The hosts walked on. The curtain rose.
=== Dances ===
The orchestra played waltzes. Dancers filled the floor.
=== Finale ===
The Radetzky March by Johann Strauss I ended the evening at 20:50 CET.

== Music ==
- Johann Strauss II - The Blue Danube
- Johann Strauss I - Radetzky March
"""


def test_list_order_fills_free_sentences_and_a_fixed_time_pins(tmp_path: Path) -> None:
    path = tmp_path / "gala.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = draft(path)
    placed = {c.title: s.title for s, c in result.show.cues()}
    # Before the first placed entry: the middle of the free sentences (Welcome, Dances).
    assert placed == {"The Blue Danube": "Dances", "Radetzky March": "Finale"}
    finale = result.show.segments[-1]
    assert finale.at_ms is not None
    assert clock.hhmmss_local(finale.at_ms, result.show.timezone) == "20:50:00"
    assert finale.budget_ms == 10 * 60_000  # 20:50 to the 21:00 hard out, from the text
    assert [p.entry.item.title for p in result.doubtful()] == ["The Blue Danube"]


def test_a_report_places_what_the_article_leaves_out(tmp_path: Path) -> None:
    path = tmp_path / "gala.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(
        "While dancers filled the floor, the orchestra played waltzes: "
        "The Blue Danube by Strauss drew cheers.\n",
        encoding="utf-8",
    )
    result = draft(path, [report])
    cues = {c.title: (s.title, c.notes) for s, c in result.show.cues()}
    segment, notes = cues["The Blue Danube"]
    assert segment == "Dances"
    assert "Placed by report.txt" in notes and "drew cheers" in notes


def test_an_entry_with_no_placed_neighbour_goes_to_the_final_segment(tmp_path: Path) -> None:
    path = tmp_path / "gala.txt"
    path.write_text(ARTICLE.replace("The Radetzky March by Johann Strauss I", "A march"),
                    encoding="utf-8")  # fmt: skip
    show = draft(path).show
    assert show.segments[-1].title == UNPLACED_TITLE
    assert len(show.segments[-1].cues) == 2


def test_missing_date_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gala.txt"
    path.write_text(ARTICLE.replace("on 1 January 2020 ", ""), encoding="utf-8")
    with pytest.raises(InputError, match="no date found"):
        find_frame(parse_article(path.read_text(encoding="utf-8")), path)
    result = CliRunner().invoke(cli, ["draft", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"cuesheet: error: {path}: no date found")
    assert "Traceback" not in result.output


def test_cli_never_overwrites_its_input(tmp_path: Path) -> None:
    path = tmp_path / "gala.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", str(path), "-o", str(path)])
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == ARTICLE


def test_cli_output_checks_clean(tmp_path: Path) -> None:
    out = tmp_path / "show.yaml"
    args = ["draft", str(PYEONGCHANG), "--section", "Soundtrack", "--section",
            "Anthems and flags", "--actions", "-o", str(out)]  # fmt: skip
    assert CliRunner().invoke(cli, args).exit_code == 0
    checked = CliRunner().invoke(cli, ["check", str(out), "--no-resolve"])
    assert checked.exit_code == 0, checked.output
