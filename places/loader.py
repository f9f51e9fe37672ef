"""Load and validate a journey file into frozen records, or raise :class:`JourneyError`.

Whatever the file holds (garbage bytes, deep nesting, a wrong encoding, a directory, bad dates,
overlapping stays, dangling references), the only exception that leaves this module is
``JourneyError``, naming the file, the JSON path and what is wrong.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .cache import fingerprint, keep_cached, read_cached
from .dates import DateError, FuzzyDate
from .errors import JourneyError, Problem, child_path, schema_error_problems, show, what_was_found
from .files import UnreadableFile, read_capped
from .gcpause import collector_paused
from .model import AltName, Journey, Passage, Person, Place, Source, Stay
from .resources import schema_path

MAX_BYTES = 512 * 1024 * 1024
MAX_SCHEMA_ERRORS = 50
MAX_INT_DIGITS = 300  # far beyond any real id; below Python's floor of 640 for int(str)
_PATH_STEP = re.compile(r"\.([a-zA-Z][a-zA-Z0-9_]*)|\[([0-9]+)\]|\['((?:[^'\\]|\\.)*)'\]")


@lru_cache(maxsize=64)
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """A schema ``pattern`` compiled with JSON Schema's (ECMA-262) meaning in Python.

    Python's ``$`` also matches before a final newline and its ``\\d`` takes any Unicode
    digit, so "1898\\n" or an id ending in a newline would pass; ECMA's do neither.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern, re.ASCII)


@lru_cache(maxsize=1)
def _validator():  # type: ignore[no-untyped-def]
    """The schema's validator (jsonschema is imported only when a document needs checking)."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(validator, pattern, instance, schema):  # type: ignore[no-untyped-def]
        if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
            yield ValidationError(f"{show(instance)} does not have the form required here")

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return validators.extend(Draft202012Validator, {"pattern": pattern})(schema)


# What a value that fails one of the schema's named patterns is not, in words.
PATTERN_FORMS = {
    "date": "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (with optional ~ ? %)",
    "id": "is not an id: a letter or digit, then up to 127 letters, digits or _ . : -",
    "wikidata": "is not a Wikidata id: Q and digits, such as Q1234",
}


def _pattern_forms(schema: dict[str, Any]) -> dict[str, str]:
    """The words for each pattern the schema defines in ``$defs``, keyed by the pattern."""
    defs = schema.get("$defs", {})
    return {defs[name]["pattern"]: words for name, words in PATTERN_FORMS.items() if "pattern" in defs.get(name, {})}


@collector_paused()
def load_journey(path: str | os.PathLike[str]) -> Journey:
    """Read, parse and validate a journey file.

    A file whose exact text passed the schema before, under this schema and this loader, is
    not put through the schema again (it would pass again); every other rule is still checked.
    """
    name = str(path)
    text = read_text(Path(path))
    data = parse_json(text, name)
    entry = _schema_pass_entry(text)
    if entry is not None and read_cached(entry) is not None:
        return _build(data, name)
    journey = journey_from_data(data, name)
    if entry is not None:
        keep_cached(entry, "")
    return journey


def _schema_pass_entry(text: str) -> str | None:
    """The cache entry that notes this text passed the schema (None: no key to be had).

    Keyed by the text, the schema and the code that checks it (this module and the gate).
    """
    try:
        code = Path(__file__).read_bytes() + Path(__file__).with_name("schema_gate.py").read_bytes()
        return "schema-passed/" + fingerprint(text, schema_path().read_bytes(), code)
    except OSError:
        return None


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is allowed), or a JourneyError saying why not.

    Only a regular file is read, and never more than MAX_BYTES of it (see ``places.files``).
    """
    name = str(path)
    try:
        raw = read_capped(path, MAX_BYTES)
    except UnreadableFile as exc:
        raise JourneyError(name, str(exc)) from None
    if not raw.strip():
        raise JourneyError(name, "file is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JourneyError(name, f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}") from None


def _reject_constant(value: str) -> None:
    raise ValueError(f"{value} is not valid JSON")


class _NumberTooLong(ValueError):
    """An integer too long to convert; Python's own message would advise a sys setting."""


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NumberTooLong(f"holds an integer with {digits} digits; numbers of more than {MAX_INT_DIGITS} digits are not supported")
    return int(text)


class _HugeNumber(float):
    """A JSON number beyond a float's range (``1e400``): infinite, but shown as it was written."""

    json_text = ""


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isinf(value):
        return value
    huge = _HugeNumber(value)
    huge.json_text = text
    return huge


class _DuplicateKeys(dict):  # type: ignore[type-arg]
    """A JSON object that named some keys more than once; the keys are kept to be reported."""

    duplicates: tuple[str, ...] = ()


def _object_hook(found: list[bool]):  # type: ignore[no-untyped-def]
    """An object_pairs_hook that marks objects repeating a key and notes that one did."""
    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        found.append(True)
        marked = _DuplicateKeys(obj)
        keys = [key for key, _ in pairs]
        marked.duplicates = tuple(dict.fromkeys(key for i, key in enumerate(keys) if key in keys[:i]))
        return marked
    return build


def parse_json(text: str, name: str) -> Any:
    """Parse JSON text, turning every failure into a JourneyError with line and column.

    An object that repeats a key is refused too, naming its JSON path and the key: plain
    ``json.loads`` keeps the last value silently, and which one was meant is not ours to guess.
    """
    found: list[bool] = []
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float, object_pairs_hook=_object_hook(found))
    except json.JSONDecodeError as exc:
        raise JourneyError(name, f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise JourneyError(name, "JSON is nested too deeply") from None
    except _NumberTooLong as exc:
        raise JourneyError(name, str(exc)) from None
    except ValueError as exc:
        raise JourneyError(name, f"not valid JSON: {exc}") from None
    if found:
        raise JourneyError(name, _duplicate_key_problems(data))
    return data


def _duplicate_key_problems(data: Any) -> list[Problem]:
    """Every repeated key, at the JSON path of its object, in document order."""
    problems, stack = [], [("$", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _DuplicateKeys):
            problems += [Problem(path, f"the key {_short(key)!r} appears more than once; each key may appear once") for key in node.duplicates]
        if isinstance(node, dict):
            children = [(child_path(path, key), value) for key, value in node.items()]
        else:
            children = [(f"{path}[{i}]", value) for i, value in enumerate(node)] if isinstance(node, list) else []
        stack.extend(reversed(children))
    return problems


def journey_from_data(data: Any, name: str = "<journey>") -> Journey:
    """Validate a parsed JSON document against the schema and the itinerary rules."""
    try:
        problems = schema_problems(data)
    except RecursionError:
        raise JourneyError(name, "JSON is nested too deeply") from None
    if problems:
        raise JourneyError(name, in_document_order(problems + _rule_problems(data, problems), data))
    return _build(data, name)


def schema_problems(data: Any) -> list[Problem]:
    """What the JSON Schema finds wrong, in document order.

    A document that ``places.schema_gate`` certainly passes is not put through jsonschema.
    """
    if isinstance(data, dict) and (data.get("format"), data.get("version")) != ("litvinov-atlas/journey", 1):
        fmt, version = data.get("format"), data.get("version")
        if fmt == "litvinov-atlas/journey" and version != 1:
            return [Problem("$.version", _version_problem(version))]
        if "format" not in data:
            return [Problem("$.format", 'missing: expected "litvinov-atlas/journey"')]
    if _certainly_valid(data):
        return []
    validator = _validator()
    forms = _pattern_forms(validator.schema)
    problems: dict[Problem, None] = {}  # in order, each once
    for error in validator.iter_errors(data):
        problems.update(dict.fromkeys(schema_error_problems(error, forms)))
        if len(problems) >= MAX_SCHEMA_ERRORS:
            break
    return in_document_order(list(problems)[:MAX_SCHEMA_ERRORS], data)


def _version_problem(version: Any) -> str:
    """"version 2 is not supported ...", or, for what is no version at all, what was found."""
    if isinstance(version, (int, float, str)) and not isinstance(version, bool):
        return f"version {show(version)} is not supported (this program reads version 1)"
    return f"expected a version number, found {what_was_found(version)} (this program reads version 1)"


def _certainly_valid(data: Any) -> bool:
    """What ``places.schema_gate`` says: True only if jsonschema would certainly find nothing.

    The gate takes a fraction of jsonschema's time; jsonschema runs only when the gate is not
    sure (an invalid document, or a schema the gate cannot compile), to say what is wrong.
    """
    from .schema_gate import journey_gate

    gate = journey_gate()
    return gate is not None and gate(data)


def in_document_order(problems: list[Problem], data: Any) -> list[Problem]:
    """Problems in the order a person reads the file: ``$.stays[2]`` before ``$.stays[10]``."""
    return sorted(problems, key=lambda p: _position(p.path, data))


def _position(path: str, data: Any) -> tuple[int, ...]:
    """Where a JSON path points, as member and item indexes; a missing key sorts last."""
    position, node = [], data
    for name, index, quoted in _PATH_STEP.findall(path):
        if index:
            step = int(index)
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            key = name or re.sub(r"\\(.)", r"\1", quoted)
            keys = list(node) if isinstance(node, dict) else []
            step = keys.index(key) if key in keys else len(keys)
            node = node.get(key) if isinstance(node, dict) else None
        position.append(step)
    return tuple(position)


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


@dataclass(frozen=True)
class _Scope:
    """Which records the checks between records (references, order, dates) look at.

    Loading a document that passed the schema looks at every record. Checking one that did
    not leaves out each record the schema found fault with (its fields cannot be trusted),
    and a reference that cannot be judged: a stay's place is not called missing when a
    place left out had an id that could not be read, since it may be that place.
    """

    places: frozenset[int] = frozenset()
    stays: frozenset[int] = frozenset()
    passages: frozenset[int] = frozenset()
    person: bool = True
    known_place_ids: frozenset[str] | None = frozenset()  # ids of places left out; None: not all readable
    source_refs: bool = True


_EVERY_RECORD = _Scope()
_RECORD_PATH = re.compile(r"\$\.(places|stays|passages)\[([0-9]+)\]")
_PERSON_PATH = re.compile(r"\$\.person(?![A-Za-z0-9_])")


def _build(data: dict[str, Any], name: str) -> Journey:
    """The journey's records from a document that passed the schema, or every rule it breaks."""
    sources = _sources(data.get("sources", {}))
    (places, stays, passages, person), problems = _records(data, sources, _EVERY_RECORD)
    if problems:
        raise JourneyError(name, in_document_order(problems, data))
    return Journey(
        places=tuple(places),
        stays=tuple(stays),
        passages=tuple(passages),
        sources=MappingProxyType(sources),
        title=data.get("title"),
        person=person,
        file=name,
    )


def _records(data: dict[str, Any], sources: Mapping[str, Any] | None, scope: _Scope):  # type: ignore[no-untyped-def]
    """The records in ``scope`` and the problems between them (``sources`` None: not checked)."""
    problems: list[Problem] = []
    places = _places(data["places"], problems, scope.places)
    place_ids = None if scope.known_place_ids is None else {p.id for p in places} | scope.known_place_ids
    stays = _stays(data["stays"], place_ids, sources, problems, scope.stays)
    passages = _passages(data["passages"], place_ids, sources, problems, scope.passages)
    person = _person(data.get("person"), problems) if scope.person else None
    return (places, stays, passages, person), problems


def _rule_problems(data: Any, faults: list[Problem]) -> list[Problem]:
    """The checks between records, run on the records that passed the schema.

    None are run when the document's frame failed (not a version 1 journey, or its places,
    stays or passages not lists), or when the schema's problems reached the cap (records
    past it are not known to be sound).
    """
    scope = _scope_after(data, faults)
    if scope is None:
        return []
    sources = data.get("sources", {})
    try:
        return _records(data, sources if scope.source_refs else None, scope)[1]
    except (LookupError, TypeError, ValueError, AttributeError, RecursionError):
        return []  # a safety net only: the schema's own problems are reported whatever happens here


def _scope_after(data: Any, faults: list[Problem]) -> _Scope | None:
    """The records the schema found no fault with, or None when none can be trusted."""
    if len(faults) >= MAX_SCHEMA_ERRORS or not _frame_holds(data):
        return None
    left_out: dict[str, set[int]] = {"places": set(), "stays": set(), "passages": set()}
    person = isinstance(data.get("person", {}), dict)
    for problem in faults:
        record = _RECORD_PATH.match(problem.path)
        if record:
            left_out[record.group(1)].add(int(record.group(2)))
        elif _PERSON_PATH.match(problem.path):
            person = False
    return _Scope(
        places=frozenset(left_out["places"]), stays=frozenset(left_out["stays"]),
        passages=frozenset(left_out["passages"]), person=person,
        known_place_ids=_ids_of(data["places"], left_out["places"]),
        source_refs=isinstance(data.get("sources", {}), dict),
    )


def _ids_of(places: list[Any], left_out: set[int]) -> frozenset[str] | None:
    """The ids of the places left out of the checks, or None if one of them has no readable id."""
    ids = set()
    for i in left_out:
        item = places[i] if i < len(places) else None
        place_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(place_id, str):
            return None
        ids.add(place_id)
    return frozenset(ids)


def _frame_holds(data: Any) -> bool:
    """A version 1 journey whose places, stays and passages are lists."""
    return (isinstance(data, dict) and data.get("format") == "litvinov-atlas/journey"
            and type(data.get("version")) in (int, float) and data.get("version") == 1
            and all(isinstance(data.get(key), list) for key in ("places", "stays", "passages")))


def _sources(raw: dict[str, Any]) -> dict[str, Source]:
    return {key: Source(id=key, **value) for key, value in raw.items()}


def _places(raw: list[dict[str, Any]], problems: list[Problem], skip: frozenset[int] = frozenset()) -> list[Place]:
    places, seen = [], set()
    for i, item in enumerate(raw):
        if skip and i in skip:
            continue
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


def _check_refs(item: dict[str, Any], path: str, place_ids: set[str] | None, sources: Mapping[str, Any] | None,
                problems: list[Problem]) -> None:
    """A place or source the record cites must exist (None: that kind of reference is not judged)."""
    place = item.get("place")
    if place is not None and place_ids is not None and place not in place_ids:
        problems.append(Problem(f"{path}.place", f"refers to a place that does not exist: {place!r}"))
    source = item.get("source")
    if source is not None and sources is not None and source not in sources:
        problems.append(Problem(f"{path}.source", f"refers to a source that does not exist: {source!r}"))


def _stays(raw: list[dict[str, Any]], place_ids: set[str] | None, sources: Mapping[str, Any] | None,
           problems: list[Problem], skip: frozenset[int] = frozenset()) -> list[Stay]:
    stays: list[Stay] = []
    previous_end: int | None = None
    previous = -1
    for i, item in enumerate(raw):
        if skip and i in skip:
            continue
        path = f"$.stays[{i}]"
        _check_refs(item, path, place_ids, sources, problems)
        if (item.get("place") is None) != (item["kind"] == "unknown"):
            problems.append(Problem(path, "a stay of kind 'unknown' has no place, and every other stay has one"))
        span = _span(item, path, problems)
        if span is None:
            continue
        start, end = span
        if previous_end is not None and start.first_day <= previous_end:
            before = "the stay before it" if previous == i - 1 else f"the stay at $.stays[{previous}]"
            problems.append(Problem(f"{path}.start", f"{start} overlaps or precedes {before}; stays must be in order and must not overlap"))
        previous_end, previous = end.last_day, i
        stays.append(Stay(
            place_id=item.get("place"), start=start, end=end, kind=item["kind"],
            certainty=item["certainty"], source=item.get("source"), note=item.get("note"),
            inferred=MappingProxyType(dict(item.get("inferred", {}))),
        ))
    return stays


def _passages(raw: list[dict[str, Any]], place_ids: set[str] | None, sources: Mapping[str, Any] | None,
              problems: list[Problem], skip: frozenset[int] = frozenset()) -> list[Passage]:
    passages, seen = [], set()
    for i, item in enumerate(raw):
        if skip and i in skip:
            continue
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
