"""The app state's day and its precision, as every view shows it: "1906", "January 1908", a day."""
from __future__ import annotations

from datetime import date

import pytest

from places import Precision, journey_from_data
from viewer.playback import Playback, speed_precision
from viewer.state import AppState


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.fixture
def state(qtbot, mini_data):
    return AppState(journey_from_data(mini_data), d("1900-01-01"))


def test_the_date_is_shown_as_precisely_as_it_is_known(state):
    state.set_day(d("1900-02-14"))
    assert state.precision is Precision.DAY and state.date_label() == "14 February 1900"
    state.set_day(d("1900-02-14"), Precision.MONTH)
    assert state.date_label() == "February 1900"
    state.set_day(d("1900-02-14"), Precision.YEAR)
    assert state.date_label() == "1900"


def test_a_precision_change_alone_is_announced_without_moving_the_day(qtbot, state):
    days, precisions = [], []
    state.day_changed.connect(days.append)
    state.precision_changed.connect(precisions.append)
    state.set_day(state.day, Precision.MONTH)
    assert precisions == [Precision.MONTH] and days == []
    state.set_day(state.day + 3, Precision.MONTH)
    assert precisions == [Precision.MONTH] and days == [d("1900-01-04")]
    state.set_day(state.day)  # a plain set_day means an exact day
    assert precisions == [Precision.MONTH, Precision.DAY]


def test_the_precision_is_set_before_the_day_is_announced(qtbot, state):
    seen = []
    state.day_changed.connect(lambda _day: seen.append(state.date_label()))
    state.set_day(d("1900-05-20"), Precision.MONTH)
    assert seen == ["May 1900"]


def test_stepping_through_events_takes_each_events_own_precision(state):
    state.set_day(d("1900-04-11"))
    state.step_event(+1)  # passage "b" is dated 1900-05
    assert state.day == d("1900-05-01") and state.date_label() == "May 1900"
    state.step_event(+1)  # London ends 1900-06-30: the next day is exact
    assert state.day == d("1900-07-01") and state.date_label() == "1 July 1900"
    state.step_event(+1)  # the unknown period ends in 1900-08, Saint Petersburg starts 1900-09~
    assert state.day == d("1900-09-01") and state.date_label() == "September 1900"
    state.step_event(-1)
    state.step_event(-1)
    assert state.date_label() == "May 1900"
    state.go_to_start()
    assert state.date_label() == "1 January 1900"
    state.go_to_end()
    assert state.date_label() == "31 December 1900"


def test_a_state_opened_at_a_year_says_the_year(mini_data):
    """What ``--at 1900`` asks for: the first day of the year, shown as the year."""
    state = AppState(journey_from_data(mini_data), d("1900-01-01"), precision=Precision.YEAR)
    assert state.date_label() == "1900"
    state.set_journey(state.journey)  # the day is kept, and with it what is known of it
    assert state.date_label() == "1900"


def test_playback_shows_what_can_be_read_at_its_speed():
    assert speed_precision(5) is Precision.DAY
    assert speed_precision(365.25) is Precision.MONTH   # 1 year/s: twelve months a second
    assert speed_precision(1826.25) is Precision.YEAR


def test_playback_sets_the_speeds_precision_and_a_passages_own_on_it(qtbot, state):
    playback = Playback(state)
    playback.set_speed(1826.25)  # 5 years/s
    playback.play()
    playback._timer.stop()  # driven by hand, not by the clock
    playback.step(0.05)
    assert state.day == d("1900-04-02") and state.date_label() == "1900"
    playback.step(0.05)  # stops on passage "b", dated 1900-05
    assert state.day == d("1900-05-01") and state.date_label() == "May 1900"
    playback.pause()
    playback.set_speed(5.0)
    state.set_day(d("1900-01-01"))
    playback.play()
    playback._timer.stop()
    playback.step(1.0)
    assert state.day == d("1900-01-06") and state.date_label() == "6 January 1900"
    playback.pause()
