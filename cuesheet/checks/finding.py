"""What a check reports: a :class:`Finding` with a stable code and a severity."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from json.encoder import encode_basestring
from typing import Any, NamedTuple


class Severity(str, Enum):
    """How bad a finding is; ``--strict`` turns warnings into errors."""

    WARNING = "warning"
    ERROR = "error"


class Finding(NamedTuple):
    """One thing a check found, naming the segment and cue it is about.

    Instants are milliseconds since the Unix epoch (UTC); durations and
    ``delta_ms`` are milliseconds.  Every time field is ``None`` when it does not
    apply.  An immutable named tuple: a shuffled as-run log can make tens of
    thousands of findings, and a tuple is made several times faster than a frozen
    dataclass.
    """

    code: str
    """Stable rule code, e.g. ``TIM003``."""
    severity: Severity
    message: str
    """One self-contained sentence naming the segment and cue."""
    segment: str | None = None
    """Title of the segment it is about; ``None`` for the show as a whole."""
    cue: str | None = None
    """Number of the cue it is about (as written); ``None`` when not about one cue."""
    segment_index: int | None = None
    """Index of the segment in the plan (for links), ``None`` when not in the plan."""
    cue_index: int | None = None
    """Index of the cue inside its segment, ``None`` when not about a planned cue."""
    at_ms: int | None = None
    """The instant the finding is about (a fixed time, a cue's start), epoch ms."""
    planned_ms: int | None = None
    """What the plan says (an instant or a duration, as the rule documents), ms."""
    actual_ms: int | None = None
    """What was found instead (an instant or a duration), ms."""
    delta_ms: int | None = None
    """By how much: ``actual - planned``; positive means over, late or longer, ms."""
    line: int | None = None
    """Line of the as-run log the finding comes from, when it comes from one."""
    on_air: bool = False
    """True for what happened on air (``--as-run``), False for what the plan holds."""
    running_ms: int | None = None
    """For a place where time was gained or lost on air: running over (+) or under (-)
    after it, ms."""

    def escalated(self) -> Finding:
        """This finding at error level (what ``--strict`` does to warnings)."""
        return self._replace(severity=Severity.ERROR)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: code, severity, segment, cue, message and times (ms)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "segment": self.segment,
            "cue": self.cue,
            "message": self.message,
            "segment_index": self.segment_index,
            "cue_index": self.cue_index,
            "line": self.line,
            "on_air": self.on_air,
            "times": {
                "at_ms": self.at_ms,
                "planned_ms": self.planned_ms,
                "actual_ms": self.actual_ms,
                "delta_ms": self.delta_ms,
                "running_ms": self.running_ms,
            },
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as one line of JSON, exactly as ``json.dumps(finding.to_dict(),
        ensure_ascii=False)`` writes it, at a fraction of the cost (thousands of findings
        are written at once)."""
        return _JSON_LINE.format(*[_JSON_OF.get(type(v), _json_other)(v) for v in self])


_JSON_LINE = (
    '{{"code": {0}, "severity": {1}, "segment": {3}, "cue": {4}, "message": {2}, '
    '"segment_index": {5}, "cue_index": {6}, "line": {11}, "on_air": {12}, '
    '"times": {{"at_ms": {7}, "planned_ms": {8}, "actual_ms": {9}, "delta_ms": {10}, '
    '"running_ms": {13}}}}}'
)
""":meth:`Finding.to_dict`'s JSON with a slot per field, numbered in the tuple's order."""

_JSON_OF: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    Severity: encode_basestring,  # a str enum: its value
    int: int.__repr__,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): {None: "null"}.__getitem__,
}
"""How ``json.dumps`` writes a value of each type a finding holds (all C functions)."""


def _json_other(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
