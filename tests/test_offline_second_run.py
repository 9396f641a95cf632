"""A second run within a remembered outage asks nothing, and with nothing cached loads no resolver.

The time it takes is measured in ``bench/bench_offline.py``; here, what it does.
"""

from __future__ import annotations

import socket
from pathlib import Path

from click.testing import CliRunner

from cuesheet.cli import cli
from metadata.cache import Cache
from tests.test_startup import SHOW, imported


def _refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _first_run(show: Path, cache: Path, url: str) -> None:
    result = CliRunner().invoke(
        cli, ["timing", str(show), "--cache", str(cache), "--musicbrainz", url, "--retries", "0"]
    )
    assert result.exit_code == 0, result.stderr
    assert "is unreachable (connection refused" in result.stderr


def test_nothing_cached_skips_the_resolver_and_says_since_when(tmp_path: Path) -> None:
    show, cache, url = tmp_path / "show.yaml", tmp_path / "c.sqlite3", _refused_url()
    show.write_text(SHOW, encoding="utf-8")
    _first_run(show, cache, url)
    second = CliRunner().invoke(
        cli, ["timing", str(show), "--cache", str(cache), "--musicbrainz", url]
    )
    assert second.exit_code == 0, second.stderr
    assert second.stderr.startswith(f"cuesheet: warning: MusicBrainz at {url} unreachable since ")
    assert "cached answers only until" in second.stderr
    modules = imported(tmp_path, "timing", str(show), "--cache", str(cache), "--musicbrainz", url)
    assert not modules & {"metadata.resolve", "metadata.musicbrainz", "concurrent.futures"}


def test_cached_answers_are_still_served_by_the_resolver(tmp_path: Path) -> None:
    show, cache, url = tmp_path / "show.yaml", tmp_path / "c.sqlite3", _refused_url()
    show.write_text(SHOW, encoding="utf-8")
    _first_run(show, cache, url)
    with Cache(cache) as opened:
        opened.put("ws2", "some answer", b"<metadata/>")
    modules = imported(tmp_path, "timing", str(show), "--cache", str(cache), "--musicbrainz", url)
    assert "metadata.resolve" in modules  # the resolver runs, to serve what is cached


def test_retry_now_still_asks(tmp_path: Path) -> None:
    show, cache, url = tmp_path / "show.yaml", tmp_path / "c.sqlite3", _refused_url()
    show.write_text(SHOW, encoding="utf-8")
    _first_run(show, cache, url)
    again = CliRunner().invoke(
        cli,
        ["timing", str(show), "--cache", str(cache), "--musicbrainz", url, "--retry-now",
         "--retries", "0"],
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert "is unreachable (connection refused, 1 attempt)" in again.stderr
