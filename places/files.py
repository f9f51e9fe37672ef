"""Read a file a person named, safely: regular files only, and never more than a hard cap.

A size check on ``stat`` alone is not enough: ``/dev/zero`` and ``/dev/urandom`` report size 0
and never end, and a FIFO blocks its reader until someone writes. So anything that is not a
regular file is refused, the file is opened without blocking and checked again on the open
descriptor (the path cannot be swapped in between), and the read stops at ``limit + 1`` bytes
whatever the size said.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class UnreadableFile(Exception):
    """Why a path cannot be read, without the file name: each caller adds it in its own error."""


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, or UnreadableFile."""
    try:
        _check_kind(os.stat(path).st_mode)
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            _check_kind(info.st_mode)
            if info.st_size > limit:
                raise UnreadableFile(f"file is too large ({info.st_size} bytes; the limit is {limit})")
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise UnreadableFile(f"file is too large (more than the limit of {limit} bytes)")
    return raw


def _check_kind(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise UnreadableFile("is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise UnreadableFile("is not a regular file (a device, pipe or socket cannot be read as one)")
