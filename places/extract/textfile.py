"""Read the input text of ``places extract``, or say in one line why it cannot be read."""
from __future__ import annotations

import os
from pathlib import Path

from ..files import UnreadableFile, read_capped

MAX_BYTES = 256 * 1024 * 1024


class TextFileError(Exception):
    """The input is not a readable UTF-8 text file; the message names the file and the reason."""


def read_text_file(path: Path) -> str:
    """The file's text as UTF-8 (a BOM is allowed); binary or undecodable files are refused."""
    name = str(path)
    try:
        raw = read_capped(Path(path), MAX_BYTES)  # regular files only: /dev/zero or a FIFO would never end
    except UnreadableFile as exc:
        raise TextFileError(f"{name}: {exc}") from None
    if b"\x00" in raw:
        raise TextFileError(f"{name}: looks like a binary file (it holds NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextFileError(f"{name}: is not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}") from None


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (so the output would overwrite the input)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False
