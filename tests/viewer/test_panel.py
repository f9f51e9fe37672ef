"""The passage panel as a reader uses it: click a passage to go there, search, and keep one's place."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from places import Precision, bundled_journey_path, load_journey
from viewer.passage_panel import PassagePanel
from viewer.state import AppState


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.fixture(scope="module")
def journey():
    return load_journey(bundled_journey_path())


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
