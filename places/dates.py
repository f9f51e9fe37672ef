"""Fuzzy historical dates (an EDTF level-1 subset) mapped to closed ranges of days.

A :class:`FuzzyDate` keeps what the source said: a year (``1906``), a month (``1908-01``) or a
day (``1915-02-14``), optionally approximate (``~``), uncertain (``?``) or both (``%``). The
timeline unit is the day, as a proleptic Gregorian ordinal (:meth:`datetime.date.toordinal`),
and a fuzzy date covers the closed interval of days it could mean: ``1908-01`` is 1 to 31
January 1908. Dates are New Style (Gregorian).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

# ASCII digits only (``\d`` would take Arabic-Indic ones) and matched in full (``$`` would
# allow a trailing newline), as the schema means its pattern.
_EDTF = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%])?")
MONTHS = tuple(calendar.month_name)[1:]


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar (``calendar.monthrange`` works out
    the weekday too, which is most of its cost)."""
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month - 1]


class DateError(ValueError):
    """A string that is not a date this program understands, with the reason."""


class Precision(IntEnum):
    """How much of a date the source gave."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as precise as its source, with EDTF qualifiers."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    # The earliest and latest day (ordinals) the date can mean. Asked for all the time
    # (itinerary, legs, page data, timeline) and fixed by the fields above, so worked out once
    # here; not part of equality, hashing or repr.
    first_day: int = field(init=False, repr=False, compare=False)
    last_day: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range 1-9999")
        if self.day is not None and self.month is None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day is not None and not 1 <= self.day <= days_in_month(self.year, self.month):  # type: ignore[arg-type]
            raise DateError(f"day {self.day} does not exist in {MONTHS[self.month - 1]} {self.year}")  # type: ignore[operator]
        first = date(self.year, self.month or 1, self.day or 1).toordinal()
        if self.day is not None:  # an exact day: its first day is its last (most dates are days)
            last = first
        else:
            month = self.month or 12
            last = date(self.year, month, days_in_month(self.year, month)).toordinal()
        object.__setattr__(self, "first_day", first)
        object.__setattr__(self, "last_day", last)

    @classmethod
    def parse(cls, text: object) -> "FuzzyDate":
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with an optional ``?``, ``~`` or ``%``."""
        if not isinstance(text, str):
            raise DateError(f"expected a date string, got {type(text).__name__}")
        match = _EDTF.fullmatch(text)
        if not match:
            shown = text if len(text) <= 40 else text[:40] + "..."
            raise DateError(f"{shown!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (with optional ~ ? %)")
        year, month, day, qualifier = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            approximate=qualifier in ("~", "%"),
            uncertain=qualifier in ("?", "%"),
        )

    @classmethod
    def from_day(cls, day: int) -> "FuzzyDate":
        """The exact date of a day ordinal."""
        d = date.fromordinal(day)
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def qualifier(self) -> str:
        if self.approximate and self.uncertain:
            return "%"
        return "~" if self.approximate else "?" if self.uncertain else ""

    @property
    def is_fuzzy(self) -> bool:
        """True when the date is not an exact, certain day."""
        return self.precision is not Precision.DAY or self.approximate or self.uncertain

    @property
    def interval(self) -> tuple[int, int]:
        return self.first_day, self.last_day

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    def label(self) -> str:
        """In words, by precision: "1906", "January 1908", "14 February 1915" (c. / ? marked)."""
        if self.precision is Precision.DAY:
            text = f"{self.day} {MONTHS[self.month - 1]} {self.year}"  # type: ignore[operator]
        elif self.precision is Precision.MONTH:
            text = f"{MONTHS[self.month - 1]} {self.year}"  # type: ignore[operator]
        else:
            text = str(self.year)
        if self.approximate:
            text = "c. " + text
        return text + " (?)" if self.uncertain else text


def day_of(value: "int | str | date") -> int:
    """A day ordinal from an ordinal, a ``date`` or an ISO/EDTF string (its first day)."""
    if isinstance(value, bool):
        raise DateError("a boolean is not a date")
    if isinstance(value, int):
        if not 1 <= value <= date.max.toordinal():
            raise DateError(f"day number {value} is out of range")
        return value
    if isinstance(value, date):
        return value.toordinal()
    return FuzzyDate.parse(value.strip()).first_day


def iso(day: int) -> str:
    """``YYYY-MM-DD`` for a day ordinal."""
    return date.fromordinal(day).isoformat()


def day_label(day: int) -> str:
    """A single day in words: "14 February 1915"."""
    return FuzzyDate.from_day(day).label()


def span_label(start: FuzzyDate, end: FuzzyDate) -> str:
    """A date range in words, collapsed where both ends say the same: "1908 – 1918", "1906"."""
    if start == end:
        return start.label()
    return f"{start.label()} – {end.label()}"
