"""Assemble a draft journey from a text: passages, running context, places and stays.

Each passage gets the date and place its sentence supports; a sentence silent on either
inherits the running value, marked ``inferred`` ("carried forward from p03"). Stays are
built from the sequence: consecutive passages at one place make one stay, and stays are
kept chronological and non-overlapping (a stay that would go back in time is clipped to
start after the one before, or dropped when nothing is left), so the draft always loads.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..dates import FuzzyDate
from ..gazetteer import Gazetteer, Match, normalize
from .dates import Span, date_of_sentence
from .places import PlaceFinder
from .sentences import split_passages

SOURCE_ID = "text"
# Leaving a place behind: after such a sentence the running place no longer holds, unless the
# sentence itself says where to ("left France for London").
DEPARTURE = re.compile(r"\b(?:left (?:the country|\w+ country|[A-Z]\w+)(?! for\b)|fled|emigrated|(?:was |were )?(?:deported|expelled|banished) from)\b")
UNKNOWN_SPAN = (FuzzyDate(1, uncertain=True), FuzzyDate(9999, uncertain=True))  # no date anywhere in the text

# Words that suggest what kind of stay a passage describes; the first kind that matches wins.
STAY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("birth", re.compile(r"\bwas born\b", re.I)),
    ("death", re.compile(r"\b(?:died|was buried|death of)\b", re.I)),
    ("prison", re.compile(r"\b(?:arrested|imprisoned|in custody|prison|jail|gaol|incarcerated)\b", re.I)),
    ("exile", re.compile(r"\b(?:exiled|in exile|banished)\b", re.I)),
    ("mission", re.compile(r"\b(?:mission|conference|negotiat\w*|delegation|summit)\b", re.I)),
)


@dataclass
class Drafted:
    """One passage as extracted, before it is written out."""

    id: str
    text: str
    span: Span | None = None
    date_reason: str = ""  # empty when the date is stated
    date_evidence: str = ""
    place: Match | None = None
    place_reason: str = ""  # empty when the place is stated
    place_evidence: str = ""
    inferred: dict[str, str] = field(default_factory=dict)


def draft_journey(text: str, person: str | None = None, *, source_title: str = "pasted text",
                  gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """A journey document (a dict in the journey format) drafted from a plain-text biography."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be written as UTF-8
    finder = PlaceFinder(gazetteer)
    pieces = split_passages(text)
    width = max(2, len(str(len(pieces))))
    drafted = [Drafted(f"p{i + 1:0{width}d}", piece) for i, piece in enumerate(pieces)]
    _extract(drafted, finder, _subject_words(person))
    _backfill_dates(drafted)
    return _document(drafted, person, source_title)


def _subject_words(person: str | None) -> re.Pattern[str] | None:
    """Words that mean the text's subject: the person's surname and third-person pronouns."""
    if not person or not person.split():
        return None
    surname = re.escape(person.split()[-1])
    return re.compile(rf"\b(?:{surname}|he|him|his|himself|she|her|herself)\b", re.I)


def _extract(drafted: list[Drafted], finder: PlaceFinder, subject: re.Pattern[str] | None = None) -> None:
    """Date and place each passage; silent sentences carry the running values forward.

    Two readings keep the running place honest. A sentence that does not mention the subject
    and is placed only by an actor (an institution, a country, a people's agents: "The
    Foreign Office confirmed ...") places that passage but is not where the subject is, so
    it does not become the subject's running place. A sentence that leaves a place behind
    ("left the country", "was deported from Sweden") ends the running place: the next silent
    passage gets no place rather than one known to be wrong.
    """
    running_span: Span | None = None
    running_date_from = ""
    running_place: Match | None = None
    running_place_from = ""
    for item in drafted:
        when = date_of_sentence(item.text, running_span, f"({running_date_from})" if running_date_from else "")
        if when.span is not None:
            item.span, item.date_reason, item.date_evidence = when.span, when.reason, when.evidence
            running_span, running_date_from = when.span, item.id
        elif running_span is not None:
            item.span = running_span
            item.date_reason = f"carried forward from {running_date_from}"
        place = finder.best(item.text, when, running_place, running_span)
        if place is not None:
            item.place, item.place_reason, item.place_evidence = place.city, place.reason, place.text
            about_others = subject is not None and place.kind != "city" and not subject.search(item.text)
            if not about_others:
                running_place, running_place_from = place.city, item.id
        elif running_place is not None:
            item.place = running_place
            item.place_reason = f"carried forward from {running_place_from}"
        if DEPARTURE.search(item.text) and not (place is not None and place.destination):
            running_place, running_place_from = None, ""


def _backfill_dates(drafted: list[Drafted]) -> None:
    """Passages before the first date take the next dated passage's date, marked uncertain."""
    first = next((d for d in drafted if d.span is not None), None)
    for item in drafted:
        if item.span is not None:
            break
        if first is None:
            item.span, item.date_reason = UNKNOWN_SPAN, "no date anywhere in the text"
        else:
            start = _uncertain(first.span[0])  # type: ignore[index]
            item.span = (start, start)
            item.date_reason = f"no earlier date; taken from the next dated passage {first.id}"


def _uncertain(date: FuzzyDate) -> FuzzyDate:
    return FuzzyDate(date.year, date.month, date.day, approximate=date.approximate, uncertain=True)


def _place_id(match: Match, used: dict[str, tuple], key: tuple) -> str:
    base = normalize(match.name).replace(" ", "-")
    base = re.sub(r"[^a-z0-9_.:-]", "", base)[:100] or f"gn{match.geonames or len(used) + 1}"
    if not base[0].isalnum():
        base = "p" + base
    candidate, n = base, 2
    while candidate in used and used[candidate] != key:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _document(drafted: list[Drafted], person: str | None, source_title: str) -> dict[str, Any]:
    places: dict[tuple, dict[str, Any]] = {}
    ids: dict[str, tuple] = {}
    passages = []
    for item in drafted:
        out: dict[str, Any] = {"id": item.id, "text": item.text}
        if item.place is not None:
            key = (item.place.name, item.place.geonames, item.place.place_id)
            if key not in places:
                pid = item.place.place_id or _place_id(item.place, ids, key)
                ids[pid] = key
                places[key] = _place_json(pid, item.place)
            entry = places[key]
            _add_name(entry, item.place.matched if not item.place_reason else None)
            out["place"] = entry["id"]
        start, end = item.span  # type: ignore[misc]
        out["start"], out["end"] = str(start), str(end)
        out["source"] = SOURCE_ID
        notes = []
        if item.place is not None and not item.place_reason:
            notes.append(f"place: '{item.place_evidence}'")
        if not item.date_reason and item.date_evidence:
            notes.append(f"date: '{item.date_evidence}'")
        if notes:
            out["note"] = "stated in the text: " + "; ".join(notes)
        inferred = {}
        if item.place is not None and item.place_reason:
            inferred["place"] = item.place_reason
        if item.date_reason:
            inferred["date"] = item.date_reason
        if inferred:
            out["inferred"] = inferred
        item.inferred = inferred
        passages.append(out)
    doc: dict[str, Any] = {"format": "litvinov-atlas/journey", "version": 1}
    if person:
        doc["title"] = f"{person}: a draft journey"[:500]
        doc["person"] = {"name": person[:500]}
    else:
        doc["title"] = f"Draft journey from {source_title}"[:500]
    doc["sources"] = {SOURCE_ID: {"title": (source_title or "text")[:1000], "note": "drafted by places extract"}}
    doc["places"] = list(places.values())
    doc["stays"] = _stays(drafted, passages)
    doc["passages"] = passages
    return doc


def _place_json(pid: str, match: Match) -> dict[str, Any]:
    # The place is named as the text names it (Kiev, Tiflis), the gazetteer's name kept as another.
    entry: dict[str, Any] = {"id": pid, "name": match.matched if match.layer == "geonames" else match.name,
                             "lat": round(match.lat, 5), "lon": round(match.lon, 5)}
    if match.name != entry["name"]:
        entry["names"] = [{"name": match.name}]
    if match.country:
        entry["country"] = match.country
    if match.geonames:
        entry["geonames"] = match.geonames
        dated = _dated_names().get(match.geonames, ())  # Petrograd in 1918, not Saint Petersburg
        if dated:  # the researched names, dated, in place of the same names undated
            undated = [alt for alt in entry.get("names", ()) if all(alt["name"] != d["name"] for d in dated)]
            entry["names"] = undated + [dict(alt) for alt in dated]
    return entry


@functools.cache
def _dated_names() -> dict[int, tuple[dict[str, str], ...]]:
    """GeoNames id -> the dated names researched for the bundled journey's places (St
    Petersburg, Petrograd, Leningrad; Reval, Tallinn; Kristiania, Oslo; Samara, Kuibyshev ...,
    sourced in resources/journeys/SOURCES.md), so that a draft's map says the name of the day."""
    from ..loader import load_journey
    from ..resources import bundled_journey_path
    from ..serialize import alt_name_data

    out: dict[int, tuple[dict[str, str], ...]] = {}
    for place in load_journey(bundled_journey_path()).places:
        dated = tuple(alt_name_data(alt) for alt in place.names if alt.start or alt.end)
        if place.geonames and dated:
            out[place.geonames] = dated
    return out


def _add_name(entry: dict[str, Any], name: str | None) -> None:
    if not name or name == entry["name"] or len(entry.get("names", ())) >= 200:
        return
    if all(alt["name"] != name for alt in entry.get("names", ())):
        entry.setdefault("names", []).append({"name": name[:500]})


def _stays(drafted: list[Drafted], passages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: list[list[int]] = []
    for i, out in enumerate(passages):
        if "place" not in out or drafted[i].span == UNKNOWN_SPAN:
            continue
        if groups and passages[groups[-1][-1]]["place"] == out["place"] and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    stays: list[dict[str, Any]] = []
    previous_end: int | None = None
    for group in groups:
        items = [drafted[i] for i in group]
        start = items[0].span[0]  # type: ignore[index]
        end = max((d.span[1] for d in items), key=lambda f: f.last_day)  # type: ignore[index]
        inferred: dict[str, str] = {}
        if previous_end is not None and start.first_day <= previous_end:
            if end.last_day <= previous_end:
                if stays and stays[-1]["place"] == passages[group[0]]["place"]:
                    continue  # nothing new: the same place again within the stay before
                continue  # it would go back in time: dropped (the passages keep their place)
            start = FuzzyDate.from_day(previous_end + 1)
            inferred["start"] = "moved to follow the stay before (the text's dates overlap it)"
        anchor = next((d for d in items if not d.place_reason), None)
        if anchor is None:
            certainty = "uncertain"
            inferred["place"] = items[0].place_reason
        else:
            certainty = "certain" if not anchor.date_reason else "less-certain"
        if all(d.date_reason for d in items):
            inferred.setdefault("date", items[0].date_reason)
        stay: dict[str, Any] = {
            "place": passages[group[0]]["place"], "start": str(start), "end": str(end),
            "kind": _kind(items), "certainty": certainty, "source": SOURCE_ID,
            "note": "from passages " + ", ".join(d.id for d in items[:20]) + (" ..." if len(items) > 20 else ""),
        }
        if inferred:
            stay["inferred"] = inferred
        stays.append(stay)
        previous_end = end.last_day
    return stays


def _kind(items: list[Drafted]) -> str:
    """The kind the group's first passage suggests (a stay begins with what brought one there)."""
    text = items[0].text[:5000]
    for kind, pattern in STAY_KINDS:
        if pattern.search(text):
            return kind
    return "residence"
