import json
import os

import pytest

from places import JourneyError, load_journey
from places.loader import journey_from_data


def write(tmp_path, content, name="j.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def problems_of(exc_info):
    return "\n".join(str(p) for p in exc_info.value.problems)


def test_the_mini_journey_loads_into_frozen_records(mini_file):
    journey = load_journey(mini_file)
    assert [p.id for p in journey.places] == ["kiev", "london", "petrograd"]
    assert journey.place("petrograd").name_on(__import__("datetime").date(1916, 1, 1).toordinal()) == "Petrograd"
    assert journey.stays[2].is_unknown
    assert journey.passages[1].text == "In London <b>bold</b> & co."
    with pytest.raises(AttributeError):
        journey.places[0].name = "x"


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"\xff\xfe\x00garbage\x00\x81", "not UTF-8"),
    ("{\"format\": ".encode(), "not valid JSON"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    (b"NaN", "not valid JSON"),
    (b"42", "$"),
    (b"{}", "$.format"),
    ('{"format": "litvinov-atlas/journey", "version": 7, "places": [], "stays": [], "passages": []}'.encode(), "version 7 is not supported"),
])
def test_broken_files_raise_only_the_loaders_error_naming_the_file(tmp_path, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(JourneyError) as info:
        load_journey(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_as_not_a_regular_file():
    # /dev/zero reports size 0 and never ends: reading it would exhaust memory.
    with pytest.raises(JourneyError, match="/dev/zero: is not a regular file"):
        load_journey("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(JourneyError, match="is not a regular file"):
        load_journey(fifo)


def test_the_size_cap_holds_even_when_the_reported_size_is_wrong(tmp_path, mini_data, monkeypatch):
    # Devices and some filesystems report size 0: the read itself must stop at the cap.
    import places.loader

    path = write(tmp_path, json.dumps(mini_data))
    real_stat, real_fstat = os.stat, os.fstat

    def size_zero(result):
        return os.stat_result((*result[:6], 0, *result[7:]))

    monkeypatch.setattr(places.loader, "MAX_BYTES", 100)
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: size_zero(real_stat(p, *a, **k)) if str(p) == str(path) else real_stat(p, *a, **k))
    monkeypatch.setattr(os, "fstat", lambda fd: size_zero(real_fstat(fd)))
    with pytest.raises(JourneyError, match="too large"):
        load_journey(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(JourneyError, match="no such file"):
        load_journey(tmp_path / "nope.json")
    with pytest.raises(JourneyError, match="is a directory"):
        load_journey(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path, mini_file):
    mini_file.chmod(0)
    with pytest.raises(JourneyError, match="cannot be read"):
        load_journey(mini_file)


def mangle(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("path, value, json_path, message", [
    (("stays", 1, "start"), "1900-13-01", "$.stays[1].start", "month 13 does not exist"),
    (("stays", 1, "start"), "1900-02-30", "$.stays[1].start", "does not exist"),
    (("stays", 1, "end"), "1900-04-01", "$.stays[1].end", "before it starts"),
    (("places", 0, "lat"), 91, "$.places[0].lat", "91"),
    (("places", 1, "lon"), -181.5, "$.places[1].lon", "-181.5"),
    (("stays", 0, "place"), "atlantis", "$.stays[0].place", "does not exist: 'atlantis'"),
    (("passages", 0, "place"), "atlantis", "$.passages[0].place", "does not exist"),
    (("stays", 0, "source"), "nobody", "$.stays[0].source", "source that does not exist"),
    (("stays", 1, "start"), "1900-03-15", "$.stays[1].start", "overlaps"),
    (("stays", 1, "kind"), "holiday", "$.stays[1].kind", "holiday"),
    (("stays", 2, "place"), "london", "$.stays[2]", "unknown"),
    (("places", 1, "id"), "kiev", "$.places[1].id", "duplicate place id"),
    (("passages", 1, "id"), "a", "$.passages[1].id", "duplicate passage id"),
    (("passages", 0, "text"), 12, "$.passages[0].text", "expected a string, found the number 12"),
    (("places", 0, "extra"), 1, "$.places[0]", "extra"),
])
def test_invalid_content_is_reported_with_its_json_path(mini_data, path, value, json_path, message):
    with pytest.raises(JourneyError) as info:
        journey_from_data(mangle(mini_data, path, value), "mini.json")
    text = problems_of(info)
    assert json_path in text and message in text, text
    assert info.value.file == "mini.json"


def test_all_problems_are_reported_at_once(mini_data):
    mini_data["stays"][0]["place"] = "nowhere"
    mini_data["passages"][0]["place"] = "elsewhere"
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    assert len(info.value.problems) == 2


def test_a_utf8_bom_is_accepted(tmp_path, mini_data):
    path = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(mini_data).encode())
    assert load_journey(path).title == "A test journey"


@pytest.mark.parametrize("path, value, json_path", [
    (("stays", 1, "start"), "1900-04-11\n", "$.stays[1].start"),
    (("places", 1, "id"), "london\n", "$.places[1].id"),
    (("stays", 0, "start"), "\u0661\u0669\u0660\u0660", "$.stays[0].start"),
    (("person", "wikidata"), "Q1\n", "$.person.wikidata"),
])
def test_a_trailing_newline_or_non_ascii_digits_do_not_pass_the_schema(mini_data, path, value, json_path):
    with pytest.raises(JourneyError) as info:
        journey_from_data(mangle(mini_data, path, value), "mini.json")
    assert json_path in problems_of(info)


def test_a_repeated_key_is_refused_naming_its_json_path_and_the_key(tmp_path, mini_data):
    text = json.dumps(mini_data).replace('"lat": 51.5072', '"lat": 51.5072, "lat": 48.85', 1)
    with pytest.raises(JourneyError) as info:
        load_journey(write(tmp_path, text))
    assert problems_of(info) == "$.places[1]: the key 'lat' appears more than once; each key may appear once"


def test_repeated_keys_are_all_reported_in_document_order(tmp_path):
    text = '{"b": 1, "b": 2, "odd key": {"x": 1, "x": 1}, "list": [{}, {"y": 0, "y": 0}]}'
    with pytest.raises(JourneyError) as info:
        load_journey(write(tmp_path, text))
    assert [p.path for p in info.value.problems] == ["$", "$['odd key']", "$.list[1]"]


def test_problems_come_in_document_order_not_string_order(mini_data):
    mini_data["stays"] = [dict(mini_data["stays"][1], start=f"1900-04-{d:02d}", end=f"1900-04-{d:02d}") for d in range(1, 13)]
    for i in (2, 10):
        mini_data["stays"][i]["kind"] = "holiday"
    mini_data["person"]["born"] = "someday"
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    assert [p.path for p in info.value.problems] == ["$.person.born", "$.stays[2].kind", "$.stays[10].kind"]


def test_an_enormous_integer_gets_a_plain_message(tmp_path):
    with pytest.raises(JourneyError) as info:
        load_journey(write(tmp_path, '{"version": ' + "9" * 5000 + "}"))
    message = str(info.value)
    assert "5000 digits" in message and "sys." not in message


def test_a_file_that_passed_the_schema_is_not_checked_against_it_again(mini_file, monkeypatch):
    from places import loader

    first = load_journey(mini_file)
    class SchemaRan(Exception):
        pass

    def schema_problems(data):  # type: ignore[no-untyped-def]
        raise SchemaRan

    monkeypatch.setattr(loader, "schema_problems", schema_problems)
    assert load_journey(mini_file) == first
    mini_file.write_text(mini_file.read_text(encoding="utf-8").replace('"London"', '"Londres"'), encoding="utf-8")
    with pytest.raises(SchemaRan):  # new text: checked afresh
        load_journey(mini_file)


def test_rules_beyond_the_schema_are_checked_even_for_a_known_text(mini_data, tmp_path):
    import json

    mini_data["stays"][1]["end"] = "1899"  # ends before it starts: the schema cannot see it
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(mini_data), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(JourneyError, match="before it starts"):
            load_journey(path)


# -- problems in plain words -----------------------------------------------------------------

@pytest.mark.parametrize("path, value, json_path, message", [
    (("stays", 1, "start"), "1898/01/02", "$.stays[1].start",
     "'1898/01/02' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (with optional ~ ? %)"),
    (("places", 1, "id"), "two words", "$.places[1].id", "'two words' is not an id: a letter or digit, then up to 127"),
    (("person", "wikidata"), "12", "$.person.wikidata", "'12' is not a Wikidata id: Q and digits, such as Q1234"),
    (("places", 0, "name"), "N" * 5000, "$.places[0].name",
     "'" + "N" * 40 + "...' (5000 characters) is too long: at most 500 characters"),
    (("places", 0, "name"), "", "$.places[0].name", "must not be empty"),
    (("stays", 0, "note"), None, "$.stays[0].note", "expected a string, found null"),
    (("places", 0, "lat"), "53.1", "$.places[0].lat", "expected a number, found the string '53.1'"),
    (("places", 0, "geonames"), 1.5, "$.places[0].geonames", "expected a whole number, found the number 1.5"),
    (("stays", 0, "place"), 12, "$.stays[0].place", "expected a string or null, found the number 12"),
    (("stays", 0, "place"), "no such id!", "$.stays[0].place", "'no such id!' is not an id"),
    (("stays", 1, "kind"), "holiday", "$.stays[1].kind",
     "'holiday' is not one of the values allowed here: birth, residence, visit, prison, exile, transit, mission, death, unknown"),
    (("places", 0, "lat"), 200, "$.places[0].lat", "200 is out of range: it must be between -90 and 90"),
    (("places", 1, "lon"), -181.5, "$.places[1].lon", "-181.5 is out of range: it must be between -180 and 180"),
    (("places", 0, "geonames"), 0, "$.places[0].geonames", "0 is too small: it must be at least 1"),
    (("format",), "other/format", "$.format", "must be 'litvinov-atlas/journey', not 'other/format'"),
    (("stays", 0, "inferred"), {"when": "x"}, "$.stays[0].inferred",
     "the key 'when' is not allowed here; the keys allowed are place, date, start, end"),
    (("stays",), "none", "$.stays", "expected an array, found the string 'none'"),
])
def test_schema_problems_name_the_value_shortly_and_the_rule(mini_data, path, value, json_path, message):
    with pytest.raises(JourneyError) as info:
        journey_from_data(mangle(mini_data, path, value), "mini.json")
    assert f"{json_path}: {message}" in problems_of(info)


def test_a_missing_or_unknown_key_is_reported_at_that_key(mini_data):
    del mini_data["places"][0]["lat"]
    del mini_data["stays"][1]["kind"]
    mini_data["passages"][0]["colour"] = "red"
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    assert problems_of(info).splitlines() == [
        "$.places[0].lat: missing: required in every place",
        "$.stays[1].kind: missing: required in every stay",
        "$.passages[0].colour: unknown key; the keys allowed here are id, text, place, start, end, source, note, inferred",
    ]


def test_no_schema_problem_shows_a_regular_expression_or_python_spelling(mini_data):
    for path, value in [(("stays", 1, "start"), "1898/01/02"), (("places", 1, "id"), "a b"), (("stays", 0, "note"), None),
                        (("places", 0, "name"), "x" * 600), (("passages", 0, "text"), True)]:
        mangle(mini_data, path, value)
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    text = problems_of(info)
    for leak in ("^", "(?!", "None", "True", "is not of type", "does not match", "x" * 41):
        assert leak not in text, (leak, text)


@pytest.mark.parametrize("version, message", [
    ("2", "version 2 is not supported (this program reads version 1)"),
    ('"1"', "version '1' is not supported (this program reads version 1)"),
    ("null", "expected a version number, found null (this program reads version 1)"),
    ("[1]", "expected a version number, found an array of 1 item (this program reads version 1)"),
])
def test_an_unsupported_version_reads_plainly(version, message):
    with pytest.raises(JourneyError) as info:
        journey_from_data(json.loads('{"format": "litvinov-atlas/journey", "version": ' + version + "}"), "v.json")
    assert problems_of(info) == f"$.version: {message}"


@pytest.mark.parametrize("number, shown", [("1e400", "1e400 (a number too large to hold)"), ("-1E999", "-1E999 (a number too large to hold)")])
def test_a_number_too_large_for_a_float_is_shown_as_written(tmp_path, mini_data, number, shown):
    text = json.dumps(mini_data).replace('"lat": 50.45', f'"lat": {number}', 1)
    with pytest.raises(JourneyError) as info:
        load_journey(write(tmp_path, text))
    assert problems_of(info) == f"$.places[0].lat: {shown} is out of range: it must be between -90 and 90"
    version = write(tmp_path, '{"format": "litvinov-atlas/journey", "version": 1e400}', "v.json")
    with pytest.raises(JourneyError, match=r"version 1e400 \(a number too large to hold\) is not supported"):
        load_journey(version)


# -- every problem at once: the schema's and the rules between records -----------------------

def test_rules_between_records_are_checked_beside_the_schemas_problems(mini_data):
    mini_data["places"][1]["lat"] = 300          # schema: london is left out of the checks ...
    mini_data["stays"][2]["certainty"] = "maybe"  # schema: this stay is left out too
    mini_data["stays"][3]["start"] = "1900-05"    # rule: overlaps the London stay (the one checked before it)
    mini_data["passages"][0]["place"] = "nowhere"  # rule: a dangling reference
    mini_data["passages"][1]["end"] = "1899"       # rule: ends before it starts
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    assert problems_of(info).splitlines() == [
        "$.places[1].lat: 300 is out of range: it must be between -90 and 90",
        "$.stays[2].certainty: 'maybe' is not one of the values allowed here: certain, less-certain, uncertain",
        "$.stays[3].start: 1900-05 overlaps or precedes the stay at $.stays[1]; stays must be in order and must not overlap",
        "$.passages[0].place: refers to a place that does not exist: 'nowhere'",
        "$.passages[1].end: ends (1899) before it starts (1900-05)",
    ]  # and no "does not exist: 'london'": a place left out still counts as there


def test_references_are_not_judged_when_a_places_id_cannot_be_read(mini_data):
    mini_data["places"][1]["id"] = 7
    mini_data["stays"][0]["source"] = "nobody"
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    text = problems_of(info)
    assert "$.places[1].id: expected a string, found the number 7" in text
    assert "refers to a place" not in text  # 'london' may be the place whose id is broken
    assert "$.stays[0].source: refers to a source that does not exist: 'nobody'" in text


@pytest.mark.parametrize("path, value", [(("stays",), {}), (("places",), None), (("version",), 2), (("format",), "x")])
def test_no_rules_between_records_when_the_frame_is_broken(mini_data, path, value):
    mini_data["passages"][0]["place"] = "nowhere"
    with pytest.raises(JourneyError) as info:
        journey_from_data(mangle(mini_data, path, value), "mini.json")
    assert "refers to" not in problems_of(info)


def test_no_rules_between_records_once_the_schema_problems_reach_the_cap(mini_data):
    from places.loader import MAX_SCHEMA_ERRORS

    mini_data["passages"] = [{"id": f"p{i}", "text": "", "start": "1900", "end": "1900"} for i in range(MAX_SCHEMA_ERRORS)]
    mini_data["passages"].append({"id": "last", "text": "x", "place": "nowhere", "start": "1900", "end": "1900"})
    with pytest.raises(JourneyError) as info:
        journey_from_data(mini_data, "mini.json")
    assert len(info.value.problems) == MAX_SCHEMA_ERRORS and "refers to" not in problems_of(info)


def _leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaf_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaf_paths(value, prefix + (i,))
    if prefix:
        yield prefix


def test_the_rules_between_records_never_fail_on_what_the_schema_let_through():
    """The safety net in ``_rule_problems`` is never needed: mangled documents, checked without it."""
    import copy

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from mini_journey import MINI
    from places import loader

    values = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=12) \
        | st.lists(st.integers(), max_size=2) | st.dictionaries(st.sampled_from(["id", "name", "place", "start", "lat"]), st.text(max_size=5), max_size=2)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(sorted(_leaf_paths(MINI), key=str)), values), min_size=1, max_size=3))
    def check(changes):
        doc = copy.deepcopy(MINI)
        for path, value in changes:
            try:
                mangle(doc, path, value)
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change removed the way there
        found = loader.schema_problems(doc)
        scope = loader._scope_after(doc, found) if found else None
        if scope is not None:
            sources = doc.get("sources", {})
            loader._records(doc, sources if scope.source_refs else None, scope)

    check()
