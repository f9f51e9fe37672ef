"""The app's one state object: the journey, the current day and the selected place.

Widgets take it in their constructor and subscribe to its signals (napari's
``QtDims(dims)`` pattern); no widget reaches into another. Derived indexes (itinerary,
legs, odometer) are built once per journey here, so every view shares them.

The current day carries a precision: how much of it is meaningful. A day reached by a
passage dated "1906", by dragging at a zoom where a pixel is months wide, or by playing at
years per second is shown as "1906" or "January 1908", not as a made-up exact day.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from places import FuzzyDate, Itinerary, Journey, Odometer, Passage, Place, Precision, Whereabouts, build_legs
from places.borders import PolityTable, cached_polity_table, polity_over
from places.gcpause import collector_paused
from places.legs import Leg


class AppState(QObject):
    """Current journey, day (proleptic Gregorian ordinal) with its precision, and selected place id."""

    journey_changed = Signal(object)   # Journey
    day_changed = Signal(int)
    precision_changed = Signal(object)  # Precision of the current day
    place_selected = Signal(object)    # str | None
    follow_changed = Signal(bool)
    trail_changed = Signal(bool)
    borders_changed = Signal(str)      # "historical" or "modern"
    polities_changed = Signal()        # the polity table of the journey's places arrived

    def __init__(self, journey: Journey, day: int | None = None, parent: QObject | None = None,
                 precision: Precision | None = None):
        super().__init__(parent)
        self.follow = True
        self.trail = True
        self.borders = "historical"
        self._set_journey_fields(journey)
        self.day = self.clamp(day if day is not None else journey.first_day)
        self.precision = Precision(precision) if precision is not None else Precision.DAY
        self.selected_place: str | None = None

    @collector_paused()
    def _set_journey_fields(self, journey: Journey) -> None:
        self.journey = journey
        self._place_index = {p.id: i for i, p in enumerate(journey.places)}
        # Which state held each place in each border set: from the cache if it was worked out
        # before, else None until set_polities (a worker works it out off this process).
        self.polities: PolityTable | None = cached_polity_table(self.place_points())
        self.itinerary = Itinerary(journey)
        self.legs: list[Leg] = build_legs(journey)
        self.odometer = Odometer(self.legs)
        self._event_precision = _event_precisions(journey, self.itinerary)

    # ---- commands -------------------------------------------------------------------------

    def set_journey(self, journey: Journey, day: int | None = None, precision: Precision | None = None) -> None:
        """Switch to another journey; the day (and its precision) is kept when it falls inside the new one."""
        self._set_journey_fields(journey)
        self.selected_place = None
        self.day = self.clamp(self.day if day is None else day)
        if day is not None:
            self.precision = Precision(precision) if precision is not None else Precision.DAY
        self.journey_changed.emit(journey)
        self.precision_changed.emit(self.precision)
        self.day_changed.emit(self.day)
        self.place_selected.emit(None)

    def set_day(self, day: int, precision: Precision | None = None) -> None:
        """Go to a day, known to ``precision`` (default: the exact day).

        Both are stored before either signal goes out, so a handler of one sees both.
        """
        day, precision = self.clamp(int(day)), Precision(precision) if precision is not None else Precision.DAY
        day_moved, precision_moved = day != self.day, precision != self.precision
        self.day, self.precision = day, precision
        if precision_moved:
            self.precision_changed.emit(precision)
        if day_moved:
            self.day_changed.emit(day)

    def select_place(self, place_id: str | None) -> None:
        if place_id is not None and not self.journey.has_place(place_id):
            place_id = None
        if place_id != self.selected_place:
            self.selected_place = place_id
            self.place_selected.emit(place_id)

    def go_to_passage(self, passage: Passage) -> None:
        """Go where a passage is (a click on it in the panel or on its tick in the timeline): the
        first day within its dates that he is at its place (``Itinerary.passage_day``), at its
        date's precision, with its place selected."""
        self.set_day(self.itinerary.passage_day(passage), passage.start.precision)
        self.select_place(passage.place_id)

    def step_event(self, direction: int) -> None:
        """Go to the next (+1) or previous (-1) stay boundary or passage."""
        target = self.itinerary.next_event(self.day) if direction > 0 else self.itinerary.previous_event(self.day)
        if target is not None:
            self.set_day(target, self.event_precision(target))

    def go_to_start(self) -> None:
        self.set_day(self.first_day, self.event_precision(self.first_day))

    def go_to_end(self) -> None:
        self.set_day(self.last_day, self.event_precision(self.last_day))

    def set_follow(self, on: bool) -> None:
        if on != self.follow:
            self.follow = on
            self.follow_changed.emit(on)

    def set_trail(self, on: bool) -> None:
        if on != self.trail:
            self.trail = on
            self.trail_changed.emit(on)

    def set_borders(self, mode: str) -> None:
        if mode != self.borders:
            self.borders = mode
            self.borders_changed.emit(mode)

    def set_polities(self, journey: Journey, table: PolityTable) -> None:
        """The polity table, worked out for ``journey`` (ignored if another journey is open now)."""
        if journey is self.journey and table != self.polities:
            self.polities = table
            self.polities_changed.emit()

    # ---- queries --------------------------------------------------------------------------

    @property
    def first_day(self) -> int:
        return self.journey.first_day

    @property
    def last_day(self) -> int:
        return self.journey.last_day

    def event_precision(self, day: int) -> Precision:
        """How precisely the journey dates an event day: the finest date that falls on it.

        Events are stay starts and ends and passage starts; any other day is exact.
        """
        return self._event_precision.get(day, Precision.DAY)

    def date_label(self, day: int | None = None, precision: Precision | None = None) -> str:
        """The current day in words at its precision: "1906", "January 1908", "14 February 1915"."""
        return precision_label(self.day if day is None else day, self.precision if precision is None else precision)

    def clamp(self, day: int) -> int:
        return max(self.first_day, min(self.last_day, day))

    def where(self) -> Whereabouts:
        return self.itinerary.where(self.day)

    def km_so_far(self) -> float:
        return self.odometer.km_until(self.day)

    def place_points(self) -> list[tuple[float, float]]:
        """The journey's places as (lat, lon), in order: the rows of the polity table."""
        return [(p.lat, p.lon) for p in self.journey.places]

    def polity(self, place: Place, day: int | None = None, until: int | None = None) -> str | None:
        """The state a place was in on a day, by the borders shown ("Russian Empire"), or the
        two border sets' answers where they differ around the day (``polity_on``); with
        ``until``, over the days from ``day`` to it, dated changes included (``polity_over``).
        None while the table is not there yet, or where no state held it."""
        index = self._place_index.get(place.id)
        if self.polities is None or index is None:
            return None
        day = self.day if day is None else day
        return polity_over(self.polities, index, day, day if until is None else until, self.borders)

    def place_label(self, place: Place, day: int | None = None, until: int | None = None) -> str:
        """"Kiev — Russian Empire": the name in use and the state of the day (or of the days to
        ``until``: "Moscow — Russian SFSR, then USSR from 30 December 1922")."""
        day = self.day if day is None else day
        polity = self.polity(place, day, until)
        return f"{place.name_on(day)} — {polity}" if polity else place.name_on(day)

    def period_end(self) -> int:
        """The last day of the date shown, as precisely as it is known: a date known to the
        month covers the month (its state may change within it)."""
        shown = FuzzyDate.from_day(self.day)
        if self.precision is Precision.DAY:
            return self.day
        month = shown.month if self.precision is Precision.MONTH else None
        return FuzzyDate(shown.year, month).last_day


def precision_label(day: int, precision: Precision) -> str:
    """A day in words, keeping only what ``precision`` says is known."""
    d = FuzzyDate.from_day(day)
    month = d.month if precision >= Precision.MONTH else None
    return FuzzyDate(d.year, month, d.day if precision >= Precision.DAY else None).label()


def _event_precisions(journey: Journey, itinerary: Itinerary) -> dict[int, Precision]:
    """Day -> precision of the finest date that names it: stay starts, the day after a stay
    ends (and the last day), the days passages are shown at (``Itinerary.passage_day``). Where
    dates coincide, the finest wins."""
    out: dict[int, Precision] = {}

    def note(day: int, precision: Precision) -> None:
        out[day] = max(out.get(day, Precision.YEAR), precision)

    for i, stay in enumerate(journey.stays):
        note(stay.first_day, stay.start.precision)
        note(stay.last_day + (1 if i < len(journey.stays) - 1 else 0), stay.end.precision)
    for passage in journey.passages:
        note(itinerary.passage_day(passage), passage.start.precision)
    return out
