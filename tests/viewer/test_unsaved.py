"""Unsaved changes: the title marks them, and closing, opening or importing asks about them."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from places import load_journey
from places.serialize import passage_by_id
from viewer import unsaved
from viewer.unsaved import Choice

from test_drafts import BIOGRAPHY, fake_correction


def trigger(window, text: str) -> None:
    """Choose a menu item, as a person would."""
    next(a for a in window.findChildren(QAction) if a.text() == text).trigger()


def answer(monkeypatch, *choices: Choice) -> list[str]:
    """Answer each "Save changes to …?" with the next choice; returns the names asked about."""
    asked, left = [], list(choices)

    def ask(parent, name):
        asked.append(name)
        return left.pop(0)

    monkeypatch.setattr(unsaved, "ask_save_changes", ask)
    return asked


def open_with(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def save_with(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def title_shown(window) -> str:
    """The title as the window system shows it (Qt puts "*" for "[*]" when modified)."""
    return window.windowHandle().title()


@pytest.fixture
def corrected(window, tmp_path, monkeypatch):
    """The QA steps: import a text, save it as "draft", correct a passage's place to Helsinki.
    Returns the saved file and the corrected passage's id."""
    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    open_with(monkeypatch, text)
    trigger(window, "&Import text…")
    save_with(monkeypatch, tmp_path / "draft")
    trigger(window, "Save journey &as…")
    saved = tmp_path / "draft.json"
    assert window.journey_path == str(saved) and not window.isWindowModified()
    passage_id = window.state.journey.passages[1].id
    window.panel.clicked_id = passage_id
    fake_correction(monkeypatch, place="Helsinki")
    trigger(window, "&Correct passage…")
    return saved, passage_id


def helsinki(journey, passage_id) -> bool:
    return journey.place(passage_by_id(journey, passage_id).place_id).name == "Helsinki"


def test_the_title_marks_unsaved_changes(window, tmp_path, monkeypatch):
    assert not window.isWindowModified() and not title_shown(window).endswith("*")
    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    open_with(monkeypatch, text)
    trigger(window, "&Import text…")
    assert window.isWindowModified() and title_shown(window) == "Litvinov Atlas — Draft journey from kollontai.txt*"  # a draft is unsaved
    save_with(monkeypatch, tmp_path / "draft.json")
    trigger(window, "Save journey &as…")
    assert not window.isWindowModified() and title_shown(window) == "Litvinov Atlas — Draft journey from kollontai.txt"
    window.panel.clicked_id = window.state.journey.passages[1].id
    fake_correction(monkeypatch, place="Helsinki")
    trigger(window, "&Correct passage…")
    assert window.isWindowModified() and title_shown(window).endswith("*")


def test_quitting_with_unsaved_changes_and_cancel_keeps_the_window_and_the_change(window, corrected, monkeypatch):
    saved, passage_id = corrected
    asked = answer(monkeypatch, Choice.CANCEL)
    trigger(window, "&Quit")
    assert asked == ["draft.json"]
    assert window.isVisible() and window.isWindowModified()
    assert helsinki(window.state.journey, passage_id)
    assert not helsinki(load_journey(saved), passage_id)


def test_discard_closes_and_leaves_the_file_as_it_was(window, corrected, monkeypatch):
    saved, _ = corrected
    before = saved.read_bytes()
    answer(monkeypatch, Choice.DISCARD)
    window.close()  # the close button
    assert not window.isVisible() and saved.read_bytes() == before


def test_save_writes_the_file_atomically_clears_the_mark_and_closes(window, corrected, monkeypatch):
    saved, passage_id = corrected
    renames = []
    real_replace = os.replace

    def replace(src, dst):
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: pytest.fail("the journey has a file: no dialog")))
    answer(monkeypatch, Choice.SAVE)
    trigger(window, "&Quit")
    assert not window.isVisible() and not window.isWindowModified()
    assert helsinki(load_journey(saved), passage_id)
    (temporary,) = [src for src, dst in renames if dst == saved]  # written beside it, renamed over it in one step
    assert temporary.parent == saved.parent and temporary != saved and not temporary.exists()


def test_save_on_a_draft_asks_for_a_file_and_cancelling_that_cancels_the_close(window, tmp_path, monkeypatch):
    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    open_with(monkeypatch, text)
    trigger(window, "&Import text…")
    draft = window.state.journey
    asked = answer(monkeypatch, Choice.SAVE, Choice.SAVE)
    save_with(monkeypatch, "")  # the save dialog, cancelled
    trigger(window, "&Quit")
    assert asked == ["Draft journey from kollontai.txt"]
    assert window.isVisible() and window.isWindowModified() and window.state.journey is draft
    save_with(monkeypatch, tmp_path / "kept")
    trigger(window, "&Quit")
    assert not window.isVisible() and len(load_journey(tmp_path / "kept.json").passages) == 6


def test_opening_or_importing_over_unsaved_changes_asks_first(window, corrected, tmp_path, mini_file, monkeypatch):
    _, passage_id = corrected
    asked = answer(monkeypatch, Choice.CANCEL, Choice.CANCEL, Choice.DISCARD)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: pytest.fail("asked first, then the dialog")))
    trigger(window, "&Open journey…")
    trigger(window, "&Import text…")
    assert asked == ["draft.json", "draft.json"] and helsinki(window.state.journey, passage_id)
    open_with(monkeypatch, mini_file)
    trigger(window, "&Open journey…")
    assert window.state.journey.title == "A test journey" and not window.isWindowModified()


def test_an_unmodified_journey_is_never_asked_about(window, mini_file, monkeypatch):
    asked = answer(monkeypatch)  # any question fails: there are no answers
    open_with(monkeypatch, mini_file)
    trigger(window, "&Open journey…")
    trigger(window, "&Open journey…")
    assert window.state.journey.title == "A test journey" and not window.isWindowModified()
    trigger(window, "&Quit")
    assert asked == [] and not window.isVisible()


def test_the_question_shows_the_name_as_text_with_save_discard_cancel():
    box = unsaved.save_changes_box(None, "<b>bold</b> & co.json")
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == "Save changes to <b>bold</b> & co.json?"
    buttons = QMessageBox.StandardButton
    assert box.standardButtons() == buttons.Save | buttons.Discard | buttons.Cancel
    assert box.escapeButton() is box.button(buttons.Cancel)
    box.deleteLater()


def test_save_never_writes_over_the_bundled_journey(window, tmp_path, monkeypatch):
    from places import bundled_journey_path

    bundled = bundled_journey_path()
    before = bundled.read_bytes()
    window.journey_path = str(bundled)  # as when it was opened from its file
    save_with(monkeypatch, tmp_path / "mine")
    trigger(window, "&Save journey")
    assert bundled.read_bytes() == before
    assert window.journey_path == str(tmp_path / "mine.json") and load_journey(tmp_path / "mine.json").title == window.state.journey.title
