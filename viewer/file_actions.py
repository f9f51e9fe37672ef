"""File menu work: open a journey, export it, save a picture. Errors become dialogs.

Files are written atomically; the save dialogs ask before replacing an existing file, so a
person's file is never overwritten unasked.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
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


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal error dialog whose message is shown as plain text."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.exec()


def open_journey(parent: QWidget, state: AppState, path: str | None = None) -> str | None:
    """Ask for a journey file and load it; on error keep the current one. Returns the path."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open journey", "", "Journeys (*.json);;All files (*)")
        if not path:
            return None
    try:
        with busy(parent, f"Opening {Path(path).name}…"):
            state.set_journey(load_viewable(path))
    except JourneyError as exc:
        show_error(parent, "Cannot open journey", exc.describe())
        return None
    return path


def export_journey(parent: QWidget, state: AppState, fmt: str) -> Path | None:
    """Export as html, geojson, kml or csv to a file the person chooses."""
    label, suffix = EXPORT_FILTERS[fmt]
    stem = Path(state.journey.file or "journey").stem
    path, _ = QFileDialog.getSaveFileName(parent, f"Export {fmt.upper()}", f"{stem}{suffix}", label)
    if not path:
        return None
    try:
        with busy(parent, f"Exporting {Path(path).name}…"):
            if fmt == "html":
                export_html(state.journey, path, at_day=state.day, overwrite=True)
            else:
                write_atomic(path, render(state.journey, fmt), overwrite=True)
    except OSError as exc:
        show_error(parent, "Export failed", f"{path}: {exc.strerror or exc}")
        return None
    return Path(path)


def save_screenshot(parent: QWidget, window: QWidget) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save screenshot", "litvinov-atlas.png", "PNG image (*.png)")
    if not path:
        return None
    try:
        write_png(window, Path(path), overwrite=True)
    except OSError as exc:
        show_error(parent, "Cannot save screenshot", f"{path}: {exc.strerror or exc}")
        return None
    return Path(path)


def write_png(widget: QWidget, path: Path, overwrite: bool = False) -> None:
    """Grab a widget (web view included) and write it as PNG, atomically."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    buffer.close()
    write_atomic(path, bytes(data.data()), overwrite=overwrite)
