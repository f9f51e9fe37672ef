"""Optional online geocoding through geopy's Nominatim: off by default, rate-limited,
cached on disk, and never blocking the caller.

Only used when a person asks for it (a name the offline gazetteer cannot resolve). Results
are cached in a JSON file so the same name is never asked twice.
"""
from __future__ import annotations

import json
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from .atomic import write_atomic

USER_AGENT = "litvinov-atlas/0.1 (desktop history atlas)"
Result = tuple[float, float, str] | None


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "litvinov-atlas" / "geocode.json"


class OnlineGeocoder:
    """Looks names up on Nominatim in a background thread, one request per second at most."""

    def __init__(self, enabled: bool = False, cache_path: Path | None = None,
                 lookup: Callable[[str], Result] | None = None, min_delay_seconds: float = 1.0):
        self.enabled = enabled
        self.cache_path = cache_path or default_cache_path()
        self._lookup = lookup
        self._min_delay = min_delay_seconds
        self._lock = threading.Lock()
        self._cache = self._read_cache()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geocode")

    def _read_cache(self) -> dict[str, list | None]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def cached(self, name: str) -> Result:
        hit = self._cache.get(name)
        return (float(hit[0]), float(hit[1]), str(hit[2])) if hit else None

    def geocode(self, name: str) -> Future[Result]:
        """A future for the name's coordinates; resolved at once from the cache or when off."""
        future: Future[Result] = Future()
        if name in self._cache or not self.enabled:
            future.set_result(self.cached(name))
            return future
        return self._pool.submit(self._fetch, name)

    def _fetch(self, name: str) -> Result:
        result = self._resolver()(name)
        with self._lock:
            self._cache[name] = list(result) if result else None
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.cache_path, json.dumps(self._cache, ensure_ascii=False), overwrite=True)
        return result

    def _resolver(self) -> Callable[[str], Result]:
        if self._lookup is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            limited = RateLimiter(Nominatim(user_agent=USER_AGENT, timeout=10).geocode,
                                  min_delay_seconds=self._min_delay, max_retries=1, swallow_exceptions=True)

            def lookup(name: str) -> Result:
                location = limited(name)
                return (location.latitude, location.longitude, location.address) if location else None

            self._lookup = lookup
        return self._lookup

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
