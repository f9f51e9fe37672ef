"""Write a journey back to its JSON document (the inverse of the loader), and edit it.

Edits return a new Journey (records are frozen); saving goes through ``write_atomic`` and
the loader's own validation, so a saved file always opens again.
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from .atomic import write_atomic
from .dates import FuzzyDate
from .loader import journey_from_data
from .model import CORRECTED_BY_HAND, AltName, Journey, Passage, Place

INFERRED_MAX = 1000  # the schema's longest reason in "inferred"


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != {} and v != []}


def journey_to_data(journey: Journey) -> dict[str, Any]:
    """The journey as a version-1 document."""
    doc: dict[str, Any] = {"format": "litvinov-atlas/journey", "version": 1}
    if journey.title:
        doc["title"] = journey.title
    if journey.person:
        p = journey.person
        doc["person"] = _clean({"name": p.name, "born": _s(p.born), "died": _s(p.died), "wikidata": p.wikidata, "note": p.note})
    doc["sources"] = {k: _clean({"title": s.title, "author": s.author, "year": s.year, "url": s.url, "license": s.license, "note": s.note}) for k, s in journey.sources.items()}
    doc["places"] = [_place(p) for p in journey.places]
    doc["stays"] = [_clean({"place": s.place_id, "start": str(s.start), "end": str(s.end), "kind": s.kind, "certainty": s.certainty,
                            "source": s.source, "note": s.note, "inferred": dict(s.inferred)}) | ({"place": None} if s.place_id is None else {})
                    for s in journey.stays]
    doc["passages"] = [_clean({"id": p.id, "text": p.text, "place": p.place_id, "start": str(p.start), "end": str(p.end),
                               "source": p.source, "note": p.note, "inferred": dict(p.inferred)}) for p in journey.passages]
    return doc


def _s(d: FuzzyDate | None) -> str | None:
    return str(d) if d else None


def alt_name_data(a: AltName) -> dict[str, Any]:
    """A place's other name as the document writes it: {"name", "lang", "from", "to"}, as given."""
    return _clean({"name": a.name, "lang": a.lang, "from": _s(a.start), "to": _s(a.end)})


def _place(p: Place) -> dict[str, Any]:
    names = [alt_name_data(a) for a in p.names]
    return _clean({"id": p.id, "name": p.name, "names": names, "lat": p.lat, "lon": p.lon, "country": p.country,
                   "geonames": p.geonames, "wikidata": p.wikidata, "note": p.note})


def save_journey(journey: Journey, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
    """Validate and write the journey atomically (an existing file only with ``overwrite``)."""
    data = journey_to_data(journey)
    journey_from_data(data, str(path))  # never write what would not open again
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n", overwrite=overwrite)


def correct_passage(journey: Journey, passage_id: str, *, place: Place | None = None,
                    start: FuzzyDate | None = None, end: FuzzyDate | None = None) -> Journey:
    """A journey where one passage has a corrected place and/or date.

    A new place is added when its id is not in the journey yet. A field whose value changes is
    marked in ``inferred`` as corrected by hand, with the value it replaced (and why that value
    was inferred, if it was): a researcher reading the file sees which values a person set and
    what the text gave. A field given unchanged keeps its mark, whatever it was.
    """
    places = list(journey.places)
    if place is not None and not journey.has_place(place.id):
        places.append(place)
    passages = tuple(_corrected(journey, p, place, start, end) if p.id == passage_id else p for p in journey.passages)
    data = journey_to_data(replace(journey, places=tuple(places), passages=passages))
    return journey_from_data(data, journey.file or "<edited>")


def _corrected(journey: Journey, p: Passage, place: Place | None, start: FuzzyDate | None, end: FuzzyDate | None) -> Passage:
    """The passage with the new values, each changed field marked as corrected by hand."""
    place_id = place.id if place is not None else p.place_id
    new_start = start or p.start
    new_end = end or (start if start else p.end)
    inferred = dict(p.inferred)
    if place_id != p.place_id:
        was = journey.place(p.place_id).name if p.place_id else "no place"
        inferred["place"] = _hand_mark(inferred.get("place"), was)
    if (new_start, new_end) != (p.start, p.end):
        reasons = [inferred.pop(key) for key in ("date", "start", "end") if key in inferred]
        was = str(p.start) if p.start == p.end else f"{p.start}/{p.end}"
        inferred["date"] = _hand_mark("; ".join(reasons) or None, was)
    return replace(p, place_id=place_id, start=new_start, end=new_end, inferred=MappingProxyType(inferred))


def _hand_mark(previous: str | None, was: str) -> str:
    """"corrected by hand (was Stockholm, inferred: carried forward from p04)".

    A field corrected before keeps its first mark: that one names what the text gave, which a
    second correction must not hide. At most the schema's 1000 characters.
    """
    if previous and previous.startswith(CORRECTED_BY_HAND):
        return previous
    mark = f"{CORRECTED_BY_HAND} (was {was}{', inferred: ' + previous if previous else ''})"
    return mark if len(mark) <= INFERRED_MAX else mark[: INFERRED_MAX - 2] + "…)"


def passage_by_id(journey: Journey, passage_id: str) -> Passage | None:
    return next((p for p in journey.passages if p.id == passage_id), None)
