"""Build the lightly simplified historical border sets used to name the polity of a place.

The display sets (resources/basemaps/historical/world_YYYY.geojson) are simplified hard for
drawing, which moves borders by tens of kilometres: Geneva falls into France. Point lookups
need the borders closer to the source, so this keeps ~0.003° (about 300 m) of detail.

Run:  /tmp/toolsvenv/bin/python tools/build_border_lookup.py /path/to/shared/data/historical-basemaps
(needs shapely >= 2; see tools/README.md). Writes resources/basemaps/historical/lookup/.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely import make_valid, set_precision
from shapely.geometry import mapping, shape

YEARS = (1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960)
TOLERANCE_DEG = 0.003
OUT = Path(__file__).resolve().parents[1] / "resources" / "basemaps" / "historical" / "lookup"


def simplify_feature(feature: dict) -> dict | None:
    geom = make_valid(shape(feature["geometry"])).simplify(TOLERANCE_DEG, preserve_topology=True)
    geom = set_precision(geom, 0.001)
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
        if not polys:
            return None
        from shapely.ops import unary_union
        geom = unary_union(polys)
    props = feature["properties"]
    return {"type": "Feature", "properties": {"NAME": props.get("NAME"), "SUBJECTO": props.get("SUBJECTO")}, "geometry": mapping(geom)}


def main(source: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        data = json.loads((source / f"world_{year}.geojson").read_text(encoding="utf-8"))
        features = [f for f in (simplify_feature(f) for f in data["features"] if f.get("geometry")) if f and f["properties"]["NAME"]]
        text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        (OUT / f"world_{year}.geojson").write_text(text, encoding="utf-8")
        print(year, len(features), f"{len(text) / 1e6:.2f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
