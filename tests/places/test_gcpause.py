"""The collector pause around building a journey: off inside, back on after, whatever happens."""
from __future__ import annotations

import gc

import pytest

from places import build_legs, bundled_journey_path
from places.gcpause import collector_paused
from places.loader import load_journey


def test_the_collector_is_off_inside_and_on_again_after_even_on_an_error():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a broken file")
    assert gc.isenabled()


def test_pauses_nest_and_leave_a_collector_that_was_off_off():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # whoever turned it off turns it on
    finally:
        gc.enable()


def test_loading_and_building_a_journey_leave_the_collector_on(tmp_path):
    from places.errors import JourneyError

    broken = tmp_path / "broken.json"
    broken.write_text('{"stays": [', encoding="utf-8")
    with pytest.raises(JourneyError):
        load_journey(broken)
    assert gc.isenabled()
    seen = []
    journey = load_journey(bundled_journey_path())
    seen.append(gc.isenabled())
    build_legs(journey)
    seen.append(gc.isenabled())
    assert seen == [True, True]
