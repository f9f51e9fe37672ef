"""Drafting from text in the app: import opens a valid draft; corrections and saving are safe."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from places import bundled_journey_path, load_journey
from places.serialize import passage_by_id
from viewer import draft_actions
from viewer.state import AppState

BIOGRAPHY = (
    "Alexandra Kollontai was born in St. Petersburg in 1872.\n"
    "In 1908 she fled to Berlin.\n"
    "She lived in London in 1911.\n"
    "She later became ambassador in Oslo in 1923.\n"
    "From 1930 to 1945 she served in Stockholm.\n"
    "She returned to Moscow in 1945.\n"
)


@pytest.fixture
def window(qtbot, tmp_path):
    from viewer.main_window import MainWindow

    w = MainWindow(AppState(load_journey(bundled_journey_path())), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show()
    qtbot.waitUntil(lambda: w.map_view.is_ready, timeout=30000)
    yield w
    w.close()


def test_importing_text_opens_a_draft_with_places_and_dates(window, tmp_path, qtbot):
    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    assert draft_actions.import_text(window, window.state, str(text)) == str(text)
    journey = window.state.journey
    assert len(journey.passages) == 6
    assert {"Berlin", "London", "Stockholm", "Moscow"} <= {p.name for p in journey.places}
    qtbot.waitUntil(lambda: window.map_view.is_ready, timeout=30000)


def test_importing_binary_garbage_gives_a_dialog(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(draft_actions, "show_error", lambda parent, title, message: shown.append(message))
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    before = window.state.journey
    assert draft_actions.import_text(window, window.state, str(bad)) is None
    assert window.state.journey is before and shown


def test_a_correction_from_the_dialog_is_applied_and_marked_stated(window, tmp_path, monkeypatch):
    from viewer.correction_dialog import CorrectionDialog

    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    draft_actions.import_text(window, window.state, str(text))
    passage = window.state.journey.passages[1]

    def fake_exec(dialog: CorrectionDialog) -> int:
        dialog.place.setCurrentText("Copenhagen")
        dialog.start.setText("1908-12")
        dialog.end.setText("1908-12")
        dialog._on_buttons_accepted()
        return 1

    monkeypatch.setattr(CorrectionDialog, "exec", fake_exec)
    assert draft_actions.correct_passage_dialog(window, window.state, passage.id)
    fixed = passage_by_id(window.state.journey, passage.id)
    p = window.state.journey.place(fixed.place_id)
    assert p.name == "Copenhagen" and abs(p.lat - 55.68) < 0.2
    assert str(fixed.start) == "1908-12" and "place" not in fixed.inferred and "date" not in fixed.inferred
    assert window.state.day == fixed.first_day


def test_saving_never_goes_over_the_source_text(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    draft_actions.import_text(window, window.state, str(text))
    shown = []
    monkeypatch.setattr(draft_actions, "show_error", lambda parent, title, message: shown.append(message))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(text), "")))
    assert draft_actions.save_journey_as(window, window.state, {str(text)}) is None
    assert text.read_text(encoding="utf-8") == BIOGRAPHY and shown
    out = tmp_path / "kollontai.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    assert draft_actions.save_journey_as(window, window.state, {str(text)}) == str(out)
    assert len(load_journey(out).passages) == 6


def test_importing_an_empty_text_says_there_is_nothing_to_show(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(draft_actions, "show_error", lambda parent, title, message: shown.append(message))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    before = window.state.journey
    assert draft_actions.import_text(window, window.state, str(empty)) is None
    assert window.state.journey is before and "nothing to show" in shown[0]
