"""Passage text split into plain runs and citation markers, for display (no Qt).

Citation markers such as ``[17]`` or ``[citation needed]`` are shown as small superscripts;
everything else is plain text. Nothing here is ever interpreted as markup.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from places import Journey, Passage

# Up to three digits: Wikipedia's footnotes ([17], [121]). A bracketed year is an editor's
# insertion in a quotation ("its note of 7 September [1921]") and is text.
CITATION = re.compile(r"\[(?:\d{1,3}|citation needed|[a-z]|note \d+)\]")


def split_citations(text: str) -> list[tuple[str, bool]]:
    """``[(run, is_citation), ...]`` covering the text in order."""
    runs, last = [], 0
    for match in CITATION.finditer(text):
        if match.start() > last:
            runs.append((text[last:match.start()], False))
        runs.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        runs.append((text[last:], False))
    return runs


def excerpt(text: str, limit: int = 140) -> str:
    """The start of a passage as plain words: citation markers dropped, cut at a word with "…"."""
    words = " ".join(run for run, is_citation in split_citations(text) if not is_citation).split()
    plain = " ".join(words)
    if len(plain) <= limit:
        return plain
    cut = plain[:limit].rsplit(" ", 1)[0] or plain[:limit]
    return cut.rstrip(",;:.") + "…"


class PassageIndex:
    """Passages by date, to find those of a day (or the nearest ones) without a scan."""

    def __init__(self, journey: Journey):
        self.passages = sorted(journey.passages, key=lambda p: (p.first_day, p.id))
        self._starts = [p.first_day for p in self.passages]
        self._longest = max((p.last_day - p.first_day for p in self.passages), default=0)
        self._by_id = {p.id: p for p in self.passages}

    def get(self, passage_id: str | None) -> Passage | None:
        """The passage with this id, or None."""
        return self._by_id.get(passage_id) if passage_id is not None else None

    def at(self, day: int) -> list[Passage]:
        """Passages whose date range contains ``day``."""
        lo = bisect_left(self._starts, day - self._longest)
        hi = bisect_right(self._starts, day)
        return [p for p in self.passages[lo:hi] if p.last_day >= day]

    def around(self, day: int) -> tuple[list[Passage], bool]:
        """The passages of the day, or else the nearest before and after; and whether exact."""
        exact = self.at(day)
        if exact:
            return exact, True
        i = bisect_right(self._starts, day)
        nearest = []
        if i > 0:
            before = self.passages[i - 1].first_day
            nearest += [p for p in self.passages[:i] if p.first_day == before][-3:]
        if i < len(self.passages):
            after = self.passages[i].first_day
            nearest += [p for p in self.passages[i:i + 3] if p.first_day == after]
        return nearest, False

    def current(self, day: int) -> Passage | None:
        """The most specific passage containing the day (the latest to start)."""
        found = self.at(day)
        return max(found, key=lambda p: (p.first_day, -p.last_day)) if found else None
