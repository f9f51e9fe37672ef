"""Load and validate a journey file into frozen records, or raise :class:`JourneyError`.

Whatever the file holds (garbage bytes, deep nesting, a wrong encoding, a directory, bad dates,
overlapping stays, dangling references), the only exception that leaves this module is
``JourneyError``, naming the file, the JSON path and what is wrong.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator

from .dates import DateError, FuzzyDate
from .errors import JourneyError, Problem
from .model import AltName, Journey, Passage, Person, Place, Source, Stay
from .resources import schema_path

MAX_BYTES = 512 * 1024 * 1024
MAX_SCHEMA_ERRORS = 50


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def load_journey(path: str | os.PathLike[str]) -> Journey:
    """Read, parse and validate a journey file."""
    name = str(path)
    data = parse_json(read_text(Path(path)), name)
    return journey_from_data(data, name)


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is allowed), or a JourneyError saying why not."""
    name = str(path)
    try:
        if path.is_dir():
            raise JourneyError(name, "is a directory, not a journey file")
        if not path.exists():
            raise JourneyError(name, "no such file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise JourneyError(name, f"file is too large ({size} bytes; the limit is {MAX_BYTES})")
        raw = path.read_bytes()
    except OSError as exc:
        raise JourneyError(name, f"cannot be read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise JourneyError(name, "file is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JourneyError(name, f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}") from None


def _reject_constant(value: str) -> None:
    raise ValueError(f"{value} is not valid JSON")


def parse_json(text: str, name: str) -> Any:
    """Parse JSON text, turning every failure into a JourneyError with line and column."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JourneyError(name, f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise JourneyError(name, "JSON is nested too deeply") from None
    except ValueError as exc:
        raise JourneyError(name, f"not valid JSON: {exc}") from None


def journey_from_data(data: Any, name: str = "<journey>") -> Journey:
    """Validate a parsed JSON document against the schema and the itinerary rules."""
    try:
        problems = schema_problems(data)
    except RecursionError:
        raise JourneyError(name, "JSON is nested too deeply") from None
    if problems:
        raise JourneyError(name, problems)
    return _build(data, name)


def schema_problems(data: Any) -> list[Problem]:
    """What the JSON Schema finds wrong, in document order."""
    if isinstance(data, dict) and (data.get("format"), data.get("version")) != ("litvinov-atlas/journey", 1):
        fmt, version = data.get("format"), data.get("version")
        if fmt == "litvinov-atlas/journey" and version != 1:
            return [Problem("$.version", f"version {_short(version)} is not supported (this program reads version 1)")]
        if "format" not in data:
            return [Problem("$.format", 'missing: expected "litvinov-atlas/journey"')]
    problems = []
    for error in _validator().iter_errors(data):
        problems.append(Problem(error.json_path, _short(error.message, 300)))
        if len(problems) >= MAX_SCHEMA_ERRORS:
            break
    return sorted(problems, key=lambda p: p.path)


def _short(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _date(raw: str | None, path: str, problems: list[Problem]) -> FuzzyDate | None:
    if raw is None:
        return None
    try:
        return FuzzyDate.parse(raw)
    except DateError as exc:
        problems.append(Problem(path, str(exc)))
        return None


def _build(data: dict[str, Any], name: str) -> Journey:
    problems: list[Problem] = []
    sources = _sources(data.get("sources", {}))
    places = _places(data["places"], problems)
    place_ids = {p.id for p in places}
    stays = _stays(data["stays"], place_ids, sources, problems)
    passages = _passages(data["passages"], place_ids, sources, problems)
    person = _person(data.get("person"), problems)
    if problems:
        raise JourneyError(name, problems)
    return Journey(
        places=tuple(places),
        stays=tuple(stays),
        passages=tuple(passages),
        sources=MappingProxyType(sources),
        title=data.get("title"),
        person=person,
        file=name,
    )


def _sources(raw: dict[str, Any]) -> dict[str, Source]:
    return {key: Source(id=key, **value) for key, value in raw.items()}


def _places(raw: list[dict[str, Any]], problems: list[Problem]) -> list[Place]:
    places, seen = [], set()
    for i, item in enumerate(raw):
        path = f"$.places[{i}]"
        if item["id"] in seen:
            problems.append(Problem(f"{path}.id", f"duplicate place id {item['id']!r}"))
        seen.add(item["id"])
        names = []
        for j, alt in enumerate(item.get("names", [])):
            start = _date(alt.get("from"), f"{path}.names[{j}].from", problems)
            end = _date(alt.get("to"), f"{path}.names[{j}].to", problems)
            if start and end and end.last_day < start.first_day:
                problems.append(Problem(f"{path}.names[{j}]", f"ends ({end}) before it starts ({start})"))
            names.append(AltName(alt["name"], alt.get("lang"), start, end))
        places.append(Place(
            id=item["id"], name=item["name"], lat=float(item["lat"]), lon=float(item["lon"]),
            names=tuple(names), country=item.get("country"), geonames=item.get("geonames"),
            wikidata=item.get("wikidata"), note=item.get("note"),
        ))
    return places


def _span(item: dict[str, Any], path: str, problems: list[Problem]) -> tuple[FuzzyDate, FuzzyDate] | None:
    start = _date(item["start"], f"{path}.start", problems)
    end = _date(item["end"], f"{path}.end", problems)
    if start is None or end is None:
        return None
    if end.last_day < start.first_day:
        problems.append(Problem(f"{path}.end", f"ends ({end}) before it starts ({start})"))
        return None
    return start, end


def _check_refs(item: dict[str, Any], path: str, place_ids: set[str], sources: dict[str, Source], problems: list[Problem]) -> None:
    place = item.get("place")
    if place is not None and place not in place_ids:
        problems.append(Problem(f"{path}.place", f"refers to a place that does not exist: {place!r}"))
    source = item.get("source")
    if source is not None and source not in sources:
        problems.append(Problem(f"{path}.source", f"refers to a source that does not exist: {source!r}"))


def _stays(raw: list[dict[str, Any]], place_ids: set[str], sources: dict[str, Source], problems: list[Problem]) -> list[Stay]:
    stays: list[Stay] = []
    previous_end: int | None = None
    for i, item in enumerate(raw):
        path = f"$.stays[{i}]"
        _check_refs(item, path, place_ids, sources, problems)
        if (item.get("place") is None) != (item["kind"] == "unknown"):
            problems.append(Problem(path, "a stay of kind 'unknown' has no place, and every other stay has one"))
        span = _span(item, path, problems)
        if span is None:
            continue
        start, end = span
        if previous_end is not None and start.first_day <= previous_end:
            problems.append(Problem(f"{path}.start", f"{start} overlaps or precedes the stay before it; stays must be in order and must not overlap"))
        previous_end = end.last_day
        stays.append(Stay(
            place_id=item.get("place"), start=start, end=end, kind=item["kind"],
            certainty=item["certainty"], source=item.get("source"), note=item.get("note"),
            inferred=MappingProxyType(dict(item.get("inferred", {}))),
        ))
    return stays


def _passages(raw: list[dict[str, Any]], place_ids: set[str], sources: dict[str, Source], problems: list[Problem]) -> list[Passage]:
    passages, seen = [], set()
    for i, item in enumerate(raw):
        path = f"$.passages[{i}]"
        if item["id"] in seen:
            problems.append(Problem(f"{path}.id", f"duplicate passage id {item['id']!r}"))
        seen.add(item["id"])
        _check_refs(item, path, place_ids, sources, problems)
        span = _span(item, path, problems)
        if span is None:
            continue
        passages.append(Passage(
            id=item["id"], text=item["text"], place_id=item.get("place"), start=span[0], end=span[1],
            source=item.get("source"), note=item.get("note"),
            inferred=MappingProxyType(dict(item.get("inferred", {}))),
        ))
    return passages


def _person(raw: dict[str, Any] | None, problems: list[Problem]) -> Person | None:
    if raw is None:
        return None
    return Person(
        name=raw["name"],
        born=_date(raw.get("born"), "$.person.born", problems),
        died=_date(raw.get("died"), "$.person.died", problems),
        wikidata=raw.get("wikidata"), note=raw.get("note"),
    )
