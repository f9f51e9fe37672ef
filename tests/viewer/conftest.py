"""Helpers to drive the map page in QtWebEngine from tests: load, wait for ready, call atlas."""
from __future__ import annotations


import pytest

from places import bundled_journey_path, load_journey

from page_driver import PageDriver


@pytest.fixture(scope="session")
def litvinov():
    return load_journey(bundled_journey_path())


@pytest.fixture
def window(qtbot, tmp_path):
    """A real main window on the bundled journey, its map loaded, settings in a temp file.

    Whatever a test left unsaved is dropped before it is closed: closing would ask about it.
    """
    from PySide6.QtCore import QSettings

    from viewer.main_window import MainWindow
    from viewer.state import AppState

    w = MainWindow(AppState(load_journey(bundled_journey_path())), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show()
    qtbot.waitUntil(lambda: w.map_view.is_ready, timeout=30000)
    yield w
    w.setWindowModified(False)
    w.close()


@pytest.fixture
def map_page(qtbot):
    """Open a journey's map page in a MapView and return a driver once the page is ready."""
    from viewer.map_view import MapView

    views = []

    def open_page(journey, day=None, size=(1000, 700)):
        view = MapView()
        view.resize(*size)
        view.show()
        views.append(view)
        with qtbot.waitSignal(view.ready, timeout=30000):
            view.load_journey(journey, initial_day=day)
        return PageDriver(qtbot, view)

    yield open_page
    for view in views:
        view.close()
        view.deleteLater()


@pytest.fixture
def file_page(qtbot):
    """Open an HTML file in a plain view on the offline profile (no bridge), like a browser."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from viewer.web_profile import atlas_profile

    views = []

    def open_file(path, size=(1000, 700), fragment=None):
        profile, interceptor = atlas_profile()
        view = QWebEngineView()
        view.setPage(QWebEnginePage(profile, view))
        view.resize(*size)
        view.show()
        views.append(view)
        url = QUrl.fromLocalFile(str(path))
        if fragment:
            url.setFragment(fragment)
        with qtbot.waitSignal(view.loadFinished, timeout=30000):
            view.load(url)
        driver = PageDriver(qtbot, view)
        qtbot.waitUntil(lambda: driver.js("!!(window.atlas && atlas.isReady())"), timeout=10000)
        return driver

    yield open_file
    for view in views:
        view.close()
        view.deleteLater()
