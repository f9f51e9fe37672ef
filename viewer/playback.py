"""Playback: time advances at a chosen speed and pauses briefly at each passage.

The timer only calls :meth:`Playback.step` with the elapsed seconds; tests drive ``step``
directly instead of sleeping. The day it sets is only as precise as a person can read at the
speed (months at a year a second), except on a passage, which keeps its own date's precision.
"""
from __future__ import annotations

import time
from bisect import bisect_right

from PySide6.QtCore import QObject, QTimer, Signal

from places import Itinerary, Precision

from .state import AppState

SPEEDS = (("1 month/s", 30.4), ("3 months/s", 91.3), ("1 year/s", 365.25), ("2 years/s", 730.5), ("5 years/s", 1826.25))
DEFAULT_SPEED = 2
PASSAGE_PAUSE_S = 1.6
TICK_MS = 16
READABLE_CHANGES_PER_S = 15.0   # faster than this, a date part is a blur: show the next coarser one


def speed_precision(days_per_second: float) -> Precision:
    """The finest date part that changes at most :data:`READABLE_CHANGES_PER_S` times a second."""
    if days_per_second <= READABLE_CHANGES_PER_S:
        return Precision.DAY
    if days_per_second <= READABLE_CHANGES_PER_S * 30.44:
        return Precision.MONTH
    return Precision.YEAR


class Playback(QObject):
    """Plays the state's day forward; stops at the end of the journey."""

    playing_changed = Signal(bool)

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.days_per_second = SPEEDS[DEFAULT_SPEED][1]
        self.playing = False
        self._carry = 0.0
        self._hold = 0.0
        self._last = 0.0
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        state.journey_changed.connect(self._on_state_journey_changed)
        self._on_state_journey_changed(state.journey)

    def _on_state_journey_changed(self, journey) -> None:  # type: ignore[no-untyped-def]
        # Each passage holds playback on the day it is shown at (Itinerary.passage_day): a
        # passage "in 1898, in Kiev" holds when he is in Kiev, not on 1 January.
        itinerary = self.state.itinerary if self.state.journey is journey else Itinerary(journey)
        self._passage_precision: dict[int, Precision] = {}
        for p in journey.passages:
            day = itinerary.passage_day(p)
            self._passage_precision[day] = max(self._passage_precision.get(day, Precision.YEAR), p.start.precision)
        self._passage_days = sorted(self._passage_precision)

    def set_speed(self, days_per_second: float) -> None:
        self.days_per_second = days_per_second

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def play(self) -> None:
        if self.playing:
            return
        if self.state.day >= self.state.last_day:
            self.state.go_to_start()
        self.playing, self._carry, self._hold = True, 0.0, 0.0
        self._last = time.monotonic()
        self._timer.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if not self.playing:
            return
        self.playing = False
        self._timer.stop()
        self.playing_changed.emit(False)

    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        self.step(now - self._last)
        self._last = now

    def step(self, seconds: float) -> None:
        """Advance by ``seconds`` of playback; stop at a passage's first day and hold there."""
        if self._hold > 0:
            self._hold = max(0.0, self._hold - seconds)
            return
        self._carry += seconds * self.days_per_second
        whole = int(self._carry)
        if whole < 1:
            return
        self._carry -= whole
        day = self.state.day
        target = min(self.state.last_day, day + whole)
        precision = speed_precision(self.days_per_second)
        i = bisect_right(self._passage_days, day)
        if i < len(self._passage_days) and self._passage_days[i] <= target:
            target, self._hold, self._carry = self._passage_days[i], PASSAGE_PAUSE_S, 0.0
            precision = self._passage_precision[target]
        self.state.set_day(target, precision)
        if target >= self.state.last_day:
            self.pause()
