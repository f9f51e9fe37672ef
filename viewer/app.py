"""Starting the desktop app: Qt set-up, the journey, the window, and ``--screenshot``."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from places import JourneyError, Journey, bundled_journey_path, load_journey

from .viewable import load_viewable

from .cli import Options, say_if_outside

log = logging.getLogger("litvinov_atlas")
SCREENSHOT_TIMEOUT_MS = 60000
SETTLE_MS = 400
SETTLED_POLL_MS = 50


def chromium_flags_for_root(argv: list[str]) -> list[str]:
    """Chromium's sandbox cannot run as root (containers, CI): add --no-sandbox only then."""
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in argv:
        log.warning("running as root: starting QtWebEngine with --no-sandbox")
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        return [*argv, "--no-sandbox"]
    return argv


def dispose(*widgets) -> None:  # type: ignore[no-untyped-def]
    """Delete windows before the application, so no web page outlives its profile."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in widgets:
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settings():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return QSettings("Litvinov Atlas", "Litvinov Atlas")


def choose_journey(options: Options, stored) -> tuple[Journey, str | None, str | None]:  # type: ignore[no-untyped-def]
    """The journey to open: the one asked for, else the last one, else the bundled one.

    Returns (journey, its path if not bundled, an error message if the wanted one failed).
    """
    wanted = str(options.journey) if options.journey else (stored.value("last_journey") or None)
    if wanted:
        try:
            return load_viewable(wanted), wanted, None
        except JourneyError as exc:
            if options.journey is None:
                log.warning("last journey no longer opens: %s", exc.describe())
                return load_journey(bundled_journey_path()), None, None
            return load_journey(bundled_journey_path()), None, exc.describe()
    return load_journey(bundled_journey_path()), None, None


def run_app(options: Options) -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    if options.screenshot is not None:
        return run_screenshot(options)
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
    from PySide6.QtWidgets import QApplication

    app = QApplication(chromium_flags_for_root(sys.argv[:1]))
    app.setApplicationName("Litvinov Atlas")
    from .main_window import MainWindow
    from .state import AppState

    stored = settings()
    journey, path, error = choose_journey(options, stored)
    say_if_outside(journey, options)
    day = options.at if options.at is not None else _stored_day(stored)
    window = MainWindow(AppState(journey, day, precision=options.at_precision), stored)
    window.journey_path = path
    window.restore_layout()
    if options.size:
        window.resize(*options.size)
    window.show()
    if error:
        from .file_actions import show_error

        show_error(window, "Cannot open journey", error + "\n\nThe bundled Litvinov journey is shown instead.")
    code = app.exec()
    dispose(window)
    return code


def _stored_day(stored) -> int | None:  # type: ignore[no-untyped-def]
    try:
        value = stored.value("last_day")
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def run_screenshot(options: Options) -> int:
    """Render the real window offscreen at --at, once the map has painted, to a PNG; exit."""
    try:
        journey = load_viewable(options.journey or bundled_journey_path())
    except JourneyError as exc:
        print(exc.describe(), file=sys.stderr)
        return 2
    say_if_outside(journey, options)
    target = Path(options.screenshot)  # type: ignore[arg-type]
    if target.suffix.lower() != ".png":
        print(f"{target}: --screenshot writes a PNG picture; give a file name ending in .png", file=sys.stderr)
        return 2
    if target.exists() and not options.force:
        print(f"{target} already exists (use --force to overwrite it)", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import PySide6.QtWebEngineWidgets  # noqa: F401
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from .file_actions import write_image
    from .main_window import MainWindow
    from .state import AppState

    app = QApplication(chromium_flags_for_root(sys.argv[:1]))
    scratch = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Litvinov Atlas", "screenshot")
    window = MainWindow(AppState(journey, options.at, precision=options.at_precision), scratch)
    window.resize(*(options.size or (1400, 900)))
    window.show()
    result = {"code": 1}

    def capture() -> None:
        try:
            write_image(window, target, "png", overwrite=options.force)
            result["code"] = 0
        except OSError as exc:
            print(f"cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            result["code"] = 2
        app.quit()

    def capture_when_settled() -> None:
        """Capture once the page has drawn everything (a long journey's trail takes frames) and
        is still so a moment later (the compositor shows it; nothing else started meanwhile)."""
        def answer(settled: object) -> None:
            QTimer.singleShot(SETTLE_MS if settled else SETTLED_POLL_MS, confirm if settled else capture_when_settled)
        window.map_view.call("settled", callback=answer)

    def confirm() -> None:
        window.map_view.call("settled", callback=lambda settled: capture() if settled else capture_when_settled())

    def on_painted(seq: int) -> None:
        if not result.get("scheduled"):
            result["scheduled"] = True
            if window.polity_worker.working:  # a first run: the states are still being worked out,
                window.polity_worker.settled.connect(capture_when_settled)  # and the picture names them
            else:
                capture_when_settled()

    window.map_view.painted.connect(on_painted)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: (print("the map did not paint in time", file=sys.stderr), app.quit()))
    app.exec()
    dispose(window)
    return result["code"]
