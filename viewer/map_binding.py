"""Keeps the map page in step with the app state, in both directions.

State → page: day, selection, follow, trail and basemap become ``window.atlas`` calls. A day
change is sent to the page at once, before the app's slower handlers (the passage panel) run,
so the page works on it while they do; more changes in the same turn of the event loop are
coalesced, and the page gets only the last of them when the turn ends, so a fast scrub never
builds a backlog. Page → state: a click on a place selects it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from .map_view import MapView
from .state import AppState


class MapBinding(QObject):
    """Connects an :class:`AppState` to a :class:`MapView`."""

    basemap_changed = Signal(str)

    def __init__(self, state: AppState, view: MapView, parent: QObject | None = None):
        super().__init__(parent)
        self.state, self.view = state, view
        self.basemap = "offline"
        self.seq = 0
        self._turn_open = False  # a seek left in this turn of the event loop
        self._seek_pending = False  # and the day changed again after it
        state.day_changed.connect(self._on_state_day_changed)
        state.place_selected.connect(self._on_state_place_selected)
        state.follow_changed.connect(lambda on: view.call("follow", on))
        state.trail_changed.connect(lambda on: view.call("trail", on))
        state.borders_changed.connect(lambda mode: view.call("borders", mode))
        state.journey_changed.connect(self._on_state_journey_changed)
        view.place_clicked.connect(state.select_place)
        view.ready.connect(self._on_view_ready)
        view.basemap_chosen.connect(self._on_view_basemap_chosen)
        state.polities_changed.connect(lambda: view.call("setPolities", state.polities))
        self._load_page()

    def _load_page(self) -> None:
        """Build the page from the state's own legs and polity table (if it is there yet:
        otherwise it follows through ``setPolities`` when the worker has it)."""
        s = self.state
        self.view.load_journey(s.journey, initial_day=s.day, legs=s.legs, polities=s.polities or {},
                               view={"follow": s.follow, "trail": s.trail, "borders": s.borders}, itinerary=s.itinerary)

    def _on_state_day_changed(self, _day: int) -> None:
        if self._turn_open:
            self._seek_pending = True
            return
        self._turn_open = True
        QTimer.singleShot(0, self._end_turn)
        self._flush_seek()

    def _end_turn(self) -> None:
        """The turn in which a seek left is over: send the day it ended on, if it moved since."""
        self._turn_open = False
        if self._seek_pending:
            self._flush_seek()

    def _flush_seek(self) -> None:
        self._seek_pending = False
        self.seq += 1
        self.view.call("seek", self.state.day, self.seq)

    def _on_state_place_selected(self, place_id: object) -> None:
        self.view.call("select", place_id)

    def _on_state_journey_changed(self, journey) -> None:  # type: ignore[no-untyped-def]
        self._load_page()

    def _on_view_ready(self) -> None:
        """A (re)loaded page starts from the state: follow, trail and borders came with its
        data (changes made while it loaded were queued), the basemap and the day follow here."""
        self.view.call("basemap", self.basemap)
        self._flush_seek()
        if self.state.selected_place:
            self.view.call("select", self.state.selected_place)

    def _on_view_basemap_chosen(self, name: str) -> None:
        """Chosen in the page: open (or close) the tile gate; the page has switched already."""
        self.basemap = name
        self.view.allow_online_tiles(name == "osm")
        self.basemap_changed.emit(name)

    def set_basemap(self, name: str) -> None:
        """"offline" (Natural Earth) or "osm" (online tiles, which the person asked for)."""
        self.basemap = name
        self.view.allow_online_tiles(name == "osm")
        self.view.call("basemap", name)
        self.basemap_changed.emit(name)
