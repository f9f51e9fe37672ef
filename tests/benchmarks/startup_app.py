"""Cold start of the real app: ``python startup_app.py T0 [HOLD_S]``.

T0 is the parent's wall clock just before it spawned this process. Starts the app the way
``viewer.app.run_app`` does (bundled journey, settings in a scratch file), and prints one JSON
line with the seconds from T0 to the first ``MapView.painted``: the page's own first frame,
``painted(0)``, sent once the page is loaded with the journey at its initial day and view and
the bridge to the host is up (the map is on screen and answers the timeline).
Then it scrubs for HOLD_S seconds (a 60 Hz drag) so the memory sampled by the parent
includes a working app, and quits.
"""
import json
import os
import sys
import tempfile
import time

T0 = float(sys.argv[1]) if len(sys.argv) > 1 else time.time()
HOLD_S = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
marks = {"python_s": time.time() - T0}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import qt_env  # noqa: E402

qt_env()
import PySide6.QtWebEngineWidgets  # noqa: E402,F401
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

marks["qt_import_s"] = time.time() - T0
from places import bundled_journey_path, load_journey  # noqa: E402
from viewer.app import chromium_flags_for_root  # noqa: E402
from viewer.main_window import MainWindow  # noqa: E402
from viewer.state import AppState  # noqa: E402

marks["app_import_s"] = time.time() - T0
app = QApplication(chromium_flags_for_root(sys.argv[:1]))
journey = load_journey(bundled_journey_path())
scratch = tempfile.mkdtemp(prefix="atlas-bench-")
window = MainWindow(AppState(journey, None), QSettings(os.path.join(scratch, "s.ini"), QSettings.Format.IniFormat))
marks["window_built_s"] = time.time() - T0
window.resize(1300, 850)
window.show()
window.map_view.ready.connect(lambda: marks.setdefault("page_ready_s", time.time() - T0))
state = {"done": False}


def on_painted(seq: int) -> None:
    if state["done"]:
        return
    state["done"] = True
    marks["painted_s"] = time.time() - T0
    print(json.dumps({k: round(v, 4) for k, v in marks.items()}), flush=True)
    s = window.state
    timer = QTimer(window)
    timer.timeout.connect(lambda: s.set_day(s.first_day + (s.day - s.first_day + 30) % (s.last_day - s.first_day)))
    timer.start(16)
    QTimer.singleShot(int(HOLD_S * 1000), app.quit)


window.map_view.painted.connect(on_painted)
QTimer.singleShot(120000, app.quit)
app.exec()
sys.exit(0 if state["done"] else 1)
