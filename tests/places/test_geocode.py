"""Online geocoding: off by default, rate-limited, cached on disk, failures never remembered.

No test touches the network: lookups are injected, and so are the clock and the sleep, so the
rate limit is checked without waiting.
"""
import json
import logging

import pytest

import places.geocode
from places.cli import main
from places.geocode import OnlineGeocoder, Throttle, cache_key


class FakeTime:
    """A clock that only moves when slept on."""

    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def geocoder(tmp_path, lookup, **kwargs):
    return OnlineGeocoder(enabled=True, cache_path=tmp_path / "cache" / "geocode.json", lookup=lookup, **kwargs)


def ask(coder, name, **kwargs):
    return coder.geocode(name, **kwargs).result(timeout=10)


def test_a_failed_lookup_is_not_cached_and_is_tried_again(tmp_path, caplog):
    calls = []

    def down(name):
        calls.append(name)
        raise OSError("[Errno -2] Name or service not known")

    with caplog.at_level(logging.WARNING, logger="places.geocode"):
        assert ask(geocoder(tmp_path, down), "Tiflis") is None
    assert not (tmp_path / "cache" / "geocode.json").exists()
    [record] = caplog.records
    assert record.exc_info is None and "Tiflis" in record.getMessage() and "Name or service not known" in record.getMessage()

    up = geocoder(tmp_path, lambda name: calls.append(name) or (41.7, 44.8, "Tbilisi"))
    assert ask(up, "Tiflis") == (41.7, 44.8, "Tbilisi")
    assert calls == ["Tiflis", "Tiflis"]


def test_a_failure_can_be_raised_to_the_caller_instead(tmp_path):
    def down(name):
        raise TimeoutError("timed out")

    with pytest.raises(places.geocode.GeocodeError, match="timed out"):
        ask(geocoder(tmp_path, down), "Tiflis", raise_errors=True)


def test_found_and_definitely_not_found_are_both_cached_on_disk(tmp_path):
    answers = {"Tiflis": (41.7, 44.8, "Tbilisi"), "Atlantis": None}
    ask(geocoder(tmp_path, answers.get), "Tiflis")
    ask(geocoder(tmp_path, answers.get), "Atlantis")
    offline = geocoder(tmp_path, lambda name: pytest.fail(f"asked again for {name}"))
    assert ask(offline, "Tiflis") == (41.7, 44.8, "Tbilisi")
    assert ask(offline, "Atlantis") is None
    stored = json.loads((tmp_path / "cache" / "geocode.json").read_text())
    assert stored == {"version": 2, "names": {"tiflis": [41.7, 44.8, "Tbilisi"], "atlantis": None}}


def test_names_differing_in_case_spaces_or_unicode_composition_are_asked_once(tmp_path):
    calls = []
    coder = geocoder(tmp_path, lambda name: calls.append(name) or (50.06, 19.94, "Kraków"))
    for name in ("Kraków", " kraków ", "KRAKÓW", "Krako\u0301w"):
        assert ask(coder, name) == (50.06, 19.94, "Kraków")
    assert calls == ["Kraków"]
    assert cache_key("Krako\u0301w ") == cache_key("kraków")


def test_lookups_go_out_at_least_a_second_apart_without_real_waiting(tmp_path):
    fake, sent = FakeTime(), []
    coder = geocoder(tmp_path, lambda name: sent.append(fake.now) or None, clock=fake.clock, sleep=fake.sleep)
    futures = [coder.geocode(name) for name in ("a", "b", "c")]
    assert [f.result(timeout=10) for f in futures] == [None, None, None]
    assert [later - earlier for earlier, later in zip(sent, sent[1:])] == [1.0, 1.0]
    assert ask(coder, "b") is None and len(sent) == 3  # a cached answer costs no request and no wait


def test_the_throttle_does_not_sleep_when_enough_time_has_passed():
    fake = FakeTime()
    throttle = Throttle(1.0, fake.clock, fake.sleep)
    throttle.wait()
    fake.now += 0.25
    throttle.wait()
    fake.now += 5
    throttle.wait()
    assert fake.slept == [0.75]


def test_nominatim_is_never_asked_more_than_once_a_second(tmp_path, monkeypatch):
    fake, sent = FakeTime(), []
    monkeypatch.setattr(places.geocode, "nominatim_lookup", lambda: lambda name: sent.append(fake.now) or None)
    coder = geocoder(tmp_path, None, min_delay_seconds=0, clock=fake.clock, sleep=fake.sleep)
    assert [coder.geocode(n).result(timeout=10) for n in ("a", "b")] == [None, None]
    assert sent[1] - sent[0] >= 1.0


def test_a_cache_from_before_version_2_keeps_only_found_names(tmp_path):
    path = tmp_path / "cache" / "geocode.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"Kiev": [50.45, 30.52, "Kyiv"], "Tiflis": None, "Bad": "x"}))
    calls = []
    coder = geocoder(tmp_path, lambda name: calls.append(name) or (41.7, 44.8, "Tbilisi"))
    assert ask(coder, "kiev") == (50.45, 30.52, "Kyiv")
    assert ask(coder, "Tiflis") == (41.7, 44.8, "Tbilisi")  # the old "not found" may have been a failure
    assert calls == ["Tiflis"]


def test_an_unwritable_cache_costs_a_warning_not_the_answer(tmp_path, caplog):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="places.geocode"):
        assert ask(geocoder(tmp_path, lambda name: (1.0, 2.0, name)), "Somewhere") == (1.0, 2.0, "Somewhere")
    assert "cannot write the geocoding cache" in caplog.text


@pytest.fixture
def offline_only(monkeypatch, tmp_path):
    """Any attempt to reach Nominatim fails the test; the cache lives in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(places.geocode, "nominatim_lookup", lambda: pytest.fail("went online"))


def test_geocode_command_answers_from_the_offline_gazetteer(mini_file, capsys, offline_only):
    assert main(["geocode", "Leningrad", "--journey", str(mini_file), "--online"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "Saint Petersburg: 59.9386, 30.3141 (journey place petrograd, as 'Leningrad')"
    assert main(["geocode", "Tiflis", "--journey", str(mini_file)]) == 0
    assert "Tbilisi (GE)" in capsys.readouterr().out


def test_geocode_command_stays_offline_unless_asked(mini_file, capsys, offline_only):
    assert main(["geocode", "Zzyzxqq", "--journey", str(mini_file)]) == 1
    assert "add --online" in capsys.readouterr().err


def test_geocode_online_says_it_goes_online_and_reports_failure_with_exit_2(mini_file, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))

    def down(name):
        raise OSError("[Errno -2] Name or service not known")

    monkeypatch.setattr(places.geocode, "nominatim_lookup", lambda: down)
    assert main(["geocode", "Zzyzxqq", "--journey", str(mini_file), "--online"]) == 2
    err = capsys.readouterr().err
    assert "going online to ask OpenStreetMap Nominatim" in err
    assert "Zzyzxqq: the online lookup failed: [Errno -2] Name or service not known" in err
    assert "Traceback" not in err


def test_geocode_online_prints_the_answer_and_caches_it(mini_file, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(places.geocode, "nominatim_lookup", lambda: lambda name: (35.1, -116.1, "Zzyzx, California"))
    assert main(["geocode", "Zzyzx Road", "--journey", str(mini_file), "--online"]) == 0
    assert capsys.readouterr().out == "Zzyzx, California: 35.1, -116.1 (OpenStreetMap Nominatim)\n"
    monkeypatch.setattr(places.geocode, "nominatim_lookup", lambda: pytest.fail("went online again"))
    assert main(["geocode", "zzyzx road", "--journey", str(mini_file), "--online"]) == 0
    assert "earlier online lookups" in capsys.readouterr().err
