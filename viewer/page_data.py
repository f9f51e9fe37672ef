"""The one JSON blob the map page's script needs, built from a journey (no Qt, no folium).

Arrays are columnar and sorted so ``atlas.js`` can answer a seek by binary search and touch
only what changed since the last one.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_right
from typing import Any

from places import Itinerary, Journey, Precision, build_legs
from places.borders import SAME_STATE, YEARS, PolityTable, polity_table, transitions
from places.gcpause import collector_paused
from places.legs import ARC_STEP_KM, MAX_ARC_POINTS, Leg, distinct_moves

from .palette import place_color


def marker_radius(days: int) -> float:
    """Marker radius in pixels, growing with the log of the time spent at a place."""
    return round(3.5 + 2.2 * math.log2(1 + days / 30), 1) if days else 3.0


@collector_paused()
def build_page_data(journey: Journey, legs: list[Leg] | None = None, initial_day: int | None = None,
                    polities: PolityTable | bool = True, view: dict[str, Any] | None = None,
                    itinerary: Itinerary | None = None, initial_precision: Precision | None = None) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-ready data.

    ``polities``: the polity table of the journey's places, or True to look it up here (the
    export), or False for none yet (a host that sends it later). ``view``: how the host shows
    the map (``follow``, ``trail``, ``borders``), so the page's first frame already looks as
    the host wants it; without it the page uses its own defaults. ``itinerary`` avoids
    building it again when the caller has it (it gives each passage the day it is shown at).
    """
    legs = build_legs(journey) if legs is None else legs
    itinerary = Itinerary(journey) if itinerary is None else itinerary
    index = {p.id: i for i, p in enumerate(journey.places)}
    days_at: dict[str, int] = {}
    first_visit: dict[str, int] = {}
    for stay in journey.stays:
        if stay.place_id is not None:
            days_at[stay.place_id] = days_at.get(stay.place_id, 0) + stay.last_day - stay.first_day + 1
            first_visit.setdefault(stay.place_id, stay.first_day)
    places = [{
        "id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon,
        "color": place_color(p.id), "r": marker_radius(days_at.get(p.id, 0)), "days": days_at.get(p.id, 0),
        "names": [[a.name, a.start.first_day if a.start else None, a.end.last_day if a.end else None] for a in p.names if a.start or a.end],
    } for p in journey.places]
    stays = journey.stays
    arcs, path_of = distinct_moves(legs)
    return {
        "title": journey.title or "",
        "range": [journey.first_day, journey.last_day],
        "initialDay": initial_day if initial_day is not None else journey.first_day,
        "initialPrecision": int(initial_precision if initial_precision is not None else Precision.DAY),
        "view": dict(view or {}),
        "places": places,
        "stays": {
            "start": [s.first_day for s in stays],
            "end": [s.last_day for s in stays],
            "place": [index[s.place_id] if s.place_id else -1 for s in stays],
            "kind": [s.kind for s in stays],
            "certainty": [s.certainty for s in stays],
            "fuzzy": [int(s.start.is_fuzzy) + 2 * int(s.end.is_fuzzy) for s in stays],
        },
        "legs": {
            "from": [index[leg.origin.id] for leg in legs],
            "to": [index[leg.destination.id] for leg in legs],
            "depart": [leg.depart for leg in legs],
            "arrive": [leg.arrive for leg in legs],
            "inferred": [int(leg.inferred) for leg in legs],
            "pathOf": path_of,
            # The page draws each arc itself from its two places, by the rule of
            # places.legs.arc_points: sending 1.4 million points made a 100k journey's data
            # 30 MB, where the page computes them in a few tens of milliseconds.
            "arcs": {"from": [index[a.id] for a, _ in arcs], "to": [index[b.id] for _, b in arcs],
                     "stepKm": ARC_STEP_KM, "maxPoints": MAX_ARC_POINTS},
        },
        "borders": {"years": list(YEARS), "polity": _polities(journey, polities), "sameState": SAME_STATE,
                    "transitions": [[a, b, [list(step) for step in steps]] for (a, b), steps in transitions().items()]},
        "firstVisit": sorted([day, index[pid]] for pid, day in first_visit.items()),
        "passages": [{
            "id": p.id, "text": p.text, "place": index[p.place_id] if p.place_id else -1,
            "start": p.first_day, "end": p.last_day, "at": itinerary.passage_day(p), "precision": int(p.start.precision), "label": p.label, "source": journey.cite(p.source) or "",
            "inferred": int(bool(p.guessed)),  # a field corrected by hand is not shown as inferred
        } for p in sorted(journey.passages, key=lambda p: (p.first_day, p.id))],
    }


def _polities(journey: Journey, polities: PolityTable | bool) -> PolityTable:
    if polities is True:
        return polity_table([(p.lat, p.lon) for p in journey.places])
    return polities or {}


def leg_index_at(data: dict[str, Any], day: int) -> int:
    """How many legs have arrived by ``day`` (mirrors the script's binary search)."""
    return bisect_right(data["legs"]["arrive"], day)


def to_script_json(data: dict[str, Any]) -> str:
    """JSON safe to embed in a ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
