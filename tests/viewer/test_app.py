"""The desktop app, driven as a person would: scrub, click, type, play, and reopen."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QImage

from places import bundled_journey_path, journey_from_data, load_journey
from viewer.state import AppState

from page_driver import PageDriver


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.fixture
def app_window(qtbot, tmp_path):
    """A real main window on the bundled journey, its page loaded, settings in a temp file."""
    from viewer.main_window import MainWindow

    windows = []

    def open_window(journey=None, day=None, settings_file=tmp_path / "settings.ini"):
        journey = journey or load_journey(bundled_journey_path())
        window = MainWindow(AppState(journey, day), QSettings(str(settings_file), QSettings.Format.IniFormat))
        window.resize(1300, 850)
        window.show()
        windows.append(window)
        qtbot.waitUntil(lambda: window.map_view.is_ready, timeout=30000)
        return window

    yield open_window
    for window in windows:
        window.close()
        window.deleteLater()


def page_state(qtbot, window):
    return PageDriver(qtbot, window.map_view).atlas("state")


def test_scrubbing_the_timeline_moves_the_map(qtbot, app_window):
    window = app_window(day=d("1902-03-01"))
    timeline = window.timeline
    y = timeline.height() * 0.6
    start, end = QPoint(round(timeline.x_of(d("1902-03-01"))), round(y)), QPoint(round(timeline.x_of(d("1912-06-01"))), round(y))
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(timeline, pos=QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseMove(timeline, pos=end)
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=end)
    assert date.fromordinal(window.state.day).year in (1912, 1911)
    qtbot.waitUntil(lambda: page_state(qtbot, window)["day"] == window.state.day, timeout=5000)
    assert page_state(qtbot, window)["place"]["id"] == "london"


def test_a_place_clicked_on_the_map_fills_the_passage_panel(qtbot, app_window):
    window = app_window(day=d("1920-01-01"))
    window.map_view.host.place_clicked("kiev")
    assert window.state.selected_place == "kiev"
    assert window.panel.title.text().startswith("2 passages at Kiev")  # and its state, once the table is in
    text = window.panel.view.toPlainText()
    assert "Lukyanivska Prison" in text and "Russian Social Democratic Labour Party" in text
    qtbot.waitUntil(lambda: page_state(qtbot, window)["selected"] == "kiev", timeout=5000)


def test_clicking_a_passage_seeks_and_selects_its_place(qtbot, app_window):
    window = app_window(day=d("1908-01-15"))
    view = window.panel.view
    doc = view.document()
    target = next(i for i, pid in enumerate(view.ids) if pid)
    block = doc.begin()
    while block.isValid() and block.userState() != target:
        block = block.next()
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(block)
    point = view.cursorRect(cursor).center() + QPoint(20, 0)
    passage = next(p for p in window.state.journey.passages if p.id == view.ids[target])
    window.state.set_day(d("1950-01-01"))
    window.state.set_day(d("1908-01-15"))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.state.day == passage.first_day
    assert window.state.selected_place == passage.place_id


def test_the_shortcuts_list_names_every_menu_shortcut(qtbot, app_window):
    """F1 lists every shortcut the menus have (it once lacked Ctrl+I and Ctrl+E)."""
    from PySide6.QtGui import QAction, QKeySequence

    from viewer.about import SHORTCUTS_TEXT

    window = app_window()
    keys = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for a in window.findChildren(QAction)}
    keys = {k for k in keys if k.startswith(("Ctrl", "F"))}
    assert {"Ctrl+I", "Ctrl+E", "Ctrl+S", "Ctrl+Shift+S", "F1"} <= keys
    assert [k for k in sorted(keys) if k not in SHORTCUTS_TEXT] == []


def test_keyboard_shortcuts_step_through_events_and_ends(qtbot, app_window):
    window = app_window(day=d("1910-06-01"))
    window.timeline.setFocus()
    expected = window.state.itinerary.next_event(d("1910-06-01"))
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.state.day == expected
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.state.day == window.state.itinerary.previous_event(expected)
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert window.state.day == d("1951-12-31")
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.state.day == d("1876-07-17")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.playback.playing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.playback.playing
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not window.panel.search_bar.isHidden()


def test_search_highlights_matches_and_steps_through_them(qtbot, app_window):
    window = app_window()
    panel = window.panel
    panel.open_search()
    qtbot.keyClicks(panel.search, "Litvinov")
    assert len(panel.matches) > 10
    assert panel.count.text() == f"1 of {len(panel.matches)}"
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)  # the first Enter goes to the first match
    assert panel.count.text() == f"1 of {len(panel.matches)}"
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.count.text() == f"2 of {len(panel.matches)}"
    assert len(panel.view.extraSelections()) == len(panel.matches)
    panel.close_search()
    assert panel.view.extraSelections() == []


def test_playback_advances_and_pauses_at_passages(qtbot, app_window):
    window = app_window(day=d("1907-06-01"))
    playback, state = window.playback, window.state
    playback.set_speed(365.25)
    playback.play()
    playback._timer.stop()  # driven by hand below, not by the clock
    passage_days = sorted({state.itinerary.passage_day(p) for p in state.journey.passages})  # where he is at its place
    next_passage = next(x for x in passage_days if x > d("1907-06-01"))
    for _ in range(200):
        playback.step(0.05)
        if state.day == next_passage:
            break
    assert state.day == next_passage  # it stopped on the passage, not past it
    playback.step(0.5)
    assert state.day == next_passage  # ... and holds there for a moment
    playback.step(2.0)
    playback.step(0.1)
    assert state.day > next_passage
    playback.pause()


def test_passage_text_is_plain_text_with_superscript_citations(qtbot, app_window, mini_data):
    window = app_window(journey=journey_from_data(mini_data), day=d("1900-05-10"))
    view = window.panel.view
    assert "In London <b>bold</b> & co." in view.toPlainText()
    window.state.set_day(d("1900-01-01"))
    doc = view.document()
    cursor = doc.find("[1]")
    assert not cursor.isNull()
    from PySide6.QtGui import QTextCharFormat

    assert cursor.charFormat().verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript


def test_the_status_bar_tells_place_date_and_distance(qtbot, app_window):
    window = app_window(day=d("1915-06-01"))
    text = window.status_label.text()
    assert text.startswith("London") and "1 June 1915" in text and "km travelled" in text


def test_a_long_name_is_cut_in_the_status_bar_and_whole_as_text_on_hover(qtbot, app_window, mini_data):
    from PySide6.QtGui import QTextDocument

    name = "<b>Lon</b>don & " + "very long name " * 20
    mini_data["places"][1]["name"] = name
    window = app_window(journey=journey_from_data(mini_data), day=d("1900-05-10"))
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: "…" in window.status_label.text())
    text = window.status_label.text()
    assert window.state.where().place.name == name
    assert text.startswith("<b>Lon</b>don & very") and text.endswith("10 May 1900  ·  2,140 km travelled so far")
    metrics = window.status_label.fontMetrics()
    assert metrics.horizontalAdvance(text) <= window.status_label.width()  # the date and distance in view
    tip = QTextDocument()
    tip.setHtml(window.status_label.toolTip())
    assert tip.toPlainText().startswith(name.strip())  # the markup shows as text


def test_the_date_and_distance_stay_in_view_at_the_smallest_window(qtbot, app_window):
    """A review found "… 18,173 km travel" cut at 640x440: the place gives way, not the rest."""
    window = app_window(day=d("1919-06-01"))
    window.resize(640, 440)
    qtbot.waitUntil(lambda: window.status_label.width() < 700)
    text = window.status_label.text()
    assert text.endswith("km travelled so far") and "June 1919" in text
    assert window.status_label.fontMetrics().horizontalAdvance(text) <= window.status_label.width()
    window.resize(1300, 850)
    qtbot.waitUntil(lambda: "…" not in window.status_label.text())  # room again: the place whole


def test_a_bad_journey_in_the_app_gets_a_dialog_and_keeps_the_current_one(qtbot, app_window, tmp_path, monkeypatch):
    from viewer import file_actions

    window = app_window()
    shown = []
    monkeypatch.setattr(file_actions, "show_error", lambda parent, title, message: shown.append(message))
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01 not json")
    before = window.state.journey
    assert file_actions.open_journey(window, window.state, str(bad)) is None
    assert window.state.journey is before
    assert shown and str(bad) in shown[0]


def test_opening_a_journey_shows_the_app_at_work_until_it_is_open(qtbot, app_window, mini_file, monkeypatch):
    """A big journey takes seconds to open: the wait cursor and the status line say so, and
    the status line then tells the new journey's place and date."""
    from PySide6.QtWidgets import QApplication

    from viewer import file_actions

    window = app_window()
    seen = []
    real = file_actions.load_viewable

    def watched(path):
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, window.status_label.text()))
        return real(path)

    monkeypatch.setattr(file_actions, "load_viewable", watched)
    assert file_actions.open_journey(window, window.state, str(mini_file)) == str(mini_file)
    assert seen == [(Qt.CursorShape.WaitCursor, "Opening mini.json…")]
    assert QApplication.overrideCursor() is None
    assert window.state.journey.title == "A test journey" and window.status_label.text().startswith("Kiev")


def test_a_failed_open_gives_back_the_cursor_and_status_before_its_dialog(qtbot, app_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from viewer import file_actions

    window = app_window()
    before = window.status_label.text()
    at_dialog = []
    monkeypatch.setattr(file_actions, "show_error", lambda parent, title, message: at_dialog.append((QApplication.overrideCursor(), window.status_label.text())))
    bad = tmp_path / "<b>bad<i>.json"
    bad.write_text("{", encoding="utf-8")
    assert file_actions.open_journey(window, window.state, str(bad)) is None
    assert at_dialog == [(None, before)]
    assert window.status_label.textFormat() == Qt.TextFormat.PlainText  # the file name was shown as text


def test_the_window_state_persists(qtbot, app_window, tmp_path):
    settings_file = tmp_path / "persist.ini"
    window = app_window(day=d("1930-06-01"), settings_file=settings_file)
    window.resize(701, 523)  # within the offscreen screen, so restoring needs no clamping
    window.close()
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert int(stored.value("last_day")) == d("1930-06-01")
    again = app_window(settings_file=settings_file)
    again.restore_layout()
    assert (again.width(), again.height()) == (701, 523)


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=timeout)


def test_screenshot_writes_a_non_blank_png(tmp_path):
    out = tmp_path / "shot.png"
    result = run_cli("--at", "1942-06-01", "--size", "1200x800", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 800, 7)}
    assert len(colours) > 50


@pytest.mark.parametrize("flag", ["--screenshot", "--export-html"])
@pytest.mark.parametrize("stays, says", [
    ('[{"place": "x"}]', "$.stays[0]"),        # broken: the message points into the file
    ("[]", "nothing to show"),                 # valid but empty: nothing in time to draw
])
def test_a_bad_journey_when_scripting_exits_2_without_a_traceback(tmp_path, flag, stays, says):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "litvinov-atlas/journey", "version": 1, "places": [], "stays": ' + stays + ', "passages": []}')
    result = run_cli("--journey", str(bad), flag, str(tmp_path / ("out.png" if flag == "--screenshot" else "out.html")))
    assert result.returncode == 2
    assert str(bad) in result.stderr and says in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("out*"))


def test_choosing_online_tiles_in_the_page_opens_the_gate_and_the_menu_follows(qtbot, app_window):
    window = app_window()
    assert window.map_view.interceptor.allow_online is False  # offline by default
    PageDriver(qtbot, window.map_view).js("(function(){var A=atlas._internal; A.map.fire('baselayerchange', {layer: A.osm}); return true})()")
    qtbot.waitUntil(lambda: window.binding.basemap == "osm", timeout=5000)
    assert window.map_view.interceptor.allow_online is True
    assert window.basemap_actions["osm"].isChecked()
    window.basemap_actions["offline"].trigger()
    assert window.binding.basemap == "offline" and window.map_view.interceptor.allow_online is False


def test_a_screenshot_is_a_png_and_says_so_for_any_other_name(tmp_path):
    out = tmp_path / "shot.jpg"
    result = run_cli("--screenshot", str(out))
    assert result.returncode == 2 and "ending in .png" in result.stderr and str(out) in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


@pytest.mark.parametrize("size, says", [("100000x100000", "out of range"), ("12x800", "out of range"),
                                         ("400x300", "width must be 640"), ("big", "is not a size")])
def test_a_window_size_out_of_range_is_refused_with_the_reason(capsys, size, says):
    from viewer.cli import parse_options

    with pytest.raises(SystemExit) as exit_:
        parse_options(["--size", size])
    assert exit_.value.code == 2 and says in capsys.readouterr().err
    assert parse_options(["--size", "1280x800"]).size == (1280, 800)


@pytest.mark.parametrize("at, says", [
    ("1850", "1850 is before the journey begins: showing its first day, 17 July 1876"),
    ("1990-05", "May 1990 is after the journey ends: showing its last day, 31 December 1951"),
    ("1876", None),  # the year he was born in reaches the journey
    ("1918-12-30", None),
])
def test_a_date_outside_the_journey_is_not_changed_silently(capsys, litvinov, at, says):
    from viewer.cli import parse_options, say_if_outside

    say_if_outside(litvinov, parse_options(["--at", at]))
    assert capsys.readouterr().err.strip() == (says or "")


def test_pressing_play_moves_nothing_beside_the_button(qtbot, app_window):
    window = app_window(day=d("1907-06-01"))
    before = window.speed.geometry()
    window.playback.play()
    window.playback._timer.stop()
    qtbot.wait(10)
    assert window.play_button.text().endswith("Pause") and window.speed.geometry() == before
    window.playback.pause()


def test_speed_trail_follow_and_borders_are_remembered(qtbot, app_window, tmp_path):
    settings_file = tmp_path / "view.ini"
    window = app_window(day=d("1930-06-01"), settings_file=settings_file)
    window.speed.setCurrentIndex(2)
    window.state.set_trail(False)
    window.state.set_follow(False)
    window.state.set_borders("modern")
    window.close()
    again = app_window(settings_file=settings_file)
    again.restore_layout()
    assert again.speed.currentIndex() == 2 and again.playback.days_per_second == again.speed.itemData(2)
    assert (again.state.trail, again.state.follow, again.state.borders) == (False, False, "modern")
    assert not again.follow_box.isChecked()
    from PySide6.QtGui import QAction

    checked = {a.text(): a.isChecked() for a in again.findChildren(QAction) if a.isCheckable()}
    assert checked["Show &trail"] is False and checked["Borders of the &time"] is False  # the menu says so too
