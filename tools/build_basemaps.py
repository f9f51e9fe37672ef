#!/usr/bin/env python3
"""Regenerate Litvinov Atlas' offline web assets and basemaps.

Build-time only: nothing here is imported or run by the app.  See tools/README.md.

Steps (default: all of them):

  vendor      copy Leaflet and Leaflet.PolylineDecorator from an npm scratch dir
              into resources/web/vendor/
  modern      Natural Earth countries / land / internal borders (world-atlas TopoJSON)
              -> resources/basemaps/{countries,land,borders}-50m.geojson
  historical  aourednik/historical-basemaps world_YYYY.geojson, corrected where the
              source is wrong (tools/historical_corrections.py; needs the modern
              countries-50m.geojson for Armenia) and simplified with mapshaper
              -> resources/basemaps/historical/world_YYYY.geojson

Needs (in a scratch venv, not the app's .venv):  antimeridian, shapely
Needs (in a scratch npm dir, for "vendor", "modern", "historical"):
  leaflet@1.9.4 leaflet-polylinedecorator@1.6.0 world-atlas@2.0.2 mapshaper

Usage:
  python tools/build_basemaps.py --npm-dir /tmp/npmscratch [vendor] [modern] [historical]
  (or set LITVINOV_NPM_DIR instead of --npm-dir)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import antimeridian
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, mapping, shape
from shapely.ops import linemerge

sys.path.insert(0, str(Path(__file__).resolve().parent))
import historical_corrections  # noqa: E402  (tools/historical_corrections.py, beside this script)

REPO = Path(__file__).resolve().parent.parent
VENDOR_DIR = REPO / "resources" / "web" / "vendor"
BASEMAP_DIR = REPO / "resources" / "basemaps"
HIST_OUT = BASEMAP_DIR / "historical"
DEFAULT_HIST_SRC = REPO.parent / "shared" / "data" / "historical-basemaps"

HIST_YEARS = (1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960)
HIST_KEEP = ("NAME", "SUBJECTO", "PARTOF")

# Pinned package versions (must match what is installed in the npm scratch dir).
PINNED = {
    "leaflet": "1.9.4",
    "leaflet-polylinedecorator": "1.6.0",
    "world-atlas": "2.0.2",
}

# Natural Earth resolution used for the modern basemap ("50m" or "110m").
NE_RES = "50m"
ARC_TOLERANCE = 0.01  # deg; Douglas-Peucker on shared arcs (~1 km; 1:50m is ~25 km/mm)
PRECISION = 3  # decimals kept in output coordinates (0.001 deg ~ 110 m)
HIST_SIMPLIFY = "25%"  # mapshaper -simplify percentage of removable vertices kept


# --------------------------------------------------------------------------- utils

def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def pkg_dir(npm_dir: Path, name: str) -> Path:
    d = npm_dir / "node_modules" / name
    if not d.is_dir():
        sys.exit(f"{d} missing: run `npm install {name}@{PINNED.get(name, '')}` in {npm_dir}")
    version = json.loads((d / "package.json").read_text())["version"]
    if name in PINNED and version != PINNED[name]:
        sys.exit(f"{name} is {version} in {npm_dir}, expected {PINNED[name]}")
    return d


def _round_coords(coords, nd: int):
    """Round nested coordinates, dropping consecutive duplicates of rings/lines."""
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], nd), round(coords[1], nd)]
    out = [_round_coords(c, nd) for c in coords]
    if out and isinstance(out[0][0], (int, float)):  # a position list: dedupe
        dedup = [out[0]]
        for p in out[1:]:
            if p != dedup[-1]:
                dedup.append(p)
        out = dedup
    return out


def clean_polygonal(geom, nd: int = PRECISION):
    """Snap to a 10^-nd grid keeping validity; return Polygon/MultiPolygon or None."""
    geom = shapely.make_valid(geom) if not geom.is_valid else geom
    geom = shapely.set_precision(geom, 10.0 ** -nd)
    if geom.is_empty:
        return None
    if geom.geom_type == "GeometryCollection":
        polys = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys) if polys else None
        if geom is None or geom.is_empty:
            return None
    if geom.geom_type == "Polygon":
        return geom
    if geom.geom_type == "MultiPolygon":
        return geom if len(geom.geoms) > 1 else geom.geoms[0]
    return None


def orient_rfc7946(geom):
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 / GeoJSON)."""
    if geom.geom_type == "Polygon":
        return shapely.geometry.polygon.orient(geom, 1.0)
    return MultiPolygon([shapely.geometry.polygon.orient(p, 1.0) for p in geom.geoms])


def fix_antimeridian(geom):
    """Split rings that jump across +-180 deg and close polar rings along the pole."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", antimeridian.FixWindingWarning)
        if geom.geom_type == "Polygon":
            return antimeridian.fix_polygon(geom, fix_winding=True, great_circle=False)
        if geom.geom_type == "MultiPolygon":
            return antimeridian.fix_multi_polygon(geom, fix_winding=True, great_circle=False)
        if geom.geom_type == "LineString":
            return antimeridian.fix_line_string(geom, great_circle=False)
        if geom.geom_type == "MultiLineString":
            return antimeridian.fix_multi_line_string(geom, great_circle=False)
    raise ValueError(geom.geom_type)


def feature(geom, props: dict, keep_null: bool = False) -> dict:
    """GeoJSON feature with rounded coordinates; empty properties dropped unless keep_null."""
    g = mapping(geom)
    return {
        "type": "Feature",
        "properties": props if keep_null else {k: v for k, v in props.items() if v not in (None, "")},
        "geometry": {"type": g["type"], "coordinates": _round_coords(g["coordinates"], PRECISION)},
    }


def write_fc(path: Path, features: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(fc, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"  wrote {path.relative_to(REPO)}: {len(features)} features, {path.stat().st_size / 1024:.0f} KiB")


# --------------------------------------------------------------------------- vendor

def step_vendor(npm_dir: Path) -> None:
    log("vendor: Leaflet + Leaflet.PolylineDecorator")
    src = pkg_dir(npm_dir, "leaflet")
    dst = VENDOR_DIR / "leaflet"
    if dst.exists():
        shutil.rmtree(dst)
    (dst / "images").mkdir(parents=True)
    for f in ("leaflet.js", "leaflet.css"):
        shutil.copy2(src / "dist" / f, dst / f)
    for f in sorted((src / "dist" / "images").iterdir()):
        shutil.copy2(f, dst / "images" / f.name)
    shutil.copy2(src / "LICENSE", dst / "LICENSE")

    src = pkg_dir(npm_dir, "leaflet-polylinedecorator")
    dst = VENDOR_DIR / "leaflet-polylinedecorator"
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    shutil.copy2(src / "dist" / "leaflet.polylineDecorator.js", dst / "leaflet.polylineDecorator.js")
    shutil.copy2(src / "LICENSE", dst / "LICENSE")


# --------------------------------------------------------------------------- modern

class Topology:
    """Minimal TopoJSON decoder (quantized, delta-encoded arcs)."""

    def __init__(self, topo: dict):
        self.topo = topo
        tr = topo.get("transform")
        self.arcs = []
        for arc in topo["arcs"]:
            if tr:
                (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
                x = y = 0
                pts = []
                for dx, dy in arc:
                    x += dx
                    y += dy
                    pts.append((x * sx + tx, y * sy + ty))
            else:
                pts = [tuple(p[:2]) for p in arc]
            self.arcs.append(pts)

    def simplify_arcs(self, tolerance: float) -> None:
        """Douglas-Peucker each arc once, keeping its end points: borders shared by two
        polygons are the same arc, so they stay aligned (topology-preserving)."""
        if tolerance <= 0:
            return
        out = []
        for pts in self.arcs:
            if len(pts) > 2:
                simp = list(LineString(pts).simplify(tolerance, preserve_topology=True).coords)
                closed = pts[0] == pts[-1]
                if (closed and len(simp) < 4) or len(simp) < 2:
                    simp = pts  # keep tiny islands as they are
                pts = simp
            out.append(pts)
        self.arcs = out

    def arc(self, i: int):
        return self.arcs[i] if i >= 0 else self.arcs[~i][::-1]

    def ring(self, idxs):
        pts: list = []
        for i in idxs:
            a = self.arc(i)
            pts.extend(a if not pts else a[1:])
        return pts

    def geometry(self, g: dict):
        if g["type"] == "Polygon":
            return [[self.ring(r) for r in g["arcs"]]]
        if g["type"] == "MultiPolygon":
            return [[self.ring(r) for r in p] for p in g["arcs"]]
        raise ValueError(g["type"])


def raw_polygons(rings_list) -> list[Polygon]:
    """Polygons from TopoJSON rings, without planar repair (that comes after the
    antimeridian fix; a ring that wraps the globe is not a valid planar ring yet)."""
    polys = [Polygon(p[0], p[1:]) for p in rings_list if len(p[0]) >= 4]
    return [p for p in polys if p.area > 0]  # drop degenerate (zero-area) slivers


def fixed_geometry(rings_list):
    parts = []
    for poly in raw_polygons(rings_list):
        fixed = fix_antimeridian(poly)
        parts.extend(fixed.geoms if fixed.geom_type == "MultiPolygon" else [fixed])
    if not parts:
        return None
    merged = shapely.union_all([shapely.make_valid(p) for p in parts])
    merged = clean_polygonal(merged)
    return orient_rfc7946(merged) if merged is not None else None


def borders_mesh(topo: Topology, geoms: list[dict]):
    """Arcs shared by two different countries (topojson.mesh(t, o, (a, b) => a !== b))."""
    owners: dict[int, set[int]] = {}

    def walk(arcs, gi):
        for x in arcs:
            if isinstance(x, list):
                walk(x, gi)
            else:
                owners.setdefault(x if x >= 0 else ~x, set()).add(gi)

    for gi, g in enumerate(geoms):
        walk(g["arcs"], gi)
    lines = [LineString(topo.arcs[i]) for i, o in sorted(owners.items()) if len(o) >= 2]
    merged = linemerge(MultiLineString(lines))
    fixed = fix_antimeridian(merged)
    return shapely.set_precision(fixed, 10.0 ** -PRECISION)


def step_modern(npm_dir: Path) -> None:
    log(f"modern: Natural Earth {NE_RES} from world-atlas")
    wa = pkg_dir(npm_dir, "world-atlas")
    BASEMAP_DIR.mkdir(parents=True, exist_ok=True)

    topo_json = json.loads((wa / f"countries-{NE_RES}.json").read_text())
    topo = Topology(topo_json)
    topo.simplify_arcs(ARC_TOLERANCE)
    feats = []
    for g in topo_json["objects"]["countries"]["geometries"]:
        geom = fixed_geometry(topo.geometry(g))
        if geom is None:
            continue
        props = {"name": (g.get("properties") or {}).get("name"), "id": g.get("id")}
        feats.append(feature(geom, props))
    feats.sort(key=lambda f: f["properties"].get("name", ""))
    write_fc(BASEMAP_DIR / f"countries-{NE_RES}.geojson", feats)

    geoms = topo_json["objects"]["countries"]["geometries"]
    mesh = borders_mesh(topo, geoms)
    write_fc(BASEMAP_DIR / f"borders-{NE_RES}.geojson", [feature(mesh, {})])

    land_json = json.loads((wa / f"land-{NE_RES}.json").read_text())
    ltopo = Topology(land_json)
    ltopo.simplify_arcs(ARC_TOLERANCE)
    feats = []
    for g in land_json["objects"]["land"]["geometries"]:
        geom = fixed_geometry(ltopo.geometry(g))
        if geom is not None:
            feats.append(feature(geom, {}))
    write_fc(BASEMAP_DIR / f"land-{NE_RES}.geojson", feats)

    # Natural Earth is public domain; world-atlas' own notice (ISC) travels with it.
    shutil.copyfile(wa / "LICENSE", BASEMAP_DIR / "LICENSE.world-atlas")


# --------------------------------------------------------------------------- historical

def mapshaper_bin(npm_dir: Path) -> list[str]:
    b = npm_dir / "node_modules" / ".bin" / "mapshaper"
    if not b.exists():
        sys.exit(f"{b} missing: run `npm install mapshaper` in {npm_dir}")
    return [str(b)]


def step_historical(npm_dir: Path, src_dir: Path) -> None:
    log(f"historical: {src_dir} -> {HIST_OUT.relative_to(REPO)} (mapshaper -simplify {HIST_SIMPLIFY})")
    ms = mapshaper_bin(npm_dir)
    HIST_OUT.mkdir(parents=True, exist_ok=True)
    ctx = historical_corrections.Context(src_dir, BASEMAP_DIR / f"countries-{NE_RES}.geojson")
    with tempfile.TemporaryDirectory(prefix="histbm-") as tmp:
        tmp = Path(tmp)
        for year in HIST_YEARS:
            src = src_dir / f"world_{year}.geojson"
            data = json.loads(src.read_text(encoding="utf-8"))
            # 1) antimeridian first, so mapshaper sees plain planar polygons; keep properties.
            fixed = []
            for f in data["features"]:
                if not f.get("geometry"):
                    continue
                geom = fix_antimeridian(shape(f["geometry"]))
                geom = shapely.make_valid(geom) if not geom.is_valid else geom
                fixed.append({"properties": {k: f["properties"].get(k) for k in HIST_KEEP}, "geometry": geom})
            # 2) the documented corrections (tools/historical_corrections.py), before simplifying,
            #    so that shared borders, old and new, are simplified once.
            fixed = historical_corrections.correct(year, fixed, ctx)
            pre = [{"type": "Feature", "properties": f["properties"], "geometry": mapping(f["geometry"])} for f in fixed]
            pre_path = tmp / f"pre_{year}.geojson"
            pre_path.write_text(json.dumps({"type": "FeatureCollection", "features": pre}))
            # 3) topology-aware simplification: shared borders are simplified once.
            out_path = tmp / f"simpl_{year}.geojson"
            subprocess.run(
                ms + ["-i", str(pre_path), "-filter-fields", ",".join(HIST_KEEP),
                      "-simplify", HIST_SIMPLIFY, "keep-shapes", "planar",
                      # no -clean here: it would undo the simplification and merge features
                      "-o", str(out_path), "format=geojson", f"precision={10.0 ** -PRECISION:g}"],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            simp = json.loads(out_path.read_text())
            feats = []
            for f in simp["features"]:
                if not f.get("geometry"):
                    continue
                geom = clean_polygonal(shape(f["geometry"]))
                if geom is None:
                    continue
                props = {k: (f.get("properties") or {}).get(k) or None for k in HIST_KEEP}
                # stable schema: NAME/SUBJECTO/PARTOF always present (null when unknown)
                feats.append(feature(orient_rfc7946(geom), props, keep_null=True))
            write_fc(HIST_OUT / f"world_{year}.geojson", feats)
    shutil.copyfile(src_dir / "LICENSE", HIST_OUT / "LICENSE")  # not copy2: source is read-only


# --------------------------------------------------------------------------- main

def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("steps", nargs="*", metavar="STEP",
                    help="vendor, modern and/or historical (default: all)")
    ap.add_argument("--npm-dir", type=Path, default=os.environ.get("LITVINOV_NPM_DIR"),
                    help="scratch dir holding node_modules/ (env LITVINOV_NPM_DIR)")
    ap.add_argument("--hist-src", type=Path, default=DEFAULT_HIST_SRC,
                    help=f"folder with world_YYYY.geojson (default {DEFAULT_HIST_SRC})")
    args = ap.parse_args(argv)
    if args.npm_dir is None:
        ap.error("--npm-dir or LITVINOV_NPM_DIR is required")
    steps = args.steps or ["vendor", "modern", "historical"]
    unknown = set(steps) - {"vendor", "modern", "historical"}
    if unknown:
        ap.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    npm_dir = args.npm_dir.resolve()
    if "vendor" in steps:
        step_vendor(npm_dir)
    if "modern" in steps:
        step_modern(npm_dir)
    if "historical" in steps:
        step_historical(npm_dir, args.hist_src.resolve())


if __name__ == "__main__":
    main()
