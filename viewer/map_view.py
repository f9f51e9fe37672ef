"""The map widget: a QWebEngineView on the folium page, and the QWebChannel bridge to it.

The host speaks to the page only through named ``window.atlas`` functions with JSON
arguments; calls made before the page says ``ready`` are queued. The page speaks back
through :class:`AtlasHost`, a small QObject (not a widget).
"""
from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from places import Itinerary, Journey
from places.borders import PolityTable
from places.legs import Leg

from .map_page import DATA_SCRIPT, app_page_shell, data_script
from .web_profile import atlas_profile

log = logging.getLogger(__name__)


def _from_json(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


class AtlasHost(QObject):
    """What the page may call: ``ready()``, ``place_clicked(id)``, ``applied(seq)``, ``painted(seq)``.

    ``painted(0)`` is the page's first frame (its initial day and view, the bridge up);
    ``painted(seq)`` for seq ≥ 1 is the first frame after the host's seek number seq.
    """

    page_ready = Signal()
    place_clicked_in_page = Signal(str)
    page_applied = Signal(int)
    page_painted = Signal(int)
    basemap_chosen_in_page = Signal(str)

    @Slot(str)
    def basemap_chosen(self, name: str) -> None:
        """The person picked a basemap in the page's own layer control."""
        self.basemap_chosen_in_page.emit(name)

    @Slot(int)
    def applied(self, seq: int) -> None:
        """The page has applied seek ``seq`` (its layers are updated; not yet painted)."""
        self.page_applied.emit(seq)

    @Slot()
    def ready(self) -> None:
        self.page_ready.emit()

    @Slot(str)
    def place_clicked(self, place_id: str) -> None:
        self.place_clicked_in_page.emit(place_id)

    @Slot(int)
    def painted(self, seq: int) -> None:
        self.page_painted.emit(seq)


class AtlasPage(QWebEnginePage):
    """A page that cannot navigate away: links open in the system browser instead."""

    def __init__(self, profile, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(profile, parent)
        self.home: QUrl | None = None

    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:  # noqa: N802
        if self.home is not None and url.isLocalFile() and url.toLocalFile() == self.home.toLocalFile() and nav_type != QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            return True
        if url.scheme() in ("http", "https") and nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            QDesktopServices.openUrl(url)
        log.info("refused navigation to %s", url.toString())
        return False

    def createWindow(self, _type):  # type: ignore[no-untyped-def]  # noqa: N802
        return _ExternalLinkPage(self.profile(), self)

    def javaScriptConsoleMessage(self, level, message, line, source):  # type: ignore[no-untyped-def]  # noqa: N802
        log.debug("page console %s:%s: %s", source, line, message)


class _ExternalLinkPage(QWebEnginePage):
    """Receives ``target=_blank`` links and hands them to the system browser."""

    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:  # noqa: N802
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        self.deleteLater()
        return False


class MapView(QWebEngineView):
    """Shows a journey's map page and forwards commands to ``window.atlas``."""

    ready = Signal()
    place_clicked = Signal(str)
    applied = Signal(int)
    painted = Signal(int)
    basemap_chosen = Signal(str)

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        profile, self.interceptor = atlas_profile()
        self._page = AtlasPage(profile, self)
        self.setPage(self._page)
        self.host = AtlasHost(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject("atlasHost", self.host)
        self._page.setWebChannel(self._channel)
        self.host.page_ready.connect(self._on_host_ready)
        self.host.place_clicked_in_page.connect(self.place_clicked)
        self.host.page_applied.connect(self.applied)
        self.host.basemap_chosen_in_page.connect(self.basemap_chosen)
        self.host.page_painted.connect(self.painted)
        self._queue: list[tuple[str, tuple[Any, ...], Callable[[Any], None] | None]] = []
        self.is_ready = False
        self._folder = tempfile.TemporaryDirectory(prefix="litvinov-atlas-")
        self._loads = 0

    def load_journey(self, journey: Journey, initial_day: int | None = None, legs: list[Leg] | None = None,
                     polities: PolityTable | bool = True, view: dict | None = None, itinerary: Itinerary | None = None) -> Path:
        """Show a journey: the page shell and its data script, written to a fresh folder and
        loaded from there (never ``setHtml``, which stops at 2 MB). ``view``: the page's
        starting follow/trail/borders (see ``build_page_data``)."""
        self.is_ready = False
        self._loads += 1
        folder = Path(self._folder.name) / f"page-{self._loads}"
        folder.mkdir()
        (folder / DATA_SCRIPT).write_text(data_script(journey, initial_day=initial_day, legs=legs, polities=polities, view=view, itinerary=itinerary), encoding="utf-8")
        path = folder / "index.html"
        path.write_text(app_page_shell(), encoding="utf-8")
        url = QUrl.fromLocalFile(str(path))
        self._page.home = url
        self.load(url)
        return path

    def call(self, function: str, *args: Any, callback: Callable[[Any], None] | None = None) -> None:
        """Call ``atlas.<function>(*args)`` with JSON arguments, queued until the page is ready."""
        if not self.is_ready:
            self._queue.append((function, args, callback))
            return
        script = f"atlas.{function}({', '.join(json.dumps(a) for a in args)})"
        if callback is None:
            self._page.runJavaScript(script)
        else:
            # Results travel as JSON text: QtWebEngine's own conversion drops objects with nulls.
            self._page.runJavaScript(f"JSON.stringify({script})", 0, lambda text: callback(_from_json(text)))

    def _on_host_ready(self) -> None:
        self.is_ready = True
        queued, self._queue = self._queue, []
        for function, args, callback in queued:
            self.call(function, *args, callback=callback)
        self.ready.emit()

    def allow_online_tiles(self, allowed: bool, *, remote_urls: bool | None = None) -> None:
        """Let OpenStreetMap tiles through (the person asked for the online layer), or not.

        Two locks guard the network: Chromium refuses remote URLs from a file page unless
        ``LocalContentCanAccessRemoteUrls`` is on, and the interceptor blocks every remote
        host but the tile server, and that one only while ``allowed``.
        """
        self.interceptor.allow_online = allowed
        settings = self._page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, allowed if remote_urls is None else remote_urls)
