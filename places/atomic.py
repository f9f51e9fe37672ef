"""Atomic file writes that never overwrite a person's file unless asked.

Every failure is an ``OSError`` whose ``filename`` is the path the person gave (never the
temporary file) and whose ``strerror`` says the real problem in words ("is a directory",
"folder out does not exist"), so callers can print ``f"{exc.filename}: {exc.strerror}"``.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class OutputExistsError(FileExistsError):
    """The output file exists and overwriting was not asked for."""

    def __init__(self, target: Path):
        super().__init__(errno.EEXIST, "already exists (use --force to overwrite it)", str(target))

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}"


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never half of one. Without ``overwrite`` an
    existing file is left alone and :class:`OutputExistsError` is raised.
    """
    if not os.fspath(path):
        raise OSError(errno.ENOENT, "no file name given", "")
    target = Path(path)
    _check_target(target, overwrite)
    payload = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    try:
        _write_via_temporary(target, payload, overwrite)
    except FileExistsError:
        raise OutputExistsError(target) from None  # it appeared while we wrote
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
    return target


def _check_target(target: Path, overwrite: bool) -> None:
    """Refuse, naming the person's path, what would fail (or clobber) later."""
    if target.is_dir():
        raise OSError(errno.EISDIR, "is a directory; give a file name", str(target))
    if target.exists() and not overwrite:
        raise OutputExistsError(target)
    folder = target.parent
    if not folder.exists():
        raise OSError(errno.ENOENT, f"folder {folder} does not exist", str(target))
    if not folder.is_dir():
        raise OSError(errno.ENOTDIR, f"{folder} is not a folder", str(target))


def _write_via_temporary(target: Path, payload: bytes, overwrite: bool) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite:
            # link() fails if the target appeared meanwhile: no silent clobbering.
            os.link(tmp, target)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
