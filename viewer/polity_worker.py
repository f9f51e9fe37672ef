"""Works out which state held each of the journey's places, off the app's process.

The answers need shapely and nine sets of polygons (about 100 MB, a second of work), so a
worker thread asks a child process (``places.borders.polity_table_in_subprocess``) and hands
the small table to the state; the cache keeps it for the next start.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from places.borders import polity_table_in_subprocess

from .state import AppState


class PolityWorker(QObject):
    """Fills ``state.polities`` whenever a journey arrives without them."""

    finished = Signal(object, object)  # (journey, table or None), emitted from the worker thread
    settled = Signal()                 # a lookup ended (with a table or not), in the main thread

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="polities")
        self.working = 0  # lookups asked for and not yet ended
        self.finished.connect(self._on_worker_finished)
        state.journey_changed.connect(self._on_state_journey_changed)
        self._on_state_journey_changed(state.journey)

    def _on_state_journey_changed(self, journey) -> None:  # type: ignore[no-untyped-def]
        if self.state.polities is None:
            points = self.state.place_points()
            self.working += 1
            self._pool.submit(lambda: self.finished.emit(journey, polity_table_in_subprocess(points)))

    def _on_worker_finished(self, journey, table) -> None:  # type: ignore[no-untyped-def]
        self.working -= 1
        if table is not None:
            self.state.set_polities(journey, table)
        self.settled.emit()

    def shutdown(self) -> None:
        """Let a running lookup finish in the background; start no new one."""
        self._pool.shutdown(wait=False, cancel_futures=True)
