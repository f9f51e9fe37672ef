"""The app's one state object: the journey, the current day and the selected place.

Widgets take it in their constructor and subscribe to its signals (napari's
``QtDims(dims)`` pattern); no widget reaches into another. Derived indexes (itinerary,
legs, odometer) are built once per journey here, so every view shares them.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from places import Itinerary, Journey, Odometer, Place, Whereabouts, build_legs
from places.borders import MODERN, border_set, polity_of
from places.legs import Leg


class AppState(QObject):
    """Current journey, day (proleptic Gregorian ordinal) and selected place id."""

    journey_changed = Signal(object)   # Journey
    day_changed = Signal(int)
    place_selected = Signal(object)    # str | None
    follow_changed = Signal(bool)
    trail_changed = Signal(bool)
    borders_changed = Signal(str)      # "historical" or "modern"

    def __init__(self, journey: Journey, day: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.follow = True
        self.trail = True
        self.borders = "historical"
        self._set_journey_fields(journey)
        self.day = self.clamp(day if day is not None else journey.first_day)
        self.selected_place: str | None = None

    def _set_journey_fields(self, journey: Journey) -> None:
        self.journey = journey
        self.itinerary = Itinerary(journey)
        self.legs: list[Leg] = build_legs(journey)
        self.odometer = Odometer(self.legs)

    # ---- commands -------------------------------------------------------------------------

    def set_journey(self, journey: Journey, day: int | None = None) -> None:
        """Switch to another journey; the day is kept when it falls inside the new one."""
        self._set_journey_fields(journey)
        self.selected_place = None
        self.day = self.clamp(self.day if day is None else day)
        self.journey_changed.emit(journey)
        self.day_changed.emit(self.day)
        self.place_selected.emit(None)

    def set_day(self, day: int) -> None:
        day = self.clamp(int(day))
        if day != self.day:
            self.day = day
            self.day_changed.emit(day)

    def select_place(self, place_id: str | None) -> None:
        if place_id is not None and not self.journey.has_place(place_id):
            place_id = None
        if place_id != self.selected_place:
            self.selected_place = place_id
            self.place_selected.emit(place_id)

    def step_event(self, direction: int) -> None:
        """Go to the next (+1) or previous (-1) stay boundary or passage."""
        target = self.itinerary.next_event(self.day) if direction > 0 else self.itinerary.previous_event(self.day)
        if target is not None:
            self.set_day(target)

    def go_to_start(self) -> None:
        self.set_day(self.first_day)

    def go_to_end(self) -> None:
        self.set_day(self.last_day)

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

    # ---- queries --------------------------------------------------------------------------

    @property
    def first_day(self) -> int:
        return self.journey.first_day

    @property
    def last_day(self) -> int:
        return self.journey.last_day

    def clamp(self, day: int) -> int:
        return max(self.first_day, min(self.last_day, day))

    def where(self) -> Whereabouts:
        return self.itinerary.where(self.day)

    def km_so_far(self) -> float:
        return self.odometer.km_until(self.day)

    def polity(self, place: Place, day: int | None = None) -> str | None:
        """The state a place was in on a day, by the borders shown ("Russian Empire")."""
        if self.borders == "modern":
            found = border_set(MODERN).polity_at(place.lat, place.lon)
        else:
            found = polity_of(place.lat, place.lon, self.day if day is None else day)
        return found.label if found else None

    def place_label(self, place: Place, day: int | None = None) -> str:
        """"Kiev — Russian Empire": the name in use and the state of the day."""
        day = self.day if day is None else day
        polity = self.polity(place, day)
        return f"{place.name_on(day)} — {polity}" if polity else place.name_on(day)
