"""File menu work: open a journey, export it, save a picture. Errors become dialogs.

Files are written atomically. A name typed without a suffix gets the chosen type's, and the
final name is the one checked: an existing file is replaced only when the person says so.
"""
from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageWriter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from places import JourneyError
from places.atomic import write_atomic
from places.export import render

from .busy import busy
from .export_page import export_html
from .state import AppState
from .viewable import load_viewable

EXPORT_FILTERS = {
    "html": ("Web page (*.html)", ".html"),
    "geojson": ("GeoJSON (*.geojson *.json)", ".geojson"),
    "kml": ("KML for Google Earth (*.kml)", ".kml"),
    "csv": ("CSV, one row per stay (*.csv)", ".csv"),
}

# The picture types a screenshot can be saved as (those this Qt can write), PNG first.
PICTURE_TYPES = (("PNG image", ("png",)), ("JPEG image", ("jpg", "jpeg")), ("WebP image", ("webp",)), ("BMP image", ("bmp",)))


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal error dialog whose message is shown as plain text."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.exec()


def open_journey(parent: QWidget, state: AppState, path: str | None = None, folder: str = "") -> str | None:
    """Ask for a journey file (the dialog opens in ``folder``) and load it; on error keep the
    current one. Returns the path."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open journey", folder, "Journeys (*.json);;All files (*)")
        if not path:
            return None
    try:
        with busy(parent, f"Opening {Path(path).name}…"):
            state.set_journey(load_viewable(path))
    except JourneyError as exc:
        show_error(parent, "Cannot open journey", exc.describe())
        return None
    return path


def choose_save_path(parent: QWidget | None, caption: str, suggested: Path, filters: list[tuple[str, str]]) -> Path | None:
    """The save dialog, starting at ``suggested``; ``filters`` are (label, suffix) pairs.

    A name typed without a suffix gets the chosen filter's ("draft" becomes "draft.json").
    The dialog does not ask about replacing, since it would ask about the name as typed:
    :func:`may_replace` asks about the final one.
    """
    labels = [label for label, _ in filters]
    path, chosen = QFileDialog.getSaveFileName(parent, caption, str(suggested), ";;".join(labels),
                                               options=QFileDialog.Option.DontConfirmOverwrite)
    if not path:
        return None
    suffix = dict(filters).get(chosen, filters[0][1])
    target = Path(path)
    return target if target.suffix else target.with_name(target.name + suffix)


def may_replace(parent: QWidget | None, path: Path) -> bool:
    """Whether ``path`` may be written: it does not exist, or the person said to replace it."""
    return not path.exists() or ask_replace(parent, path)


def ask_replace(parent: QWidget | None, path: Path) -> bool:
    """A modal "already exists. Replace it?" question (the name shown as plain text)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Replace file", "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{path.name} already exists in {path.parent}.\nDo you want to replace it?")
    replace = box.addButton("Replace", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is replace


def export_journey(parent: QWidget, state: AppState, fmt: str, folder: str = "") -> Path | None:
    """Export as html, geojson, kml or csv to a file the person chooses (dialog in ``folder``)."""
    label, suffix = EXPORT_FILTERS[fmt]
    stem = Path(state.journey.file or "journey").stem
    path = choose_save_path(parent, f"Export {fmt.upper()}", Path(folder, f"{stem}{suffix}"), [(label, suffix)])
    if path is None or not may_replace(parent, path):
        return None
    try:
        with busy(parent, f"Exporting {path.name}…"):
            if fmt == "html":
                export_html(state.journey, path, at_day=state.day, at_precision=state.precision, overwrite=True)
            else:
                write_atomic(path, render(state.journey, fmt), overwrite=True)
    except OSError as exc:
        show_error(parent, "Export failed", f"{path}: {exc.strerror or exc}")
        return None
    return path


def picture_types() -> list[tuple[str, tuple[str, ...]]]:
    """The entries of PICTURE_TYPES this Qt can write (all of them with its usual plugins)."""
    writable = {bytes(f.data()).decode().lower() for f in QImageWriter.supportedImageFormats()}
    return [(name, suffixes) for name, suffixes in PICTURE_TYPES if suffixes[0] in writable]


def save_screenshot(parent: QWidget, window: QWidget, folder: str = "") -> Path | None:
    """Save the window as a picture of the type its name says (.png, .jpg, ...), or of the
    chosen type when the name has no suffix. A suffix Qt cannot write is refused, never
    written as another type under that name."""
    types = picture_types()
    filters = [(f"{name} ({' '.join('*.' + s for s in suffixes)})", "." + suffixes[0]) for name, suffixes in types]
    path = choose_save_path(parent, "Save screenshot", Path(folder, "litvinov-atlas.png"), filters)
    if path is None:
        return None
    kind = path.suffix.lower().lstrip(".")
    known = [s for _, suffixes in types for s in suffixes]
    if kind not in known:
        show_error(parent, "Cannot save screenshot", f"{path}: a screenshot is saved as {', '.join('.' + s for s in known)}; "
                                                     "give a name ending in one of them.")
        return None
    if not may_replace(parent, path):
        return None
    try:
        write_image(window, path, kind, overwrite=True)
    except OSError as exc:
        show_error(parent, "Cannot save screenshot", f"{path}: {exc.strerror or exc}")
        return None
    return path


def write_image(widget: QWidget, path: Path, kind: str = "png", overwrite: bool = False) -> None:
    """Grab a widget (web view included) and write it atomically as a ``kind`` picture
    ("png", "jpg", ... as QImageWriter names them)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    written = widget.grab().save(buffer, kind.upper())
    buffer.close()
    if not written:
        raise OSError(errno.EINVAL, f"Qt could not make a {kind.upper()} picture", str(path))
    write_atomic(path, bytes(data.data()), overwrite=overwrite)
