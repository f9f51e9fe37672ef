"""Borders of the time: which border set is in force on a day, and which polity holds a place.

Historical world borders exist for a few years (1880 ... 1960). On a given day the set in
force is the latest one at or before it (the earliest before 1880). The polity of a place
is looked up in a lightly simplified copy of each set (the display copies are simplified
too hard for points near a border: Geneva would fall into France).

A polygon's NAME is the polity, unless its SUBJECTO names another state: then that state is
the polity and the NAME its part (the Azerbaijan SSR in 1930 is "USSR (Azerbaijan)", the
British Raj "United Kingdom ... (British Raj)"). The build tools correct the source where it
is wrong (tools/historical_corrections.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import shape

from .resources import resource_path

YEARS = (1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960)
MODERN = "modern"
NEAREST_KM = 60.0  # coastal cities fall just outside coarse coastlines; take the nearest polity then
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "Syria (France)": the part is "Syria" under France


@dataclass(frozen=True)
class Polity:
    """The state holding a place in one border set; ``part`` names a constituent part."""

    name: str
    part: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.part})" if self.part else self.name


def polity_from(name: str | None, subjecto: str | None = None) -> Polity | None:
    """The polity of a polygon named ``name``, subject to ``subjecto`` (None: sovereign)."""
    if not name:
        return None
    if not subjecto or subjecto == name:
        return Polity(name)
    return Polity(subjecto, _QUALIFIER.sub("", name) or name)


def set_year_for(day: int) -> int:
    """The year of the border set in force on ``day``."""
    year = date.fromordinal(day).year
    fitting = [y for y in YEARS if y <= year]
    return fitting[-1] if fitting else YEARS[0]


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


def polity_table(points: list[tuple[float, float]]) -> dict[str, list[str | None]]:
    """Polity labels of many points in every set, keyed by set year (and "modern")."""
    table: dict[str, list[str | None]] = {}
    for key in (*YEARS, MODERN):
        bs = border_set(key)
        table[str(key)] = [(p.label if (p := bs.polity_at(lat, lon)) else None) for lat, lon in points]
    return table
