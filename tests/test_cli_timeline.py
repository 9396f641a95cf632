"""``cuesheet timeline``: format from the extension, atomic output, never over the input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.model import Show


def test_an_unknown_output_extension_is_bad_input(tmp_path: Path) -> None:
    source = tmp_path / "show.yaml"
    source.write_text("title: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timeline", str(source), "-o", str(tmp_path / "show.pdf")])
    assert result.exit_code == 2
    assert "use .html or .svg" in result.stderr
    assert not (tmp_path / "show.pdf").exists()


def test_it_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "show.svg"
    source.write_text("title: x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timeline", str(source), "-o", str(source)])
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert source.read_text(encoding="utf-8") == "title: x\n"


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["timeline", "--help"])
    assert result.exit_code == 0
    assert "cuesheet timeline examples/sochi-2014-closing.yaml -o sochi.html" in result.stdout


ROOT = Path(__file__).resolve().parent.parent
SOCHI = ROOT / "examples" / "sochi-2014-closing.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def sochi() -> Show:
    from cuesheet.inputs.sources import load_source

    return load_source(SOCHI)


def test_the_sochi_page_has_every_cue_the_fixed_times_and_the_findings(tmp_path: Path) -> None:
    out = tmp_path / "sochi.html"
    result = CliRunner().invoke(cli, ["timeline", str(SOCHI), "-o", str(out), "--no-resolve"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    show = sochi()
    cues = sum(len(s.cues) for s in show.segments)
    assert page.count('class="cue k-') == cues
    assert "22:04 Games declared closed" in page
    assert "Local time, UTC+04:00" in page
    assert "<h2>Findings (" not in page  # the example is a sound plan: nothing to list
    assert not list(tmp_path.glob(".sochi.html.*")), "temporary file left behind"


def test_the_page_lists_what_check_finds(tmp_path: Path) -> None:
    import re

    open_music = tmp_path / "open.yaml"  # one music cue without its estimated length
    open_music.write_text(
        re.sub(
            r"\n *duration: [0-9:]+\n *duration_source: estimate",
            "",
            SOCHI.read_text(encoding="utf-8"),
            count=1,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "open.html"
    result = CliRunner().invoke(cli, ["timeline", str(open_music), "-o", str(out), "--no-resolve"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<h2>Findings (" in page and "TIM008" in page
    assert not list(tmp_path.glob(".sochi.html.*")), "temporary file left behind"


def test_no_check_leaves_the_findings_off(tmp_path: Path) -> None:
    out = tmp_path / "sochi.html"
    result = CliRunner().invoke(
        cli, ["timeline", str(SOCHI), "-o", str(out), "--no-check", "--no-resolve"]
    )
    assert result.exit_code == 0, result.output
    assert "Findings" not in out.read_text(encoding="utf-8")


def test_an_unknown_ignore_code_is_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "sochi.html"
    result = CliRunner().invoke(
        cli, ["timeline", str(SOCHI), "-o", str(out), "--ignore", "NOPE999", "--no-resolve"]
    )
    assert result.exit_code == 2
    assert "NOPE999" in result.stderr
    assert not out.exists()


def test_the_svg_goes_to_a_file_or_to_standard_output(tmp_path: Path) -> None:
    out = tmp_path / "sochi.svg"
    result = CliRunner().invoke(cli, ["timeline", str(SOCHI), "-o", str(out), "--no-resolve"])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())
    assert root.tag == f"{SVG}svg"
    to_stdout = CliRunner().invoke(
        cli, ["timeline", str(SOCHI), "-o", "-", "-f", "svg", "--no-resolve"]
    )
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


def test_px_per_minute_sets_the_scale(tmp_path: Path) -> None:
    out = tmp_path / "sochi.svg"
    args = ["timeline", str(SOCHI), "-o", str(out), "--px-per-minute", "4", "--no-resolve"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    root = ET.fromstring(out.read_bytes())
    assert root.attrib["data-px-per-minute"] == "4"
    # 20:14 to 22:25 is 131 minutes.
    assert int(root.attrib["width"]) == 250 + 131 * 4 + 48


def sochi_log(show: Show) -> str:
    """What aired: the plan's cues in order, the 3rd dropped, the 5th and 6th swapped,
    everything from the 10th on 45 s late.  Times are local wall clock."""
    from cuesheet.timing import clock
    from cuesheet.timing.engine import compute

    timing = compute(show)
    rows = [
        (timing.cue(si, ci).front_ms, cue)
        for si, segment in enumerate(show.segments)
        for ci, cue in enumerate(segment.cues)
    ]
    start = show.start_ms
    aired = [row for k, row in enumerate(rows) if k != 2]
    aired[3], aired[4] = aired[4], aired[3]
    lines = ["time,title,cue"]
    cursor = start
    for k, (front, cue) in enumerate(aired):
        at = front if front is not None else cursor
        at += 45_000 if k >= 8 else 0
        cursor = at + (cue.duration_ms or 60_000)
        title = cue.title.replace('"', '""')
        lines.append(f'{clock.hhmmss_local(at, show.timezone)},"{title}",{cue.number}')
    return "\n".join(lines) + "\n"


def test_as_run_draws_what_aired_and_lists_what_went_wrong(tmp_path: Path) -> None:
    show = sochi()
    log = tmp_path / "asrun.csv"
    log.write_text(sochi_log(show), encoding="utf-8")
    out = tmp_path / "aired.html"
    result = CliRunner().invoke(
        cli, ["timeline", str(SOCHI), "--as-run", str(log), "-o", str(out), "--no-resolve"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    cues = [c for s in show.segments for c in s.cues]
    assert page.count('<g id="aired-') == len(cues) - 1
    assert f'Dropped: <a href="#cue-{cues[2].number}">' in page
    assert page.count("Swapped: ") == 2
    assert "on air:" in page
    assert "RUN001" in page, "the as-run findings are listed"
    assert "+0:45" in page


def test_a_bad_as_run_log_is_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    log = tmp_path / "asrun.csv"
    log.write_text("time,title\n20:14:00,Countdown\n21:3O:00,Oops\n", encoding="utf-8")
    out = tmp_path / "aired.html"
    result = CliRunner().invoke(
        cli, ["timeline", str(SOCHI), "--as-run", str(log), "-o", str(out), "--no-resolve"]
    )
    assert result.exit_code == 2
    assert "asrun.csv:3" in result.stderr
    assert not out.exists()


def test_it_refuses_to_write_over_the_as_run_log(tmp_path: Path) -> None:
    log = tmp_path / "asrun.svg"
    log.write_text("time,title\n20:14:00,Countdown\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timeline", str(SOCHI), "--as-run", str(log), "-o", str(log)])
    assert result.exit_code == 2
    assert log.read_text(encoding="utf-8") == "time,title\n20:14:00,Countdown\n"


def test_resolution_on_the_local_musicbrainz_server_fills_the_picture(tmp_path: Path) -> None:
    """Durations and ids found on MusicBrainz (a local server) time more cues and add links."""
    import re

    from tests.mbserver import MBServer

    out = tmp_path / "resolved.svg"
    offline = tmp_path / "offline.svg"
    # The example's music durations are estimates: leave them out so MusicBrainz has work to do.
    open_music = tmp_path / "sochi.yaml"
    open_music.write_text(
        re.sub(
            r"\n *duration: [0-9:]+\n *duration_source: estimate",
            "",
            SOCHI.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    args = ["timeline", str(open_music), "--rate-limit", "0", "--retries", "0", "--timeout", "2"]
    with MBServer() as server:
        result = CliRunner().invoke(
            cli,
            [
                *args,
                "-o",
                str(out),
                "--cache",
                str(tmp_path / "c.sqlite3"),
                "--musicbrainz",
                server.url,
            ],
        )
        assert result.exit_code == 0, result.stderr
        assert server.count > 0
    assert (
        CliRunner()
        .invoke(cli, ["timeline", str(open_music), "-o", str(offline), "--no-resolve"])
        .exit_code
        == 0
    )
    resolved_svg, offline_svg = out.read_text("utf-8"), offline.read_text("utf-8")
    timed = 'data-placement="timed"'
    assert resolved_svg.count(timed) > offline_svg.count(timed)
    links = set(
        re.findall(
            r'href="(https://musicbrainz\.org/(?:recording|work)/[0-9a-f-]{36})"', resolved_svg
        )
    )
    assert links and not re.search(r'href="https://musicbrainz', offline_svg)


def test_the_bundled_sochi_as_run_example(tmp_path: Path) -> None:
    """examples/sochi-2014-asrun.csv: cue 3 dropped, 24 and 25 swapped, speeches late."""
    log = ROOT / "examples" / "sochi-2014-asrun.csv"
    out = tmp_path / "aired.html"
    args = ["timeline", str(SOCHI), "--as-run", str(log), "-o", str(out), "--no-resolve"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert 'Dropped: <a href="#cue-3">cue 3</a>' in page
    assert 'Swapped: <a href="#cue-24">cue 24</a>' in page
    assert 'Swapped: <a href="#cue-25">cue 25</a>' in page
    assert "on air: over by 0:20" in page
    root = ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6].encode("utf-8"))
    # Late starts show as red connectors from the planned start down to the aired one.
    late = [ln for ln in root.iter(f"{SVG}line") if ln.attrib.get("class") == "link late"]
    assert late, "no aired cue is marked late"
    assert all(float(ln.attrib["x2"]) > float(ln.attrib["x1"]) for ln in late)


def test_the_page_lists_real_audio_lengths_and_takes_the_tolerance(tmp_path: Path) -> None:
    from checkcases import SEC, clean_log, clean_show, shifted, with_cue
    from test_cli_check import save_log, save_show, without_files, write_wav

    show = with_cue(without_files(clean_show(tmp_path)), "2", file="2.wav")  # planned 4:00
    write_wav(tmp_path / "2.wav", 235)
    plan = save_show(show, tmp_path / "show.json")
    late = save_log(shifted(clean_log(show), 6, SEC), tmp_path / "asrun.csv")

    def page(*options: str) -> str:
        out = tmp_path / "page.html"
        args = ["timeline", str(plan), "-o", str(out), "--no-resolve", "--as-run", str(late)]
        result = CliRunner().invoke(cli, [*args, *options])
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8")

    usual = page()
    assert "AUD002" in usual and "RUN005" not in usual
    tight = page("--tolerance", "0.5")
    assert "RUN005" in tight
    bad = CliRunner().invoke(cli, ["timeline", str(plan), "-o", "-", "--tolerance", "soon"])
    assert bad.exit_code == 2 and "'soon' is not a number of seconds" in bad.stderr
