from datetime import date

import pytest

from places import Odometer, build_legs, journey_from_data
from places.legs import arc_points
from places.model import Place


def test_legs_join_consecutive_stays_with_geodesic_distance(mini_data):
    legs = build_legs(journey_from_data(mini_data))
    assert [(l.origin.id, l.destination.id) for l in legs] == [("kiev", "london"), ("london", "petrograd")]
    assert legs[0].km == pytest.approx(2133, rel=0.01)  # Kiev-London great circle
    assert not legs[0].inferred
    assert legs[1].inferred  # an unknown period intervenes and the arrival is less certain
    assert legs[0].path[0] == (50.45, 30.52) and legs[0].path[-1] == (51.5072, -0.1276)
    assert len(legs[0].path) > 10


def test_arcs_cross_the_antimeridian_the_short_way():
    tokyo, sf = Place("t", "Tokyo", 35.68, 139.69), Place("s", "San Francisco", 37.77, -122.42)
    path = arc_points(tokyo, sf)
    lons = [lon for _, lon in path]
    assert all(abs(b - a) < 10 for a, b in zip(lons, lons[1:]))
    assert max(lons) > 180  # unwrapped eastward, not drawn across the whole map


def test_arcs_halfway_round_and_over_the_pole_are_continuous():
    """Between antipodes every great circle is as short: the arc sets out due north rather
    than wherever rounding points it; a point on the pole keeps the longitude before it."""
    kiev, antipode = Place("k", "Kiev", 50.45, 30.52), Place("a", "Antipode", -50.45, -149.48)
    path = arc_points(kiev, antipode)
    assert len(path) == 128 and path[1][0] > kiev.lat  # north first
    steps = [abs(b[1] - a[1]) for a, b in zip(path, path[1:])]
    assert max(steps) < 10 or sorted(steps)[-2] < 10  # at most one turn, over the pole
    over = arc_points(Place("t", "Tiksi", 70.583, 124.8781), Place("o", "Opposite", 70.583, -55.1219))
    assert max(lat for lat, _ in over) == pytest.approx(90, abs=0.01)
    assert all(abs(b[0] - a[0]) < 1 for a, b in zip(over, over[1:]))  # no jump in latitude
    from_pole = arc_points(Place("n", "North Pole", 90.0, 0.0), kiev)
    assert from_pole[0] == (90.0, 0.0) and from_pole[-1] == (50.45, 30.52)


def test_the_odometer_counts_kilometres_as_they_are_travelled(mini_data):
    legs = build_legs(journey_from_data(mini_data))
    odo = Odometer(legs)
    d = lambda y, m, dd: date(y, m, dd).toordinal()
    assert odo.km_until(d(1900, 3, 1)) == 0
    halfway = odo.km_until((legs[0].depart + legs[0].arrive) // 2)
    assert 0 < halfway < legs[0].km
    assert odo.km_until(d(1900, 5, 1)) == pytest.approx(legs[0].km)
    assert odo.km_until(d(1901, 1, 1)) == pytest.approx(odo.km_total())
    per_year = odo.km_per_year()
    assert list(per_year) == [1900] and per_year[1900] == pytest.approx(odo.km_total())


def test_a_move_across_new_year_is_split_between_the_years():
    from places.legs import _year_shares

    shares = dict(_year_shares(date(1918, 12, 21).toordinal(), date(1919, 1, 10).toordinal()))
    assert shares[1918] == pytest.approx(11 / 20) and shares[1919] == pytest.approx(9 / 20)


def test_many_distances_at_once_are_the_distances_one_at_a_time():
    """A big journey measures its moves in one batch (pyproj); a move is as long either way,
    also between antipodes, at the poles and across the antimeridian."""
    import random

    from places.legs import BATCH_FROM, geodesic_km, geodesic_kms

    rng = random.Random(5)
    places = [Place(str(i), str(i), rng.uniform(-90, 90), rng.uniform(-180, 180)) for i in range(55)]
    places += [Place("n", "North Pole", 90.0, 0.0), Place("s", "South Pole", -90.0, 45.0), Place("a", "A", 0.0, 179.9),
               Place("b", "B", 0.0, -179.9), Place("k", "Kiev", 50.45, 30.52), Place("k2", "Antipode", -50.45, -149.48)]
    pairs = [(a, b) for a in places for b in places]
    assert len(pairs) >= BATCH_FROM  # so the batch is measured as a batch
    batch = geodesic_kms(pairs)
    single = [geodesic_km(a, b) for a, b in pairs]
    assert batch == [pytest.approx(km, abs=1e-6) for km in single]  # within a millimetre
    assert geodesic_kms(pairs[:3]) == single[:3]


def test_a_journey_of_thousands_of_moves_measures_each_leg_as_one_move_alone():
    from benchmarks.synthetic import synthetic_journey

    from places.legs import BATCH_FROM, geodesic_km

    legs = build_legs(journey_from_data(synthetic_journey(8000, 1500, seed=7)))
    assert len({(l.origin.id, l.destination.id) for l in legs}) >= BATCH_FROM  # measured in one batch
    assert [l.km for l in legs[::97]] == [pytest.approx(geodesic_km(l.origin, l.destination), abs=1e-6) for l in legs[::97]]
    assert [l.index for l in legs] == list(range(len(legs)))
