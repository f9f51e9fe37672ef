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


def test_correcting_a_passage_states_its_place_and_date(mini_data):
    mini_data["passages"][1]["inferred"] = {"place": "carried forward from a", "date": "carried forward from a"}
    journey = journey_from_data(mini_data)
    paris = Place("paris", "Paris", 48.8566, 2.3522)
    fixed = correct_passage(journey, "b", place=paris, start=FuzzyDate.parse("1900-05-20"))
    p = passage_by_id(fixed, "b")
    assert p.place_id == "paris" and str(p.start) == "1900-05-20" and str(p.end) == "1900-05-20"
    assert dict(p.inferred) == {}
    assert fixed.has_place("paris")


def test_a_correction_that_breaks_the_rules_is_refused(mini_data):
    journey = journey_from_data(mini_data)
    with pytest.raises(JourneyError):
        correct_passage(journey, "b", start=FuzzyDate.parse("1900-06"), end=FuzzyDate.parse("1900-05"))
