"""The bundled Litvinov journey: valid, complete, verbatim, and right on the dates we know."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from places import Itinerary, Status, bundled_journey_path, build_legs, load_journey, resource_path

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "litvinov-wikipedia-excerpt.txt"


@pytest.fixture(scope="module")
def journey():
    return load_journey(bundled_journey_path())


def seed_lines() -> list[str]:
    source = SEED if SEED.exists() else resource_path("texts", "litvinov-wikipedia-excerpt.txt")
    return [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_seed_passage_is_in_the_journey_verbatim(journey):
    texts = [p.text for p in journey.passages]
    lines = seed_lines()
    assert len(lines) == 30
    for line in lines:
        assert line in texts
    assert len(journey.passages) == 30


def test_the_shipped_text_is_the_seed(journey):
    shipped = resource_path("texts", "litvinov-wikipedia-excerpt.txt").read_text(encoding="utf-8")
    if SEED.exists():
        assert shipped == SEED.read_text(encoding="utf-8")


def test_every_passage_has_a_place_a_date_and_a_source(journey):
    for p in journey.passages:
        assert p.place_id and p.source and p.first_day <= p.last_day


def test_the_itinerary_runs_from_birth_in_bialystok_to_death_in_moscow(journey):
    assert journey.stays[0].place_id == "bialystok" and journey.first_day == date(1876, 7, 17).toordinal()
    assert journey.stays[-1].place_id == "moscow" and journey.last_day == date(1951, 12, 31).toordinal()


def test_every_stay_carries_a_source_and_a_certainty(journey):
    for stay in journey.stays:
        assert stay.certainty in ("certain", "less-certain", "uncertain")
        assert stay.source or stay.is_unknown


@pytest.mark.parametrize("when, place", [
    ("1902-03-01", "kiev"),
    ("1910-06-01", "london"),
    ("1915-02-14", "london"),
    ("1918-12-30", "stockholm"),
    ("1933-11-10", "washington"),
    ("1942-06-01", "washington"),
    ("1937-06-01", "moscow"),
    ("1903-08-15", "geneva"),  # not at the Second Congress in London (his own recollection, Erlikhman)
    ("1918-09-25", "london"),  # left for Aberdeen that morning (Sirnis diary)
    ("1928-03-19", "geneva"),  # Preparatory Commission (FRUS 1928 I)
    ("1933-12-04", "rome"),  # talks with Mussolini on the way home from Washington
    ("1933-12-08", "berlin"),
    ("1933-12-11", "moscow"),  # received Bullitt (FRUS 1933 II)
    ("1935-04-17", "geneva"),  # extraordinary Council session
    ("1936-03-17", "london"),  # Council at St James's Palace (Rhineland)
    ("1936-07-01", "geneva"),  # Assembly speech, between Montreux sittings
    ("1936-07-17", "montreux"),
    ("1936-09-28", "geneva"),  # XVII Assembly speech
    ("1937-09-10", "nyon"),
    ("1937-11-03", "brussels"),
])
def test_where_he_was_on_dates_the_sources_fix(journey, when, place):
    where = Itinerary(journey).where(date.fromisoformat(when).toordinal())
    assert where.status is Status.STAY and where.place.id == place


def test_geneva_copenhagen_and_reval_are_on_the_itinerary(journey):
    visited = {s.place_id for s in journey.stays}
    assert {"geneva", "copenhagen", "tallinn", "kuibyshev", "petrograd", "paris"} <= visited


def test_travel_gaps_are_short_and_unknowns_are_explicit(journey):
    legs = build_legs(journey)
    assert all(leg.arrive - leg.depart <= 60 for leg in legs if not leg.inferred)
    itinerary = Itinerary(journey)
    statuses = {itinerary.where(day).status for day in range(journey.first_day, journey.last_day + 1, 7)}
    assert Status.UNKNOWN in statuses and Status.STAY in statuses


@pytest.mark.parametrize("name, place", [("Kyiv", "kiev"), ("Tbilisi", "tiflis"), ("Reval", "tallinn"), ("Samara", "kuibyshev"), ("Leningrad", "petrograd"), ("Saint Petersburg", "petrograd"), ("Bialystok", "bialystok")])
def test_historical_names_of_the_journeys_places_resolve(journey, name, place):
    from places.gazetteer import Gazetteer

    assert Gazetteer(journey.places, world=False).lookup(name).place_id == place


def test_the_london_arrest_of_1918_is_a_prison_stay_of_about_ten_days(journey):
    itinerary = Itinerary(journey)
    jail = itinerary.where(date(1918, 9, 10).toordinal()).stay
    assert jail.kind == "prison" and jail.place_id == "london"
    assert 8 <= jail.last_day - jail.first_day <= 12
    assert itinerary.where(date(1918, 9, 20).toordinal()).stay.kind == "residence"


def test_kuibyshev_1941_is_evacuation_not_exile(journey):
    assert all(s.kind != "exile" for s in journey.stays if s.place_id == "kuibyshev")


def test_bialystok_is_labelled_bialystok_at_his_birth(journey):
    place = next(p for p in journey.places if p.id == "bialystok")
    assert place.name_on(journey.first_day) == "Białystok"
