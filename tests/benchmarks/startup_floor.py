"""The floor for cold start and memory: ``python startup_floor.py T0 [HOLD_S]``.

A bare QWebEngineView loading a bare Leaflet page (the vendored leaflet.js, linked as a file
like the app does) with the same offline basemap (land-50m + borders-50m GeoJSON, inline) drawn
on a canvas, at the app's start view. Prints the seconds from T0 (the parent's clock before
the spawn) to the page's first requestAnimationFrame, reported through a console message
(no QWebChannel, no folium, no journey). Then it idles HOLD_S seconds and quits.
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
from benchlib import ROOT, qt_env  # noqa: E402

qt_env()
from PySide6.QtWebEngineCore import QWebEnginePage  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtCore import QTimer, QUrl  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

marks["qt_import_s"] = time.time() - T0
WEB, BASE = ROOT / "resources" / "web" / "vendor" / "leaflet", ROOT / "resources" / "basemaps"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>floor</title>
<link rel="stylesheet" href="{css}"><script src="{js}"></script>
<style>html, body, #map {{ margin: 0; width: 100%; height: 100%; }}</style></head>
<body><div id="map"></div>
<script type="application/json" id="basemap">{basemap}</script>
<script>
var b = JSON.parse(document.getElementById("basemap").textContent);
var map = L.map("map", {{ preferCanvas: true, minZoom: 2, maxZoom: 12 }}).setView([50, 20], 4);
var r = L.canvas({{ padding: 0.5 }});
L.geoJSON(b.land, {{ renderer: r, interactive: false, style: {{ stroke: false, fillColor: "#efe4cc", fillOpacity: 1 }} }}).addTo(map);
L.geoJSON(b.borders, {{ renderer: r, interactive: false, style: {{ color: "#a89676", weight: 0.7, fill: false }} }}).addTo(map);
requestAnimationFrame(function () {{ console.log("floor-painted"); }});
</script></body></html>"""


class FloorPage(QWebEnginePage):
    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        if message == "floor-painted" and "painted_s" not in marks:
            marks["painted_s"] = time.time() - T0
            print(json.dumps({k: round(v, 4) for k, v in marks.items()}), flush=True)
            QTimer.singleShot(int(HOLD_S * 1000), app.quit)


argv = sys.argv[:1] + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
app = QApplication(argv)
land = (BASE / "land-50m.geojson").read_text(encoding="utf-8")
borders = (BASE / "borders-50m.geojson").read_text(encoding="utf-8")
basemap = '{"land":' + land + ',"borders":' + borders + "}"
html = PAGE.format(css=(WEB / "leaflet.css").as_uri(), js=(WEB / "leaflet.js").as_uri(), basemap=basemap.replace("<", "\\u003c"))
folder = tempfile.mkdtemp(prefix="atlas-floor-")
path = os.path.join(folder, "floor.html")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
view = QWebEngineView()
view.setPage(FloorPage(view))
view.resize(1300, 850)
view.show()
view.load(QUrl.fromLocalFile(path))
marks["load_started_s"] = time.time() - T0
QTimer.singleShot(120000, app.quit)
app.exec()
sys.exit(0 if "painted_s" in marks else 1)
