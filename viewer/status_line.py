"""The status bar's line: where he is, the date, the distance so far.

The place comes first and may be long ("Moscow — Russian Empire on the 1914 map, Russian
SFSR on the 1920 map"); the date and the distance must stay in view at any window width. So
the place is cut to the room left, in pixels, with "…", and is whole in the tooltip. Text
only: a QLabel guesses rich text, so the line is plain text and the tooltip is converted.
"""
from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SEPARATOR = "  ·  "


class StatusLine(QLabel):
    """A plain-text label showing ``place · rest``, the place cut to fit its width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # its width is what the status bar gives it, never what its text asks for (that would
        # hold the window wider than its minimum, and cutting the text would resize it again)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.place, self.rest = "", ""

    def set_parts(self, place: str, rest: str) -> None:
        """Show ``place`` (cut if need be) and then ``rest`` (always whole)."""
        self.place, self.rest = place, SEPARATOR + rest
        self._fit()

    def resizeEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        margins = self.contentsMargins().left() + self.contentsMargins().right() + 2 * self.margin() + 4
        room = self.width() - margins - metrics.horizontalAdvance(self.rest)
        room = max(room, metrics.horizontalAdvance("Mosc…"))  # some of the place, always
        short = metrics.elidedText(self.place, Qt.TextElideMode.ElideRight, room)
        self.setText(short + self.rest)
        # the whole place on hover; a tooltip guesses rich text, so it gets the text converted
        self.setToolTip(QtGui.Qt.convertFromPlainText(self.place) if short != self.place else "")
