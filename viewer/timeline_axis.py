"""Pure maths behind the timeline widget: tick levels, the day <-> pixel viewport and the rows.

No Qt here, so the rules that decide what a user sees (which ticks, which day is under the
pointer, which stay is in which row) are unit-testable without a window. Days are proleptic
Gregorian ordinals, as everywhere in :mod:`places`.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Callable

from places.dates import MONTHS, Precision
from places.model import Journey, Passage, Place

MAX_ORDINAL = date.max.toordinal()
MIN_SPAN_DAYS = 30.0      # the closest zoom: about a month across the widget
MAX_PLACE_ROWS = 40       # more places than this share one "other places" row
MONTH_DAYS = 30.44        # a pixel wider than this cannot tell days apart, only months
YEAR_DAYS = 182.6         # ... and wider than half a year, only years


@dataclass(frozen=True)
class TickLevel:
    """One spacing of axis ticks: every ``step`` years, months or days (weeks: 1, 8, 15, 22)."""

    name: str
    unit: str            # "year", "month" or "day"
    step: int
    min_days: int        # the shortest gap between two ticks, in days
    samples: tuple[str, ...]  # the widest labels the level draws, for the overlap check


LEVELS = (  # coarsest first
    TickLevel("50 years", "year", 50, 18262, ("1950",)),
    TickLevel("20 years", "year", 20, 7305, ("1900",)),
    TickLevel("decades", "year", 10, 3652, ("1900",)),
    TickLevel("5 years", "year", 5, 1826, ("1905",)),
    TickLevel("years", "year", 1, 365, ("1906",)),
    TickLevel("quarters", "month", 3, 90, ("1906", "Oct")),
    TickLevel("months", "month", 1, 28, ("Sep", "May")),
    TickLevel("weeks", "day", 7, 7, ("Sep", "22")),
    TickLevel("days", "day", 1, 1, ("28",)),
)


def choose_level(px_per_day: float, text_width: Callable[[str], float]) -> TickLevel:
    """The finest level whose labels sit at least one label's width apart (and 16 px)."""
    for level in reversed(LEVELS):
        widest = max(text_width(s) for s in level.samples)
        if level.min_days * px_per_day >= widest + max(widest, 16.0):
            return level
    return LEVELS[0]


def minor_level(major: TickLevel, px_per_day: float, min_px: float = 6.0) -> TickLevel | None:
    """The finest unlabelled subdivision of ``major`` whose ticks are ``min_px`` apart, if any."""
    index = LEVELS.index(major)
    best = None
    for level in LEVELS[index + 1:]:
        if level.min_days * px_per_day < min_px:
            break
        nests = level.unit != major.unit or major.step % level.step == 0
        if nests and not (major.unit == "day" and level.step == 7):
            best = level
    return best


def _month_label(year: int, month: int) -> str:
    return str(year) if month == 1 else MONTHS[month - 1][:3]


def ticks(level: TickLevel, first: float, last: float) -> list[tuple[int, str]]:
    """The ``(day, label)`` ticks of a level between two days, inclusive, in order."""
    lo = date.fromordinal(min(MAX_ORDINAL, max(1, math.floor(first))))
    hi = date.fromordinal(min(MAX_ORDINAL, max(1, math.ceil(last))))
    out: list[tuple[int, str]] = []
    if level.unit == "year":
        for year in range(lo.year - lo.year % level.step, hi.year + 1, level.step):
            if year >= 1:
                out.append((date(year, 1, 1).toordinal(), str(year)))
    elif level.unit == "month":
        for m in range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month):
            year, month = divmod(m, 12)
            if month % level.step == 0:
                out.append((date(year, month + 1, 1).toordinal(), _month_label(year, month + 1)))
    else:
        days = (1, 8, 15, 22) if level.step == 7 else range(1, 32)
        for day in range(lo.toordinal() - lo.day + 1, hi.toordinal() + 1):
            d = date.fromordinal(day)
            if d.day in days:
                out.append((day, _month_label(d.year, d.month) if d.day == 1 else str(d.day)))
    return [(d, text) for d, text in out if first <= d <= last]


def scale_precision(px_per_day: float) -> Precision:
    """What a day picked with the pointer at this zoom is known to: a pixel's worth of days."""
    days_per_px = 1.0 / px_per_day
    if days_per_px > YEAR_DAYS:
        return Precision.YEAR
    return Precision.MONTH if days_per_px > MONTH_DAYS else Precision.DAY


def context_label(level: TickLevel, day: int) -> str:
    """What the axis pins at its left edge so month and day ticks have a year: "1915", "Mar 1915"."""
    d = date.fromordinal(min(MAX_ORDINAL, max(1, day)))
    if level.unit == "month":
        return str(d.year)
    return f"{MONTHS[d.month - 1][:3]} {d.year}" if level.unit == "day" else ""


class Viewport:
    """The visible days ``[start, start + span)`` laid over pixels ``[left, left + width)``.

    The span is kept between :data:`MIN_SPAN_DAYS` and the whole journey, and the window never
    leaves the journey, so zooming and panning cannot lose the user in empty time.
    """

    def __init__(self, first_day: int = 1, last_day: int = 1):
        self.left, self.width = 0.0, 1.0
        self.set_bounds(first_day, last_day)

    def set_bounds(self, first_day: int, last_day: int) -> None:
        """Adopt a journey's days and show all of them."""
        self.lo = float(max(1, first_day))
        self.hi = max(self.lo + 1.0, float(last_day) + 1.0)
        self.fit()

    def fit(self) -> None:
        self.start, self.span = self.lo, self.hi - self.lo

    def set_geometry(self, left: float, width: float) -> None:
        self.left, self.width = float(left), max(1.0, float(width))

    @property
    def px_per_day(self) -> float:
        return self.width / self.span

    @property
    def min_span(self) -> float:
        return min(MIN_SPAN_DAYS, self.hi - self.lo)

    def edge_x(self, day: float) -> float:
        """The x of the start (left edge) of a day."""
        return self.left + (day - self.start) * self.px_per_day

    def x_of(self, day: int) -> float:
        """The x of the middle of a day, so that ``day_at(x_of(d)) == d``."""
        return self.edge_x(day + 0.5)

    def time_at(self, x: float) -> float:
        """Where an x falls in time, in days (fractional: day ``d`` spans ``[d, d + 1)``)."""
        return self.start + (x - self.left) / self.px_per_day

    def day_at(self, x: float) -> int:
        """The day under an x, kept inside the journey."""
        day = math.floor(self.time_at(x))
        return int(min(self.hi - 1, max(self.lo, day)))

    def zoom_by(self, factor: float, anchor_x: float) -> None:
        """Zoom in (factor > 1) or out around ``anchor_x``, keeping the day under it in place."""
        anchor = self.start + (anchor_x - self.left) / self.px_per_day
        self.span = min(self.hi - self.lo, max(self.min_span, self.span / factor))
        self.start = anchor - (anchor_x - self.left) * self.span / self.width
        self._clamp()

    def pan_by(self, pixels: float) -> None:
        """Move the content right by ``pixels`` (so earlier days come into view), like a drag."""
        self.start -= pixels / self.px_per_day
        self._clamp()

    def ensure_visible(self, day: int) -> bool:
        """Scroll so a day is visible, leaving room ahead of it; whether the view moved."""
        if self.start <= day and day + 1 <= self.start + self.span:
            return False
        ahead = 0.25 if day >= self.start else 0.75
        self.start = day + 0.5 - ahead * self.span
        self._clamp()
        return True

    def visible_range(self) -> tuple[int, int]:
        """The first and last day (inclusive) at least partly in view."""
        return math.floor(self.start), math.ceil(self.start + self.span) - 1

    def _clamp(self) -> None:
        self.start = min(max(self.start, self.lo), self.hi - self.span)


@dataclass
class Row:
    """One timeline row: a place (``key`` its id), the shared "other places" row, or unknown."""

    key: str | None
    label: str
    color_id: str | None
    stays: list[int]     # indices into journey.stays, chronological
    starts: list[int]
    ends: list[int]
    days: int = 0        # total days at the row's stays: how much the row matters


class RowIndex:
    """The journey's stays sorted into rows, with O(log n) lookups by row and by day.

    Places get a row each, in order of first visit, as long as ``max_rows`` rows fit; past
    that, the places with the least total time share one last "other places (N)" row (each
    stay keeps its place, so its band keeps its colour and its tooltip). The fold depends only
    on the journey and ``max_rows``, never on the day, so the rows hold still while scrubbing.
    """

    OTHER = "\0other"

    def __init__(self, journey: Journey, max_rows: int | None = None):
        self.journey = journey
        self.starts = [s.first_day for s in journey.stays]
        self.passages = sorted(journey.passages, key=lambda p: (p.first_day, p.id))
        self.passage_days = [p.first_day for p in self.passages]
        keep, self.folded = self._fold(journey, max_rows)
        keys: dict[str | None, int] = {}
        for place_id in keep:
            keys[place_id] = len(keys)
        self.rows = [Row(p, journey.place(p).name, p, [], [], []) for p in keep]
        if self.folded:
            keys[self.OTHER] = len(self.rows)
            self.rows.append(Row(self.OTHER, f"other places ({len(self.folded)})", None, [], [], []))
        if any(s.place_id is None for s in journey.stays):
            keys[None] = len(self.rows)
            self.rows.append(Row(None, "unknown", None, [], [], []))
        self.place_row = {p: keys[p] for p in keep} | {p: keys[self.OTHER] for p in self.folded}
        self.row_of: list[int] = []
        for i, stay in enumerate(journey.stays):
            r = keys[None] if stay.place_id is None else self.place_row[stay.place_id]
            self.row_of.append(r)
            row = self.rows[r]
            row.stays.append(i)
            row.starts.append(stay.first_day)
            row.ends.append(stay.last_day)
            row.days += stay.last_day - stay.first_day + 1
        self.name_changes = sorted({day for p in keep for day in _name_change_days(journey.place(p))})

    @staticmethod
    def rows_wanted(journey: Journey) -> int:
        """How many rows the journey needs unfolded: one per place visited, and unknown."""
        places = {s.place_id for s in journey.stays}
        return len(places - {None}) + (None in places)

    @staticmethod
    def _fold(journey: Journey, max_rows: int | None) -> tuple[list[str], list[str]]:
        """(places with a row of their own, places folded into "other places"), each in order
        of first visit. Folding a single place would save no row, so at least two are folded."""
        total: dict[str, list[int]] = {}
        for stay in journey.stays:
            if stay.place_id is not None:
                t = total.setdefault(stay.place_id, [0, 0])
                t[0] += stay.last_day - stay.first_day + 1
                t[1] += 1
        order = list(total)
        budget = MAX_PLACE_ROWS + 1
        if max_rows is not None:
            budget = min(budget, max_rows - any(s.place_id is None for s in journey.stays))
        if len(order) <= budget:
            return order, []
        rank = {p: i for i, p in enumerate(order)}
        top = set(sorted(order, key=lambda p: (-total[p][0], -total[p][1], rank[p]))[:max(0, budget - 1)])
        return [p for p in order if p in top], [p for p in order if p not in top]

    def labels_on(self, day: int) -> list[str]:
        """Each row's name as it was on ``day`` ("Petrograd" in 1916), for the gutter."""
        return [self.journey.place(row.key).name_on(day) if row.color_id is not None else row.label
                for row in self.rows]

    def names_epoch(self, day: int) -> int:
        """Which stretch between name changes ``day`` is in: the labels change only with it."""
        return bisect_right(self.name_changes, day)

    def visible_stays(self, first: int, last: int) -> range:
        """Indices of the stays meeting days ``[first, last]`` (stays never overlap)."""
        return range(max(0, bisect_right(self.starts, first) - 1), bisect_right(self.starts, last))

    def stay_in_row(self, r: int, day: int, slack: float = 0.0) -> int | None:
        """The stay of row ``r`` covering ``day``, or the nearest within ``slack`` days."""
        row = self.rows[r]
        i = bisect_right(row.starts, day) - 1
        best, best_gap = None, slack
        for j in (i, i + 1):
            if 0 <= j < len(row.stays):
                gap = max(row.starts[j] - day, day - row.ends[j], 0)
                if gap <= best_gap:
                    best, best_gap = row.stays[j], gap
        return best

    def runs(self, r: int, first: int, last: int, merge_days: float) -> list[tuple[int, int]]:
        """Row ``r``'s stays meeting ``[first, last]`` as runs, merging gaps under ``merge_days``.

        Skips ahead by bisection, so the cost follows the runs drawn and not the stays.
        """
        starts, ends = self.rows[r].starts, self.rows[r].ends
        i = max(0, bisect_right(starts, first) - 1)
        out = []
        while i < len(starts) and starts[i] <= last:
            k = i
            while (j := bisect_right(starts, ends[k] + merge_days, k + 1) - 1) > k:
                k = j
            if ends[k] >= first:
                out.append((starts[i], ends[k]))
            i = k + 1
        return out

    def passages_near(self, day: float, slack: float) -> list[Passage]:
        """The passages starting on the passage day nearest ``day``, if within ``slack`` days."""
        days = self.passage_days
        i = bisect_right(days, day)
        near = [j for j in (i - 1, i) if 0 <= j < len(days) and abs(days[j] + 0.5 - day) <= slack]
        if not near:
            return []
        best = days[min(near, key=lambda j: abs(days[j] + 0.5 - day))]
        return [p for p in self.passages[bisect_right(days, best - 1):bisect_right(days, best)]]

    def passages_in(self, first: int, last: int, step: float) -> list[int]:
        """Passage days in ``[first, last]``, at most one per ``step`` days."""
        days, out = self.passage_days, []
        i = bisect_right(days, first - 1)
        while i < len(days) and days[i] <= last:
            out.append(days[i])
            i = bisect_right(days, days[i] + step, i + 1)
        return out


def _name_change_days(place: Place) -> list[int]:
    """Days on which a place's other names start or stop being used."""
    out = []
    for alt in place.names:
        if alt.start is not None:
            out.append(alt.start.first_day)
        if alt.end is not None:
            out.append(alt.end.last_day + 1)
    return out
