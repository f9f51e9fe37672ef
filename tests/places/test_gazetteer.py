import pytest

from places import journey_from_data
from places.gazetteer import Gazetteer, normalize


@pytest.mark.parametrize("historical, modern", [
    ("Kiev", "Kyiv"),
    ("Tiflis", "Tbilisi"),
    ("Reval", "Tallinn"),
    ("Kuibyshev", "Samara"),
    ("Petrograd", "Saint Petersburg"),
    ("Leningrad", "Saint Petersburg"),
    ("St. Petersburg", "Saint Petersburg"),
    ("Bialystok", "Białystok"),
    ("Białystok", "Białystok"),
])
def test_historical_names_resolve_offline_to_the_same_city(historical, modern):
    gaz = Gazetteer()
    hit, ref = gaz.lookup(historical), gaz.lookup(modern)
    assert hit is not None and ref is not None
    assert hit.geonames == ref.geonames
    assert (hit.lat, hit.lon) == (ref.lat, ref.lon)


def test_the_journeys_own_places_win_and_keep_their_ids(mini_data):
    gaz = Gazetteer(journey_from_data(mini_data).places)
    hit = gaz.lookup("Leningrad")
    assert hit.layer == "journey" and hit.place_id == "petrograd"
    assert gaz.lookup("KYIV").place_id == "kiev"


def test_a_place_is_listed_once_per_name_even_if_its_names_repeat(mini_data):
    mini_data["places"][1]["names"] = [{"name": "London"}, {"name": "LONDON", "lang": "en"}]
    matches = Gazetteer(journey_from_data(mini_data).places, world=False).resolve("london")
    assert [m.place_id for m in matches] == ["london"]


def test_unknown_names_give_nothing():
    assert Gazetteer().lookup("Xyzzyville Qwerty") is None
    assert Gazetteer().lookup("   ") is None


def test_normalize_folds_accents_case_and_saints():
    assert normalize("Białystok") == normalize("BIALYSTOK") == "bialystok"
    assert normalize("St Petersburg") == normalize("Saint-Petersburg") == "saint petersburg"


def test_online_geocoding_is_off_by_default_and_never_blocks(tmp_path):
    import threading

    from places.geocode import OnlineGeocoder

    calls = []
    off = OnlineGeocoder(cache_path=tmp_path / "c.json", lookup=lambda n: calls.append(n) or (1.0, 2.0, n))
    assert off.geocode("Paris").result(timeout=1) is None and calls == []

    gate = threading.Event()

    def slow(name):
        gate.wait(5)
        return (48.85, 2.35, name)

    on = OnlineGeocoder(enabled=True, cache_path=tmp_path / "c.json", lookup=slow)
    future = on.geocode("Paris")
    assert not future.done()  # returned at once while the lookup waits
    gate.set()
    assert future.result(timeout=5) == (48.85, 2.35, "Paris")
    again = OnlineGeocoder(enabled=True, cache_path=tmp_path / "c.json", lookup=lambda n: pytest.fail("cache missed"))
    assert again.geocode("Paris").result(timeout=1) == (48.85, 2.35, "Paris")
