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
])
def test_where_he_was_on_dates_the_sources_fix(journey, when, place):
    where = Itinerary(journey).where(date.fromisoformat(when).toordinal())
    assert where.status is Status.STAY and where.place.id == place


def test_geneva_copenhagen_and_reval_are_on_the_itinerary(journey):
    visited = {s.place_id for s in journey.stays}
    assert {"geneva", "copenhagen", "tallinn", "kuibyshev", "petrograd", "paris"} <= visited


def test_travel_gaps_are_short_and_unknowns_are_explicit(journey):
    legs = build_legs(journey, with_paths=False)
    assert all(leg.arrive - leg.depart <= 60 for leg in legs if not leg.inferred)
    itinerary = Itinerary(journey)
    statuses = {itinerary.where(day).status for day in range(journey.first_day, journey.last_day + 1, 7)}
    assert Status.UNKNOWN in statuses and Status.STAY in statuses


@pytest.mark.parametrize("name, place", [("Kyiv", "kiev"), ("Tbilisi", "tiflis"), ("Reval", "tallinn"), ("Samara", "kuibyshev"), ("Leningrad", "petrograd"), ("Saint Petersburg", "petrograd"), ("Bialystok", "bialystok")])
def test_historical_names_of_the_journeys_places_resolve(journey, name, place):
    from places.gazetteer import Gazetteer

    assert Gazetteer(journey.places, world=False).lookup(name).place_id == place
