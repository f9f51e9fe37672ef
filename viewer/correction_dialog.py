"""Review and correct one passage's place and date (for drafts made from plain text).

The dialog shows where each field came from (inferred, and why; corrected by hand, and what
it replaced; else the source), lets the person pick one of the journey's
places or resolve a new name through the offline gazetteer, and type an EDTF date. The
result is applied with :func:`places.serialize.correct_passage`, which re-validates.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from places import DateError, FuzzyDate, Journey, Passage, Place
from places.gazetteer import Gazetteer


def provenance_text(passage: Passage) -> str:
    """Where the passage's place and date came from, in words: a line per field corrected by
    hand ("Date: corrected by hand (was 1917-11-08, ...)."), one for those inferred, else
    that the source states them."""
    lines = [f"{field.capitalize()}: {reason}." for field, reason in passage.corrected.items()]
    if passage.guessed:
        lines.append("Inferred: " + "; ".join(f"{k}: {v}" for k, v in passage.guessed.items()))
    return "\n".join(lines) or "Place and date are as stated by the source."


class CorrectionDialog(QDialog):
    """Edit a passage's place and start/end dates; ``result_values()`` gives what was chosen."""

    def __init__(self, journey: Journey, passage: Passage, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Correct passage")
        self.journey, self.passage = journey, passage
        self._gazetteer: Gazetteer | None = None
        text = QLabel(passage.text)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.why = QLabel(provenance_text(passage))
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setWordWrap(True)
        self.place = QComboBox(editable=True)
        self.place.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for p in journey.places:
            self.place.addItem(p.name, p.id)
        current = self.place.findData(passage.place_id)
        self.place.setCurrentIndex(current if current >= 0 else -1)
        self.start = QLineEdit(str(passage.start))
        self.end = QLineEdit(str(passage.end))
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow("Place:", self.place)
        form.addRow("From (YYYY, YYYY-MM, YYYY-MM-DD, ~ ?):", self.start)
        form.addRow("To:", self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (text, self.why):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.values: tuple[Place | None, FuzzyDate, FuzzyDate] | None = None

    def chosen_place(self) -> Place | None:
        """The journey place picked, or a new place resolved offline from the typed name."""
        name = self.place.currentText().strip()
        index = self.place.findText(name, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return self.journey.place(self.place.itemData(index))
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.journey.places)
        match = self._gazetteer.lookup(name)
        if match is None:
            raise ValueError(f"no place called {name!r} is known offline")
        if match.place_id:
            return self.journey.place(match.place_id)
        new_id = re.sub(r"[^a-z0-9]+", "-", match.name.casefold()).strip("-") or "place"
        while self.journey.has_place(new_id):
            new_id += "-2"
        return Place(new_id, match.name, match.lat, match.lon, country=match.country, geonames=match.geonames)

    def _on_buttons_accepted(self) -> None:
        try:
            place = self.chosen_place()
            start, end = FuzzyDate.parse(self.start.text().strip()), FuzzyDate.parse(self.end.text().strip())
            if end.last_day < start.first_day:
                raise ValueError("the end is before the start")
        except (DateError, ValueError) as exc:
            self.error.setText(str(exc))
            return
        self.values = (place, start, end)
        self.accept()
