"""A rule: a stable code, a name, a default severity and a one-line summary.

Rules are plain values; the functions that apply them live in the small
modules of this package and build their findings with :meth:`Rule.finding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cuesheet.checks.finding import Finding, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """One check with a stable code (``TIM003``) and a readable name (``fixed-time-overrun``)."""

    code: str
    name: str
    severity: Severity
    summary: str

    def finding(self, message: str, **fields: Any) -> Finding:
        """A finding of this rule at its default severity."""
        return Finding(self.code, self.severity, message, **fields)
