"""Share a journey: GeoJSON (Linked Places Format where it applies), KML and CSV.

- GeoJSON: one Point feature per place with ``properties.when.timespans`` (its stays) and
  ``properties.passages``; one LineString per leg.
- KML: three Folders, "Stays" (a Point per stay), "Trail" (a line per leg, along the same
  great-circle arc as the GeoJSON, cut at the antimeridian) and "Passages" (a Point per
  passage at its place), each with a TimeSpan, so Google Earth's time slider plays the journey.
- CSV: one row per stay; text cells that a spreadsheet would read as a formula are defused.
"""
from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from typing import Callable, TypeVar
from xml.etree import ElementTree as ET

from .dates import FuzzyDate, iso
from .legs import Leg, arc_points, build_legs, distinct_moves
from .model import Journey, Passage, Stay

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
FORMATS = ("geojson", "kml", "csv")

T = TypeVar("T")


def _per_leg(legs: list[Leg], shape: Callable[[tuple[tuple[float, float], ...]], T]) -> list[T]:
    """``shape`` of each leg's great-circle arc (``arc_points``), one item per leg.

    The same move recurs often (Moscow → Geneva and back, many times), so each distinct move's
    arc is computed and shaped once and shared by its legs: every export draws the arcs the
    page draws, at the cost of one arc per distinct move."""
    moves, move_of = distinct_moves(legs)
    shapes = [shape(arc_points(a, b)) for a, b in moves]
    return [shapes[move] for move in move_of]


def _lonlat(arc: tuple[tuple[float, float], ...]) -> list[list[float]]:
    """GeoJSON positions, ``[lon, lat]``, longitudes left unwrapped (GeoJSON readers cope)."""
    return [[lon, lat] for lat, lon in arc]


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
    for leg, coordinates in zip(legs, _per_leg(legs, _lonlat)):
        features.append({
            "type": "Feature",
            "id": f"leg-{leg.index}",
            "geometry": {"type": "LineString", "coordinates": coordinates},
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


KML_NS = "http://www.opengis.net/kml/2.2"
# KML colours are aabbggrr. Certain legs: the app's trail colour (#9b2226), full width;
# inferred legs: paler and thinner, since KML has no dashed lines to draw them as the app does.
LEG_STYLES = {"leg": ("d926229b", "3"), "leg-inferred": ("b3a0a0e0", "1.5")}
INFERRED_NOTE = ("inferred: the sources do not date this move (an unknown period lies between, "
                 "or a stay is less than certain); drawn paler and thinner, as KML has no dashed lines")
_NOT_XML = re.compile("[^\\t\\n\\r\\x20-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]")


def to_kml(journey: Journey, legs: list[Leg] | None = None) -> str:
    """KML 2.2: Folders "Stays", "Trail" (the legs) and "Passages", each placemark with a TimeSpan.

    Text is escaped twice over where it must be: ElementTree escapes everything for XML, and a
    ``description``, which Google Earth renders as HTML, is HTML-escaped first (``_description``),
    so a passage reading ``<script>`` shows those characters instead of running. CDATA would
    not help: it is only another XML spelling of the same characters, still read as HTML.
    Characters XML 1.0 cannot carry become U+FFFD, so the file always parses."""
    legs = build_legs(journey) if legs is None else legs
    ET.register_namespace("", KML_NS)
    root = ET.Element(_k("kml"))
    doc = ET.SubElement(root, _k("Document"))
    ET.SubElement(doc, _k("name")).text = journey.title or "Journey"
    for style_id, (colour, width) in LEG_STYLES.items():
        _line_style(doc, style_id, colour, width)
    _stay_folder(_folder(doc, "Stays"), journey)
    _trail_folder(_folder(doc, "Trail"), legs)
    _passage_folder(_folder(doc, "Passages"), journey)
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return _NOT_XML.sub("\ufffd", text)


def _k(tag: str) -> str:
    """A tag in the KML namespace."""
    return f"{{{KML_NS}}}{tag}"


def _folder(parent: ET.Element, name: str) -> ET.Element:
    folder = ET.SubElement(parent, _k("Folder"))
    ET.SubElement(folder, _k("name")).text = name
    return folder


def _line_style(parent: ET.Element, style_id: str, colour: str, width: str) -> None:
    """A shared ``Style`` for leg lines, referred to as ``#style_id``."""
    style = ET.SubElement(parent, _k("Style"), id=style_id)
    line = ET.SubElement(style, _k("LineStyle"))
    ET.SubElement(line, _k("color")).text = colour
    ET.SubElement(line, _k("width")).text = width


def _placemark(parent: ET.Element, name: str, lines: list[str], begin: int, end: int) -> ET.Element:
    """A Placemark with its name (plain text), description and TimeSpan, in KML's element order;
    the caller adds the style and the geometry."""
    mark = ET.SubElement(parent, _k("Placemark"))
    ET.SubElement(mark, _k("name")).text = name
    ET.SubElement(mark, _k("description")).text = _description(lines)
    span = ET.SubElement(mark, _k("TimeSpan"))
    ET.SubElement(span, _k("begin")).text = iso(begin)
    ET.SubElement(span, _k("end")).text = iso(end)
    return mark


def _description(lines: list[str]) -> str:
    """Plain text as the HTML a KML ``description`` is read as: every character escaped, so
    none is markup, and each line break a ``<br>`` (HTML would run the lines together)."""
    return "<br>".join(html.escape(line) for text in lines for line in text.splitlines())


def _point(mark: ET.Element, lat: float, lon: float) -> None:
    point = ET.SubElement(mark, _k("Point"))
    ET.SubElement(point, _k("coordinates")).text = f"{lon},{lat}"


def _stay_folder(folder: ET.Element, journey: Journey) -> None:
    """A Point per stay, named as the place was called then; unknown periods have none."""
    for stay in journey.stays:
        if stay.place_id is None:
            continue
        place = journey.place(stay.place_id)
        mark = _placemark(folder, place.name_on(stay.first_day), _stay_lines(stay), stay.first_day, stay.last_day)
        _point(mark, place.lat, place.lon)


def _stay_lines(stay: Stay) -> list[str]:
    lines = [f"{stay.kind}, {stay.label}", f"certainty: {stay.certainty}"]
    if stay.source:
        lines.append(f"source: {stay.source}")
    if stay.note:
        lines.append(stay.note)
    return lines


def _trail_folder(folder: ET.Element, legs: list[Leg]) -> None:
    """A line per leg, "Kiev → Geneva", from departure to arrival; inferred legs in their own style."""
    for leg, parts in zip(legs, _per_leg(legs, _kml_line_parts)):
        name = f"{leg.origin.name_on(leg.depart)} → {leg.destination.name_on(leg.arrive)}"
        lines = [f"about {leg.km:,.0f} km", INFERRED_NOTE if leg.inferred else "dated by certain sources"]
        mark = _placemark(folder, name, lines, leg.depart, leg.arrive)
        mark.set("id", f"leg-{leg.index}")  # as the GeoJSON feature's id
        ET.SubElement(mark, _k("styleUrl")).text = "#leg-inferred" if leg.inferred else "#leg"
        _line_geometry(mark, parts)


def _line_geometry(mark: ET.Element, parts: list[str]) -> None:
    """One LineString, or a MultiGeometry of them where the arc was cut at the antimeridian."""
    parent = ET.SubElement(mark, _k("MultiGeometry")) if len(parts) > 1 else mark
    for coordinates in parts:
        line = ET.SubElement(parent, _k("LineString"))
        ET.SubElement(line, _k("tessellate")).text = "1"  # follow the ground, not a chord through it
        ET.SubElement(line, _k("coordinates")).text = coordinates


def _kml_line_parts(arc: tuple[tuple[float, float], ...]) -> list[str]:
    """KML ``coordinates`` for an arc: one string per piece left by ``_split_at_antimeridian``."""
    return [" ".join(f"{_number(lon)},{_number(lat)}" for lat, lon in piece) for piece in _split_at_antimeridian(arc)]


def _number(value: float) -> str:
    """A coordinate rounded to 6 decimals (about 0.1 m), without a ``-0.0``: the same arc
    always prints the same."""
    return repr(round(value, 6) + 0.0)


def _split_at_antimeridian(arc: tuple[tuple[float, float], ...]) -> list[list[tuple[float, float]]]:
    """An arc of ``(lat, lon)`` with unwrapped longitudes (``arc_points`` lets them run past
    180 so the path goes the short way) as pieces with every longitude in [-180, 180].

    KML wants longitudes in range, and Google Earth joins a line's points the short way in
    longitude, so an arc from 170° to 190° written as 170° to -170° would be drawn the long way
    round the world. So the arc is cut where it crosses the antimeridian, at the latitude
    interpolated there: one piece ends at 180 (or -180) and the next starts on the other side.
    Consecutive points are less than 180° of longitude apart, so they cross it at most once."""
    pieces: list[list[tuple[float, float]]] = [[]]
    before: tuple[float, float, int] | None = None
    for lat, lon in arc:
        turn = _turn(lon)
        if before is not None and turn != before[2]:
            edge_lat, side = _crossing(before, (lat, lon), turn)
            _append(pieces[-1], (edge_lat, side))
            pieces.append([(edge_lat, -side)])
        _append(pieces[-1], (lat, lon - 360 * turn))
        before = (lat, lon, turn)
    return [piece for piece in pieces if len(piece) > 1]


def _turn(lon: float) -> int:
    """Whole turns to take off an unwrapped longitude to bring it into (-180, 180]."""
    return math.ceil((lon - 180) / 360)


def _crossing(before: tuple[float, float, int], after: tuple[float, float], turn: int) -> tuple[float, float]:
    """Where the step from ``before`` to ``after`` meets the antimeridian: the latitude, linear
    in longitude over the short step, and the side (180 or -180) of the piece it leaves."""
    lat0, lon0, turn0 = before
    lat1, lon1 = after
    edge = 180 + 360 * min(turn, turn0)
    lat = lat0 + (lat1 - lat0) * (edge - lon0) / (lon1 - lon0)
    return round(lat, 4), (180.0 if turn > turn0 else -180.0)


def _append(piece: list[tuple[float, float]], point: tuple[float, float]) -> None:
    """Add a point unless it repeats the last one (an arc point lying on the antimeridian)."""
    if not piece or piece[-1] != point:
        piece.append(point)


def _passage_folder(folder: ET.Element, journey: Journey) -> None:
    """A Point per passage with a place, in date order, its text as the description."""
    for passage in sorted((p for p in journey.passages if p.place_id), key=lambda p: p.first_day):
        place = journey.place(passage.place_id)  # type: ignore[arg-type]
        name = f"{place.name_on(passage.first_day)}, {passage.label}"
        mark = _placemark(folder, name, _passage_lines(passage), passage.first_day, passage.last_day)
        _point(mark, place.lat, place.lon)


def _passage_lines(passage: Passage) -> list[str]:
    return [passage.text] + ([f"source: {passage.source}"] if passage.source else [])


CSV_COLUMNS = ("start", "end", "first_day", "last_day", "place_id", "place", "lat", "lon", "kind", "certainty", "source", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(journey: Journey) -> str:
    """One row per stay; unknown periods have empty place columns.

    Formula injection: Excel and LibreOffice may read a cell starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return as a formula, so a place named
    ``=HYPERLINK("http://evil","click")`` or a note ``+cmd|' /C calc'!A0`` would run when the
    file is opened. As OWASP advises, every text cell that starts so is written with a ``'``
    before it, which spreadsheets read as "this is text" (``_defused``). Coordinates are
    written as numbers, not text, and stay as they are: a longitude of -77.03 is still a
    number. Dates are the exporter's own ``YYYY…`` spellings and never start so. A program
    reading the CSV back takes off one leading ``'`` before those characters.

    Below the header (plain column names) every text cell is quoted and numbers are not
    (``QUOTE_NONNUMERIC``): that marks which cells are numbers, and quotes a carriage return
    inside a text cell, which minimal quoting with ``\\n`` line ends leaves bare, splitting the row."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(CSV_COLUMNS)
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    for stay in journey.stays:
        place = journey.place(stay.place_id) if stay.place_id else None
        writer.writerow([_defused(cell) for cell in (
            str(stay.start), str(stay.end), iso(stay.first_day), iso(stay.last_day),
            stay.place_id or "", place.name if place else "", place.lat if place else "", place.lon if place else "",
            stay.kind, stay.certainty, stay.source or "", stay.note or "",
        )])
    return out.getvalue()


def _defused(cell: object) -> object:
    """A text cell with ``'`` before it if a spreadsheet would take it for a formula; numbers as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def render(journey: Journey, fmt: str) -> str:
    """The journey in one of :data:`FORMATS`, as text."""
    if fmt == "geojson":
        return json.dumps(to_geojson(journey), ensure_ascii=False, indent=1) + "\n"
    if fmt == "kml":
        return to_kml(journey)
    if fmt == "csv":
        return to_csv(journey)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
