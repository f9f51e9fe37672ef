"""Shared fixtures: a small, hand-made journey that exercises every rule of the format."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium's sandbox cannot run as root

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must be imported before any QApplication exists)

MINI = {
    "format": "litvinov-atlas/journey",
    "version": 1,
    "title": "A test journey",
    "person": {"name": "Test Person", "born": "1900-01-01", "died": "1900-12-31"},
    "sources": {"src": {"title": "A test source", "license": "CC0"}},
    "places": [
        {"id": "kiev", "name": "Kiev", "names": [{"name": "Kyiv", "lang": "uk", "from": "1995"}], "lat": 50.45, "lon": 30.52},
        {"id": "london", "name": "London", "lat": 51.5072, "lon": -0.1276},
        {"id": "petrograd", "name": "Saint Petersburg", "lat": 59.9386, "lon": 30.3141,
         "names": [{"name": "Petrograd", "from": "1914-09-01", "to": "1924-01-25"}, {"name": "Leningrad", "from": "1924-01-26", "to": "1991-09-05"}]},
    ],
    "stays": [
        {"place": "kiev", "start": "1900-01-01", "end": "1900-03", "kind": "birth", "certainty": "certain", "source": "src"},
        {"place": "london", "start": "1900-04-11", "end": "1900-06-30", "kind": "residence", "certainty": "certain", "source": "src"},
        {"place": None, "start": "1900-07", "end": "1900-08", "kind": "unknown", "certainty": "uncertain"},
        {"place": "petrograd", "start": "1900-09~", "end": "1900-12-31", "kind": "residence", "certainty": "less-certain", "source": "src"},
    ],
    "passages": [
        {"id": "a", "text": "He was born. [1]", "place": "kiev", "start": "1900-01-01", "end": "1900-01-01", "source": "src"},
        {"id": "b", "text": "In London <b>bold</b> & co.", "place": "london", "start": "1900-05", "end": "1900-05", "source": "src"},
    ],
}


@pytest.fixture
def mini_data() -> dict:
    """A fresh deep copy of the mini journey document, to mangle freely."""
    return copy.deepcopy(MINI)


@pytest.fixture
def mini_file(tmp_path: Path, mini_data: dict) -> Path:
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(mini_data), encoding="utf-8")
    return path


def pytest_sessionfinish(session, exitstatus):
    """Delete every window before the QApplication goes, so no web page outlives its profile."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
