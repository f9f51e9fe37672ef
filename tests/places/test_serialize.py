import json

import pytest

from places import FuzzyDate, JourneyError, Place, bundled_journey_path, journey_from_data, load_journey
from places.atomic import OutputExistsError
from places.serialize import correct_passage, journey_to_data, passage_by_id, save_journey


def test_the_bundled_journey_round_trips_through_its_document():
    journey = load_journey(bundled_journey_path())
    again = journey_from_data(journey_to_data(journey), journey.file)
    assert again.places == journey.places and again.stays == journey.stays and again.passages == journey.passages


def test_saving_is_atomic_validated_and_never_overwrites_unasked(tmp_path, mini_data):
    journey = journey_from_data(mini_data)
    out = tmp_path / "saved.json"
    save_journey(journey, out)
    assert load_journey(out).passages == journey.passages
    with pytest.raises(OutputExistsError):
        save_journey(journey, out)
    save_journey(journey, out, overwrite=True)


def test_a_correction_is_marked_by_hand_with_what_it_replaced(mini_data):
    mini_data["passages"][1]["inferred"] = {"place": "carried forward from a", "date": "carried forward from a"}
    journey = journey_from_data(mini_data)
    paris = Place("paris", "Paris", 48.8566, 2.3522)
    fixed = correct_passage(journey, "b", place=paris, start=FuzzyDate.parse("1900-05-20"))
    p = passage_by_id(fixed, "b")
    assert p.place_id == "paris" and str(p.start) == "1900-05-20" and str(p.end) == "1900-05-20"
    assert dict(p.inferred) == {"place": "corrected by hand (was London, inferred: carried forward from a)",
                                "date": "corrected by hand (was 1900-05, inferred: carried forward from a)"}
    assert p.corrected == dict(p.inferred) and p.guessed == {}
    assert fixed.has_place("paris")


def test_a_stated_field_corrected_names_the_value_the_source_gave(mini_data):
    journey = journey_from_data(mini_data)
    fixed = correct_passage(journey, "b", start=FuzzyDate.parse("1900-06-01"), end=FuzzyDate.parse("1900-06-02"))
    assert dict(passage_by_id(fixed, "b").inferred) == {"date": "corrected by hand (was 1900-05)"}
    again = correct_passage(fixed, "b", start=FuzzyDate.parse("1900-06-03"))
    assert dict(passage_by_id(again, "b").inferred) == {"date": "corrected by hand (was 1900-05)"}  # the first value stays named
    assert dict(passage_by_id(correct_passage(again, "b", place=journey.place("kiev")), "b").inferred) == {
        "date": "corrected by hand (was 1900-05)", "place": "corrected by hand (was London)"}


def test_a_field_given_unchanged_keeps_its_mark(mini_data):
    mini_data["passages"][1]["inferred"] = {"place": "carried forward from a"}
    journey = journey_from_data(mini_data)
    fixed = correct_passage(journey, "b", place=journey.place("london"), start=FuzzyDate.parse("1900-05-02"), end=FuzzyDate.parse("1900-05-02"))
    p = passage_by_id(fixed, "b")
    assert p.guessed == {"place": "carried forward from a"} and p.corrected == {"date": "corrected by hand (was 1900-05)"}


def test_corrections_are_kept_in_the_saved_file_and_pass_the_schema(tmp_path, mini_data):
    from places.cli import main

    journey = correct_passage(journey_from_data(mini_data), "b", start=FuzzyDate.parse("1900-05-03"), end=FuzzyDate.parse("1900-05-03"))
    out = tmp_path / "corrected.json"
    save_journey(journey, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["passages"][1]["inferred"] == {"date": "corrected by hand (was 1900-05)"}
    assert main(["check", str(out)]) == 0  # the schema, unchanged, takes it
    assert passage_by_id(load_journey(out), "b").corrected == {"date": "corrected by hand (was 1900-05)"}


def test_a_very_long_reason_is_cut_to_what_the_schema_allows(mini_data):
    mini_data["passages"][1]["inferred"] = {"date": "x" * 1000}
    fixed = correct_passage(journey_from_data(mini_data), "b", start=FuzzyDate.parse("1901"))
    reason = passage_by_id(fixed, "b").inferred["date"]
    assert len(reason) == 1000 and reason.startswith("corrected by hand (was 1900-05, inferred: xxx") and reason.endswith("…)")


def test_a_correction_that_breaks_the_rules_is_refused(mini_data):
    journey = journey_from_data(mini_data)
    with pytest.raises(JourneyError):
        correct_passage(journey, "b", start=FuzzyDate.parse("1900-06"), end=FuzzyDate.parse("1900-05"))
