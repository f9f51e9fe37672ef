"""Drafting a journey from plain text in the app: import, correct, save.

Import runs the offline extractor and opens the draft unsaved; corrections replace the
journey with a re-validated copy, each changed field marked as corrected by hand; saving is
atomic and never goes over the source text.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from places import JourneyError, journey_from_data
from places.serialize import correct_passage, passage_by_id, save_journey

from .busy import busy
from .correction_dialog import CorrectionDialog
from .file_actions import choose_save_path, may_replace, show_error
from .state import AppState
from .viewable import ensure_viewable


def import_text(parent: QWidget, state: AppState, path: str | None = None, folder: str = "") -> str | None:
    """Draft a journey from a biography text file (the dialog opens in ``folder``) and open
    it. Returns the text's path."""
    from places.extract import draft_journey  # deferred: the extractor loads its tables lazily
    from places.extract.textfile import TextFileError, read_text_file

    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Import biography text", folder, "Text (*.txt);;All files (*)")
        if not path:
            return None
    try:
        text = read_text_file(Path(path))
    except TextFileError as exc:
        show_error(parent, "Cannot import text", str(exc))
        return None
    try:
        with busy(parent, f"Drafting a journey from {Path(path).name}…"):
            state.set_journey(ensure_viewable(journey_from_data(draft_journey(text, source_title=Path(path).name),
                                                                f"{Path(path).name} (draft)")))
    except JourneyError as exc:
        show_error(parent, "The draft is not valid", exc.describe())
        return None
    return path


def save_journey_as(parent: QWidget, state: AppState, protected: set[str], folder: str = "") -> str | None:
    """Save the current journey to a JSON file the person chooses (the dialog opens in
    ``folder``; a name without a suffix gets .json; never over ``protected``). Returns the path."""
    path = choose_save_path(parent, "Save journey", Path(folder, "journey.json"), [("Journeys (*.json)", ".json")])
    if path is None:
        return None
    from places.extract.textfile import same_file

    if any(same_file(path, Path(p)) for p in protected):
        show_error(parent, "Not saved", f"{path} is the source text of this draft; choose another file.")
        return None
    if not may_replace(parent, path):
        return None
    return str(path) if write_journey(parent, state, str(path)) else None


def write_journey(parent: QWidget, state: AppState, path: str) -> bool:
    """Write the journey over ``path`` (the person chose it, or asked to save its own file),
    validated and atomically. False, after saying why, when it could not be written."""
    try:
        with busy(parent, f"Saving {Path(path).name}…"):
            save_journey(state.journey, path, overwrite=True)
    except OSError as exc:
        show_error(parent, "Not saved", f"{path}: {exc.strerror or exc}")
        return False
    except JourneyError as exc:
        show_error(parent, "Not saved", exc.describe())
        return False
    return True


def correct_passage_dialog(parent: QWidget, state: AppState, passage_id: str | None) -> bool:
    """Open the correction dialog for a passage and apply what the person chose.

    True when the journey changed; OK with the values as they were changes nothing.
    """
    passage = passage_by_id(state.journey, passage_id) if passage_id else None
    if passage is None:
        show_error(parent, "No passage", "Click a passage in the panel first.")
        return False
    dialog = CorrectionDialog(state.journey, passage, parent)
    if not dialog.exec() or dialog.values is None:
        return False
    place, start, end = dialog.values
    try:
        journey = correct_passage(state.journey, passage.id, place=place, start=start, end=end)
    except JourneyError as exc:
        show_error(parent, "Correction not applied", exc.describe())
        return False
    if passage_by_id(journey, passage.id) == passage:
        return False
    state.set_journey(journey, day=start.first_day)
    return True
