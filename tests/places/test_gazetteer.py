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


def _normalize_the_long_way(name):
    """``normalize`` without its ASCII shortcut (the code before the shortcut)."""
    import unicodedata

    from places.gazetteer import _FOLD, _PREFIXES

    text = unicodedata.normalize("NFKD", name.translate(_FOLD).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(ch if ch.isalnum() or ch in " '" else " " for ch in text)
    text = " ".join(text.replace("'", "").split())
    for prefix, full in _PREFIXES.items():
        if text.startswith(prefix):
            text = full + text[len(prefix):]
    return text


def test_the_ascii_shortcut_of_normalize_changes_no_answer():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
    def same(name):
        assert normalize(name) == _normalize_the_long_way(name)

    same()
    for name in ("St. Petersburg", "San José", "Frankfurt am Main", "Nizhny Novgorod", "O'Fallon", "Sankt-Peterburg", "A_b"):
        assert normalize(name) == _normalize_the_long_way(name)


@pytest.fixture
def fresh_world(monkeypatch):
    """The world layer forgotten in this process (it is read again from the cache folder, or built)."""
    from places import gazetteer

    gazetteer._world_index.cache_clear()
    yield gazetteer
    gazetteer._world_index.cache_clear()


def test_the_world_index_is_kept_in_the_cache_and_read_back_without_rebuilding(fresh_world, monkeypatch):
    from places.cache import cache_dir

    kiev = fresh_world.Gazetteer().lookup("Kiev")
    kept = list(cache_dir().glob(f"{fresh_world.WORLD_CACHE_PREFIX}*.sqlite"))
    assert len(kept) == 1
    fresh_world._world_index.cache_clear()

    def no_building(key):  # type: ignore[no-untyped-def]
        raise AssertionError("rebuilt although the cache holds the index")

    monkeypatch.setattr(fresh_world, "_build_world_db", no_building)
    assert fresh_world.Gazetteer().lookup("Kiev") == kiev
    assert [m.geonames for m in fresh_world.Gazetteer().resolve("Tiflis")] == [611717]


def test_a_cache_made_for_other_data_or_unreadable_is_not_used(fresh_world, tmp_path):
    import sqlite3

    path = tmp_path / "gazetteer-world-x.sqlite"
    db = sqlite3.connect(":memory:")
    db.executescript("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('source', 'other');")
    path.write_bytes(db.serialize())
    assert fresh_world._read_world_db(path, "mine") is None
    path.write_bytes(b"not a database at all" * 100)
    assert fresh_world._read_world_db(path, "mine") is None
    assert fresh_world._read_world_db(tmp_path / "missing.sqlite", "mine") is None


def test_a_damaged_cached_index_is_rebuilt_once_when_a_lookup_finds_it(fresh_world):
    import sqlite3

    good = sqlite3.connect(":memory:")
    good.executescript("CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, geonames INTEGER, country TEXT, population INTEGER);"
                       "CREATE TABLE name(key TEXT, city INTEGER, matched TEXT, PRIMARY KEY (key, city)) WITHOUT ROWID;"
                       "INSERT INTO city VALUES (0, 'Paris', 48.85, 2.35, 2988507, 'FR', 2138551);"
                       "INSERT INTO name VALUES ('paris', 0, NULL), ('lutetia', 0, 'Lutetia');")
    rebuilt = []
    index = fresh_world.WorldIndex(sqlite3.connect(":memory:"), rebuild=lambda: rebuilt.append(1) or good)  # no tables: "damaged"
    assert [(m.name, m.matched) for m in index.get("lutetia")] == [("Paris", "Lutetia")]
    assert [m.matched for m in index.get("paris")] == ["Paris"] and rebuilt == [1]


def test_keeping_the_index_replaces_older_ones_and_a_cache_that_cannot_be_written_costs_nothing(fresh_world, tmp_path):
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    old = tmp_path / f"{fresh_world.WORLD_CACHE_PREFIX}old.sqlite"
    old.write_bytes(b"old")
    new = tmp_path / f"{fresh_world.WORLD_CACHE_PREFIX}new.sqlite"
    fresh_world._keep_world_db(db, new)
    assert new.exists() and not old.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    fresh_world._keep_world_db(db, blocked / "cache" / "index.sqlite")  # its folder cannot be made: logged, not raised
