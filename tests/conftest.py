"""Shared fixtures: a small, hand-made journey that exercises every rule of the format."""
from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="litvinov-atlas-test-cache-")  # never the person's own cache
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium's sandbox cannot run as root

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must be imported before any QApplication exists)

from mini_journey import MINI  # noqa: E402



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
