"""Read bench/gold/lines.txt into resolver queries with their expected answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from metadata.resolve import Name, Query

LINES = Path(__file__).with_name("lines.txt")
_ARRANGED = re.compile(r",\s*(?:arr\.|orch\.)\s*(.+)$")


@dataclass(frozen=True)
class GoldLine:
    """One list line: its event, the query it becomes and the expected work or recording."""

    event: str
    line: str
    query: Query
    work: str | None
    recording: str | None


def load(path: Path = LINES) -> list[GoldLine]:
    """Every gold line, in order.  Names are passed on as the line writes them (one name,
    separators and all), except "X, arr. Y" / "X, orch. Y", where Y is the arranger."""
    out: list[GoldLine] = []
    event = ""
    role = "composer"
    kind = "music"
    for raw in path.read_text("utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("@event "):
            event = raw.removeprefix("@event ").strip()
            continue
        if raw.startswith("@section "):
            words = raw.split()
            role = words[-2] if words[-1] == "anthem" else words[-1]
            kind = "anthem" if words[-1] == "anthem" else "music"
            continue
        text, _, expect = raw.partition("\t")
        names_text, _, title = text.partition(" - ")
        names: list[Name] = []
        arranged = _ARRANGED.search(names_text)
        if arranged:
            names.append(Name(arranged.group(1).strip(), "arranger"))
            names_text = names_text[: arranged.start()]
        names.insert(0, Name(names_text.strip(), role))
        fields = dict(f.split("=", 1) for f in expect.split() if "=" in f)
        query = Query(title.strip(), tuple(names), kind, raw=text)
        out.append(GoldLine(event, text, query, fields.get("work"), fields.get("rec")))
    return out
