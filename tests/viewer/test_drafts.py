"""Drafting from text in the app: import opens a valid draft; corrections and saving are safe."""
from __future__ import annotations

import json

from places import load_journey
from places.serialize import passage_by_id
from viewer import draft_actions

BIOGRAPHY = (
    "Alexandra Kollontai was born in St. Petersburg in 1872.\n"
    "In 1908 she fled to Berlin.\n"
    "She lived in London in 1911.\n"
    "She later became ambassador in Oslo in 1923.\n"
    "From 1930 to 1945 she served in Stockholm.\n"
    "She returned to Moscow in 1945.\n"
)


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


def fake_correction(monkeypatch, place: str | None = None, date: str | None = None) -> None:
    """The correction dialog, answered as a person would: type a place and/or a date, press OK."""
    from viewer.correction_dialog import CorrectionDialog

    def fake_exec(dialog: CorrectionDialog) -> int:
        if place is not None:
            dialog.place.setCurrentText(place)
        if date is not None:
            dialog.start.setText(date)
            dialog.end.setText(date)
        dialog._on_buttons_accepted()
        return 1

    monkeypatch.setattr(CorrectionDialog, "exec", fake_exec)


def test_a_correction_from_the_dialog_is_applied_and_marked_as_corrected_by_hand(window, tmp_path, monkeypatch):
    text = tmp_path / "kollontai.txt"
    text.write_text(BIOGRAPHY, encoding="utf-8")
    draft_actions.import_text(window, window.state, str(text))
    passage = window.state.journey.passages[1]
    fake_correction(monkeypatch, place="Copenhagen", date="1908-12")
    assert draft_actions.correct_passage_dialog(window, window.state, passage.id)
    fixed = passage_by_id(window.state.journey, passage.id)
    p = window.state.journey.place(fixed.place_id)
    assert p.name == "Copenhagen" and abs(p.lat - 55.68) < 0.2
    assert str(fixed.start) == "1908-12" and set(fixed.corrected) == {"place", "date"} and fixed.guessed == {}
    assert fixed.corrected["place"] == "corrected by hand (was Berlin)"
    assert window.state.day == fixed.first_day


def test_a_corrected_date_is_shown_and_saved_as_corrected_by_hand(window, tmp_path, monkeypatch):
    """The QA case: p08 of the Litvinov excerpt has its date carried forward from p07; once a
    person types another, the dialog, the panel and the saved file all say so, and what it was."""
    from PySide6.QtWidgets import QFileDialog

    from places import resource_path
    from viewer.correction_dialog import CorrectionDialog

    assert draft_actions.import_text(window, window.state, str(resource_path("texts", "litvinov-wikipedia-excerpt.txt")))
    before = passage_by_id(window.state.journey, "p08")
    assert before.guessed == {"date": "carried forward from p07"} and str(before.start) == "1917-11-08"
    fake_correction(monkeypatch, date="1917-12")
    assert draft_actions.correct_passage_dialog(window, window.state, "p08")
    mark = "corrected by hand (was 1917-11-08, inferred: carried forward from p07)"
    fixed = passage_by_id(window.state.journey, "p08")
    assert fixed.corrected == {"date": mark} and fixed.place_id == before.place_id
    dialog = CorrectionDialog(window.state.journey, fixed, window)
    assert dialog.why.text() == f"Date: {mark}."  # no longer "as stated by the source"
    dialog.deleteLater()
    assert f"date {mark}" in window.panel.view.toPlainText()
    out = tmp_path / "draft.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    assert draft_actions.save_journey_as(window, window.state, set())
    saved = next(p for p in json.loads(out.read_text(encoding="utf-8"))["passages"] if p["id"] == "p08")
    assert saved["start"] == "1917-12" and saved["inferred"] == {"date": mark}


def test_ok_with_nothing_changed_changes_nothing(window, monkeypatch):
    passage = window.state.journey.passages[0]
    fake_correction(monkeypatch)
    before = window.state.journey
    assert not draft_actions.correct_passage_dialog(window, window.state, passage.id)
    assert window.state.journey is before


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
