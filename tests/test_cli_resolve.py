"""``cuesheet resolve`` and the resolution step of ``cuesheet export``, against the local server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cuesheet.cli import cli
from cuesheet.inputs.sources import load_source
from cuesheet.model import DurationSource, MatchStatus
from tests.mbseed import EXPECTED
from tests.mbserver import MBServer
from tests.tools import SHARED

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "examples" / "sochi-2014-lists.txt"
SHOW = ROOT / "examples" / "sochi-2014-closing.yaml"
ARTICLE = SHARED / "seeds" / "article-closing-ceremony.txt"
IDS = json.loads((ROOT / "tests" / "fixtures" / "mb" / "ids.json").read_text("utf-8"))
KEYS = {
    "cue", "input", "status", "work_mbid", "recording_mbid", "artist_mbids", "title",
    "duration_ms", "duration_source", "candidates",
}  # fmt: skip
CANDIDATE_KEYS = {"work_mbid", "recording_mbid", "title", "score"}


@pytest.fixture
def server() -> Iterator[MBServer]:
    with MBServer() as srv:
        yield srv


def run(server: MBServer | None, cache: Path, *args: str, url: str | None = None) -> Result:
    options = ["--rate-limit", "0", "--cache", str(cache), "--retries", "0", "--timeout", "2"]
    if url is not None or server is not None:
        options += ["--musicbrainz", url or (server.url if server else "")]
    return CliRunner().invoke(cli, [*args, *options])


def check_rows(rows: list[dict[str, object]]) -> None:
    assert len(rows) == len(EXPECTED)
    for row, (status, work, rec, source, ms) in zip(rows, EXPECTED, strict=True):
        assert set(row) >= KEYS, row
        assert row["status"] == status.value, row
        assert row["work_mbid"] == (IDS["work"][work] if work else None), row
        assert row["recording_mbid"] == (IDS["recording"][rec] if rec else None), row
        assert (row["duration_source"], row["duration_ms"]) == (source, ms), row
        candidates = row["candidates"]
        assert isinstance(candidates, list) and len(candidates) <= 5
        for candidate in candidates:
            assert set(candidate) >= CANDIDATE_KEYS


def test_json_contract_on_the_example_lists(server: MBServer, tmp_path: Path) -> None:
    result = run(server, tmp_path / "c.sqlite3", "resolve", str(LISTS), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    check_rows(rows)
    assert [r["cue"] for r in rows] == [str(n) for n in range(1, 22)]
    assert rows[0]["input"].startswith("Modest Mussorgsky - 9th Movement")
    assert result.stderr == ""  # quiet when not on a terminal: no progress bar
    assert server.count <= 42


@pytest.mark.skipif(not ARTICLE.exists(), reason="no ../shared/seeds")
def test_the_seed_article_end_to_end(server: MBServer, tmp_path: Path) -> None:
    """The article itself, read by the foundation's list reader (prose ignored)."""
    result = run(server, tmp_path / "c.sqlite3", "resolve", str(ARTICLE), "--json")
    assert result.exit_code == 0, result.stderr
    check_rows(json.loads(result.stdout))


def test_written_show_keeps_what_was_found(server: MBServer, tmp_path: Path) -> None:
    out = tmp_path / "resolved.yaml"
    cache = tmp_path / "c.sqlite3"
    result = run(server, cache, "resolve", str(LISTS), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "18 resolved, 1 ambiguous, 2 unresolved" in result.stdout
    show = load_source(out)
    cues = [c for _, c in show.cues()]
    rach = cues[6]
    assert rach.ids.work_mbid == IDS["work"]["rach2"]
    assert (rach.duration_ms, rach.duration_source) == (2_032_000, DurationSource.ESTIMATE)
    assert rach.match is not None and rach.match.status is MatchStatus.RESOLVED
    assert ("Sergei Rachmaninoff", "composer") not in [(c.name, c.role.value) for c in rach.credits]
    greece = cues[17]
    assert greece.ids.recording_mbid == IDS["recording"]["gr_lpo"]
    assert greece.duration_source is DurationSource.MUSICBRAINZ
    assert ("Nikolaos Mantzaros", "composer") in [(c.name, c.role.value) for c in greece.credits]
    waltz = cues[9]
    assert waltz.match is not None and waltz.match.status is MatchStatus.AMBIGUOUS
    assert len(waltz.match.candidates) == 2 and waltz.duration_ms is None
    asked = server.count
    again = run(server, cache, "resolve", str(out), "--json")  # identified cues are skipped
    assert again.exit_code == 0, again.stderr
    assert server.count == asked
    rows = json.loads(again.stdout)
    assert rows[6]["note"] == "already identified in the source"


def test_export_resolves_by_default(server: MBServer, tmp_path: Path) -> None:
    out = tmp_path / "show.json"
    result = run(server, tmp_path / "c.sqlite3", "export", str(LISTS), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    cues = [c for s in json.loads(out.read_text())["segments"] for c in s["cues"]]
    assert cues[6]["ids"]["work_mbid"] == IDS["work"]["rach2"]
    assert cues[6]["duration_source"] == "estimate"
    assert server.count > 0
    before = server.count
    plain = tmp_path / "plain.json"
    result = run(
        server, tmp_path / "c.sqlite3", "export", str(LISTS), "-o", str(plain), "--no-resolve"
    )
    assert result.exit_code == 0 and server.count == before
    assert all(
        c["match"] is None for s in json.loads(plain.read_text())["segments"] for c in s["cues"]
    )


def test_export_without_a_service_still_writes_with_one_warning(tmp_path: Path) -> None:
    with MBServer() as gone:
        url = gone.url
    out = tmp_path / "show.csv"
    result = run(None, tmp_path / "c.sqlite3", "export", str(LISTS), "-o", str(out), url=url)
    assert result.exit_code == 0, result.stderr
    assert out.exists() and out.read_text().strip()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cuesheet: warning: MusicBrainz at ")
    assert "unreachable" in lines[0]


def test_resolve_without_a_service_and_nothing_cached_cannot_run(tmp_path: Path) -> None:
    with MBServer() as gone:
        url = gone.url
    out = tmp_path / "out.yaml"
    result = run(None, tmp_path / "c.sqlite3", "resolve", str(LISTS), "-o", str(out), url=url)
    assert result.exit_code == 1
    assert result.stderr.startswith("cuesheet: error: MusicBrainz at ")
    assert "and nothing is cached" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_partly_cached_goes_on_offline_with_one_warning(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    with MBServer() as srv:
        first = run(srv, cache, "resolve", str(LISTS), "--section", "Music", "--json")
        assert first.exit_code == 0, first.stderr
        url = srv.url
    result = run(None, cache, "resolve", str(LISTS), "--json", url=url)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["status"] for r in rows[:16]] == [s.value for s, *_ in EXPECTED[:16]]
    assert {r["status"] for r in rows[16:]} == {"unresolved"}
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1


def test_offline_uses_only_the_cache(server: MBServer, tmp_path: Path) -> None:
    result = run(server, tmp_path / "c.sqlite3", "resolve", str(LISTS), "--offline", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["status"] for r in rows} == {"unresolved"}
    assert server.count == 0
    warm = run(server, tmp_path / "c.sqlite3", "resolve", str(LISTS), "--json")
    assert warm.exit_code == 0
    asked = server.count
    offline = run(server, tmp_path / "c.sqlite3", "resolve", str(LISTS), "--offline", "--json")
    assert json.loads(offline.stdout) == json.loads(warm.stdout)
    assert server.count == asked


def test_server_from_the_environment(server: MBServer, tmp_path: Path) -> None:
    result = CliRunner(env={"CUESHEET_MUSICBRAINZ": server.url}).invoke(
        cli,
        ["resolve", str(LISTS), "--section", "Victory ceremonies", "--json", "--rate-limit", "0",
         "--cache", str(tmp_path / "c.sqlite3"), "--contact", "me@example.org"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["work_mbid"] == IDS["work"]["no_anthem"]
    agent = server.requests[0].user_agent
    assert agent.startswith("cuesheet/") and agent.endswith("( me@example.org )")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--musicbrainz", "musicbrainz.org"], "not a server URL"),
        (["--musicbrainz", "https://musicbrainz.org/search"], "without a path"),
        (["--rate-limit", "-1"], "--rate-limit"),
        (["-o", "out.m3u"], "cuesheet export writes playlists"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(
        cli, ["resolve", str(LISTS), "--cache", str(tmp_path / "c.sqlite3"), *args]
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_cache_that_is_not_ours_exits_1(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    result = CliRunner().invoke(cli, ["resolve", str(LISTS), "--cache", str(notes), "--offline"])
    assert result.exit_code == 1
    assert "not a cuesheet cache" in result.stderr and "Traceback" not in result.stderr
    assert notes.read_text() == "not a database\n" * 100


def test_refuses_to_overwrite_its_input(server: MBServer, tmp_path: Path) -> None:
    source = tmp_path / "show.yaml"
    source.write_text(SHOW.read_text("utf-8"), "utf-8")
    result = run(server, tmp_path / "c.sqlite3", "resolve", str(source), "-o", str(source))
    assert result.exit_code == 2
    assert source.read_text("utf-8") == SHOW.read_text("utf-8")


def test_show_file_to_standard_output(server: MBServer, tmp_path: Path) -> None:
    result = run(server, tmp_path / "c.sqlite3", "resolve", str(SHOW), "-o", "-")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "again.yaml"
    out.write_text(result.stdout, "utf-8")
    show = load_source(out)
    performers = {
        c.title: c for _, c in show.cues() if c.ids.recording_mbid == IDS["recording"]["rach2_r1"]
    }
    assert list(performers) == ["Piano Concerto No. 2"]  # Matsuev's own recording


def test_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["resolve", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and "--musicbrainz" in result.stdout


class _Terminal:
    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_a_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from cuesheet.cli import progress as module

    terminal = _Terminal()
    monkeypatch.setattr(module.sys, "stderr", terminal)
    with module.progress_bar("MusicBrainz") as update:
        update(0, 3)
        update(3, 3)
    assert "MusicBrainz" in "".join(terminal.written)
    monkeypatch.undo()
    quiet = _Terminal()
    quiet.isatty = lambda: False  # type: ignore[method-assign]
    monkeypatch.setattr(module.sys, "stderr", quiet)
    with module.progress_bar("MusicBrainz") as update:  # not a terminal: no bar
        update(0, 3)
        update(3, 3)
    assert quiet.written == []


def test_offline_with_nothing_cached_says_so_and_names_the_server(tmp_path: Path) -> None:
    mirror = "http://mirror.invalid:5000"
    result = run(None, tmp_path / "c.sqlite3", "resolve", str(LISTS), "--offline", url=mirror)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"cuesheet: warning: offline, and nothing is cached for these {len(EXPECTED)} entries: "
        f"a run allowed to connect would ask MusicBrainz at {mirror} "
        f"(cuesheet resolve {LISTS} without --offline asks it)\n"
    )


def test_offline_from_the_settings_says_how_to_connect(tmp_path: Path) -> None:
    result = CliRunner(env={"CUESHEET_OFFLINE": "1"}).invoke(
        cli, ["resolve", str(LISTS), "--cache", str(tmp_path / "c.sqlite3"), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    assert "nothing is cached" in result.stderr and "https://musicbrainz.org" in result.stderr
    assert f"CUESHEET_OFFLINE=0 cuesheet resolve {LISTS} asks it" in result.stderr


def test_offline_partly_cached_counts_what_is_missing(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    with MBServer() as srv:
        first = run(srv, cache, "resolve", str(LISTS), "--section", "Music", "--json")
        assert first.exit_code == 0, first.stderr
        url = srv.url
    result = run(None, cache, "resolve", str(LISTS), "--offline", "--json", url=url)
    assert result.exit_code == 0, result.stderr
    missing = len(EXPECTED) - 16
    assert f"offline, and {missing} of {len(EXPECTED)} entries are not cached" in result.stderr
    assert url in result.stderr
