"""Where was the person on a given day? An O(log n) index over the stays.

Every day has an answer: at a stay, travelling between two consecutive stays at different
places (the days in the gap between them), or unknown (an explicit ``unknown`` period, a gap
next to one, a gap between two stays at the same place, or outside the journey). The answer
never guesses silently: in a gap between two stays in London the sources put him there before
and after but not during, so "in London" would be a guess and "travelling London → London"
false; it is unknown, with a ``note`` saying so.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum

from .model import Journey, Passage, Place, Stay


class Status(str, Enum):
    STAY = "stay"
    TRAVEL = "travel"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Whereabouts:
    """The answer for one day.

    ``stay`` is set for a stay. For travel, ``origin`` and ``destination`` are the places of
    the stays either side and ``progress`` runs from 0 (just left) to 1 (about to arrive).
    ``note`` says why an unknown day is unknown when there is more to say.
    """

    day: int
    status: Status
    stay: Stay | None = None
    place: Place | None = None
    origin: Place | None = None
    destination: Place | None = None
    progress: float = 0.0
    stay_index: int | None = None
    note: str | None = None

    def describe(self) -> str:
        """"in London", "travelling Stockholm → Copenhagen", "whereabouts unknown (between two stays in London)"."""
        name_on = self.day
        if self.status is Status.STAY and self.place is not None:
            return f"in {self.place.name_on(name_on)}"
        if self.status is Status.TRAVEL and self.origin and self.destination:
            return f"travelling {self.origin.name_on(name_on)} → {self.destination.name_on(name_on)}"
        return f"whereabouts unknown ({self.note})" if self.note else "whereabouts unknown"


class Itinerary:
    """An index of a journey's stays for fast day lookups and event stepping."""

    def __init__(self, journey: Journey):
        self.journey = journey
        self.stays = journey.stays
        self._starts = [s.first_day for s in self.stays]
        self._ends = [s.last_day for s in self.stays]
        events = set(self._starts) | {e + 1 for e in self._ends[:-1]}
        events |= {self.passage_day(p) for p in journey.passages}
        self._events = sorted(events)

    def __len__(self) -> int:
        return len(self.stays)

    def index_at(self, day: int) -> int:
        """Index of the last stay starting on or before ``day`` (-1 if none)."""
        return bisect_right(self._starts, day) - 1

    def where(self, day: int) -> Whereabouts:
        """Stay, travel or unknown on ``day``, in O(log n)."""
        i = self.index_at(day)
        if i >= 0 and day <= self._ends[i]:
            stay = self.stays[i]
            if stay.is_unknown:
                return Whereabouts(day, Status.UNKNOWN, stay=stay, stay_index=i)
            return Whereabouts(day, Status.STAY, stay=stay, place=self.journey.place(stay.place_id), stay_index=i)  # type: ignore[arg-type]
        if i < 0 or i + 1 >= len(self.stays):
            return Whereabouts(day, Status.UNKNOWN)
        before, after = self.stays[i], self.stays[i + 1]
        if before.is_unknown or after.is_unknown:
            return Whereabouts(day, Status.UNKNOWN)
        if before.place_id == after.place_id:  # no move to show, and no source for the gap
            name = self.journey.place(before.place_id).name_on(day)  # type: ignore[arg-type]
            return Whereabouts(day, Status.UNKNOWN, note=f"between two stays in {name}")
        depart, arrive = self._ends[i], self._starts[i + 1]
        return Whereabouts(
            day, Status.TRAVEL,
            origin=self.journey.place(before.place_id),  # type: ignore[arg-type]
            destination=self.journey.place(after.place_id),  # type: ignore[arg-type]
            progress=(day - depart) / (arrive - depart),
            stay_index=i,
        )

    def passage_day(self, passage: Passage) -> int:
        """The day a passage is shown at: the first day within its dates on which he is at
        its place, else its first day.

        A fuzzy date done right: "1898: that year, in Kiev, ..." means some time in 1898 in
        Kiev; on 1 January 1898 he was still in Klintsy, so going to the passage's first day
        showed the map in one town and the passage in another.
        """
        first, last = passage.first_day, passage.last_day
        if passage.place_id is None or first == last:
            return first
        i = max(self.index_at(first), 0)
        while i < len(self.stays) and self._starts[i] <= last:
            if self.stays[i].place_id == passage.place_id and self._ends[i] >= first:
                return max(self._starts[i], first)
            i += 1
        return first

    def visited_before(self, day: int) -> list[str]:
        """Ids of places with a stay begun on or before ``day``, in order of first visit."""
        seen: dict[str, None] = {}
        for stay in self.stays[: self.index_at(day) + 1]:
            if stay.place_id is not None:
                seen.setdefault(stay.place_id, None)
        return list(seen)

    def next_event(self, day: int) -> int | None:
        """The first stay boundary or passage date after ``day``."""
        i = bisect_right(self._events, day)
        return self._events[i] if i < len(self._events) else None

    def previous_event(self, day: int) -> int | None:
        """The last stay boundary or passage date before ``day``."""
        i = bisect_right(self._events, day - 1) - 1
        return self._events[i] if i >= 0 else None
