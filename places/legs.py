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
from geopy.distance import geodesic

from .model import Journey, Place

ARC_STEP_KM = 40.0
MAX_ARC_POINTS = 128


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
    """Points along the great-circle (WGS84 geodesic) from ``a`` to ``b``, longitudes unwrapped.

    Longitudes are continuous (they may pass 180) so Leaflet draws the short way round.
    """
    line = Geodesic.WGS84.InverseLine(a.lat, a.lon, b.lat, b.lon)
    count = max(2, min(MAX_ARC_POINTS, math.ceil(line.s13 / 1000 / step_km) + 1))
    points = []
    previous_lon = a.lon
    for k in range(count):
        pos = line.Position(line.s13 * k / (count - 1), Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.LONG_UNROLL)
        lon = pos["lon2"]
        lon += 360 * round((previous_lon - lon) / 360)
        previous_lon = lon
        points.append((round(pos["lat2"], 4), round(lon, 4)))
    return tuple(points)


def build_legs(journey: Journey, with_paths: bool = True) -> list[Leg]:
    """All legs of a journey, in order. Stays at the same place in a row make no leg."""
    legs: list[Leg] = []
    previous: int | None = None
    unknown_between = False
    for i, stay in enumerate(journey.stays):
        if stay.is_unknown:
            unknown_between = True
            continue
        if previous is not None and journey.stays[previous].place_id != stay.place_id:
            before = journey.stays[previous]
            a, b = journey.place(before.place_id), journey.place(stay.place_id)  # type: ignore[arg-type]
            inferred = unknown_between or before.certainty != "certain" or stay.certainty != "certain"
            legs.append(Leg(
                index=len(legs), origin=a, destination=b, from_stay=previous, to_stay=i,
                depart=before.last_day, arrive=stay.first_day,
                km=geodesic((a.lat, a.lon), (b.lat, b.lon)).km,
                inferred=inferred, path=arc_points(a, b) if with_paths else (),
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
