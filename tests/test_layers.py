"""The data layer stays pure: no Qt, no folium, so it runs and tests without a window."""
import ast
import subprocess
import sys
from pathlib import Path

PLACES = Path(__file__).resolve().parents[1] / "places"
FORBIDDEN = ("PySide6", "folium", "branca", "viewer")


def test_places_never_imports_qt_or_folium_statically():
    for path in PLACES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_using_places_loads_neither_qt_nor_folium():
    code = (
        "import sys, places, places.cli, places.export, places.gazetteer, places.geocode;"
        "from places import load_journey, bundled_journey_path, Itinerary;"
        "Itinerary(load_journey(bundled_journey_path())).where(700000);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'folium', 'branca')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
