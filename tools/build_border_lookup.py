#!/usr/bin/env python3
"""Build the lightly simplified historical border sets used to name the polity of a place.

Build-time only: nothing here is imported or run by the app.  See tools/README.md.

The display sets (resources/basemaps/historical/world_YYYY.geojson, tools/build_basemaps.py)
are simplified hard for drawing, which moves borders by tens of kilometres: Geneva falls into
France.  Point lookups need the borders closer to the source, so this keeps ~0.003° (about
300 m) of detail.  Both start from the same source, aourednik/historical-basemaps (GPL-3.0),
with the same corrections (tools/historical_corrections.py), so the map and the polity named
for a place agree.

Writes resources/basemaps/historical/lookup/world_YYYY.geojson: one feature per named
polygon, properties NAME (the polity or the part of it) and SUBJECTO (the state it belongs
to; equal to NAME for a sovereign state).  Features with no NAME are left out.

Needs Python >= 3.10 with shapely >= 2 (any environment; the one tools/README.md sets up
for build_basemaps.py will do) and resources/basemaps/countries-50m.geojson (Natural Earth,
written by build_basemaps.py's "modern" step, used by one correction).

Usage:
  python tools/build_border_lookup.py [SOURCE_DIR]
  (SOURCE_DIR holds world_YYYY.geojson; default ../shared/data/historical-basemaps next to
  the repository)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely import set_precision
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import historical_corrections  # noqa: E402  (tools/historical_corrections.py, beside this script)

YEARS = (1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960)
TOLERANCE_DEG = 0.003
REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "basemaps" / "historical" / "lookup"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "historical-basemaps"


def simplify_feature(feature: dict) -> dict | None:
    """A GeoJSON feature from a corrected one ({"properties", "geometry": shapely})."""
    geom = feature["geometry"].simplify(TOLERANCE_DEG, preserve_topology=True)
    geom = set_precision(geom, 0.001)
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
        if not polys:
            return None
        geom = shapely.union_all(polys)
    props = feature["properties"]
    return {"type": "Feature", "properties": {"NAME": props.get("NAME"), "SUBJECTO": props.get("SUBJECTO")}, "geometry": mapping(geom)}


def main(source: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = historical_corrections.Context(source)
    for year in YEARS:
        data = json.loads((source / f"world_{year}.geojson").read_text(encoding="utf-8"))
        corrected = historical_corrections.correct(year, [
            {"properties": {k: f["properties"].get(k) for k in ("NAME", "SUBJECTO")},
             "geometry": shapely.make_valid(shape(f["geometry"]))}
            for f in data["features"] if f.get("geometry")], ctx)
        features = [f for f in (simplify_feature(f) for f in corrected) if f and f["properties"]["NAME"]]
        text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        (OUT / f"world_{year}.geojson").write_text(text, encoding="utf-8")
        print(year, len(features), f"{len(text) / 1e6:.2f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
