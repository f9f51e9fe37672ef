"""Point lookups in the border sets (shapely): the polity that holds each point in each set.

Heavy by nature (nine sets of polygons, about 100 MB), so the app runs it in a child process:
``python -m places.border_lookup`` reads a JSON list of [lat, lon] on stdin and writes the
polity table as JSON on stdout. ``places.borders`` caches its answers.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import shape

from .borders import MODERN, NEAREST_KM, YEARS, Polity, PolityTable, polity_from, set_year_for
from .resources import resource_path


class BorderSet:
    """One year's polygons with a spatial index for point lookups."""

    def __init__(self, key: int | str, features: list[dict], name_key: str):
        self.key = key
        self.names = [f["properties"].get(name_key) for f in features]
        self.polities = [polity_from(f["properties"].get(name_key), f["properties"].get("SUBJECTO")) for f in features]
        self.geoms = np.array([shape(f["geometry"]) for f in features], dtype=object)
        self.areas = shapely.area(self.geoms)
        self.tree = shapely.STRtree(self.geoms)

    def polity_at(self, lat: float, lon: float) -> Polity | None:
        point = shapely.Point(lon, lat)
        hits = [i for i in self.tree.query(point, predicate="intersects") if self.names[i]]
        if not hits:
            nearest = self.tree.query_nearest(point, max_distance=NEAREST_KM / 111.0)
            hits = [i for i in nearest if self.names[i]]
        if not hits:
            return None
        best = min(hits, key=lambda i: self.areas[i])  # overlaps: the most specific polygon
        return self.polities[best]


@lru_cache(maxsize=None)
def border_set(key: int | str) -> BorderSet:
    """A border set by year, or ``"modern"`` for Natural Earth's countries (read once)."""
    if key == MODERN:
        path, name_key = resource_path("basemaps", "countries-50m.geojson"), "name"
    else:
        path, name_key = resource_path("basemaps", "historical", "lookup", f"world_{key}.geojson"), "NAME"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return BorderSet(key, [f for f in features if f.get("geometry")], name_key)


def polity_of(lat: float, lon: float, day: int) -> Polity | None:
    """The polity holding a point on a day, by the border set in force then."""
    return border_set(set_year_for(day)).polity_at(lat, lon)


def compute_polity_table(points: list[tuple[float, float]]) -> PolityTable:
    """Polity labels of many points in every set, keyed by set year (and "modern")."""
    table: dict[str, list[str | None]] = {}
    for key in (*YEARS, MODERN):
        bs = border_set(key)
        table[str(key)] = [(p.label if (p := bs.polity_at(lat, lon)) else None) for lat, lon in points]
    return table


def main() -> int:
    points = [(float(lat), float(lon)) for lat, lon in json.load(sys.stdin)]
    json.dump(compute_polity_table(points), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
