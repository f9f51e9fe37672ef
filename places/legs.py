"""Legs between consecutive stays: geodesic distance, great-circle arcs, kilometres travelled.

A leg joins two consecutive stays at different places. It departs on the last day of the
first stay and arrives on the first day of the next. A leg is *inferred* (drawn dashed) when
the sources do not date the move itself: an unknown period lies between the two stays, or
either stay is less than certain.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from geographiclib.geodesic import Geodesic

from .model import Journey, Place

ARC_STEP_KM = 40.0
MAX_ARC_POINTS = 128
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Leg:
    """A move from one place to the next."""

    index: int
    origin: Place
    destination: Place
    from_stay: int
    to_stay: int
    depart: int
    arrive: int
    km: float
    inferred: bool

    @property
    def path(self) -> tuple[tuple[float, float], ...]:
        """The great-circle arc drawn for this leg (``arc_points``), computed when asked: the
        map page draws its arcs itself by the same rule, so only exports need them here, and
        a journey of 100,000 stays would otherwise spend seconds on 1.4 million points."""
        a, b = self.origin, self.destination
        return _arc_between(a.lat, a.lon, b.lat, b.lon)


def arc_points(a: Place, b: Place, step_km: float = ARC_STEP_KM) -> tuple[tuple[float, float], ...]:
    """Points along the great circle from ``a`` to ``b``, longitudes unwrapped, for drawing.

    Spherical interpolation (slerp) of unit vectors: at drawing scale it is indistinguishable
    from the ellipsoidal geodesic and far cheaper. Longitudes are continuous (they may pass
    180) so the path runs the short way round; the page cuts it at the antimeridian.
    """
    x1, y1, z1 = _unit(a.lat, a.lon)
    x2, y2, z2 = _unit(b.lat, b.lon)
    angle = math.acos(max(-1.0, min(1.0, x1 * x2 + y1 * y2 + z1 * z2)))
    count = max(2, min(MAX_ARC_POINTS, math.ceil(angle * EARTH_RADIUS_KM / step_km) + 1))
    sin_angle = math.sin(angle)
    lats, lons = [], []
    for i in range(count):
        t = i / (count - 1)
        if angle < 1e-9:
            x, y, z = x1, y1, z1
        else:
            f1, f2 = math.sin((1 - t) * angle) / sin_angle, math.sin(t * angle) / sin_angle
            x, y, z = f1 * x1 + f2 * x2, f1 * y1 + f2 * y2, f1 * z1 + f2 * z2
        lon = math.degrees(math.atan2(y, x))
        reference = lons[-1] if lons else a.lon
        lats.append(math.degrees(math.atan2(z, math.hypot(x, y))))
        lons.append(lon + 360 * round((reference - lon) / 360))
    lats[0], lons[0], lats[-1] = a.lat, a.lon, b.lat
    lons[-1] = b.lon + 360 * round((lons[-2] - b.lon) / 360)
    return tuple((round(lat, 4), round(lon, 4)) for lat, lon in zip(lats, lons))


@lru_cache(maxsize=4096)  # an export walks the legs in order, and the same moves recur
def _arc_between(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[tuple[float, float], ...]:
    return arc_points(Place("", "", lat1, lon1), Place("", "", lat2, lon2))


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def geodesic_km(a: Place, b: Place) -> float:
    """Distance on the WGS84 ellipsoid by Karney's algorithm, the one geopy's ``geodesic``
    runs; called through geographiclib directly so that start-up does not import geopy's
    geocoders (and their HTTP stack), which only online geocoding needs."""
    return Geodesic.WGS84.Inverse(a.lat, a.lon, b.lat, b.lon, Geodesic.DISTANCE)["s12"] / 1000.0


def geodesic_kms(pairs: list[tuple[Place, Place]]) -> list[float]:
    """``geodesic_km`` of many pairs at once, by the same algorithm either way.

    A few pairs go through geographiclib (pure Python, about 55 µs a pair). From
    ``BATCH_FROM`` pairs on they go through pyproj's ``Geod``, which runs GeographicLib's
    own C implementation of Karney's algorithm over the whole batch: 31,000 pairs take
    35 ms instead of 1.8 s. Importing pyproj costs about 75 ms, so small journeys, and
    start-up, never pay it.
    """
    if len(pairs) < BATCH_FROM:
        return [geodesic_km(a, b) for a, b in pairs]
    from pyproj import Geod

    _, _, metres = Geod(ellps="WGS84").inv([a.lon for a, _ in pairs], [a.lat for a, _ in pairs],
                                           [b.lon for _, b in pairs], [b.lat for _, b in pairs])
    return [m / 1000.0 for m in metres]


BATCH_FROM = 2000


def build_legs(journey: Journey) -> list[Leg]:
    """All legs of a journey, in order. Stays at the same place in a row make no leg."""
    moves: list[tuple[Place, Place, int, int, bool, int]] = []
    pairs: list[tuple[Place, Place]] = []  # each distinct move once: the same move recurs, measure it once
    pair_of: dict[tuple[str, str], int] = {}
    stays = journey.stays
    previous: int | None = None
    unknown_between = False
    for i, stay in enumerate(stays):
        if stay.is_unknown:
            unknown_between = True
            continue
        if previous is not None and stays[previous].place_id != stay.place_id:
            before = stays[previous]
            a, b = journey.place(before.place_id), journey.place(stay.place_id)  # type: ignore[arg-type]
            inferred = unknown_between or before.certainty != "certain" or stay.certainty != "certain"
            key = (a.id, b.id)
            pair = pair_of.get(key)
            if pair is None:
                pair = pair_of[key] = len(pairs)
                pairs.append((a, b))
            moves.append((a, b, previous, i, inferred, pair))
        previous, unknown_between = i, False
    km = geodesic_kms(pairs)
    return [Leg(n, a, b, f, t, stays[f].last_day, stays[t].first_day, km[pair], inferred)
            for n, (a, b, f, t, inferred, pair) in enumerate(moves)]


class Odometer:
    """Kilometres travelled up to a day, overall and per year; a move counts as it happens."""

    def __init__(self, legs: list[Leg]):
        self.legs = legs
        self._arrivals = [leg.arrive for leg in legs]
        self._cumulative = list(_running_sum(leg.km for leg in legs))

    def km_until(self, day: int) -> float:
        """Distance covered by ``day``: legs arrived in full, the current leg in proportion."""
        done = bisect_right(self._arrivals, day)
        total = self._cumulative[done - 1] if done else 0.0
        if done < len(self.legs):
            leg = self.legs[done]
            if leg.depart < day < leg.arrive:
                total += leg.km * (day - leg.depart) / (leg.arrive - leg.depart)
        return total

    def km_total(self) -> float:
        return self._cumulative[-1] if self._cumulative else 0.0

    def km_per_year(self) -> dict[int, float]:
        """Kilometres by calendar year, a leg spread evenly over its travel days."""
        years: dict[int, float] = {}
        for leg in self.legs:
            for year, share in _year_shares(leg.depart, leg.arrive):
                years[year] = years.get(year, 0.0) + leg.km * share
        return dict(sorted(years.items()))


def _running_sum(values):  # type: ignore[no-untyped-def]
    total = 0.0
    for value in values:
        total += value
        yield total


def _year_shares(depart: int, arrive: int) -> list[tuple[int, float]]:
    """How a move from ``depart`` to ``arrive`` splits across calendar years."""
    first, last = date.fromordinal(depart).year, date.fromordinal(arrive).year
    if first == last:
        return [(first, 1.0)]
    span = arrive - depart
    shares = []
    for year in range(first, last + 1):
        lo = max(depart, date(year, 1, 1).toordinal())
        hi = min(arrive, date(year + 1, 1, 1).toordinal())
        if hi > lo:
            shares.append((year, (hi - lo) / span))
    return shares
