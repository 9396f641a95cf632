"""Rights cue sheets (issue 16): every profile written by the CLI, read back by another reader.

CSV profiles are read with Python's csv module, the RapidCue workbook with openpyxl (and
LibreOffice, when installed), the SoundExchange report split on tabs.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cuesheet.cli import cli
from cuesheet.enrich.works import found_work, merged
from cuesheet.inputs import showfile
from cuesheet.model import Role, RoleSource, WorkRights, WriterShare
from metadata.resolve import Credit, Resolution, Status
from tests.mbpop import catalog
from tests.mbserver import MBServer
from tests.tools import people, read_rights_csv

ROOT = Path(__file__).resolve().parent.parent
SOCHI = ROOT / "examples" / "sochi-2014-closing.yaml"
AS_RUN = ROOT / "examples" / "sochi-2014-asrun.csv"
SETLIST = ROOT / "examples" / "festival-setlist.md"
PROFILES = ("rights-csv", "rights-rapidcue", "rights-prs", "rights-soundexchange")

SHOW = """\
title: Saturday night live music
channel: BBC Radio 2
production: Example Productions Ltd
contact: rights@example.org
venue: Studio 1
date: 2024-07-06
timezone: Europe/London
start: "21:00"
works:
  - title: Read All About It, Part III
    iswc: T-910.935.587-1
    writers:
      - name: Emeli Sandé
        role: composer
        ipi: "00497836214"
        society: PRS
        share: 50
        publisher: Stellar Songs Ltd
        publisher_ipi: "00293817263"
      - name: Naughty Boy
        role: lyricist
        society: PRS
        share: 40
  - title: Pictures at an Exhibition
    writers:
      - name: Modest Mussorgsky
        died: 1881-03-28
      - name: Maurice Ravel
        role: arranger
        died: 1937
segments:
  - title: Opening
    usage: MT
    cues:
      - song: Emeli Sandé - Read All About It, Part III
        duration: 4:28
        ids:
          isrc: GBAYE1101474
      - speech: The host says hello
        duration: 0:30
  - title: Classics
    cues:
      - music: Modest Mussorgsky - Pictures at an Exhibition
        duration: 3:00
        usage: VI
      - title: God Save the King
        kind: anthem
        duration: 1:00
        credits:
          - composer: "[traditional]"
            from: musicbrainz
"""


def run(*args: str, server: MBServer | None = None, cache: Path | None = None) -> Result:
    options = ["--cache", str(cache)] if cache else []
    if server is not None:
        options += ["--musicbrainz", server.url, "--rate-limit", "0", "--retries", "0"]
    else:
        options += ["--no-resolve"]
    return CliRunner().invoke(cli, [*args, *options])


@pytest.fixture
def show(tmp_path: Path) -> Path:
    path = tmp_path / "show.yaml"
    path.write_text(SHOW, "utf-8")
    return path


def export(
    source: Path,
    fmt: str,
    out: Path,
    *extra: str,
    server: MBServer | None = None,
    cache: Path | None = None,
) -> Result:
    args = ("export", str(source), "-o", str(out), "--format", fmt, *extra)
    result = run(*args, server=server, cache=cache)
    assert result.exit_code == 0, result.stderr
    return result


def test_generic_header_and_one_fact_per_column(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "rights.csv"
    result = export(show, "rights-csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel and LibreOffice then read UTF-8
    header, rows = read_rights_csv(raw.decode("utf-8"))
    assert header == {
        "Programme": "Saturday night live music",
        "Date": "2024-07-06",
        "Start": "21:00:00",
        "Time zone": "Europe/London (UTC+01:00)",
        "Venue": "Studio 1",
        "Channel": "BBC Radio 2",
        "Production": "Example Productions Ltd",
        "Contact": "rights@example.org",
        "Total length": "00:08:58",
        "Total music length": "00:08:28",
        "Timings": "as planned",
    }
    assert [r["title"] for r in rows] == [
        "Read All About It, Part III",
        "Pictures at an Exhibition",
        "God Save the King",
    ]  # the speech is left out
    sande, pictures, anthem = rows
    assert (sande["usage"], pictures["usage"], anthem["usage"]) == ("MT", "VI", "VV")
    assert (sande["start"], sande["timing_in"], sande["duration"]) == (
        "21:00:00", "00:00:00", "00:04:28",
    )
    assert (pictures["start"], pictures["timing_in"]) == ("21:04:58", "00:04:58")
    assert (sande["iswc"], sande["isrc"]) == ("T-910.935.587-1", "GBAYE1101474")
    assert [sande[f"writer_1{s}"] for s in ("", "_role", "_ipi", "_society", "_share",
                                            "_publisher", "_publisher_ipi")] == [
        "Emeli Sandé", "composer", "00497836214", "PRS", "50", "Stellar Songs Ltd", "00293817263",
    ]  # fmt: skip
    assert (sande["writer_2"], sande["writer_2_role"], sande["writer_2_ipi"]) == (
        "Naughty Boy", "lyricist", "",  # blank to fill
    )
    assert people(sande, "performer") == "Emeli Sandé (performer)"
    assert people(pictures, "writer") == "Modest Mussorgsky (composer); Maurice Ravel (arranger)"
    assert (pictures["public_domain"], pictures["public_domain_basis"]) == (
        "yes", "writers died by 1881",
    )
    assert (anthem["writer_1"], anthem["writer_1_society"], anthem["public_domain_basis"]) == (
        "Traditional", "PD", "traditional",
    )
    assert "missing fact(s)" in result.stderr  # the export warns with the count


def test_all_cues_includes_the_rest(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export(show, "rights-csv", out, "--all-cues")
    _, rows = read_rights_csv(out.read_text("utf-8"))
    assert [r["kind"] for r in rows] == ["music", "speech", "music", "anthem"]
    assert rows[1]["usage"] == "MT"  # the segment's code


def test_prs_profile(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "prs.csv"
    export(show, "prs", out)
    header, rows = read_rights_csv(out.read_text("utf-8"))
    assert header["Channel"] == "BBC Radio 2"
    first = rows[0]
    assert (first["Title"], first["Composer/Songwriter 1"], first["Composer/Songwriter 2"]) == (
        "Read All About It, Part III", "Emeli Sandé", "Naughty Boy",
    )
    assert (first["Publisher 1"], first["Performer 1"], first["Duration"]) == (
        "Stellar Songs Ltd", "Emeli Sandé", "00:04:28",
    )
    assert (first["Date of Use"], first["Time of Use"], first["Number of Plays"]) == (
        "2024-07-06", "21:00:00", "1",
    )


def test_soundexchange_report_of_use(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "rou.txt"
    export(show, "soundexchange", out)
    lines = out.read_bytes().decode("utf-8").split("\r\n")
    columns = lines[0].split("\t")
    first = dict(zip(columns, lines[1].split("\t"), strict=True))
    assert first["NAME_OF_SERVICE"] == "BBC Radio 2"
    assert (first["FEATURED_ARTIST"], first["SOUND_RECORDING_TITLE"], first["ISRC"]) == (
        "Emeli Sandé", "Read All About It, Part III", "GBAYE1101474",
    )
    assert first["PLAY_FREQUENCY"] == "1" and lines[-1] == ""


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book["Cue Sheet"]
    assert ws.freeze_panes is not None
    return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]


def test_rapidcue_workbook_one_party_per_row(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapidcue.xlsx"
    export(show, "rapidcue", out)
    rows = _xlsx_rows(out)
    assert rows[0][:2] == ["Programme", "Saturday night live music"]
    start = next(i for i, r in enumerate(rows) if r[0] == "Seq #")
    from openpyxl import load_workbook

    assert load_workbook(out)["Cue Sheet"].freeze_panes == f"A{start + 2}"  # below the header
    table = [dict(zip(rows[start], r, strict=True)) for r in rows[start + 1 :]]
    parties = [(t["Seq #"], t["Role"], t["Name"], t["Society"], t["IPI/CAE #"], t["Share %"])
               for t in table]  # fmt: skip
    assert parties == [
        ("1", "C", "Emeli Sandé", "PRS", "00497836214", "50"),
        ("1", "E", "Stellar Songs Ltd", "", "00293817263", ""),
        ("1", "A", "Naughty Boy", "PRS", "", "40"),
        ("2", "C", "Modest Mussorgsky", "", "", ""),
        ("2", "AR", "Maurice Ravel", "", "", ""),
        ("3", "C", "Traditional", "PD", "", ""),
    ]
    assert {t["Usage"] for t in table if t["Seq #"] == "1"} == {"MT"}


def test_rapidcue_opens_in_libreoffice_with_the_same_cells(show: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "rapidcue.xlsx"
    export(show, "rapidcue", out)
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path / "lo-out"), str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "lo-out" / "rapidcue.csv").read_text("utf-8")
    seen = [r for r in csv.reader(io.StringIO(text)) if any(r)]
    expected = [r for r in _xlsx_rows(out) if any(r)]
    assert [r[: len(e)] for r, e in zip(seen, expected, strict=True)] == expected


def test_completeness_names_each_missing_field(show: Path) -> None:
    result = run("check", str(show), "--for", "rapidcue")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "cue 1 'Read All About It, Part III': IPI/CAE unknown (Naughty Boy); "
        "publisher unknown (Naughty Boy); share totals not 100 (90.00 %)"
    )
    # public domain (writers died by 1881; traditional): nothing of theirs to fill
    assert lines[1] == "3 missing fact(s) in 1 of 3 row(s) for the rapidcue profile"
    assert "God Save the King" not in result.stdout  # traditional: nothing to fill
    assert lines[-1].endswith("for the rapidcue profile")
    generic = run("check", str(show), "--for", "rights").stdout
    assert "cue 3 'Pictures at an Exhibition': no ISRC" in generic  # public domain: no ISWC
    assert "no ISWC" not in generic
    assert "writer unresolved" not in generic


def test_an_unresolved_writer_is_named(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(SHOW.split("works:")[0] + "segments:\n  - title: A\n    cues:\n"
                    "      - song: Somebody - Something\n        duration: 3:00\n", "utf-8")
    out = run("check", str(path), "--for", "prs").stdout
    assert "cue 1 'Something': writer unresolved" in out


def test_pd_works_are_not_public_domain_when_a_writer_lived_later(tmp_path: Path) -> None:
    text = SHOW.replace("died: 1881-03-28", "died: 1990")
    path = tmp_path / "late.yaml"
    path.write_text(text, "utf-8")
    out = tmp_path / "late.csv"
    export(path, "rights-csv", out)
    _, rows = read_rights_csv(out.read_text("utf-8"))
    assert rows[1]["public_domain"] == ""


def test_works_round_trip_through_the_show_file(show: Path) -> None:
    loaded = showfile.load(show)
    again = showfile.loads(showfile.dumps(loaded))
    assert again == loaded
    assert loaded.works[0].writers[0].share_bp == 5000


def test_musicbrainz_identifiers_become_works() -> None:
    resolution = Resolution(
        Status.RESOLVED,
        95,
        work_mbid="0e4cb4a2-7d16-4c2e-9f8d-44d6c5cbd0c2",
        title="Pictures at an Exhibition",
        credits=(
            Credit("Modest Mussorgsky", "composer", "m1", ("00012345678",), "1839", "1881"),
            Credit("London Philharmonic Orchestra", "performer", "m2"),
        ),
        iswcs=("T-000.000.001-0",),
    )
    work = found_work(resolution)
    assert work == WorkRights(
        "Pictures at an Exhibition",
        "0e4cb4a2-7d16-4c2e-9f8d-44d6c5cbd0c2",
        "T-000.000.001-0",
        (
            WriterShare(
                "Modest Mussorgsky",
                Role.COMPOSER,
                "00012345678",
                died="1881",
                source=RoleSource.MUSICBRAINZ,
            ),
        ),
    )
    mine = WorkRights("Pictures at an exhibition", writers=(
        WriterShare("Modest Mussorgsky", society="RAO", share_bp=10000),))  # fmt: skip
    (kept,) = merged((mine,), (work,))
    assert kept.writers[0] == WriterShare(
        "Modest Mussorgsky", society="RAO", share_bp=10000, ipi="00012345678", died="1881"
    )  # the producer's facts stay, MusicBrainz fills the blanks
    assert kept.iswc == "T-000.000.001-0"


@pytest.fixture
def pop() -> Iterator[MBServer]:
    with MBServer(catalog()) as srv:
        yield srv


def test_resolve_keeps_the_works_in_the_show_file(pop: MBServer, tmp_path: Path) -> None:
    out = tmp_path / "resolved.yaml"
    result = run("resolve", str(SETLIST), "-o", str(out), server=pop, cache=tmp_path / "c")
    assert result.exit_code == 0, result.stderr
    resolved = showfile.load(out)
    works = {w.title: w for w in resolved.works}
    house = works["Our House"]
    assert house.iswc == "T-000.000.019-0"  # the catalogue's (synthetic) identifiers
    assert [(w.name, w.role, w.ipi, w.source) for w in house.writers] == [
        ("Chris Foreman", Role.COMPOSER, "00000000019", RoleSource.MUSICBRAINZ),
        ("Cathal Smyth", Role.COMPOSER, "", RoleSource.MUSICBRAINZ),
    ]
    first = next(cue for _, cue in resolved.cues())
    assert first.ids.isrc == "ZZSYN8200001"
    sheet = tmp_path / "rights.csv"
    export(out, "rights-csv", sheet)  # no MusicBrainz now: the show file keeps it all
    _, rows = read_rights_csv(sheet.read_text("utf-8"))
    assert (rows[0]["iswc"], rows[0]["isrc"]) == ("T-000.000.019-0", "ZZSYN8200001")
    assert (rows[0]["writer_1"], rows[0]["writer_1_role"], rows[0]["writer_1_ipi"]) == (
        "Chris Foreman", "composer", "00000000019",
    )


@pytest.mark.parametrize("fmt", PROFILES)
@pytest.mark.parametrize("source", ["sochi", "sochi-aired", "pop"])
def test_every_example_exports_in_every_profile(
    source: str, fmt: str, pop: MBServer, tmp_path: Path
) -> None:
    out = tmp_path / f"out.{'xlsx' if fmt == 'rights-rapidcue' else 'txt'}"
    if source == "pop":
        export(SETLIST, fmt, out, server=pop, cache=tmp_path / "c")
        titles = ["Our House", "Baba O'Riley", "Highway to Hell", "Dog Days Are Over",
                  "The Cave", "September", "Mrs. Robinson", "Waterloo Sunset"]  # fmt: skip
    else:
        extra = ("--as-run", str(AS_RUN)) if source == "sochi-aired" else ()
        export(SOCHI, fmt, out, *extra)
        titles = []
    if fmt == "rights-rapidcue":
        rows = _xlsx_rows(out)
        start = next(i for i, r in enumerate(rows) if r[0] == "Seq #")
        got = list(dict.fromkeys(r[2] for r in rows[start + 1 :]))
    elif fmt == "rights-soundexchange":
        lines = out.read_bytes().decode("utf-8").split("\r\n")[1:-1]
        got = list(dict.fromkeys(line.split("\t")[3] for line in lines))
    else:
        _, table = read_rights_csv(out.read_text("utf-8"))
        got = list(dict.fromkeys(r.get("title") or r["Title"] for r in table))
    if titles:
        assert got == titles
    else:
        assert "Goodbye, Sochi!" in got and "Thomas Bach declares the Games closed" not in got
        assert ("Theme from \"It's a Wonderful Life\"" in got) == (source == "sochi")


def test_works_and_header_keys_round_trip_through_json(show: Path, tmp_path: Path) -> None:
    from cuesheet.inputs import showjson

    loaded = showfile.load(show)
    assert showjson.loads(showjson.dumps(loaded)) == loaded
    assert loaded.channel == "BBC Radio 2" and loaded.segments[0].usage is not None


SET = """\
title: Main stage
date: 2024-07-06
timezone: Europe/London
start: "21:00"
segments:
  - title: Closing set
    cues:
      - song: Madness - Our House
        duration: 3:23
      - song: The Who - Baba O'Riley
        duration: 5:08
"""
SET_AIRED = """\
Time aired,Cue,Title,Artist,Duration
21:00:00,1,Our House,Madness,3:30
21:03:30,,Waterloo Sunset,The Kinks,3:15
"""


def test_the_sheet_of_what_aired_credits_extras(pop: MBServer, tmp_path: Path) -> None:
    plan, log = tmp_path / "set.yaml", tmp_path / "asrun.csv"
    plan.write_text(SET, "utf-8")
    log.write_text(SET_AIRED, "utf-8")
    out = tmp_path / "aired.csv"
    export(plan, "rights-csv", out, "--as-run", str(log), server=pop, cache=tmp_path / "c")
    header, rows = read_rights_csv(out.read_text("utf-8"))
    assert header["Timings"] == "as aired"
    assert [(r["title"], r["duration"], r["timing_in"]) for r in rows] == [
        ("Our House", "00:03:30", "00:00:00"),
        ("Waterloo Sunset", "00:03:15", "00:03:30"),  # the extra; Baba O'Riley did not air
    ]
    sunset = rows[1]
    assert people(sunset, "writer") == "Ray Davies (composer)"  # MusicBrainz's, not a guess
    assert people(sunset, "performer") == "The Kinks (performer)"


def test_sochi_public_domain_from_the_writers_years_of_death(tmp_path: Path) -> None:
    out = tmp_path / "sochi.csv"
    export(SOCHI, "rights-csv", out)
    header, rows = read_rights_csv(out.read_text("utf-8"))
    assert (header["Total length"], header["Total music length"]) == ("02:11:00", "01:09:30")
    flags = {r["cue"]: (r["public_domain"], r["public_domain_basis"]) for r in rows}
    assert flags["20"] == ("yes", "writers died by 1943")  # Rachmaninoff: 1943 + 70 < 2014
    assert flags["7"] == ("", "")  # the Russian anthem: Mikhalkov died in 2009
    assert flags["32"] == ("yes", "traditional")  # Arirang
    assert flags["3"] == ("", "")  # Tiomkin: no year of death in the show file
    anthem = next(r for r in rows if r["cue"] == "15")
    assert people(anthem, "writer") == (
        "Rikard Nordraak (composer); Bjørnstjerne Bjørnson (lyricist)"
    )


def test_the_generic_csv_reads_the_same_in_libreoffice(show: Path, tmp_path: Path) -> None:
    """LibreOffice's import dialog preselects UTF-8 for this file (it sniffs the charset);
    headless conversion has no dialog, so the filter names what the dialog would choose."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "rights.csv"
    export(show, "rights-csv", out)
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"),
         str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "lo" / "rights.xlsx").active
    assert ws is not None
    seen = [[_as_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    mine = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline="")))
    width = max(len(r) for r in mine)
    # LibreOffice takes dates, times and digits as values ("detect special numbers", on by
    # default): compare those as values, every text cell as it is.
    expected = [[_digits(c) for c in r] + [""] * (width - len(r)) for r in mine]
    assert expected == [r[:width] for r in seen]
    assert any("Emeli Sandé" in row for row in seen)


def _as_text(value: object) -> str:
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if value == int(value) else str(value)
    return str(value)


def _digits(cell: str) -> str:
    """A cell of digits as LibreOffice shows the number (leading zeros dropped)."""
    return str(int(cell)) if cell.isdigit() else cell
