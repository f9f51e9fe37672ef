"""Unsaved changes: a modified journey is not closed or replaced without asking.

Closing the window, opening a journey and importing a text all go through
:func:`may_discard`. The question itself is a modal dialog (:func:`ask_save_changes`); the
decision around it is kept apart so tests can answer it by replacing that function, as they
do ``show_error``.
"""
from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(Enum):
    """The answers to "Save changes to …?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def may_discard(parent: QWidget | None, modified: bool, name: str, save: Callable[[], bool]) -> bool:
    """Whether the current journey may be closed or replaced now.

    An unmodified journey may, without a question. Otherwise the person is asked: Save runs
    ``save`` (which may itself be cancelled, or fail) and goes on only if it saved; Discard
    goes on; Cancel keeps everything as it is.
    """
    if not modified:
        return True
    choice = ask_save_changes(parent, name)
    if choice is Choice.SAVE:
        return save()
    return choice is Choice.DISCARD


def save_changes_box(parent: QWidget | None, name: str) -> QMessageBox:
    """The "Save changes to <name>?" box with Save, Discard and Cancel; the name is plain text."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes", "", buttons.Save | buttons.Discard | buttons.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Save changes to {name}?")
    box.setInformativeText("If you don't save, your changes will be lost.")
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    return box


def ask_save_changes(parent: QWidget | None, name: str) -> Choice:
    """Ask, modally, whether to save the changes to ``name``; closing the box is Cancel."""
    box = save_changes_box(parent, name)
    box.exec()
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else QMessageBox.StandardButton.Cancel
    if answer == QMessageBox.StandardButton.Save:
        return Choice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Choice.DISCARD
    return Choice.CANCEL
