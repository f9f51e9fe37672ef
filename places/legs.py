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

from .gcpause import collector_paused
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
        """The great-circle arc drawn for this leg (``arc_points``), computed when asked, not
        kept: a journey of 100,000 stays would spend seconds on 1.4 million points. The map
        page and the GeoJSON export compute each distinct move's arc once (``distinct_moves``)."""
        return arc_points(self.origin, self.destination)


def arc_points(a: Place, b: Place, step_km: float = ARC_STEP_KM) -> tuple[tuple[float, float], ...]:
    """Points along the great circle from ``a`` to ``b``, longitudes unwrapped, for drawing.

    Spherical interpolation of unit vectors: at drawing scale it is indistinguishable from the
    ellipsoidal geodesic and far cheaper. Longitudes are continuous (they may pass 180) so the
    path runs the short way round; the page cuts it at the antimeridian.

    The page computes the same points (``resources/web/atlas-arcs.js``), so every step is one
    that gives the same answer in any floating-point library: the angle by atan2 (acos is
    ill-conditioned near 0 and 180 degrees), the direction of travel from ``a`` as a unit
    tangent; where that direction is undefined (``b`` within metres of ``a``'s antipode, where
    every great circle is as short) the arc sets out due north (east from a pole); a point on a
    pole keeps the longitude before it.
    """
    u, v = _unit(a.lat, a.lon), _unit(b.lat, b.lon)
    dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2]
    cross = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
    sin_angle = math.hypot(*cross)
    angle = math.atan2(sin_angle, dot)
    count = max(2, min(MAX_ARC_POINTS, math.ceil(angle * EARTH_RADIUS_KM / step_km) + 1))
    w = _tangent(u, v, dot, sin_angle)
    lats, lons = [], []
    for i in range(count):
        f = angle * i / (count - 1)
        c, s = math.cos(f), math.sin(f)
        x, y, z = c * u[0] + s * w[0], c * u[1] + s * w[1], c * u[2] + s * w[2]
        reference = lons[-1] if lons else a.lon
        horizontal = math.hypot(x, y)
        lon = math.degrees(math.atan2(y, x)) if horizontal > 1e-12 else reference
        lats.append(math.degrees(math.atan2(z, horizontal)))
        lons.append(lon + 360 * _turns(reference - lon))
    lats[0], lons[0], lats[-1] = a.lat, a.lon, b.lat
    lons[-1] = b.lon + 360 * _turns(lons[-2] - b.lon)
    return tuple((round(lat, 4), round(lon, 4)) for lat, lon in zip(lats, lons))


def _turns(delta: float) -> int:
    """Whole turns to add to a longitude ``delta`` degrees behind the one before, so the path
    runs on without a jump. Snapped to 1e-9 degree first: over a pole ``delta`` is 180 give or
    take the last bit, which differs between floating-point libraries, and must not decide
    the turn (Python's round and the page's roundHalfEven both send 0.5 to 0)."""
    return round(round(delta, 9) / 360)


def _tangent(u: tuple[float, float, float], v: tuple[float, float, float], dot: float, sin_angle: float) -> tuple[float, float, float]:
    """The unit direction of travel at ``u`` towards ``v``; due north (east at a pole) where
    it is undefined: ``v`` at or beside ``u`` itself or its antipode."""
    if sin_angle > 1e-6:
        return tuple((v[k] - dot * u[k]) / sin_angle for k in range(3))  # type: ignore[return-value]
    north = (-u[2] * u[0], -u[2] * u[1], 1.0 - u[2] * u[2])  # the pole's direction, less its part along u
    norm = math.hypot(*north)
    if norm > 1e-6:
        return north[0] / norm, north[1] / norm, north[2] / norm
    return 0.0, 1.0, 0.0  # at a pole every direction is south: take the one along 90 degrees east


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


@collector_paused()
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


def distinct_moves(legs: list[Leg]) -> tuple[list[tuple[Place, Place]], list[int]]:
    """Each distinct move (origin, destination) once, in order of first use, and the index of
    each leg's move: the same move recurs often, and its arc is the same every time (the page
    computes each once; an export writes each once)."""
    moves: list[tuple[Place, Place]] = []
    seen: dict[tuple[str, str], int] = {}
    move_of = []
    for leg in legs:
        key = (leg.origin.id, leg.destination.id)
        if key not in seen:
            seen[key] = len(moves)
            moves.append((leg.origin, leg.destination))
        move_of.append(seen[key])
    return moves, move_of


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
