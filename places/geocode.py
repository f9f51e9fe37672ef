"""Optional online geocoding through OpenStreetMap Nominatim (via geopy): off by default,
rate-limited, cached on disk, and never blocking the caller.

Only used when a person asks for it (``python -m places geocode NAME --online``, for a name
the offline gazetteer cannot resolve). Nominatim's usage policy allows at most one request a
second and asks that answers be cached, so:

- requests go out one at a time, at least a second apart (:class:`Throttle`);
- definitive answers (found, or definitely not found) are cached in a JSON file, written
  atomically, under a normalised key so "Kiev" and " kiev" are asked once;
- a failure (no network, a timeout, a refusal) is *not* an answer: nothing is cached, the call
  gives None (or raises :class:`GeocodeError` when asked to) and one line is logged.
"""
from __future__ import annotations

import json
import logging
import threading
import time
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from .atomic import write_atomic
from .cache import cache_dir

log = logging.getLogger(__name__)

USER_AGENT = "litvinov-atlas/0.1 (desktop history atlas)"
MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: no more than one request per second
TIMEOUT_SECONDS = 10
CACHE_VERSION = 2
Result = tuple[float, float, str] | None
Lookup = Callable[[str], Result]  # returns None for "definitely not found"; raises on failure


class GeocodeError(Exception):
    """An online lookup failed (network, timeout, refusal): there is no answer, none is cached."""


def cache_key(name: str) -> str:
    """The cache's key for a name: trimmed, case-folded, NFC (one entry for "Kiev" and "kiev")."""
    return unicodedata.normalize("NFC", name.strip().casefold())


def default_cache_path() -> Path:
    return cache_dir() / "geocode.json"


def nominatim_lookup(timeout: float = TIMEOUT_SECONDS) -> Lookup:
    """A lookup on OpenStreetMap Nominatim that raises on failure instead of logging tracebacks.

    geopy's urllib adapter makes exactly one request per call (the requests adapter would retry
    behind the throttle's back and log each retry).
    """
    from geopy.adapters import URLLibAdapter
    from geopy.geocoders import Nominatim

    geocoder = Nominatim(user_agent=USER_AGENT, timeout=timeout, adapter_factory=URLLibAdapter)

    def lookup(name: str) -> Result:
        location = geocoder.geocode(name, exactly_one=True)
        return (location.latitude, location.longitude, location.address) if location else None

    return lookup


class Throttle:
    """Lets calls through at least ``min_delay`` seconds apart, sleeping as needed.

    The clock and the sleep are parameters so the rule can be tested without waiting.
    """

    def __init__(self, min_delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.min_delay = min_delay
        self._clock, self._sleep = clock, sleep
        self._last: float | None = None

    def wait(self) -> None:
        """Return when the next call may go out, and count it as gone."""
        if self._last is not None:
            remaining = self._last + self.min_delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last = self._clock()


class GeocodeCache:
    """Definitive answers on disk: ``{"version": 2, "names": {key: [lat, lon, address] | null}}``."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._names = _read_cache(path)

    def __contains__(self, name: str) -> bool:
        return cache_key(name) in self._names

    def get(self, name: str) -> Result:
        hit = self._names.get(cache_key(name))
        return (hit[0], hit[1], hit[2]) if hit else None

    def put(self, name: str, result: Result) -> None:
        """Remember an answer; a cache that cannot be written costs a warning, not the answer."""
        with self._lock:
            self._names[cache_key(name)] = list(result) if result else None
            document = {"version": CACHE_VERSION, "names": self._names}
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(self.path, json.dumps(document, ensure_ascii=False), overwrite=True)
            except OSError as exc:
                log.warning("cannot write the geocoding cache %s: %s", self.path, exc.strerror or exc)


def _read_cache(path: Path) -> dict[str, list | None]:
    """The cached answers; a missing or damaged file is an empty cache.

    A cache from before version 2 keeps only its found names: its "not found" entries may be
    network failures that were wrongly remembered.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    legacy = data.get("version") != CACHE_VERSION
    names = data if legacy else data.get("names")
    if not isinstance(names, dict):
        return {}
    return {cache_key(k): _as_entry(v) for k, v in names.items()
            if isinstance(k, str) and _is_entry(v) and not (legacy and v is None)}


def _is_entry(value: Any) -> bool:
    """None (not found) or ``[lat, lon, address]``; anything else is damage, dropped."""
    if value is None:
        return True
    return (isinstance(value, list) and len(value) == 3 and isinstance(value[2], str)
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value[:2]))


def _as_entry(value: list | None) -> list | None:
    return None if value is None else [float(value[0]), float(value[1]), value[2]]


class OnlineGeocoder:
    """Looks names up online in a background thread, one request per second at most."""

    def __init__(self, enabled: bool = False, cache_path: Path | None = None, lookup: Lookup | None = None,
                 min_delay_seconds: float = MIN_DELAY_SECONDS, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.enabled = enabled
        self.cache = GeocodeCache(cache_path or default_cache_path())
        self._lookup = lookup
        self._throttle = Throttle(min_delay_seconds, clock, sleep)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geocode")

    @property
    def cache_path(self) -> Path:
        return self.cache.path

    def cached(self, name: str) -> Result:
        """The cached answer for a name (None if not found, or not asked yet)."""
        return self.cache.get(name)

    def geocode(self, name: str, *, raise_errors: bool = False) -> Future[Result]:
        """A future for the name's (lat, lon, address), or None when not found.

        Resolved at once from the cache, or with None when online lookups are off or the name
        is blank. A failed lookup resolves to None and is logged, or with ``raise_errors``
        the future raises :class:`GeocodeError` instead; either way nothing is cached.
        """
        if name in self.cache or not self.enabled or not cache_key(name):
            future: Future[Result] = Future()
            future.set_result(self.cache.get(name))
            return future
        return self._pool.submit(self._fetch, name, raise_errors)

    def _fetch(self, name: str, raise_errors: bool) -> Result:
        if name in self.cache:  # asked twice before the first answer came
            return self.cache.get(name)
        self._throttle.wait()
        try:
            result = self._resolver()(name)
        except Exception as exc:  # noqa: BLE001 - any failure of the service is "no answer now"
            reason = _reason(exc)
            if raise_errors:
                raise GeocodeError(reason) from None
            log.warning("online geocoding of %r failed (nothing cached): %s", name, reason)
            return None
        self.cache.put(name, result)
        return result

    def _resolver(self) -> Lookup:
        if self._lookup is None:
            self._throttle.min_delay = max(self._throttle.min_delay, MIN_DELAY_SECONDS)
            self._lookup = nominatim_lookup()
        return self._lookup

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _reason(exc: Exception) -> str:
    """One line, no traceback: what went wrong."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
