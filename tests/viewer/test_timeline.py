"""The timeline widget as a user drives it: ticks, scrubbing, zooming, panning, clicks, tooltips."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (before any QApplication exists)

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402

from places import bundled_journey_path, journey_from_data, load_journey  # noqa: E402
from viewer.state import AppState  # noqa: E402
from viewer.timeline import TimelineWidget  # noqa: E402


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.fixture(scope="module")
def journey():
    return load_journey(bundled_journey_path())


@pytest.fixture
def make(qtbot, journey):
    def build(day: str = "1915-06-01", size=(900, 220), j=None):
        state = AppState(j or journey, d(day))
        widget = TimelineWidget(state)
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        return state, widget
    return build


def band_point(widget, state, place_id: str, near: str) -> tuple[int, QPointF]:
    """The middle of the band of ``place_id``'s stay covering ``near``, as seen on screen."""
    index = next(i for i, s in enumerate(state.journey.stays) if s.place_id == place_id and s.first_day <= d(near) <= s.last_day)
    stay = state.journey.stays[index]
    r = widget._rows.row_of[index]
    x = (max(widget.x_of(stay.first_day), widget._vp.left + 2) + min(widget.x_of(stay.last_day), widget._vp.left + widget._vp.width - 2)) / 2
    return index, QPointF(x, widget._row_rect(r).center().y())


def wheel(widget, x: float, delta: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    pos = QPointF(x, widget.height() / 2)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, delta),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_ticks_show_decades_for_the_whole_life_and_months_for_a_year(make):
    state, widget = make()
    assert widget.visible_range() == (state.first_day, state.last_day)
    assert widget.tick_level().name == "decades"
    widget.zoom_by((state.last_day - state.first_day) / 365, widget.x_of(state.day))
    first, last = widget.visible_range()
    assert 360 <= last - first <= 370
    assert widget.tick_level().name == "months"


def test_dragging_scrubs_the_day_forward_live(make, qtbot):
    state, widget = make("1880-01-01")
    seen: list[int] = []
    state.day_changed.connect(seen.append)
    y = int(widget._row_rect(3).center().y())
    x0 = int(widget._vp.left) + 20
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(x0, y))
    for x in range(x0 + 10, x0 + 400, 30):
        qtbot.mouseMove(widget, QPoint(x, y))
        assert state.day == widget.day_at(x)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(x0 + 400, y))
    assert len(seen) >= 10 and seen == sorted(seen)
    assert state.selected_place is None


def drag(qtbot, widget, x0: int, x1: int, y: int) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(x0, y))
    qtbot.mouseMove(widget, QPoint((x0 + x1) // 2, y))
    qtbot.mouseMove(widget, QPoint(x1, y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(x1, y))


def test_dragging_sets_the_day_as_precisely_as_a_pixel_can_tell(make, qtbot):
    state, widget = make("1880-01-01", size=(420, 260))
    assert 1 / widget._vp.px_per_day > 31  # the whole life in about 300 px: a pixel spans months
    y, x0 = int(widget._row_rect(0).center().y()), int(widget._vp.left) + 20
    drag(qtbot, widget, x0, x0 + 150, y)
    month = date.fromordinal(state.day)
    assert widget.header_text()[0] == f"{month:%B} {month.year}"
    widget.zoom_by(400, widget.x_of(state.day))
    drag(qtbot, widget, x0, x0 + 150, y)
    day = date.fromordinal(state.day)
    assert widget.header_text()[0] == f"{day.day} {day:%B} {day.year}"


def test_the_wheel_zooms_around_the_pointer_and_shift_wheel_pans(make):
    state, widget = make()
    x = widget._vp.left + widget._vp.width * 0.3
    day = widget.day_at(x)
    span = widget.visible_range()[1] - widget.visible_range()[0]
    for _ in range(6):
        wheel(widget, x, 120)
    first, last = widget.visible_range()
    assert last - first < span / 3
    assert abs(widget.day_at(x) - day) <= 1
    wheel(widget, x, 120, Qt.KeyboardModifier.ShiftModifier)
    assert widget.visible_range()[0] < first and widget.visible_range()[1] - widget.visible_range()[0] == last - first
    for _ in range(40):
        wheel(widget, x, -120)
    assert widget.visible_range() == (state.first_day, state.last_day)


def test_zoom_stops_at_about_a_month(make):
    state, widget = make()
    widget.zoom_by(1e6, widget.x_of(state.day))
    first, last = widget.visible_range()
    assert 28 <= last - first <= 32


def test_clicking_a_london_band_jumps_to_the_stay_and_selects_london(make, qtbot):
    state, widget = make("1930-01-01")
    index, point = band_point(widget, state, "london", "1912-01-01")
    assert widget.stay_at(point) == index
    with qtbot.waitSignal(state.place_selected) as selected:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert selected.args == ["london"]
    assert state.day == state.journey.stays[index].first_day == d("1909-01-01")
    assert widget.header_text() == ("1909", " — in London")  # the stay starts in "1909", no day given


def test_middle_drag_pans_without_changing_the_day(make, qtbot):
    state, widget = make()
    widget.zoom_by(10, widget.x_of(state.day))
    first = widget.visible_range()[0]
    y, x = int(widget.height() - 20), int(widget._vp.left + 300)
    qtbot.mousePress(widget, Qt.MouseButton.MiddleButton, pos=QPoint(x, y))
    qtbot.mouseMove(widget, QPoint(x + 100, y))
    qtbot.mouseRelease(widget, Qt.MouseButton.MiddleButton, pos=QPoint(x + 100, y))
    assert widget.visible_range()[0] < first and state.day == d("1915-06-01")


def test_day_at_and_x_of_round_trip(make):
    state, widget = make()
    for zoom in (1, 7, 300):
        widget.zoom_by(zoom, widget.x_of(state.day))
        first, last = widget.visible_range()
        for day in range(first, last + 1, max(1, (last - first) // 50)):
            assert widget.day_at(widget.x_of(day)) == day


def test_the_playhead_stays_in_view_when_the_day_moves_away(make):
    state, widget = make()
    widget.zoom_by(50, widget.x_of(state.day))
    state.set_day(d("1940-01-01"))
    first, last = widget.visible_range()
    assert first <= d("1940-01-01") <= last


def test_tooltip_names_the_place_and_the_dates(make, qtbot):
    state, widget = make()
    index, point = band_point(widget, state, "london", "1912-01-01")
    first_line, note = widget.tooltip_text(index).split("\n")
    assert first_line == "London — 1909 – August 1918 (residence, certain)"
    assert note.startswith("London years")
    unknown = next(i for i, s in enumerate(state.journey.stays) if s.place_id is None)
    assert widget.tooltip_text(unknown).startswith("Whereabouts unknown — ")
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), widget.mapToGlobal(point.toPoint())))
    qtbot.waitUntil(lambda: "London" in QToolTip.text())
    QToolTip.hideText()


def test_tooltips_show_markup_in_names_as_text(make, qtbot, mini_data):
    mini_data["places"][1]["name"] = "<b>Lon</b>don & co"
    state, widget = make("1900-05-01", j=journey_from_data(mini_data))
    index, point = band_point(widget, state, "london", "1900-05-01")
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), widget.mapToGlobal(point.toPoint())))
    qtbot.waitUntil(lambda: "don" in QToolTip.text())
    assert "&lt;b&gt;Lon&lt;/b&gt;don &amp; co" in QToolTip.text()
    QToolTip.hideText()


def test_a_new_journey_rebuilds_rows_and_shows_it_whole(make, journey, mini_data):
    state, widget = make()
    widget.zoom_by(30, 400)
    mini = journey_from_data(mini_data)
    state.set_journey(mini)
    assert widget.visible_range() == (mini.first_day, mini.last_day)
    assert [r.label for r in widget._rows.rows] == ["Kiev", "London", "Saint Petersburg", "unknown"]


def differing_pixels(image, background: QColor) -> int:
    step = 4
    return sum(image.pixelColor(x, y) != background
               for x in range(0, image.width(), step) for y in range(0, image.height(), step))


@pytest.mark.parametrize("dark", [False, True])
def test_rendering_draws_bands_axis_and_playhead(make, dark):
    state, widget = make(size=(1100, 220))
    if dark:
        palette = QPalette(widget.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
        widget.setPalette(palette)
    image = widget.grab().toImage()
    background = widget.palette().color(QPalette.ColorRole.Base)
    assert differing_pixels(image, background) > 500
    band = image.pixelColor(*(int(v) for v in band_point(widget, state, "moscow", "1925-01-01")[1].toTuple()))
    assert band != background


def test_a_journey_of_twenty_thousand_stays_paints(make):
    places = [{"id": f"p{i}", "name": f"Place {i}", "lat": 0, "lon": 0} for i in range(1000)]
    stays, day = [], d("1800-01-01")
    for k in range(20000):
        stays.append({"place": f"p{(k * 37) % 1000 if k % 4 else k % 50}", "start": date.fromordinal(day).isoformat(),
                      "end": date.fromordinal(day + k % 3).isoformat(), "kind": "visit",
                      "certainty": ("certain", "less-certain", "uncertain")[k % 3]})
        day += k % 3 + 2
    big = journey_from_data({"format": "litvinov-atlas/journey", "version": 1, "places": places, "stays": stays, "passages": []})
    state, widget = make("1850-01-01", size=(1100, 300), j=big)
    rows = widget._rows.rows
    visited = len({s["place"] for s in stays})
    assert 10 <= len(rows) < 41 and rows[-1].label == f"other places ({visited - len(rows) + 1})"
    assert all(widget._row_rect(r).bottom() <= widget.height() for r in range(len(rows)))
    assert not widget.grab().isNull()
    widget.zoom_by(200, widget.x_of(state.day))
    state.set_day(state.day + 40)
    assert not widget.grab().isNull()
    assert widget.visible_range()[0] <= state.day <= widget.visible_range()[1]


def small_line(widget) -> float:
    from PySide6.QtGui import QFontMetricsF
    return QFontMetricsF(widget._small_font()).height()


@pytest.mark.parametrize("size", [(900, 220), (1000, 190), (1400, 280)])
def test_every_row_is_a_line_tall_and_places_that_do_not_fit_share_a_row(make, size):
    state, widget = make("1918-12-30", size=size)
    rows = widget._rows.rows
    assert widget._row_h >= small_line(widget)
    assert widget._row_rect(len(rows) - 1).bottom() <= widget.height()
    assert rows[-1].label == "unknown" and rows[-2].label == f"other places ({len(widget._rows.folded)})"
    shown = {r.key for r in rows if r.color_id} | set(widget._rows.folded)
    assert shown == {s.place_id for s in state.journey.stays if s.place_id}
    assert "Moscow" in widget.row_names() and "London" in widget.row_names()  # the longest stays keep a row


def test_a_folded_place_keeps_its_colour_its_tooltip_and_its_click(make, qtbot):
    state, widget = make("1930-01-01", size=(1000, 190))
    assert "washington" in widget._rows.folded
    index, point = band_point(widget, state, "washington", "1942-06-01")
    assert widget._rows.row_of[index] == len(widget._rows.rows) - 2
    color = widget.grab().toImage().pixelColor(point.toPoint())
    assert color == widget._colors["washington"]
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), widget.mapToGlobal(point.toPoint())))
    qtbot.waitUntil(lambda: "Washington" in QToolTip.text())
    QToolTip.hideText()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert state.selected_place == "washington" and state.day == d("1941-12-07")


def test_a_folded_current_place_is_named_with_the_others_in_its_row(make):
    """The folded row holds other places' stays too: named "Stockholm" alone, it said he was in
    Stockholm in 1903 and 1940."""
    from PySide6.QtGui import QFontMetricsF

    state, widget = make("1918-12-30", size=(1000, 190))  # in Stockholm, folded at this size
    assert "stockholm" in widget._rows.folded
    r, name = widget.current_name()
    assert r == widget._rows.place_row["stockholm"] == len(widget._rows.rows) - 2
    assert name == f"Stockholm +{len(widget._rows.folded) - 1}"
    bold = widget._small_font()
    bold.setBold(True)
    assert QFontMetricsF(bold).horizontalAdvance(name) <= widget._row_box(r, widget._gutter - 4).width() - 10  # not elided
    state.set_day(d("1912-01-01"))  # in London, which has a row of its own
    assert widget.current_name() == (widget._rows.place_row["london"], "London")


def test_rows_hold_still_while_scrubbing(make, qtbot):
    state, widget = make("1880-01-01", size=(1000, 190))
    rows, keys = widget._rows, [r.key for r in widget._rows.rows]
    y, x0 = int(widget._row_rect(0).center().y()), int(widget._vp.left) + 5
    drag(qtbot, widget, x0, int(widget._vp.left + widget._vp.width) - 5, y)
    assert state.day > d("1945-01-01")
    assert widget._rows is rows and [r.key for r in widget._rows.rows] == keys
    widget.resize(1000, 400)
    assert len(widget._rows.rows) > len(keys)  # room for more: fewer places are folded


def gutter_box(widget, r: int):
    box = widget._row_box(r, widget._gutter).toAlignedRect()
    return widget.grab().toImage().copy(box)


def test_the_bold_current_name_leaves_its_neighbours_names_alone(make):
    state, widget = make("1912-01-01", size=(900, 300))  # in London
    r = widget._rows.place_row["london"]
    above, below = gutter_box(widget, r - 1), gutter_box(widget, r + 1)
    state.set_day(d("1900-06-01"))  # in Kiev, far from London's neighbours; no name changes between
    assert widget._rows.place_row["kiev"] not in (r - 1, r + 1)
    assert gutter_box(widget, r - 1) == above and gutter_box(widget, r + 1) == below


def test_rows_are_named_as_on_the_current_day(make):
    state, widget = make("1916-01-01", size=(900, 420))
    assert widget._rows.folded == []
    r = widget._rows.place_row["petrograd"]
    assert widget.row_names()[r] == "Petrograd"
    before = gutter_box(widget, r)
    state.set_day(d("1930-01-01"))
    assert widget.row_names()[r] == "Leningrad" and gutter_box(widget, r) != before
    state.set_day(d("1905-11-01"))
    assert widget.row_names()[r] == "St Petersburg"


def test_scrubbing_repaints_the_gutter_only_when_a_name_changes(make):
    state, widget = make("1923-01-01", size=(900, 420))
    widget.grab()
    cache = widget._cache
    state.set_day(d("1923-12-01"))  # no place changes its name in between
    widget.grab()
    assert widget._cache is cache
    state.set_day(d("1924-06-01"))  # Petrograd became Leningrad on 26 January 1924
    widget.grab()
    assert widget._cache is not cache and "Leningrad" in widget.row_names()


def test_axis_labels_under_the_date_tag_are_left_out_whole(make):
    """No stray digits: beside the tag, the axis shows whole labels, tick lines, or nothing."""
    from viewer.timeline_axis import ticks

    state, widget = make("1930-01-01", size=(1000, 220))
    widget.grab()
    assert "1930" not in widget.axis_labels_shown() and {"1920", "1940"} <= set(widget.axis_labels_shown())
    background = widget.palette().color(QPalette.ColorRole.Base)
    for day in ("1922-06-01", "1925-03-01", "1930-01-01", "1936-09-01"):
        state.set_day(d(day))
        image = widget.grab().toImage()
        tag = widget._playhead_tag()[0].adjusted(-1, -1, 1, 1)
        shown = [box.adjusted(-1, -1, 1, 1) for box, text in widget._axis_labels if text in widget.axis_labels_shown()]
        assert not any(box.intersects(tag) for box in shown)
        lines = {round(widget._vp.edge_x(t)) for t, _ in ticks(widget.tick_level(), *widget.visible_range())}
        top = int(widget._axis_labels[0][0].top())
        for x in range(int(widget._vp.left), widget.width() - 1):
            playhead = abs(x - widget.x_of(state.day)) <= 6  # the line and its little arrow
            if playhead or any(abs(x - line) <= 1 for line in lines) or tag.left() <= x <= tag.right():
                continue
            for y in range(top, top + int(widget._axis_labels[0][0].height())):
                if image.pixelColor(x, y) != background:
                    assert any(box.contains(QPointF(x, y)) for box in shown), (day, x, y)


def tick_point(widget, day: int, dx: float = 0.0) -> QPointF:
    return QPointF(widget.x_of(day) + dx, widget._pass_top + widget._pass_h / 2)


def test_hovering_a_passage_tick_shows_its_date_and_text(make, qtbot, mini_data):
    mini_data["passages"][1]["text"] = "In London <b>bold</b> & co. " + "and more words " * 20
    state, widget = make("1900-01-01", j=journey_from_data(mini_data))
    point = tick_point(widget, d("1900-05-01"), 2)
    text = widget.passage_tooltip_text(widget.passages_at(point))
    assert text.startswith("May 1900\nIn London <b>bold</b> & co. and more") and text.endswith("…")
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), widget.mapToGlobal(point.toPoint())))
    qtbot.waitUntil(lambda: "May 1900" in QToolTip.text())
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co." in QToolTip.text()
    QToolTip.hideText()
    assert widget.passages_at(tick_point(widget, d("1900-05-01"), 40)) == []
    first = widget.passage_tooltip_text(widget.passages_at(tick_point(widget, d("1900-01-01"))))
    assert first == "1 January 1900\nHe was born."  # citation markers are left out


def test_clicking_near_a_passage_tick_goes_to_that_passage(make, qtbot):
    state, widget = make("1930-01-01", size=(1000, 220))
    passage = next(p for p in state.journey.passages if p.id == "p04")  # "In January 1908, French police ..."
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=tick_point(widget, passage.first_day, 3).toPoint())
    assert state.day == passage.first_day and state.date_label() == "January 1908"
    assert state.selected_place == "paris"


def test_a_playhead_panned_out_of_view_waits_at_the_edge_and_a_click_brings_it_back(make, qtbot):
    state, widget = make("1918-12-30", size=(1000, 300))
    widget.zoom_by(20, widget.x_of(state.day))  # about four years in view
    widget.pan_by(widget.width() * 3)  # to earlier years: the playhead is off to the right
    first, last = widget.visible_range()
    assert last < state.day
    tag, text = widget._playhead_tag()
    assert text == "30 December 1918 ▶" and tag.right() <= widget.width() and tag.left() >= widget._vp.left
    widget.grab()  # paints without a playhead line
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=tag.center().toPoint())
    first, last = widget.visible_range()
    assert first <= state.day <= last and state.day == d("1918-12-30")  # the view moved, not the day
    assert not widget._playhead_tag()[1].endswith("▶")
