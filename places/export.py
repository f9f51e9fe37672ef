"""Share a journey: GeoJSON (Linked Places Format where it applies), KML and CSV.

- GeoJSON: one Point feature per place with ``properties.when.timespans`` (its stays) and
  ``properties.passages``; one LineString per leg.
- KML: a placemark per stay with a TimeSpan, so Google Earth's time slider plays the journey.
- CSV: one row per stay.
"""
from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from .dates import FuzzyDate, iso
from .legs import Leg, arc_points, build_legs, distinct_moves
from .model import Journey, Stay

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
FORMATS = ("geojson", "kml", "csv")


def _timespan(start: FuzzyDate, end: FuzzyDate) -> dict:
    """An LPF timespan: earliest/latest bounds of each end, and the EDTF the source gave."""
    return {
        "start": {"earliest": iso(start.first_day), "latest": iso(start.last_day)},
        "end": {"earliest": iso(end.first_day), "latest": iso(end.last_day)},
        "edtf": f"{start}/{end}",
    }


def to_geojson(journey: Journey, legs: list[Leg] | None = None) -> dict:
    legs = build_legs(journey) if legs is None else legs
    features = []
    for place in journey.places:
        stays = [s for s in journey.stays if s.place_id == place.id]
        features.append({
            "type": "Feature",
            "id": place.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "id": place.id,
                "title": place.name,
                "names": [{"toponym": a.name, "lang": a.lang, "when": _name_when(a.start, a.end)} for a in place.names],
                "when": {"timespans": [{**_timespan(s.start, s.end), "kind": s.kind, "certainty": s.certainty, "source": s.source} for s in stays]},
                "passages": [
                    {"id": p.id, "text": p.text, "start": iso(p.first_day), "end": iso(p.last_day), "source": p.source}
                    for p in journey.passages_at(place.id)
                ],
                "links": _links(place.geonames, place.wikidata),
            },
        })
    moves, move_of = distinct_moves(legs)  # the same move recurs: compute its arc once
    arcs = [[[lon, lat] for lat, lon in arc_points(a, b)] for a, b in moves]
    for leg, move in zip(legs, move_of):
        features.append({
            "type": "Feature",
            "id": f"leg-{leg.index}",
            "geometry": {"type": "LineString", "coordinates": arcs[move]},
            "properties": {
                "kind": "leg", "from": leg.origin.id, "to": leg.destination.id,
                "depart": iso(leg.depart), "arrive": iso(leg.arrive),
                "km": round(leg.km, 1), "inferred": leg.inferred,
            },
        })
    return {"type": "FeatureCollection", "@context": LPF_CONTEXT, "title": journey.title, "features": features}


def _name_when(start: FuzzyDate | None, end: FuzzyDate | None) -> dict | None:
    if start is None and end is None:
        return None
    span = {}
    if start:
        span["start"] = {"earliest": iso(start.first_day)}
    if end:
        span["end"] = {"latest": iso(end.last_day)}
    return {"timespans": [span]}


def _links(geonames: int | None, wikidata: str | None) -> list[dict]:
    links = []
    if geonames:
        links.append({"type": "closeMatch", "identifier": f"gn:{geonames}"})
    if wikidata:
        links.append({"type": "closeMatch", "identifier": f"wd:{wikidata}"})
    return links


def to_kml(journey: Journey) -> str:
    """KML 2.2 with a TimeSpan per stay; text is escaped by ElementTree."""
    ns = "http://www.opengis.net/kml/2.2"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}kml")
    doc = ET.SubElement(root, f"{{{ns}}}Document")
    ET.SubElement(doc, f"{{{ns}}}name").text = journey.title or "Journey"
    for stay in journey.stays:
        if stay.place_id is None:
            continue
        place = journey.place(stay.place_id)
        mark = ET.SubElement(doc, f"{{{ns}}}Placemark")
        ET.SubElement(mark, f"{{{ns}}}name").text = place.name_on(stay.first_day)
        ET.SubElement(mark, f"{{{ns}}}description").text = _stay_description(stay)
        span = ET.SubElement(mark, f"{{{ns}}}TimeSpan")
        ET.SubElement(span, f"{{{ns}}}begin").text = iso(stay.first_day)
        ET.SubElement(span, f"{{{ns}}}end").text = iso(stay.last_day)
        point = ET.SubElement(mark, f"{{{ns}}}Point")
        ET.SubElement(point, f"{{{ns}}}coordinates").text = f"{place.lon},{place.lat}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _stay_description(stay: Stay) -> str:
    parts = [f"{stay.kind}, {stay.label}", f"certainty: {stay.certainty}"]
    if stay.source:
        parts.append(f"source: {stay.source}")
    if stay.note:
        parts.append(stay.note)
    return "\n".join(parts)


CSV_COLUMNS = ("start", "end", "first_day", "last_day", "place_id", "place", "lat", "lon", "kind", "certainty", "source", "note")


def to_csv(journey: Journey) -> str:
    """One row per stay; unknown periods have empty place columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for stay in journey.stays:
        place = journey.place(stay.place_id) if stay.place_id else None
        writer.writerow([
            str(stay.start), str(stay.end), iso(stay.first_day), iso(stay.last_day),
            stay.place_id or "", place.name if place else "", place.lat if place else "", place.lon if place else "",
            stay.kind, stay.certainty, stay.source or "", stay.note or "",
        ])
    return out.getvalue()


def render(journey: Journey, fmt: str) -> str:
    """The journey in one of :data:`FORMATS`, as text."""
    if fmt == "geojson":
        return json.dumps(to_geojson(journey), ensure_ascii=False, indent=1) + "\n"
    if fmt == "kml":
        return to_kml(journey)
    if fmt == "csv":
        return to_csv(journey)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
