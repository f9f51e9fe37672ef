"""The binding sends each day change to the page at once, and coalesces a burst to its last day."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Signal

from viewer.map_binding import MapBinding
from viewer.state import AppState


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


class RecordingView(QObject):
    """Stands in for MapView: records the page calls the binding makes."""

    place_clicked = Signal(str)
    ready = Signal()
    basemap_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple] = []

    def call(self, function: str, *args) -> None:
        self.calls.append((function, *args))

    def load_journey(self, *args, **kwargs) -> None:
        pass

    def allow_online_tiles(self, allowed: bool) -> None:
        pass

    def seeks(self) -> list[tuple]:
        return [c[1:] for c in self.calls if c[0] == "seek"]


def test_a_day_change_reaches_the_page_before_the_slower_handlers_run(qtbot, litvinov):
    state, view = AppState(litvinov, d("1902-03-01")), RecordingView()
    binding = MapBinding(state, view)  # noqa: F841 (kept alive)
    seen_by_panel = []
    state.day_changed.connect(lambda _day: seen_by_panel.append(view.seeks()))  # as the passage panel does, later
    state.set_day(d("1918-12-30"))
    assert view.seeks() == [(d("1918-12-30"), 1)]
    assert seen_by_panel == [[(d("1918-12-30"), 1)]]  # the page was already at work on it


def test_a_burst_of_day_changes_sends_the_first_at_once_and_the_last_when_the_turn_ends(qtbot, litvinov):
    state, view = AppState(litvinov, d("1902-03-01")), RecordingView()
    binding = MapBinding(state, view)  # noqa: F841 (kept alive)
    for day in ("1908-01-01", "1910-01-01", "1912-01-01", "1915-02-14"):
        state.set_day(d(day))
    assert view.seeks() == [(d("1908-01-01"), 1)]
    QCoreApplication.processEvents()
    assert view.seeks() == [(d("1908-01-01"), 1), (d("1915-02-14"), 2)]  # nothing in between
    QCoreApplication.processEvents()
    assert len(view.seeks()) == 2  # nothing more once the turn has ended
    state.set_day(d("1942-06-01"))
    assert view.seeks()[-1] == (d("1942-06-01"), 3)
