"""The schema gate: never says "valid" for a document jsonschema rejects, and agrees with it otherwise."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mini_journey import MINI
from places import JourneyError, loader
from places.resources import resource_path, schema_path
from places.schema_gate import UnsupportedSchema, compile_gate, journey_gate

sys.path.append(str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import synthetic_journey  # noqa: E402

SCHEMA = json.loads(schema_path().read_text(encoding="utf-8"))


def jsonschema_valid(doc, schema=None) -> bool:
    """What jsonschema says, with the loader's ECMA-262 ``pattern``."""
    validator = loader._validator() if schema is None else type(loader._validator())(schema)
    return next(iter(validator.iter_errors(doc)), None) is None


@pytest.fixture
def fresh_gate():
    """The journey gate compiled afresh, and forgotten again afterwards."""
    journey_gate.cache_clear()
    yield
    journey_gate.cache_clear()


# Every optional member the schema allows, so that mutations reach all of it.
FULL = copy.deepcopy(MINI)
FULL["person"].update(wikidata="Q1", note="A note")
FULL["sources"]["src"].update(author="A", year="1900", url="https://example.org", note="n")
FULL["sources"]["other.src:2"] = {"title": "Another"}
FULL["places"][1].update(country="GB", geonames=2643743, wikidata="Q84", note="n")
FULL["stays"][1].update(note="n", inferred={"start": "carried forward", "place": "guessed"})
FULL["passages"][0].update(note="n", inferred={"date": "from the stay", "end": "x"})
FULL["passages"][1]["place"] = None


def test_the_full_base_document_is_valid():
    assert jsonschema_valid(FULL) and journey_gate()(FULL)


@pytest.mark.parametrize("path", sorted(resource_path("journeys").glob("*.json")), ids=lambda p: p.name)
def test_the_bundled_journeys_pass_the_gate(path):
    assert journey_gate()(json.loads(path.read_text(encoding="utf-8")))


def test_the_mini_and_a_synthetic_journey_pass_the_gate():
    assert journey_gate()(copy.deepcopy(MINI))
    assert journey_gate()(synthetic_journey(3000, n_places=200))


def test_a_valid_document_does_not_reach_jsonschema(monkeypatch):
    def validator():  # type: ignore[no-untyped-def]
        raise AssertionError("jsonschema ran for a valid document")

    monkeypatch.setattr(loader, "_validator", validator)
    assert loader.schema_problems(copy.deepcopy(FULL)) == []


def at(doc, path):
    for key in path:
        doc = doc[key]
    return doc


def put(doc, path, value):
    doc = copy.deepcopy(doc)
    if value is DELETE:
        del at(doc, path[:-1])[path[-1]]
    else:
        at(doc, path[:-1])[path[-1]] = value
    return doc


DELETE = object()


@pytest.mark.parametrize("path, value, valid", [
    (("version",), True, False),            # True is not 1 in JSON Schema
    (("version",), 1.0, True),              # but 1.0 is
    (("version",), 2, False),
    (("version",), "1", False),
    (("format",), "litvinov-atlas/journey ", False),
    (("places", 1, "geonames"), True, False),
    (("places", 1, "geonames"), 5.0, True),  # 2020-12: an integer-valued float is an integer
    (("places", 1, "geonames"), 5.5, False),
    (("places", 1, "geonames"), 0, False),
    (("places", 0, "lat"), 90, True),
    (("places", 0, "lat"), 90.0001, False),
    (("places", 0, "lat"), False, False),
    (("places", 0, "lon"), -180, True),
    (("places", 0, "lon"), -180.5, False),
    (("places", 0, "lon"), "30.5", False),
    (("stays", 0, "start"), "1898\n", False),
    (("stays", 0, "start"), "\uff11\uff18\uff19\uff18", False),  # full-width digits
    (("stays", 0, "start"), "\u0661\u0669\u0660\u0660", False),  # Arabic-Indic digits
    (("stays", 0, "start"), "1898-02-30", True),  # the schema checks the shape; the loader the day
    (("stays", 0, "start"), "1898%", True),
    (("stays", 0, "start"), "1898-1", False),
    (("places", 0, "id"), "a" * 128, True),
    (("places", 0, "id"), "a" * 129, False),
    (("places", 0, "id"), "kiev\n", False),
    (("places", 0, "id"), "_kiev", False),
    (("places", 0, "name"), "", False),
    (("places", 0, "name"), "x" * 500, True),
    (("places", 0, "name"), "x" * 501, False),
    (("places", 0, "name"), "\U0001f600" * 500, True),  # code points, not UTF-16 units
    (("person", "wikidata"), "Q1\n", False),
    (("person", "wikidata"), "Q1234567890123", False),
    (("stays", 0, "kind"), "holiday", False),
    (("stays", 0, "kind"), "Birth", False),
    (("stays", 0, "certainty"), None, False),
    (("stays", 0, "place"), None, True),    # oneOf: the null branch
    (("stays", 0, "place"), 3, False),      # oneOf: no branch
    (("stays", 0, "place"), "", False),
    (("stays", 0, "source"), None, False),
    (("stays", 0, "inferred"), {"date": "x"}, True),
    (("stays", 0, "inferred"), {"when": "x"}, False),   # propertyNames
    (("stays", 0, "inferred"), {"date": 1}, False),
    (("sources", "bad key"), {"title": "t"}, False),     # propertyNames
    (("sources", "good:key"), {"title": "t"}, True),
    (("sources", "src", "title"), "", False),
    (("sources", "src", "extra"), "x", False),
    (("stays", 0, "extra"), 1, False),
    (("extra",), 1, False),
    (("stays", 0, "end"), DELETE, False),
    (("places", 0, "names", 0, "name"), DELETE, False),
    (("places", 0, "names"), [], True),
    (("places", 0, "names"), [{"name": "x"}] * 201, False),
    (("person",), None, False),
    (("sources",), [], False),
    (("stays",), {}, False),
    (("title",), "t" * 501, False),
])
def test_the_gate_agrees_with_jsonschema_on_chosen_mutations(path, value, valid):
    doc = put(FULL, path, value)
    assert jsonschema_valid(doc) is valid
    assert journey_gate()(doc) is valid


# --- random mutations of a valid journey ------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-200, 3000) | st.floats(-200, 200) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)
tricky = st.sampled_from([
    True, False, 0, 1, 1.0, -1, 90, 91, -90.0, 180.5, None, "", [], {}, ["x"], {"name": "x"},
    "1898", "1898\n", "\uff11\uff18\uff19\uff18", "1898-13", "1898-01-01~", "1898-01-01?\n", "Q1", "Q1\n",
    "kiev", "london", "atlantis", "a" * 129, "-bad", "x" * 501, "x" * 5001, "unknown", "certain",
    "place", "date", "start", "end", "litvinov-atlas/journey",
])
keys = st.sampled_from(["note", "inferred", "source", "place", "names", "wikidata", "extra", "", "id",
                        "kind", "bad key", "date", "geonames", "lang", "from"]) | st.text(max_size=4)
long_strings = st.builds(lambda n, c: c * n,
                         st.sampled_from([20, 21, 50, 51, 127, 128, 129, 200, 201, 500, 501, 1000, 1001, 5000, 5001]),
                         st.sampled_from(["a", "1", "Q", "\U0001f600"]))  # an emoji is 1 code point, 2 UTF-16 units
FULL_WIDTH = {ord(d): 0xFF10 + int(d) for d in "0123456789"}


def near(old):
    """Values like ``old`` but a little off: the mistakes a schema exists to catch."""
    if isinstance(old, bool) or old is None:
        return tricky | json_values
    if isinstance(old, (int, float)):
        return st.sampled_from([True, False, float(old), int(old), old + 0.5, -old, old * 10, str(old), None,
                                0, 1, 1.0, 5.0, 90, 90.0, 90.5, -90.5, 180, 180.0, -180.5, 181, 1e300]) | st.floats(-200, 200)
    if isinstance(old, str):
        return st.sampled_from([old + "\n", old + "x", "x" + old, "_" + old, old[:-1], old.upper(), old * 60,
                                old.translate(FULL_WIDTH), old.replace("-", "/"), old + "?~"]) | long_strings | tricky
    return tricky | json_values


def members(node):
    """Every (container, key) of the document: what a mutation can drop, replace or add beside."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        yield node, key
        yield from members(value)


def mutate(doc, draw):
    """One random change: a member dropped, a member added, or a value replaced by a near miss."""
    def fresh(strategy):  # a copy: the document is mutated further, the samples must not be
        return copy.deepcopy(draw(strategy))

    container, key = draw(st.sampled_from(list(members(doc))))
    action = draw(st.sampled_from(["replace", "replace", "replace", "replace", "drop", "add"]))
    target = container[key] if isinstance(container[key], (dict, list)) else container
    if action == "drop":
        del container[key]
    elif action == "add" and isinstance(target, dict):
        target[draw(keys)] = fresh(tricky | json_values)
    elif action == "add":
        target.append(copy.deepcopy(target[0]) if target and draw(st.booleans()) else fresh(tricky | json_values))
    else:
        container[key] = fresh(near(container[key]))


@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_the_gate_never_passes_what_jsonschema_rejects(data):
    doc = copy.deepcopy(FULL)
    for _ in range(data.draw(st.sampled_from([1, 1, 1, 2, 3]))):  # one flaw alone must be seen too
        mutate(doc, data.draw)
    valid = jsonschema_valid(doc)
    said = journey_gate()(doc)
    assert valid or not said, "UNSOUND: the gate passed a document jsonschema rejects"
    assert said == valid, "the gate refused a document jsonschema accepts"


# --- single keywords, against jsonschema directly ---------------------------------------------

SMALL_SCHEMAS = [
    {"type": "integer"},
    {"type": "number", "minimum": 0, "maximum": 1},
    {"type": ["string", "null"], "maxLength": 2},
    {"type": "boolean"},
    {"minimum": 1},
    {"minLength": 1, "pattern": "^[0-9]+$"},
    {"pattern": "\\d", "maxLength": 2},
    {"const": 1},
    {"const": False},
    {"const": None},
    {"enum": [1, "1", True, None, 2.5]},
    {"oneOf": [{"type": "integer"}, {"type": "number"}]},
    {"oneOf": [{"type": "string"}, {"minLength": 2}]},
    {"oneOf": [{"const": 0}, {"enum": [False, 0.0]}]},
    {"type": "array", "items": {"type": "integer"}, "maxItems": 2},
    {"items": {"const": 1}},
    {"properties": {"a": {"type": "string"}}, "required": ["a"]},
    {"type": "object", "required": ["a"], "propertyNames": {"maxLength": 1}},
    {"type": "object", "propertyNames": {"pattern": "^[a-z]$"}, "additionalProperties": {"type": "integer"}},
    {"type": "object", "properties": {"a": True}, "additionalProperties": False},
    {"$ref": "#/$defs/x", "$defs": {"x": {"type": "array", "items": {"$ref": "#/$defs/x"}}}},
]
small_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from([0.0, 1.0, 0.5, 2.5, -0.0, 1e300])
    | st.text(alphabet="a1\n\uff11", max_size=3),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(alphabet="ab1", max_size=2), children, max_size=3),
    max_leaves=6,
)


@pytest.mark.parametrize("schema", SMALL_SCHEMAS, ids=json.dumps)
@settings(max_examples=60, deadline=None)
@given(value=small_values)
def test_each_keyword_agrees_with_jsonschema(schema, value):
    assert compile_gate(schema)(value) == jsonschema_valid(value, schema)


@pytest.mark.parametrize("pattern, text, matches", [
    ("^\\d$", "1", True),
    ("^\\d$", "1\n", False),       # ECMA's $ is the very end
    ("^\\d$", "\uff11", False),    # ECMA's \d is ASCII
    ("^\\w+$", "\u0436", False),
    ("\\d", "a1b", True),           # search, not match
])
def test_patterns_have_their_ecma_meaning(pattern, text, matches):
    schema = {"pattern": pattern}
    assert compile_gate(schema)(text) is matches
    assert jsonschema_valid(text, schema) is matches


@pytest.mark.parametrize("schema", [
    {"type": "array", "uniqueItems": True},
    {"properties": {"a": {"format": "date"}}},
    {"$defs": {"unused": {"minItems": 1}}},
    {"patternProperties": {"^a": {}}},
    {"items": [{"type": "string"}]},
    {"$ref": "other.json#/x"},
    {"$ref": "#/$defs/missing"},
    {"enum": [[1]]},
    {"type": "float"},
    {"maxLength": "5"},
    {"properties": {"a": {"$id": "elsewhere"}}},
])
def test_a_schema_with_anything_unknown_does_not_compile(schema):
    with pytest.raises(UnsupportedSchema):
        compile_gate(schema)


def test_an_unknown_keyword_in_the_journey_schema_makes_the_loader_use_jsonschema(tmp_path, monkeypatch, fresh_gate):
    from places import schema_gate

    edited = copy.deepcopy(SCHEMA)
    edited["properties"]["places"]["uniqueItems"] = True
    path = tmp_path / "journey.schema.json"
    path.write_text(json.dumps(edited), encoding="utf-8")
    monkeypatch.setattr(schema_gate, "schema_path", lambda: path)
    assert journey_gate() is None

    ran = []
    real = loader._validator

    def validator():  # type: ignore[no-untyped-def]
        ran.append(True)
        return real()

    monkeypatch.setattr(loader, "_validator", validator)
    assert loader.schema_problems(copy.deepcopy(FULL)) == []
    assert ran


def test_deep_nesting_or_a_failing_comparison_means_not_sure(monkeypatch):
    nested: list = []
    for _ in range(100000):
        nested = [nested]
    tree = compile_gate({"$ref": "#/$defs/t", "$defs": {"t": {"type": "array", "items": {"$ref": "#/$defs/t"}}}})
    assert tree(nested) is False  # a RecursionError inside, swallowed
    assert journey_gate()(put(FULL, ("places", 0, "lat"), complex(1, 0))) is False  # Python cannot order it
    doc = put(FULL, ("stays", 0, "inferred"), {"date": nested})
    with pytest.raises(JourneyError):
        loader.journey_from_data(doc, "deep.json")


def test_problems_are_what_jsonschema_alone_reports(monkeypatch):
    doc = put(put(put(FULL, ("stays", 1, "kind"), "holiday"), ("places", 0, "lat"), True), ("version",), 1.0)
    doc["stays"][0]["inferred"] = {"when": "x"}
    with_gate = loader.schema_problems(doc)
    monkeypatch.setattr(loader, "_certainly_valid", lambda data: False)
    assert loader.schema_problems(doc) == with_gate
    assert [p.path for p in with_gate] == ["$.places[0].lat", "$.stays[0].inferred", "$.stays[1].kind"]
