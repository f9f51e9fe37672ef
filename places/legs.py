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

from geographiclib.geodesic import Geodesic

from .model import Journey, Place

ARC_STEP_KM = 40.0
MAX_ARC_POINTS = 128
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
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
    path: tuple[tuple[float, float], ...]


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


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def geodesic_km(a: Place, b: Place) -> float:
    """Distance on the WGS84 ellipsoid by Karney's algorithm, the one geopy's ``geodesic``
    runs; called through geographiclib directly so that start-up does not import geopy's
    geocoders (and their HTTP stack), which only online geocoding needs."""
    return Geodesic.WGS84.Inverse(a.lat, a.lon, b.lat, b.lon, Geodesic.DISTANCE)["s12"] / 1000.0


def build_legs(journey: Journey, with_paths: bool = True) -> list[Leg]:
    """All legs of a journey, in order. Stays at the same place in a row make no leg."""
    legs: list[Leg] = []
    previous: int | None = None
    unknown_between = False
    measured: dict[tuple[str, str], tuple[float, tuple[tuple[float, float], ...]]] = {}  # the same move recurs
    for i, stay in enumerate(journey.stays):
        if stay.is_unknown:
            unknown_between = True
            continue
        if previous is not None and journey.stays[previous].place_id != stay.place_id:
            before = journey.stays[previous]
            a, b = journey.place(before.place_id), journey.place(stay.place_id)  # type: ignore[arg-type]
            inferred = unknown_between or before.certainty != "certain" or stay.certainty != "certain"
            key = (a.id, b.id)
            if key not in measured:
                measured[key] = (geodesic_km(a, b), arc_points(a, b) if with_paths else ())
            km, path = measured[key]
            legs.append(Leg(
                index=len(legs), origin=a, destination=b, from_stay=previous, to_stay=i,
                depart=before.last_day, arrive=stay.first_day, km=km, inferred=inferred, path=path,
            ))
        previous, unknown_between = i, False
    return legs


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
