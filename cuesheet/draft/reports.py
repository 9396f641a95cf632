"""Reports (news stories of the same event) as evidence beside the article.

A report has no headings that match the article's, so each of its sentences
is first given the part of the ceremony it describes: the part whose prose
shares the most distinctive words with it (words weighted by how few parts
use them; at least :data:`MIN_SIMILARITY`), at the part's most similar
sentence.  Then:

* an entry the article never mentions, which a report sentence mentions,
  gets that place as a candidate, at half the mention's weight;
* an entry the article places, which a report mentions too, keeps its place
  and the report sentence is cited in its notes.

Reports never move or remove what the article says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cuesheet.draft.article import Sentence, parse_article
from cuesheet.draft.mentions import Entry, find_in_sentence
from cuesheet.draft.parts import Part
from cuesheet.draft.placement import Candidate, Method, Placement
from cuesheet.draft.words import content_words

MIN_SIMILARITY = 4.0
"""Least summed weight of shared words for a report sentence to belong to a part."""
CITED_WEIGHT = 50
"""Least mention weight (a name) for a report sentence to be cited or to place an entry."""


@dataclass(frozen=True, slots=True)
class Report:
    """One further document."""

    name: str
    """File name, as cited in notes."""
    sentences: tuple[Sentence, ...]


def read_report(name: str, text: str) -> Report:
    """The sentences of a report's text (headings and lists are skipped like an article's)."""
    article = parse_article(text)
    sentences = [*article.lead, *(s for section in article.sections for s in section.sentences)]
    return Report(name, tuple(sentences))


class _Locator:
    """Finds the part and sentence a report sentence describes."""

    def __init__(self, parts: Sequence[Part]) -> None:
        self.parts = parts
        self.words = [
            content_words(" ".join(s.text for s in part.sentences) + " " + part.title)
            for part in parts
        ]
        count = len(parts) or 1
        every = set().union(*self.words) if self.words else set()
        self.idf = {w: math.log(1 + count / sum(w in ws for ws in self.words)) for w in every}

    def locate(self, text: str) -> tuple[int, int] | None:
        """``(part, sentence)`` or ``None`` when no part is similar enough."""
        mine = content_words(text)
        scored = [(sum(self.idf[w] for w in mine & ws), p) for p, ws in enumerate(self.words)]
        best, part = max(scored, default=(0.0, -1))
        if part < 0 or best < MIN_SIMILARITY:
            return None
        sentences = self.parts[part].sentences
        sentence = max(
            range(len(sentences)),
            key=lambda i: (sum(self.idf[w] for w in mine & content_words(sentences[i].text)), -i),
        )
        return part, sentence


def report_candidates(
    entries: Sequence[Entry],
    parts: Sequence[Part],
    reports: Sequence[Report],
    mentioned: set[int],
) -> list[Candidate]:
    """Candidates from the reports for the entries not in ``mentioned`` (by the article)."""
    locator = _Locator(parts)
    out: list[Candidate] = []
    for report in reports:
        for sentence in report.sentences:
            for entry in entries:
                if entry.number in mentioned:
                    continue
                mention = find_in_sentence(entry, sentence.text)
                if mention is None or mention.weight < CITED_WEIGHT:
                    continue
                where = locator.locate(sentence.text)
                if where is None:
                    continue
                half = replace(mention, weight=mention.weight // 2)
                out.append(
                    Candidate(
                        where[0],
                        where[1],
                        half,
                        Method.REPORT,
                        sentence.text,
                        report.name,
                        sentence.line,
                    )
                )
    return out


def cite(placements: Sequence[Placement], reports: Sequence[Report]) -> list[Placement]:
    """``placements`` with the report sentences that mention each entry added to its citations.

    Only placements made by the article are cited, on an entry's first placement.
    """
    out = list(placements)
    for report in reports:
        for sentence in report.sentences:
            for index, placement in enumerate(out):
                if placement.method is not Method.ARTICLE or placement.repeat:
                    continue
                mention = find_in_sentence(placement.entry, sentence.text)
                if mention is None or mention.weight < CITED_WEIGHT:
                    continue
                cited = (*placement.citations, f"{report.name}: {sentence.text}")
                out[index] = replace(placement, citations=cited)
    return out
