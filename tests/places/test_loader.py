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
    (("passages", 0, "text"), 12, "$.passages[0].text", "not of type 'string'"),
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
