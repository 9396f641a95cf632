"""Every test runs without the user's cuesheet settings (config file and environment)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cuesheet.cli.settings import CONFIG_ENV, SETTINGS


@pytest.fixture(autouse=True)
def _no_user_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    monkeypatch.setenv(CONFIG_ENV, str(Path(tmp_path_factory.getbasetemp()) / "no-config.toml"))
    for setting in SETTINGS:
        if setting.env not in ("CUESHEET_MUSICBRAINZ",):  # tests set this one themselves
            monkeypatch.delenv(setting.env, raising=False)
    yield
