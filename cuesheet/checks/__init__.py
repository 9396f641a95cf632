"""``cuesheet check``: rules over a show (and what aired), each with a stable code.

:func:`check` runs them all and returns :class:`Finding` values; the rule
table is :data:`cuesheet.checks.registry.RULES` (documented in docs/checks.md).
Each small module holds the rules of one concern.
"""

from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.run import check, fails, has_errors

__all__ = ["Finding", "Severity", "check", "fails", "has_errors"]
