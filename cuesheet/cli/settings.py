"""Settings people set once: a TOML file in the user's config folder, and environment variables.

Only the command line reads settings; it hands them to click as option defaults
(``default_map``), so the order is: an option given on the command line, then the
environment variable, then the config file, then the built-in default.  The file is
``config.toml`` in the user's config folder (platformdirs), or ``$CUESHEET_CONFIG``::

    [musicbrainz]
    url = "http://localhost:5000"
    offline = true

``cuesheet config`` prints every setting with where it came from; ``cuesheet config --init``
writes a commented file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_ENV = "CUESHEET_CONFIG"
"""An environment variable naming another config file."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its key in the file, its environment variable, the option it fills."""

    key: str
    """``section.name`` in the TOML file."""
    env: str
    option: str
    """The click parameter name it is a default for."""
    kind: str
    """``str``, ``bool``, ``number`` (seconds, minutes or per second) or ``paths``."""
    default: object
    help: str


SETTINGS = (
    Setting("musicbrainz.url", "CUESHEET_MUSICBRAINZ", "musicbrainz", "str",
            "https://musicbrainz.org", "the MusicBrainz server, e.g. a mirror"),
    Setting("musicbrainz.contact", "CUESHEET_CONTACT", "contact", "str", None,
            "your e-mail or URL, sent in the User-Agent as MusicBrainz asks"),
    Setting("musicbrainz.offline", "CUESHEET_OFFLINE", "offline", "bool", False,
            "use cached answers only, as --offline does"),
    Setting("musicbrainz.rate_limit", "CUESHEET_RATE_LIMIT", "rate_limit", "number", 1.0,
            "requests per second; 0 for none (a local mirror)"),
    Setting("musicbrainz.cache", "CUESHEET_CACHE", "cache", "str", None,
            "the cache file (default: musicbrainz.sqlite3 in the user cache folder)"),
    Setting("musicbrainz.timeout", "CUESHEET_TIMEOUT", "timeout", "number", 20,
            "seconds one request may take, from connect to last byte"),
    Setting("musicbrainz.give_up", "CUESHEET_GIVE_UP", "give_up", "number", 5,
            "seconds to wait for a server that has not answered at all"),
    Setting("musicbrainz.unreachable_for", "CUESHEET_UNREACHABLE_FOR", "unreachable_for",
            "number", 10, "minutes an unreachable server is not asked again; 0 never"),
    Setting("library.folders", "CUESHEET_LIBRARY", "libraries", "paths", [],
            "folders of audio files matched to cues (in the environment: joined by "
            f"{os.pathsep!r})"),
    Setting("library.index", "CUESHEET_LIBRARY_INDEX", "index_path", "str", None,
            "the library index file (default: in the user cache folder)"),
    Setting("show.timezone", "CUESHEET_TIMEZONE", "tz", "str", None,
            "the IANA timezone of text lists that do not say (default UTC)"),
)  # fmt: skip


class SettingsError(ValueError):
    """A config file or environment variable that cannot be used; names where and why."""


@dataclass(frozen=True, slots=True)
class Value:
    """A setting in force: its value and where it came from."""

    setting: Setting
    value: object
    origin: str
    """``default``, ``env CUESHEET_...`` or ``file <path>``."""


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """``$CUESHEET_CONFIG``, else ``config.toml`` in the user's config folder."""
    env = os.environ if env is None else env
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    import platformdirs

    return Path(platformdirs.user_config_dir("cuesheet", appauthor=False)) / "config.toml"


def load(env: Mapping[str, str] | None = None) -> list[Value]:
    """Every setting in force, with its origin (environment over file over default).

    :raises SettingsError: for unreadable TOML, an unknown key or a value of the wrong type.
    """
    env = os.environ if env is None else env
    path = config_path(env)
    from_file = _read(path)
    values: list[Value] = []
    for setting in SETTINGS:
        if env.get(setting.env):
            raw: object = env[setting.env]
            origin = f"env {setting.env}"
            value = _from_env(setting, str(raw))
        elif setting.key in from_file:
            value = _check(setting, from_file[setting.key], path)
            origin = f"file {path}"
        else:
            value, origin = setting.default, "default"
        values.append(Value(setting, value, origin))
    return values


def default_map(commands: list[str], values: list[Value]) -> dict[str, dict[str, Any]]:
    """click's ``default_map``: every command gets the settings from the file and the
    environment as defaults of the options of the same name (unknown ones are unused)."""
    chosen = {v.setting.option: _as_option(v) for v in values if v.origin != "default"}
    return {name: dict(chosen) for name in commands}


def _as_option(value: Value) -> object:
    """The value as click expects it as an option's default (text for seconds options)."""
    if value.setting.option in ("timeout", "give_up", "unreachable_for"):
        return str(value.value)
    return value.value


def _read(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}  # the usual case: no TOML parser imported for it
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read the config file: {error}") from error
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: {error}") from error
    known = {s.key for s in SETTINGS}
    flat: dict[str, object] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: '{section}' must be a [section], got a value")
        for name, value in table.items():
            key = f"{section}.{name}"
            if key not in known:
                import difflib

                close = difflib.get_close_matches(key, sorted(known), n=1)
                listed = ", ".join(sorted(known))
                hint = f"did you mean '{close[0]}'?" if close else f"known: {listed}"
                raise SettingsError(f"{path}: unknown setting '{key}' ({hint})")
            flat[key] = value
    return flat


_CHECKS: dict[str, Callable[[object], bool]] = {
    "str": lambda v: isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0,
    "paths": lambda v: isinstance(v, list) and all(isinstance(p, str) for p in v),
}
_EXPECTED = {
    "str": "text",
    "bool": "true or false",
    "number": "a number of 0 or more",
    "paths": 'a list of folders, e.g. ["~/Music"]',
}


def _check(setting: Setting, value: object, path: Path) -> object:
    if not _CHECKS[setting.kind](value):
        raise SettingsError(
            f"{path}: {setting.key} must be {_EXPECTED[setting.kind]}, got {value!r}"
        )
    if setting.kind == "paths":
        assert isinstance(value, list)
        return [str(Path(p).expanduser()) for p in value]
    if setting.kind == "str" and setting.key in ("musicbrainz.cache", "library.index"):
        return str(Path(str(value)).expanduser())
    return value


def _from_env(setting: Setting, raw: str) -> object:
    if setting.kind == "bool":
        lowered = raw.strip().lower()
        if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
            raise SettingsError(f"{setting.env} must be true or false, got {raw!r}")
        return lowered in ("1", "true", "yes", "on")
    if setting.kind == "number":
        try:
            number = float(raw)
        except ValueError:
            raise SettingsError(f"{setting.env} must be a number, got {raw!r}") from None
        return int(number) if number.is_integer() else number
    if setting.kind == "paths":
        return [p for p in raw.split(os.pathsep) if p]
    return raw


def template() -> str:
    """The commented file ``cuesheet config --init`` writes (every setting commented out)."""
    lines = [
        "# cuesheet settings. Options on the command line win over environment",
        "# variables, which win over this file. Uncomment what you want to change.",
    ]
    section = ""
    for setting in SETTINGS:
        head, name = setting.key.split(".")
        if head != section:
            section = head
            lines += ["", f"[{section}]"]
        lines.append(f"# {setting.help} (env {setting.env})")
        lines.append(f"# {name} = {_toml(setting.default, setting)}")
    return "\n".join(lines) + "\n"


def _toml(value: object, setting: Setting) -> str:
    if value is None:
        return {"musicbrainz.contact": '"you@example.org"', "show.timezone": '"Europe/London"'}.get(
            setting.key, '"..."'
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return '["~/Music"]' if not value else str(value)
    return str(value)


def show(value: object) -> str:
    """A value as ``cuesheet config`` prints it (TOML-like)."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return str(value)
