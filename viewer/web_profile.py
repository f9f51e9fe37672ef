"""The web profile of the map: off the record, and offline unless the person opts in.

A request interceptor blocks every URL that is not local (file, qrc, data, blob, about),
except OpenStreetMap tiles once the person switches that layer on. Blocked URLs are kept so
tests can prove that nothing left the machine.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

log = logging.getLogger(__name__)

LOCAL_SCHEMES = frozenset({"file", "qrc", "data", "blob", "about", "devtools"})
ONLINE_HOSTS = frozenset({"tile.openstreetmap.org"})


def is_local(url: QUrl) -> bool:
    return url.scheme() in LOCAL_SCHEMES


class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every non-local request unless online tiles were allowed."""

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.allow_online = False
        self.blocked: list[str] = []
        self.allowed_remote: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt API)
        url = info.requestUrl()
        if is_local(url):
            return
        if self.allow_online and url.scheme() == "https" and url.host() in ONLINE_HOSTS:
            self.allowed_remote.append(url.toString())
            return
        self.blocked.append(url.toString())
        log.info("blocked a request that would leave the machine: %s", url.toString())
        info.block(True)


_profile: QWebEngineProfile | None = None
_interceptor: OfflineInterceptor | None = None


def atlas_profile() -> tuple[QWebEngineProfile, OfflineInterceptor]:
    """The one off-the-record profile the map pages share, with its interceptor."""
    global _profile, _interceptor
    if _profile is None:
        # No storage name: off the record, nothing written to disk. Parented to the
        # application so it outlives every page that uses it.
        _profile = QWebEngineProfile(QCoreApplication.instance())
        _interceptor = OfflineInterceptor(_profile)
        _profile.setUrlRequestInterceptor(_interceptor)

    return _profile, _interceptor  # type: ignore[return-value]
