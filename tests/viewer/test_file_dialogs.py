"""Save and open dialogs: the type's suffix is added, the final name is the one asked about,
a picture is written in the type its name says, and dialogs open where the person works."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from places import load_journey
from viewer import file_actions

from test_drafts import BIOGRAPHY
from test_unsaved import save_with, trigger

PNG, JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"


def replace_answers(monkeypatch, *answers: bool) -> list[Path]:
    """Answer each "already exists. Replace it?" in turn; returns the files asked about."""
    asked, left = [], list(answers)

    def ask(parent, path):
        asked.append(path)
        return left.pop(0)

    monkeypatch.setattr(file_actions, "ask_replace", ask)
    return asked


def test_a_name_typed_without_a_suffix_gets_the_types(window, tmp_path, monkeypatch):
    replace_answers(monkeypatch)  # nothing exists: no question
    save_with(monkeypatch, tmp_path / "noext")
    trigger(window, "&KML…")
    assert (tmp_path / "noext.kml").read_text(encoding="utf-8").startswith("<?xml") and not (tmp_path / "noext").exists()
    save_with(monkeypatch, tmp_path / "draft")
    trigger(window, "Save journey &as…")
    assert load_journey(tmp_path / "draft.json").title == window.state.journey.title and not (tmp_path / "draft").exists()
    save_with(monkeypatch, tmp_path / "trail.geojson.txt")  # a suffix of its own is kept
    trigger(window, "&GeoJSON…")
    assert (tmp_path / "trail.geojson.txt").exists()


def test_the_replace_question_is_about_the_final_name(window, tmp_path, monkeypatch):
    (tmp_path / "noext").write_text("not asked about", encoding="utf-8")
    target = tmp_path / "noext.kml"
    target.write_text("mine", encoding="utf-8")
    asked = replace_answers(monkeypatch, False, True)
    save_with(monkeypatch, tmp_path / "noext")
    trigger(window, "&KML…")
    assert asked == [target] and target.read_text(encoding="utf-8") == "mine"  # "Cancel": kept
    trigger(window, "&KML…")
    assert asked == [target, target] and target.read_text(encoding="utf-8").startswith("<?xml")
    assert (tmp_path / "noext").read_text(encoding="utf-8") == "not asked about"


def test_the_replace_question_shows_the_name_as_text(tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "<b>x<i>.kml"
    seen = []

    def look_and_close():
        box = QApplication.activeModalWidget()
        seen.append((box.textFormat(), box.text()))
        box.reject()

    QTimer.singleShot(0, look_and_close)
    assert file_actions.ask_replace(None, path) is False  # closing the box is not "Replace"
    assert seen == [(Qt.TextFormat.PlainText, f"<b>x<i>.kml already exists in {tmp_path}.\nDo you want to replace it?")]


@pytest.mark.parametrize("typed, chosen, written, magic", [
    ("pic.jpg", "", "pic.jpg", JPEG),
    ("pic.JPEG", "", "pic.JPEG", JPEG),
    ("pic.png", "JPEG image (*.jpg *.jpeg)", "pic.png", PNG),   # the name says PNG
    ("pic", "JPEG image (*.jpg *.jpeg)", "pic.jpg", JPEG),      # no suffix: the type chosen
    ("pic", "", "pic.png", PNG),
])
def test_a_screenshot_is_written_in_the_type_its_name_says(window, tmp_path, monkeypatch, typed, chosen, written, magic):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / typed), chosen)))
    monkeypatch.setattr(file_actions, "show_error", lambda parent, title, message: pytest.fail(message))
    trigger(window, "Save &screenshot…")
    assert (tmp_path / written).read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir() if p.name != "s.ini"] == [written]


def test_a_screenshot_named_for_a_type_qt_cannot_write_is_refused(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(file_actions, "show_error", lambda parent, title, message: shown.append(message))
    save_with(monkeypatch, tmp_path / "pic.gif")
    trigger(window, "Save &screenshot…")
    assert not (tmp_path / "pic.gif").exists()
    assert shown and "pic.gif" in shown[0] and ".png" in shown[0] and ".jpg" in shown[0]


def test_dialogs_open_next_to_the_journey_or_in_the_last_folder_used(window, qtbot, tmp_path, monkeypatch):
    starts = []

    def remember_where(result):
        return staticmethod(lambda parent, caption, folder, *a, **k: (starts.append(Path(folder)), (str(result), ""))[1])

    texts, out = tmp_path / "texts", tmp_path / "out"
    texts.mkdir(), out.mkdir()
    (texts / "kollontai.txt").write_text(BIOGRAPHY, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", remember_where(texts / "kollontai.txt"))
    trigger(window, "&Import text…")
    assert starts == [Path(QDir.homePath())]  # nothing used yet: home, not the working folder
    monkeypatch.setattr(QFileDialog, "getSaveFileName", remember_where(out / "draft.json"))
    trigger(window, "Save journey &as…")
    assert starts[-1].parent == texts  # the draft has no file: the folder its text came from
    monkeypatch.setattr(QFileDialog, "getSaveFileName", remember_where(out / "stays.csv"))
    trigger(window, "&CSV…")
    assert starts[-1].parent == out  # next to the journey's file
    assert Path(window.settings.value("last_folder")) == out
    window.settings.sync()

    from viewer.main_window import MainWindow
    from viewer.state import AppState

    again = MainWindow(AppState(window.state.journey), QSettings(window.settings.fileName(), QSettings.Format.IniFormat))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", remember_where(""))
    trigger(again, "&Open journey…")
    assert starts[-1] == out  # remembered from one run to the next
    again.deleteLater()
