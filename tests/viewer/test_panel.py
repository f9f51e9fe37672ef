"""The passage panel as a reader uses it: click a passage to go there, search, and keep one's place."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from places import Precision
from viewer.passage_panel import PassagePanel
from viewer.state import AppState


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.fixture
def journey(litvinov):
    return litvinov  # the bundled journey, loaded once for the session (conftest)


@pytest.fixture
def panel(qtbot, journey):
    state = AppState(journey, d("1908-01-15"))
    panel = PassagePanel(state)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def click_passage(qtbot, panel, passage_id: str) -> None:
    """Click the text of a shown passage, as a reader would."""
    view = panel.view
    n = view.ids.index(passage_id)
    block = view.document().begin()
    while block.isValid() and block.userState() != n:
        block = block.next()
    cursor = QTextCursor(block.next())  # the passage's text, under its header line
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center() + QPoint(20, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_a_passage_goes_to_its_date_as_precisely_as_it_is_dated(qtbot, panel):
    state = panel.state
    assert "p04" in panel.view.ids  # "In January 1908, French police ...", dated 1908-01
    click_passage(qtbot, panel, "p04")
    assert state.day == d("1908-01-01") and state.date_label() == "January 1908"
    assert state.selected_place == "paris"


def tinted(panel) -> list[str]:
    """Ids of the passages whose blocks carry a background, as the reader sees them."""
    view, out = panel.view, []
    block = view.document().begin()
    while block.isValid():
        color = block.blockFormat().background().color()
        if block.userState() >= 0 and color.alpha() > 0 and view.ids[block.userState()] not in out:
            out.append(view.ids[block.userState()])
        block = block.next()
    return out


def test_the_current_passage_stays_tinted_while_searching(qtbot, panel):
    state = panel.state
    panel.open_search()
    qtbot.keyClicks(panel.search, "Litvinov")
    matches = len(panel.matches)
    assert matches > 10 and tinted(panel) == ["p04"]  # 15 January 1908: "In January 1908, French police ..."
    state.set_day(d("1915-02-14"))
    assert tinted(panel) == ["p05"]
    state.set_day(d("1901-01-01"))  # no passage on that day
    assert tinted(panel) == []
    assert len(panel.matches) == matches and len(panel.view.extraSelections()) == matches
    assert panel.count.text() == f"1 of {matches}"


def test_clicking_a_search_result_moves_the_tint_to_it(qtbot, panel):
    panel.open_search()
    qtbot.keyClicks(panel.search, "Roosevelt")
    assert panel.searching and panel.matches
    click_passage(qtbot, panel, "p27")
    assert panel.state.day == d("1941-12-08") and tinted(panel) == ["p27"]
    assert panel.searching and not panel.search_bar.isHidden()


def test_enter_in_the_search_goes_to_each_match_in_time(qtbot, panel):
    """Typing marks the matches and leaves the date alone; Enter goes to the marked match's
    passage (the first one first), each further Enter to the next, Shift+Enter back."""
    state = panel.state
    panel.open_search()
    qtbot.keyClicks(panel.search, "Roosevelt")
    assert state.day == d("1908-01-15")  # typing does not move time
    matched = []
    for _ in panel.matches:
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
        passage = panel.view.ids[panel.matches[panel.match_index].block().userState()]
        matched.append(passage)
        found = next(p for p in state.journey.passages if p.id == passage)
        assert "Roosevelt" in found.text and state.day == state.itinerary.passage_day(found)
        assert len(tinted(panel)) == 1 and panel.searching  # the day's passage (p27, not p26, on 8 Dec 1941)
    assert matched[0] == panel.view.ids[panel.matches[0].block().userState()]
    assert len(set(matched)) > 1
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)  # past the last match: round to the first
    assert panel.count.text() == f"1 of {len(panel.matches)}"
    qtbot.keyClick(panel.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.count.text() == f"{len(panel.matches)} of {len(panel.matches)}"
    panel.state.set_day(d("1908-01-15"))
    qtbot.keyClick(panel.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # back, and there in time
    assert state.day == state.itinerary.passage_day(next(p for p in state.journey.passages if p.id == matched[-2]))


def test_the_tint_follows_the_passage_gone_to_when_two_share_a_day(qtbot, panel):
    """On 8 December 1941 both p26 (to May 1943) and p27 (that day) are current: the reader's
    choice is tinted, not always the narrower one (a review found the tint on p27 after going
    to p26); scrubbing out of the chosen passage's dates gives the tint back to the day's."""
    panel.open_search()
    qtbot.keyClicks(panel.search, "Roosevelt")
    went = []
    for _ in range(2):
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
        went.append(panel.view.ids[panel.matches[panel.match_index].block().userState()])
        assert tinted(panel) == [went[-1]]
    assert sorted(went) == ["p26", "p27"]
    panel.close_search()
    click_passage(qtbot, panel, "p26")
    assert panel.state.day == d("1941-12-08") and tinted(panel) == ["p26"]
    panel.state.set_day(d("1942-06-01"))  # still within p26's dates (others are current too)
    assert tinted(panel) == ["p26"]
    panel.state.set_day(d("1944-01-01"))  # past p26's dates: the day's own passage again
    assert "p26" not in tinted(panel)


def test_a_match_gone_to_is_brought_well_into_view(qtbot, panel):
    panel.resize(420, 300)
    panel.open_search()
    qtbot.keyClicks(panel.search, "Soviet")
    assert len(panel.matches) >= 3
    for _ in range(3):
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
        top = panel.view.cursorRect(panel.matches[panel.match_index]).top()
        height = panel.view.viewport().height()
        assert 0 <= top <= height // 2  # not at the bottom edge with its passage out of sight


def test_search_looks_in_the_passages_words_not_in_the_headers(qtbot, panel):
    """A review searched "Denmark" and got 3 matches, all in "Copenhagen — Denmark" headers."""
    panel.open_search()
    qtbot.keyClicks(panel.search, "Wikipedia contributors")  # in every header's source, in no text
    assert panel.matches == [] and panel.count.text() == "no matches"
    panel.search.clear()
    qtbot.keyClicks(panel.search, "Roosevelt")
    texts = {p.id: p.text for p in panel.state.journey.passages}
    assert len(panel.matches) == sum(t.count("Roosevelt") for t in texts.values())


@pytest.fixture
def window_with_panel(qtbot, journey):
    """The panel beside another focusable widget, in one window, as in the app."""
    from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

    window = QWidget()
    panel = PassagePanel(AppState(journey, d("1908-01-15")))
    other = QLineEdit()
    layout = QHBoxLayout(window)
    layout.addWidget(other)
    layout.addWidget(panel)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield panel, other
    window.close()


def test_escape_closes_the_search_only_from_the_search_bar(qtbot, window_with_panel):
    panel, other = window_with_panel
    panel.open_search()
    qtbot.keyClicks(panel.search, "Litvinov")
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert not panel.search_bar.isHidden() and panel.searching
    panel.search.setFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search_bar.isHidden()


def test_shift_enter_steps_back_only_from_the_search_bar(qtbot, window_with_panel):
    panel, other = window_with_panel
    panel.open_search()
    qtbot.keyClicks(panel.search, "Litvinov")
    total = len(panel.matches)
    qtbot.keyClick(panel.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.count.text() == f"{total} of {total}"
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.count.text() == f"{total} of {total}"


def test_each_passages_text_sits_under_its_own_header_and_passages_are_spaced_apart(qtbot, panel):
    """The gap above a passage's text was the gap between passages, so from the second passage
    on a header floated between two texts and the tinted passage showed as two boxes."""
    panel.state.set_day(d("1942-06-01"))  # three passages, the current one tinted
    view, layout = panel.view, panel.view.document().documentLayout()
    assert len(view.ids) >= 3
    block, headers = view.document().begin(), {}
    while block.isValid():
        headers.setdefault(block.userState(), []).append(layout.blockBoundingRect(block))
        block = block.next()
    for n in range(len(view.ids)):
        head, text = headers[n][0], headers[n][1]
        assert text.top() - head.bottom() < 1  # the text touches its header
        if n:
            assert head.top() - headers[n - 1][-1].bottom() >= 6  # and passages are apart


def test_a_passage_with_fuzzy_dates_goes_to_the_day_he_is_at_its_place(qtbot, panel):
    """"January 1919 - 12 February 1920, Copenhagen": on 1 January 1919 he was in Stockholm;
    the click goes to the first day within those dates that he is in Copenhagen."""
    state = panel.state
    state.set_day(d("1919-12-01"))
    passage = next(p for p in state.journey.passages if p.id == "p09")
    assert passage.id in panel.view.ids
    click_passage(qtbot, panel, "p09")
    assert passage.first_day < state.day <= passage.last_day
    assert state.where().place.id == "copenhagen"
    assert state.day == state.itinerary.passage_day(passage)
