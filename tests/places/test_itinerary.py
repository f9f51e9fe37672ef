from datetime import date

import pytest

from places import Itinerary, Status, journey_from_data


def d(y, m, day):
    return date(y, m, day).toordinal()


@pytest.fixture
def itinerary(mini_data):
    return Itinerary(journey_from_data(mini_data))


def test_a_day_inside_a_stay_is_at_that_place(itinerary):
    where = itinerary.where(d(1900, 5, 10))
    assert where.status is Status.STAY and where.place.id == "london"
    assert where.describe() == "in London"


def test_fuzzy_ends_cover_their_whole_period(itinerary):
    assert itinerary.where(d(1900, 3, 31)).place.id == "kiev"   # "1900-03" ends on 31 March
    assert itinerary.where(d(1900, 9, 1)).place.id == "petrograd"  # "1900-09~" starts on 1 September


def test_the_gap_between_two_stays_is_travel_with_progress(itinerary):
    where = itinerary.where(d(1900, 4, 6))
    assert where.status is Status.TRAVEL
    assert (where.origin.id, where.destination.id) == ("kiev", "london")
    assert 0 < where.progress < 1
    assert where.describe() == "travelling Kiev → London"


def test_explicit_unknown_periods_and_outside_the_journey_are_unknown(itinerary):
    assert itinerary.where(d(1900, 7, 15)).status is Status.UNKNOWN
    assert itinerary.where(d(1899, 12, 31)).status is Status.UNKNOWN
    assert itinerary.where(d(1901, 1, 1)).status is Status.UNKNOWN
    assert itinerary.where(d(1900, 7, 15)).describe() == "whereabouts unknown"


def test_every_day_has_exactly_one_answer(itinerary):
    for day in range(d(1899, 12, 1), d(1901, 2, 1)):
        where = itinerary.where(day)
        assert where.status in Status
        assert (where.place is not None) == (where.status is Status.STAY)


def test_historical_names_follow_the_date(mini_data):
    mini_data["stays"][3]["start"] = "1900-09"
    itinerary = Itinerary(journey_from_data(mini_data))
    place = itinerary.where(d(1900, 10, 1)).place
    assert place.name_on(d(1916, 1, 1)) == "Petrograd"
    assert place.name_on(d(1930, 1, 1)) == "Leningrad"
    # the renaming day is the old name's last and the new one's first: the new name is shown
    assert place.name_on(d(1924, 1, 26)) == "Leningrad" and place.name_on(d(1924, 1, 25)) == "Petrograd"
    assert place.name_on(d(2000, 1, 1)) == "Saint Petersburg"


def test_event_stepping_visits_stay_boundaries_and_passages(itinerary):
    start = d(1900, 1, 1)
    events = [start]
    while (nxt := itinerary.next_event(events[-1])) is not None:
        events.append(nxt)
    assert events == sorted(set(events))
    assert d(1900, 4, 11) in events and d(1900, 5, 1) in events and d(1900, 9, 1) in events
    assert itinerary.previous_event(d(1900, 4, 11)) < d(1900, 4, 11)
    assert itinerary.previous_event(start) is None


def test_visited_places_so_far(itinerary):
    assert itinerary.visited_before(d(1900, 5, 1)) == ["kiev", "london"]
    assert itinerary.visited_before(d(1899, 1, 1)) == []


@pytest.fixture
def two_london_stays(mini_data):
    first = dict(mini_data["stays"][1], end="1900-05-10")
    second = dict(mini_data["stays"][1], start="1900-05-20")
    mini_data["stays"][1:2] = [first, second]
    return mini_data


def test_a_gap_between_two_stays_at_the_same_place_is_unknown_not_travel(two_london_stays):
    from places import build_legs

    journey = journey_from_data(two_london_stays)
    where = Itinerary(journey).where(d(1900, 5, 15))
    assert where.status is Status.UNKNOWN and where.place is None
    assert where.note == "between two stays in London"
    assert where.describe() == "whereabouts unknown (between two stays in London)"
    assert [(leg.origin.id, leg.destination.id) for leg in build_legs(journey)] == [("kiev", "london"), ("london", "petrograd")]


def test_where_json_keeps_its_shape_and_adds_the_note(two_london_stays, tmp_path, capsys):
    import json

    from places.cli import main

    path = tmp_path / "j.json"
    path.write_text(json.dumps(two_london_stays))
    assert main(["where", "1900-05-15", "--journey", str(path), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "unknown" and answer["place"] is None and answer["date"] == "1900-05-15"
    assert answer["note"] == "between two stays in London" and "from" not in answer


def test_a_fuzzy_passage_is_shown_on_the_first_day_he_is_at_its_place():
    """"January 1919 - February 1920, Copenhagen": on 1 January 1919 he was in Stockholm, so the
    passage is shown from the day he is in Copenhagen within its dates."""
    from places import bundled_journey_path, load_journey

    journey = load_journey(bundled_journey_path())
    itinerary = Itinerary(journey)
    passages = {p.id: p for p in journey.passages}
    for pid, place in (("p09", "copenhagen"), ("p12", "moscow"), ("p28", "washington")):
        day = itinerary.passage_day(passages[pid])
        assert passages[pid].first_day < day <= passages[pid].last_day
        assert itinerary.where(day).place.id == place
        assert itinerary.where(day - 1).place is None or itinerary.where(day - 1).place.id != place
    exact = next(p for p in journey.passages if p.first_day == p.last_day)
    assert itinerary.passage_day(exact) == exact.first_day  # a dated day is its own day
    p01 = passages["p01"]  # "1898, in Kiev": no stay in Kiev in 1898, so its first day, as dated
    assert itinerary.passage_day(p01) == p01.first_day
    assert itinerary.next_event(passages["p09"].first_day - 1) != passages["p09"].first_day
