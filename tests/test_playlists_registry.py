"""The format registry: names, extensions, unknown formats, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from playlists import registry
from playlists.errors import UnknownFormatError

ROOT = Path(__file__).resolve().parent.parent


def test_names_are_listed() -> None:
    assert registry.names() == ["csv", "cue", "json", "m3u", "m3u8", "xspf"]


@pytest.mark.parametrize(
    ("key", "name"),
    [("csv", "csv"), (".CSV", "csv"), ("m3u8", "m3u8"), (".m3u", "m3u"), ("XSPF", "xspf")],
)
def test_get_by_name_or_extension(key: str, name: str) -> None:
    assert registry.get(key).name == name


def test_for_path_uses_the_extension() -> None:
    assert registry.for_path("show/Out.M3U8").name == "m3u8"
    assert registry.for_path(Path("a.b/list.cue")).name == "cue"


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        registry.get("pls")
    message = str(caught.value)
    assert "'pls'" in message
    for name in registry.names():
        assert name in message
    assert isinstance(caught.value, LookupError)


def test_unknown_extension_names_the_file() -> None:
    with pytest.raises(UnknownFormatError, match=r"^out\.wpl: .*'\.wpl'.*\.m3u8"):
        registry.for_path("out.wpl")
    with pytest.raises(UnknownFormatError, match="no extension"):
        registry.for_path("README")


def test_every_format_module_has_the_four_functions() -> None:
    import importlib

    for fmt in registry.FORMATS:
        module = importlib.import_module(fmt.module)
        for name in ("loads", "dumps", "load", "dump"):
            assert callable(getattr(module, name)), f"{fmt.module}.{name}"


def test_lookup_imports_no_format_module() -> None:
    code = (
        "import sys\n"
        "from playlists import registry\n"
        "registry.get('xspf'); registry.for_path('a.csv')\n"
        "print(sorted(m for m in sys.modules if m.startswith('playlists.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = out.stdout.strip()
    assert "playlists.xspf" not in loaded and "playlists.csvfile" not in loaded
    assert "playlists.registry" in loaded
