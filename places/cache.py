"""The user's cache folder: things derived from code and data, kept between runs.

Everything here can be rebuilt, so a cache that cannot be read or written costs time, never a
result. Entries are keyed by a fingerprint of everything they were derived from.
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Callable

from .atomic import write_atomic

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/litvinov-atlas`` (``~/.cache/litvinov-atlas`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "litvinov-atlas"


def fingerprint(*parts: str | bytes) -> str:
    """A short, stable hash of the parts (16 hex digits)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:16]


def read_cached(name: str) -> str | None:
    """The cached text ``name`` (a file name in the cache folder), or None."""
    try:
        return (cache_dir() / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def keep_cached(name: str, text: str) -> None:
    """Keep ``text`` as ``name`` (atomically); a cache that cannot be written costs a log line."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, overwrite=True)
    except OSError as exc:
        log.info("cannot keep %s in the cache: %s", path, exc.strerror or exc)


def cached_text(name: str, key: str, build: Callable[[], str]) -> str:
    """The text cached as ``name`` under ``key``, or ``build()`` (then kept for next time)."""
    entry = f"{name}-{key}"
    text = read_cached(entry)
    if text is None:
        text = build()
        keep_cached(entry, text)
    return text
