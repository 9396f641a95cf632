"""What a check reports: a :class:`Finding` with a stable code and a severity."""

from __future__ import annotations

import json
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
        ensure_ascii=False)`` writes it, at a fraction of the cost (a shuffled as-run log
        makes tens of thousands of findings)."""
        code, severity, message, segment, cue = self[:5]
        si, ci, at, planned, actual, delta, line, on_air, running = self[5:]
        if not {*map(type, (si, ci, at, planned, actual, delta, line, running))} <= _NUMBERS or (
            type(on_air) is not bool
        ):  # not the types declared: let json write it
            return json.dumps(self.to_dict(), ensure_ascii=False)
        text = encode_basestring  # json's own string writer (C)
        return (
            f'{{"code": {text(code)}, "severity": {text(severity)}, '
            f'"segment": {"null" if segment is None else text(segment)}, '
            f'"cue": {"null" if cue is None else text(cue)}, "message": {text(message)}, '
            f'"segment_index": {"null" if si is None else si}, '
            f'"cue_index": {"null" if ci is None else ci}, '
            f'"line": {"null" if line is None else line}, '
            f'"on_air": {"true" if on_air else "false"}, '
            f'"times": {{"at_ms": {"null" if at is None else at}, '
            f'"planned_ms": {"null" if planned is None else planned}, '
            f'"actual_ms": {"null" if actual is None else actual}, '
            f'"delta_ms": {"null" if delta is None else delta}, '
            f'"running_ms": {"null" if running is None else running}}}}}'
        )


_NUMBERS = frozenset({int, type(None)})
"""The types :meth:`Finding.to_json` writes itself (as ``json`` does); others go to ``json``."""
