"""The Qt binding must not leak references to None: PySide6 6.12.0 did, and a playing timeline
aborted the app ("none_dealloc") within a minute under Python 3.11."""
import sys

from PySide6.QtGui import QColor


def test_void_qt_calls_keep_none_alive():
    colour = QColor("red")
    before = sys.getrefcount(None)
    for _ in range(20000):
        colour.setAlphaF(0.5)
    assert sys.getrefcount(None) >= before - 100
