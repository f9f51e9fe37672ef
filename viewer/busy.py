"""Showing that the app is at work: a big journey takes seconds to open, draft or export.

Without a sign, a window that stops answering for four seconds (opening 100,000 stays) looks
hung. ``busy`` shows the wait cursor and says what is being done in the window's status line,
and puts both back however the work ends, before any error dialog comes up.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget


@contextmanager
def busy(parent: QWidget | None, message: str) -> Iterator[None]:
    """Wait cursor and ``message`` (plain text) in the parent window's status line while the
    block runs. The status line keeps whatever the work itself put there (a new journey's
    place and date); if the work left it alone, its text from before comes back."""
    status = getattr(parent, "status_label", None)
    status = status if isinstance(status, QLabel) else None
    before = status.text() if status is not None else ""
    if status is not None:
        status.setText(message)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    # Paint the cursor and the message now: the work that follows keeps the event loop busy.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        if status is not None and status.text() == message:
            status.setText(before)
