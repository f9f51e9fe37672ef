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

import numpy as np
from geopy.distance import geodesic

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

    Spherical interpolation (slerp) of unit vectors, vectorised with numpy: at drawing scale
    it is indistinguishable from the ellipsoidal geodesic and ~30x cheaper. Longitudes are
    continuous (they may pass 180) so Leaflet draws the short way round.
    """
    p1, p2 = _unit(a.lat, a.lon), _unit(b.lat, b.lon)
    angle = float(np.arccos(np.clip(p1 @ p2, -1.0, 1.0)))
    count = max(2, min(MAX_ARC_POINTS, math.ceil(angle * EARTH_RADIUS_KM / step_km) + 1))
    t = np.linspace(0.0, 1.0, count)[:, None]
    if angle < 1e-9:
        points = np.repeat(p1[None, :], count, axis=0)
    else:
        points = (np.sin((1 - t) * angle) * p1 + np.sin(t * angle) * p2) / math.sin(angle)
    lat = np.degrees(np.arctan2(points[:, 2], np.hypot(points[:, 0], points[:, 1])))
    lon = np.degrees(np.unwrap(np.arctan2(points[:, 1], points[:, 0])))
    lon += 360 * round((a.lon - lon[0]) / 360)
    lat[0], lon[0], lat[-1] = a.lat, a.lon, b.lat
    lon[-1] = b.lon + 360 * round((lon[-2] - b.lon) / 360)
    return tuple(zip(np.round(lat, 4).tolist(), np.round(lon, 4).tolist()))


def _unit(lat: float, lon: float) -> np.ndarray:
    phi, lam = math.radians(lat), math.radians(lon)
    return np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)])


def geodesic_km(a: Place, b: Place) -> float:
    """Distance on the WGS84 ellipsoid, by geopy (Karney's algorithm)."""
    return geodesic((a.lat, a.lon), (b.lat, b.lon)).km


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
