"""Frozen, typed records of a journey: places, stays at them, and passages of text."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .dates import FuzzyDate, span_label

# The reason ``inferred`` gives a passage field a person set by hand (Edit → Correct passage):
# the schema keeps there every field the source does not state, with why; this one says who.
CORRECTED_BY_HAND = "corrected by hand"

STAY_KINDS = ("birth", "residence", "visit", "prison", "exile", "transit", "mission", "death", "unknown")
CERTAINTIES = ("certain", "less-certain", "uncertain")


@dataclass(frozen=True)
class AltName:
    """Another name of a place, with the period it was used (either end may be open)."""

    name: str
    lang: str | None = None
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None

    def used_in(self, day: int) -> bool:
        """Whether the name was in use on ``day`` (open ends count as always)."""
        after_start = self.start is None or day >= self.start.first_day
        before_end = self.end is None or day <= self.end.last_day
        return after_start and before_end


@dataclass(frozen=True)
class Place:
    """A named point on the map."""

    id: str
    name: str
    lat: float
    lon: float
    names: tuple[AltName, ...] = ()
    country: str | None = None
    geonames: int | None = None
    wikidata: str | None = None
    note: str | None = None

    def name_on(self, day: int) -> str:
        """The name in use on ``day``: "Petrograd" in 1916, "Leningrad" in 1930. On the day of a
        renaming (the old name's last day, the new one's first) the new name: the latest begun."""
        in_use = [alt for alt in self.names if (alt.start or alt.end) and alt.used_in(day)]
        if not in_use:
            return self.name
        return max(in_use, key=lambda alt: alt.start.first_day if alt.start else 0).name

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *(alt.name for alt in self.names))


@dataclass(frozen=True)
class Source:
    """A bibliographic source that stays and passages cite by id."""

    id: str
    title: str
    author: str | None = None
    year: str | None = None
    url: str | None = None
    license: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """Who and what, as a reader cites it: "Wikipedia contributors, Maxim Litvinov"."""
        return f"{self.author}, {self.title}" if self.author else self.title


@dataclass(frozen=True, slots=True)
class Stay:
    """A period at one place, or (kind ``unknown``, no place) a period the sources are silent on."""

    place_id: str | None
    start: FuzzyDate
    end: FuzzyDate
    kind: str
    certainty: str
    source: str | None = None
    note: str | None = None
    inferred: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def first_day(self) -> int:
        return self.start.first_day

    @property
    def last_day(self) -> int:
        return self.end.last_day

    @property
    def is_unknown(self) -> bool:
        return self.place_id is None

    @property
    def label(self) -> str:
        return span_label(self.start, self.end)


@dataclass(frozen=True)
class Passage:
    """A verbatim text passage tied to a place and a date range."""

    id: str
    text: str
    place_id: str | None
    start: FuzzyDate
    end: FuzzyDate
    source: str | None = None
    note: str | None = None
    inferred: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def first_day(self) -> int:
        return self.start.first_day

    @property
    def last_day(self) -> int:
        return self.end.last_day

    @property
    def label(self) -> str:
        return span_label(self.start, self.end)

    @property
    def corrected(self) -> dict[str, str]:
        """The fields a person corrected by hand, each with the value it replaced."""
        return {k: v for k, v in self.inferred.items() if v.startswith(CORRECTED_BY_HAND)}

    @property
    def guessed(self) -> dict[str, str]:
        """The fields inferred from the text (neither stated by the source nor set by hand), with why."""
        return {k: v for k, v in self.inferred.items() if not v.startswith(CORRECTED_BY_HAND)}


@dataclass(frozen=True)
class Person:
    name: str
    born: FuzzyDate | None = None
    died: FuzzyDate | None = None
    wikidata: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Journey:
    """A validated journey: stays are chronological and non-overlapping, references resolve."""

    places: tuple[Place, ...]
    stays: tuple[Stay, ...]
    passages: tuple[Passage, ...]
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    title: str | None = None
    person: Person | None = None
    file: str | None = None
    _by_id: Mapping[str, Place] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({p.id: p for p in self.places}))

    def place(self, place_id: str) -> Place:
        """The place with this id (KeyError if none)."""
        return self._by_id[place_id]

    def cite(self, source_id: str | None) -> str | None:
        """How a record's source is cited: the listed source's ``citation``, the bare id of one
        the journey does not list, or None for no source."""
        if not source_id:
            return None
        source = self.sources.get(source_id)
        return source.citation if source is not None else source_id

    def has_place(self, place_id: str) -> bool:
        return place_id in self._by_id

    @property
    def first_day(self) -> int:
        return self.stays[0].first_day if self.stays else min((p.first_day for p in self.passages), default=0)

    @property
    def last_day(self) -> int:
        return self.stays[-1].last_day if self.stays else max((p.last_day for p in self.passages), default=0)

    def passages_at(self, place_id: str) -> list[Passage]:
        """Every passage tied to a place, in date order."""
        return sorted((p for p in self.passages if p.place_id == place_id), key=lambda p: p.first_day)

    def days_at(self, place_id: str) -> int:
        """Total days spent at a place over all its stays."""
        return sum(s.last_day - s.first_day + 1 for s in self.stays if s.place_id == place_id)
