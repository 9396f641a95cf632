"""Commands against a service that is gone, or is not MusicBrainz (issues 13 and 14)."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cuesheet.cli import cli
from tests.mbserver import MBServer

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "examples" / "sochi-2014-lists.txt"
SHOW = ROOT / "examples" / "sochi-2014-closing.yaml"


def run(url: str, cache: Path, *args: str, rate: str = "0") -> Result:
    options = ["--cache", str(cache), "--musicbrainz", url, "--rate-limit", rate, "--timeout", "2"]
    return CliRunner().invoke(cli, [*args, *options])


def refused_url() -> str:
    with MBServer() as gone:
        return gone.url


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every TCP connection the command tries, recorded."""
    seen: list[object] = []
    original = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        seen.append(address)
        original(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


def test_a_second_command_within_ten_minutes_does_not_ask(
    tmp_path: Path, connects: list[object]
) -> None:
    url, cache = refused_url(), tmp_path / "c.sqlite3"
    first = run(url, cache, "timing", str(SHOW), rate="1")
    assert first.exit_code == 0, first.stderr
    assert first.stderr.splitlines() == [
        f"cuesheet: warning: MusicBrainz at {url} is unreachable (connection refused, 1 attempt); "
        "went on with cached answers only; not asked again until "
        + first.stderr.split("until ")[1].split(" ")[0]
        + " (--retry-now asks at once)"
    ]
    assert len(connects) == 1
    second = run(url, cache, "timing", str(SHOW))
    assert second.exit_code == 0, second.stderr
    assert len(connects) == 1  # straight to the cached answers
    (line,) = second.stderr.splitlines()
    assert line.startswith(f"cuesheet: warning: MusicBrainz at {url} unreachable since ")
    assert line.endswith("(cuesheet resolve or --retry-now asks again)")
    assert second.stdout == first.stdout
    again = run(url, cache, "timing", str(SHOW), "--retry-now", rate="1")
    assert again.exit_code == 0 and len(connects) == 2
    resolve = run(url, cache, "resolve", str(LISTS), rate="1")
    assert resolve.exit_code == 1 and len(connects) == 3  # resolve always asks
    assert "unreachable (connection refused, 1 attempt), and nothing is cached" in resolve.stderr


@pytest.mark.parametrize("kind", ["404", "404-html", "html", "empty", "redirect-loop"])
def test_a_server_that_is_not_musicbrainz_is_named_and_resolve_fails(
    tmp_path: Path, kind: str
) -> None:
    cache = tmp_path / "c.sqlite3"
    with MBServer() as server:
        server.fail(kind, times=10**6)
        resolve = run(server.url, cache, "resolve", str(LISTS), "--json", rate="1")
        assert resolve.exit_code == 1
        (line,) = resolve.stderr.splitlines()
        assert line.startswith(
            f"cuesheet: error: the server at {server.url} does not answer like MusicBrainz: a "
        )
        assert line.endswith("(check --musicbrainz)")
        assert resolve.stdout == ""
        out = tmp_path / "show.csv"
        export = run(server.url, cache, "export", str(LISTS), "-o", str(out), rate="1")
        assert export.exit_code == 0 and out.exists()
        (warning,) = export.stderr.splitlines()
        assert "does not answer like MusicBrainz" in warning
        one = 5 if kind == "redirect-loop" else 1  # urllib sees a URL 5 times before it stops
        assert server.count == 2 * one  # one request per command: the first answer said it all
        server.faults.clear()
        healthy = run(server.url, cache, "resolve", str(LISTS), "--json")
        assert healthy.exit_code == 0, healthy.stderr  # nothing bad was cached
        assert {r["status"] for r in json.loads(healthy.stdout)} != {"unresolved"}


def test_with_the_cache_expired_and_the_server_gone_every_cached_answer_counts(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "c.sqlite3"
    with MBServer() as server:
        warm = run(server.url, cache, "resolve", str(LISTS), "--json")
        assert warm.exit_code == 0, warm.stderr
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE entries SET expires_ms = 1")  # everything expired long ago
    db.close()
    down = run(server.url, cache, "resolve", str(LISTS), "--json")
    assert down.exit_code == 0, down.stderr
    assert json.loads(down.stdout) == json.loads(warm.stdout)
    assert "unreachable" in down.stderr
