"""Every rule, in one explicit table, and the functions that apply them.

Codes are stable: a rule keeps its code for good, and a retired code is never
reused.  ``docs/checks.md`` documents each one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from cuesheet.checks import (
    aired,
    audio,
    durations,
    exportlimits,
    fixedtimes,
    flow,
    numbers,
    repeats,
    resolution,
)
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding
from cuesheet.checks.rule import Rule
from cuesheet.errors import InputError

Check = Callable[[Context], Iterator[Finding]]

_MODULES = (numbers, flow, fixedtimes, durations, resolution, audio, repeats, exportlimits, aired)

RULES: tuple[Rule, ...] = tuple(
    sorted((r for m in _MODULES for r in m.RULES), key=lambda r: r.code)
)
"""Every rule, by code."""

CHECKS: tuple[Check, ...] = tuple(m.check for m in _MODULES)
"""The functions that apply the rules, in the order they run."""

_BY_KEY = {key.lower(): rule for rule in RULES for key in (rule.code, rule.name)}


def codes() -> list[str]:
    """Every rule code."""
    return [rule.code for rule in RULES]


def get(code_or_name: str) -> Rule:
    """The rule with this code (``TIM003``) or name (``fixed-time-overrun``), any case.

    Raises :class:`InputError` listing the known codes otherwise.
    """
    rule = _BY_KEY.get(code_or_name.strip().lower())
    if rule is None:
        raise InputError(f"unknown check {code_or_name!r}; known codes: {', '.join(codes())}")
    return rule


def select(codes_or_names: Iterable[str]) -> frozenset[str]:
    """The codes of the rules named (codes or names); InputError on an unknown one."""
    return frozenset(get(key).code for key in codes_or_names)
