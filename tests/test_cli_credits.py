"""Credits a rights department can file: roles from evidence, through every export (issue 11).

Runs the real CLI against the local MusicBrainz stand-in: the pop setlist example against
the catalogue of :mod:`tests.mbpop`, the Sochi examples against the fixture catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cuesheet.cli import cli
from cuesheet.inputs.sources import load_source
from cuesheet.model import Credit, Role, RoleSource
from tests.mbpop import catalog
from tests.mbserver import MBServer
from tests.tools import people, read_rights_csv

ROOT = Path(__file__).resolve().parent.parent
SETLIST = ROOT / "examples" / "festival-setlist.md"
SOCHI_LISTS = ROOT / "examples" / "sochi-2014-lists.txt"
SOCHI_SHOW = ROOT / "examples" / "sochi-2014-closing.yaml"

# Who wrote and who performed each song of the setlist, as the rights CSV must say.
POP_RIGHTS = [
    ("Our House", "Chris Foreman (composer); Cathal Smyth (composer)", "Madness (performer)"),
    ("Baba O'Riley", "Pete Townshend (composer)", "The Who (performer)"),
    (
        "Highway to Hell",
        "Angus Young (composer); Malcolm Young (composer); Bon Scott (composer)",
        "AC/DC (performer)",
    ),
    (
        "Dog Days Are Over",
        "Florence Welch (composer); Isabella Summers (composer)",
        "Florence and the Machine (performer)",
    ),
    (
        "The Cave",
        "Marcus Mumford (composer); Ben Lovett (composer); Winston Marshall (composer); "
        "Ted Dwane (composer)",
        "Mumford and Sons (performer)",
    ),
    (
        "September",
        "Maurice White (composer); Al McKay (composer); Allee Willis (composer)",
        "Earth, Wind & Fire (performer)",
    ),
    ("Mrs. Robinson", "Paul Simon (composer)", "Simon & Garfunkel (performer)"),
    ("Waterloo Sunset", "Ray Davies (composer)", "The Kinks (performer)"),
]


MIX = ("--single-file", "set.flac")  # a CUE sheet needs a file


@pytest.fixture
def pop() -> Iterator[MBServer]:
    with MBServer(catalog()) as srv:
        yield srv


@pytest.fixture
def sochi() -> Iterator[MBServer]:
    with MBServer() as srv:
        yield srv


def run(server: MBServer | None, tmp_path: Path, *args: str) -> Result:
    options = ["--cache", str(tmp_path / "c.sqlite3")]
    if server is not None:
        options += ["--musicbrainz", server.url, "--rate-limit", "0", "--retries", "0"]
    return CliRunner().invoke(cli, [*args, *options])


def rights(
    server: MBServer | None, tmp_path: Path, source: Path, *extra: str
) -> list[dict[str, str]]:
    result = run(
        server, tmp_path, "export", str(source), "-o", "-", "--format", "rights-csv", *extra
    )
    assert result.exit_code == 0, result.stderr
    _, rows = read_rights_csv(result.stdout)
    for row in rows:  # the people as the list said them, to compare with the expectations
        row["writers"], row["performers"] = people(row, "writer"), people(row, "performer")
    return rows


def test_the_pop_setlist_credits_every_writer_and_performer(pop: MBServer, tmp_path: Path) -> None:
    rows = rights(pop, tmp_path, SETLIST)
    assert [(r["title"], r["writers"], r["performers"]) for r in rows] == POP_RIGHTS


def test_without_resolution_the_setlist_says_its_roles_are_guesses(tmp_path: Path) -> None:
    rows = rights(None, tmp_path, SETLIST, "--no-resolve")
    assert [(r["writers"], r["performers"]) for r in rows] == [
        ("", "Madness (performer?)"),
        ("", "The Who (performer?)"),
        ("", "AC/DC (performer?)"),  # one act, not "AC; DC"
        ("", "Florence and the Machine (performer?)"),
        ("", "Mumford and Sons (performer?)"),
        ("", "Earth, Wind & Fire (performer?)"),
        ("", "Simon (performer?); Garfunkel (performer?)"),  # MusicBrainz joins them
        ("", "The Kinks (performer?)"),
    ]


def test_a_band_under_a_music_heading_is_not_its_composer(pop: MBServer, tmp_path: Path) -> None:
    music = tmp_path / "music.md"
    music.write_text(SETLIST.read_text("utf-8").replace("## Setlist", "## Music"), "utf-8")
    rows = rights(pop, tmp_path, music)
    assert rows[0]["performers"] == "Madness (performer)"
    assert "Madness" not in rows[0]["writers"]


def test_a_role_stated_on_the_command_line(tmp_path: Path) -> None:
    music = tmp_path / "music.md"
    music.write_text(SETLIST.read_text("utf-8").replace("## Setlist", "## Music"), "utf-8")
    rows = rights(None, tmp_path, music, "--no-resolve", "--role", "music=performer")
    assert rows[0]["performers"] == "Madness (performer)"  # stated: no question mark
    bad = run(None, tmp_path, "export", str(music), "-o", "-", "--role", "Music=singer")
    assert bad.exit_code == 2
    assert "HEADING=ROLE with ROLE one of composer, performer" in bad.stderr
    typo = run(None, tmp_path, "export", str(music), "-o", "-", "--role", "Musik=performer")
    assert typo.exit_code == 2
    assert "--role names a heading the file does not have: Musik" in typo.stderr


def test_sochi_lists_credit_the_singer_of_arirang_as_a_performer(
    sochi: MBServer, tmp_path: Path
) -> None:
    rows = {r["title"]: r for r in rights(sochi, tmp_path, SOCHI_LISTS)}
    arirang = rows["Arirang"]
    assert (arirang["writers"], arirang["performers"]) == ("", "Na Yoon-sun (performer)")
    moscow = rows["Goodbye, Moscow!"]
    assert moscow["writers"] == "Aleksandra Pakhmutova (composer); Nikolai Dobronravov (lyricist)"
    # not found on MusicBrainz: the list's guess, and it says so
    assert (
        rows["Goodbye, Sochi!"]["writers"] == "Igor Krutoy (composer?); Igor Nikolayev (composer?)"
    )
    greece = rows["National Anthem of Greece"]
    assert greece["performers"] == "London Philharmonic Orchestra (performer)"


def test_sochi_show_file_credits_arirang_once_as_a_performer(
    sochi: MBServer, tmp_path: Path
) -> None:
    rows = {r["cue"]: r for r in rights(sochi, tmp_path, SOCHI_SHOW)}
    arirang = rows["32"]
    assert arirang["title"] == "Arirang"
    assert arirang["writers"] == "Traditional (composer)"  # the show file's works: a folk song
    assert arirang["performers"] == (
        "Na Yoon-sun (performer); Lee Seung-chul (performer); Sumi Jo (performer)"
    )


def test_corrected_credits_reach_every_export(pop: MBServer, tmp_path: Path) -> None:
    xspf = run(pop, tmp_path, "export", str(SETLIST), "-o", "-", "--format", "xspf")
    assert xspf.exit_code == 0, xspf.stderr
    assert "<creator>Madness</creator>" in xspf.stdout
    assert '<c:credit role="composer" source="musicbrainz">Chris Foreman</c:credit>' in xspf.stdout
    assert 'guessed="true"' not in xspf.stdout
    cue = run(pop, tmp_path, "export", str(SETLIST), "-o", "-", "--format", "cue", *MIX)
    assert 'PERFORMER "Madness"' in cue.stdout
    assert 'SONGWRITER "Chris Foreman / Cathal Smyth"' in cue.stdout
    exported = run(pop, tmp_path, "export", str(SETLIST), "-o", "-", "--format", "json")
    first = json.loads(exported.stdout)["segments"][0]["cues"][0]
    assert first["credits"][0] == {
        "name": "Madness",
        "role": "performer",
        "role_source": "musicbrainz",
    }


def test_guessed_roles_are_marked_in_every_export(tmp_path: Path) -> None:
    xspf = run(
        None, tmp_path, "export", str(SETLIST), "-o", "-", "--format", "xspf", "--no-resolve"
    )
    assert '<c:credit role="performer" guessed="true">Madness</c:credit>' in xspf.stdout
    one = tmp_path / "one.md"
    one.write_text("## Setlist\n- Madness - Our House\n", "utf-8")
    cue = run(
        None, tmp_path, "export", str(one), "-o", "-", "--format", "cue", "--no-resolve", *MIX
    )
    assert cue.exit_code == 0, cue.stderr
    assert 'REM CREDIT "performer?" "Madness"' in cue.stdout
    exported = run(None, tmp_path, "export", str(SETLIST), "-o", "-", "--no-resolve")
    first = json.loads(exported.stdout)["segments"][0]["cues"][0]
    assert first["credits"] == [
        {"name": "Madness", "role": "performer", "role_source": "convention"}
    ]


def test_resolve_writes_the_corrected_credits_into_the_show_file(
    pop: MBServer, tmp_path: Path
) -> None:
    out = tmp_path / "resolved.yaml"
    result = run(pop, tmp_path, "resolve", str(SETLIST), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text("utf-8")
    assert "from: musicbrainz" in text
    cues = [cue for _, cue in load_source(out).cues()]
    assert cues[0].credits == (
        Credit("Madness", Role.PERFORMER, RoleSource.MUSICBRAINZ),
        Credit("Chris Foreman", Role.COMPOSER, RoleSource.MUSICBRAINZ),
        Credit("Cathal Smyth", Role.COMPOSER, RoleSource.MUSICBRAINZ),
    )
    assert cues[6].credits[0] == Credit("Simon & Garfunkel", Role.PERFORMER, RoleSource.MUSICBRAINZ)
    again = rights(None, tmp_path, out, "--no-resolve")  # the show file keeps what was found
    assert [(r["title"], r["writers"], r["performers"]) for r in again] == POP_RIGHTS


SET_SHOW = """\
title: Main stage
date: 2024-07-06
timezone: Europe/London
start: 21:00
segments:
  - title: Closing set
    cues:
      - song: Madness - Our House
        duration: 4:43
      - song: The Who - Baba O'Riley
        duration: 5:09
"""


def test_a_planned_duration_stays_and_a_longer_recording_is_said(
    pop: MBServer, tmp_path: Path
) -> None:
    show = tmp_path / "set.yaml"
    show.write_text(SET_SHOW, "utf-8")
    exported = run(pop, tmp_path, "export", str(show), "-o", "-", "--format", "json")
    assert exported.exit_code == 0, exported.stderr
    first, _baba = json.loads(exported.stdout)["segments"][0]["cues"]
    assert (first["duration_ms"], first["duration_source"]) == (283_000, "planned")
    assert first["match"]["duration_ms"] == 203_000
    assert (
        "Closing set / cue 1 'Our House': the MusicBrainz recording lasts 3:23, "
        "1:20 shorter than the planned 4:43; the plan is kept"
    ) in exported.stderr
    assert "Baba" not in exported.stderr  # within the tolerance
    checked = run(pop, tmp_path, "check", str(show), "--json")
    findings = [f for f in json.loads(checked.stdout) if f["code"] == "MB003"]
    assert [(f["cue"], f["times"]["delta_ms"]) for f in findings] == [("1", -80_000)]


def test_resolve_json_reports_each_credit_with_its_source(sochi: MBServer, tmp_path: Path) -> None:
    result = run(sochi, tmp_path, "resolve", str(SOCHI_LISTS), "--json")
    assert result.exit_code == 0, result.stderr
    rows = {row["input"]: row for row in json.loads(result.stdout)}
    assert rows["Na Yoon-sun - Arirang"]["credits"] == [
        {"name": "Na Yoon-sun", "role": "performer", "role_source": "musicbrainz"}
    ]
    assert rows["Igor Krutoy and Igor Nikolayev - Goodbye, Sochi!"]["credits"] == [
        {"name": "Igor Krutoy", "role": "composer", "role_source": "convention"},
        {"name": "Igor Nikolayev", "role": "composer", "role_source": "convention"},
    ]
