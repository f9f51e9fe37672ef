from datetime import date

import pytest

from places.border_lookup import border_set, polity_of
from places.borders import MODERN, set_year_for


def d(y, m=6, day=1):
    return date(y, m, day).toordinal()


@pytest.mark.parametrize("year, expected", [(1876, 1880), (1880, 1880), (1902, 1900), (1910, 1900), (1914, 1914), (1930, 1930), (1942, 1938), (1950, 1945), (1961, 1960)])
def test_the_set_in_force_is_the_latest_at_or_before_the_date(year, expected):
    assert set_year_for(d(year)) == expected


def test_the_set_shown_changes_across_litvinovs_life():
    shown = [set_year_for(d(y)) for y in (1902, 1910, 1930, 1942, 1950)]
    assert shown == [1900, 1900, 1930, 1938, 1945]


@pytest.mark.parametrize("lat, lon, year, polity", [
    (50.45, 30.52, 1902, "Russian Empire"),      # Kiev
    (55.75, 37.62, 1930, "USSR"),                # Moscow
    (38.90, -77.04, 1942, "United States"),      # Washington
    (59.44, 24.75, 1921, "Estonia"),             # Tallinn
    (46.20, 6.15, 1932, "Switzerland"),          # Geneva, right by the French border
    (55.68, 12.57, 1919, "Denmark"),             # Copenhagen, on a coast the source draws coarsely
])
def test_the_polity_of_a_place_on_a_date(lat, lon, year, polity):
    assert polity_of(lat, lon, d(year)).name == polity


def test_london_1910_is_in_the_united_kingdom():
    assert polity_of(51.507, -0.128, d(1910)).name.startswith("United Kingdom")


def test_kiev_moves_from_the_empire_to_the_union():
    assert polity_of(50.45, 30.52, d(1902)).label == "Russian Empire"
    assert polity_of(50.45, 30.52, d(1930)).name == "USSR"
    assert polity_of(50.45, 30.52, d(1940)).label == "USSR"


def test_modern_borders_and_the_open_sea():
    assert border_set(MODERN).polity_at(50.45, 30.52).name == "Ukraine"
    assert polity_of(0.0, -30.0, d(1930)) is None  # mid-Atlantic: no state, no guess


@pytest.mark.parametrize("lat, lon, year, label", [
    (40.4093, 49.8671, 1896, "Russian Empire"),      # Baku: Russian since 1806/1813, not Persian
    (41.7151, 44.8271, 1900, "Russian Empire"),      # Tiflis: Russian since 1801
    (40.18, 44.51, 1900, "Russian Empire"),          # Erivan: Russian since Turkmenchay (1828)
    (40.60, 43.10, 1900, "Russian Empire"),          # Kars: Russian 1878-1918 (Treaty of Berlin)
    (38.08, 46.29, 1900, "Persia"),                  # Tabriz stays south of the Aras line
    (40.4093, 49.8671, 1914, "Russian Empire"),      # Baku: a governorate, not yet a republic
    (41.7151, 44.8271, 1914, "Russian Empire"),      # Tiflis
    (40.4093, 49.8671, 1930, "USSR (Azerbaijan)"),   # the source's SUBJECTO, not just the NAME
    (41.7151, 44.8271, 1930, "USSR (Georgia)"),
    (41.7151, 44.8271, 1920, "Georgia"),             # Tiflis: independent until February 1921
    (55.75, 37.62, 1920, "Russian SFSR"),            # Moscow: the USSR was founded in December 1922
    (50.45, 30.52, 1920, "Ukraine"),                 # Kiev: the country, whichever government held it
    (52.52, 13.40, 1900, "German Empire"),           # Berlin: the source's "Germany" of 1880 and 1900
    (52.52, 13.40, 1925, "Germany"),                 # the Weimar Republic
    (51.507, -0.128, 1930, "United Kingdom"),        # London, after the Irish Free State left (1922)
    (21.31, -157.86, 1880, "Kingdom of Hawaii"),     # Honolulu
    (53.35, -6.26, 1930, "Irish Free State"),        # Dublin: out of the United Kingdom in December 1922
    (54.6, -5.93, 1930, "United Kingdom"),           # Belfast
    (35.69, 51.39, 1930, "Persia"),                  # Tehran: "Iran" abroad only from 1935
    (41.01, 28.98, 1920, "Ottoman Empire"),          # Constantinople, the sultan's capital until 1922
    (21.31, -157.86, 1900, "United States (Hawaii)"),  # annexed in 1898
    (40.18, 44.51, 1930, "USSR (Armenia)"),          # Erivan, which the source puts in Azerbaijan
    (40.60, 43.10, 1930, "Turkey"),                  # Kars: Turkish from the Treaty of Kars (1921)
    (39.90, 41.27, 1925, "Ottoman Empire"),          # Erzurum: not the Sèvres Armenia of 1920 (the 1920 set)
    (36.20, 36.16, 1930, "France (Syria)"),          # Antioch: Syrian until 1938/39
    (39.90, 41.27, 1940, "Turkey"),
    (40.4093, 49.8671, 1940, "USSR"),
    (50.45, 30.52, 1930, "USSR (Ukraine)"),          # Kiev after the Union treaty of 1922
    (53.1325, 23.1688, 1925, "Poland"),              # Białystok
    (59.437, 24.7536, 1925, "Estonia"),              # Tallinn
    (56.95, 24.11, 1925, "Latvia"),                  # Riga
    (59.91, 10.75, 1920, "Norway"),                  # Kristiania
    (55.68, 12.57, 1920, "Denmark"),                 # Copenhagen
    (46.43, 6.91, 1936, "Switzerland"),              # Montreux
    (46.38, 6.24, 1937, "Switzerland"),              # Nyon
    (41.90, 12.50, 1914, "Kingdom of Italy"),        # the source spells it "Kingfom"
    (-15.8, -47.9, 1900, "Brazil"),                  # a republic since 1889, not Portugal's
    (28.61, 77.21, 1910, "United Kingdom of Great Britain and Ireland (British Raj)"),
    (33.31, 44.37, 1940, "Iraq"),                    # independent from 1932
    (52.52, 13.40, 1946, "Germany (Soviet)"),        # an occupation zone is not Soviet territory
    (38.90, -77.04, 1950, "United States"),          # the source's SUBJECTO "USA" is the same state
])
def test_the_polity_label_follows_the_corrected_borders_and_subjecto(lat, lon, year, label):
    assert polity_of(lat, lon, d(year)).label == label


def test_a_part_names_its_state_and_the_state_its_own_polygon():
    baku = polity_of(40.4093, 49.8671, d(1930))
    assert (baku.name, baku.part) == ("USSR", "Azerbaijan")
    assert polity_of(55.75, 37.62, d(1930)).part is None     # Moscow: the USSR itself
    assert polity_of(51.507, -0.128, d(1930)).part is None   # London


def test_constantinople_is_ottoman_until_the_republic():
    assert polity_of(41.01, 28.97, d(1914)).label == "Ottoman Empire"  # the source gives it to Bulgaria
    assert polity_of(41.01, 28.97, d(1920)).label == "Ottoman Empire"  # the sultanate, abolished in 1922
    assert polity_of(41.01, 28.97, d(1930)).label == "Turkey"


def test_the_polity_table_is_kept_and_worked_out_in_a_child_process_without_shapely_here(monkeypatch):
    import subprocess
    import sys

    from places import borders

    points = [(50.45, 30.52), (40.4093, 49.8671), (0.0, -30.0)]
    assert borders.cached_polity_table(points) is None
    table = borders.polity_table_in_subprocess(points)
    assert table["1900"] == ["Russian Empire", "Russian Empire", None]
    assert table["1930"][1] == "USSR (Azerbaijan)" and table["modern"][0] == "Ukraine"
    assert borders.cached_polity_table(points) == table  # kept: the next start reads it
    code = "import sys, places.borders; print('shapely' in sys.modules or 'numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("worked out again"))
    assert borders.polity_table_in_subprocess(points) == table


def test_a_failing_lookup_process_gives_no_table_and_no_traceback(monkeypatch, caplog):
    import subprocess

    from places import borders

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise subprocess.CalledProcessError(1, "python")

    monkeypatch.setattr(subprocess, "run", fail)
    assert borders.polity_table_in_subprocess([(1.0, 2.0)]) is None
    assert "cannot work out the polities" in caplog.text


# ---- how far the sets can tell: the polity between two sets ---------------------------------

from places.borders import SAME_STATE, polity_on, state_of  # noqa: E402

# One row per place, as a journey's polity table: Moscow, Berlin, Stockholm, Geneva, the sea, Rome, Kiev.
TABLE = {
    "1880": ["Russian Empire", "German Empire", "Sweden–Norway", "Switzerland", None, "Italy", "Russian Empire"],
    "1900": ["Russian Empire", "German Empire", "Sweden–Norway", "Switzerland", None, "Italy", "Russian Empire"],
    "1914": ["Russian Empire", "German Empire", "Sweden", "Switzerland", None, "Kingdom of Italy", "Russian Empire"],
    "1920": ["Russian SFSR", "Germany", "Sweden", "Switzerland", "Denmark", "Italy", "Ukraine"],
    "1930": ["USSR (Russia)", "Germany", "Sweden", "Switzerland", "Denmark", "Italy", "USSR (Ukraine)"],
    "1938": ["USSR", "Germany", "Sweden", "Switzerland", "Denmark", "Italy", "USSR"],
    "1945": ["USSR", "Germany (Soviet)", "Sweden", "Switzerland", "Denmark", "Italy", "USSR"],
    "1960": ["USSR", "East Germany", "Sweden", "Switzerland", "Denmark", "Italy", "USSR"],
    "modern": ["Russia", "Germany", "Sweden", "Switzerland", None, "Italy", "Ukraine"],
}
MOSCOW, BERLIN, STOCKHOLM, GENEVA, SEA, ROME, KIEV = range(7)


def test_between_two_sets_that_disagree_on_an_undated_change_both_are_named():
    # Kiev in November 1919: the Empire of the 1914 set had ended, and Kiev changed hands
    # many times before the Ukraine (Soviet) of the 1920 set: no one date to name
    assert polity_on(TABLE, KIEV, d(1919, 11)) == "Russian Empire on the 1914 map, Ukraine on the 1920 map"
    # Moscow after 7 November 1917: Soviet power came city by city, in a civil war
    assert polity_on(TABLE, MOSCOW, d(1919, 11)) == "Russian Empire on the 1914 map, Russian SFSR on the 1920 map"
    assert polity_on(TABLE, BERLIN, d(1950)) == "Germany (Soviet) on the 1945 map, East Germany on the 1960 map"
    assert polity_on(TABLE, SEA, d(1915)) == "no state on the 1914 map, Denmark on the 1920 map"


@pytest.mark.parametrize("row, when, polity", [
    (MOSCOW, (1916, 6, 1), "Russian Empire"),
    (MOSCOW, (1917, 3, 14), "Russian Empire"),                  # the day before the abdication
    (MOSCOW, (1917, 3, 15), "Russia (Provisional Government)"),
    (MOSCOW, (1917, 11, 6), "Russia (Provisional Government)"),  # its last day (25 October, old style, was the 7th)
    (MOSCOW, (1922, 12, 29), "Russian SFSR"),
    (MOSCOW, (1922, 12, 30), "USSR (Russia)"),                  # the Union treaty: the later set's name
    (KIEV, (1922, 6, 1), "Ukraine"),
    (KIEV, (1925, 1, 1), "USSR (Ukraine)"),
    (BERLIN, (1918, 11, 8), "German Empire"),
    (BERLIN, (1918, 11, 9), "Germany"),                         # the republic proclaimed
    (STOCKHOLM, (1905, 10, 25), "Sweden–Norway"),
    (STOCKHOLM, (1905, 10, 26), "Sweden"),                      # the union dissolved
])
def test_a_dated_change_between_two_sets_names_the_state_of_the_day(row, when, polity):
    assert polity_on(TABLE, row, d(*when)) == polity


def test_over_a_month_or_a_year_each_dated_change_within_it_is_named():
    """A date known to the month does not claim its first day's state for all its days."""
    from places.borders import polity_over

    assert polity_over(TABLE, MOSCOW, d(1922, 12, 1), d(1922, 12, 31)) == (
        "Russian SFSR, then USSR (Russia) from 30 December 1922")
    assert polity_over(TABLE, MOSCOW, d(1917, 1, 1), d(1917, 12, 31)) == (
        "Russian Empire, then Russia (Provisional Government) from 15 March 1917, then uncertain from 7 November 1917"
        " (Russian Empire on the 1914 map, Russian SFSR on the 1920 map)")
    # across a new set: the two maps' answer resolves at the set, with no date made up for it
    assert polity_over(TABLE, KIEV, d(1919, 1, 1), d(1923, 12, 31)) == (
        "Russian Empire on the 1914 map, Ukraine on the 1920 map, then USSR (Ukraine) from 30 December 1922")
    assert polity_over(TABLE, MOSCOW, d(1917, 1, 1), d(1923, 12, 31)) == (
        "Russian Empire, then Russia (Provisional Government) from 15 March 1917, then uncertain from 7 November 1917"
        " (Russian Empire on the 1914 map, Russian SFSR on the 1920 map), then USSR (Russia) from 30 December 1922")
    assert polity_over(TABLE, BERLIN, d(1944, 1, 1), d(1946, 12, 31)) == (
        "Germany, then Germany (Soviet) on the 1945 map, then uncertain after 1945"
        " (Germany (Soviet) on the 1945 map, East Germany on the 1960 map)")
    # after a set's own year with no dated change, the two maps: no date borrowed from another change
    assert polity_over(TABLE, SEA, d(1914, 6, 1), d(1915, 12, 31)) == (
        "no state, then uncertain after 1914 (no state on the 1914 map, Denmark on the 1920 map)")
    assert polity_over(TABLE, KIEV, d(1914, 6, 1), d(1915, 12, 31)) == "Russian Empire"  # dated: the Empire until 1917
    assert polity_over(TABLE, MOSCOW, d(1922, 11, 1), d(1922, 11, 30)) == "Russian SFSR"  # nothing changed
    assert polity_over(TABLE, KIEV, d(1925, 1, 1), d(1925, 12, 31)) == "USSR (Ukraine)"
    assert polity_over(TABLE, MOSCOW, d(1922, 12, 1), d(1922, 12, 31), "modern") == "Russia (today's borders)"


def test_a_dated_change_outside_the_years_between_the_sets_is_not_used(monkeypatch):
    import places.borders as borders

    monkeypatch.setattr(borders, "transitions", lambda: {("Russian Empire", "Ukraine"): ((d(1925, 1, 1), "Ukraine"),)})
    assert polity_on(TABLE, KIEV, d(1919, 11)) == "Russian Empire on the 1914 map, Ukraine on the 1920 map"


def test_the_dated_changes_are_well_formed():
    from places.borders import transitions

    table = transitions()
    assert ("Russian SFSR", "USSR") in table and ("German Empire", "Germany") in table
    for (before, after), steps in table.items():
        days = [first for first, _ in steps]
        assert days == sorted(days) and len(set(days)) == len(days), (before, after)
        assert before != after and steps[-1][1] in (after, None)  # the later set's state, or no one date
        assert state_of(before) == before and state_of(after) == after  # states, not parts or aliases


def test_where_the_sets_agree_or_in_a_sets_own_year_the_polity_is_plain():
    assert polity_on(TABLE, GENEVA, d(1916)) == "Switzerland"
    assert polity_on(TABLE, MOSCOW, d(1914)) == "Russian Empire"   # the set's own year
    assert polity_on(TABLE, MOSCOW, d(1933)) == "USSR (Russia)"      # "USSR" in 1938 is the same state
    assert polity_on(TABLE, BERLIN, d(1905)) == "German Empire"
    assert polity_on(TABLE, ROME, d(1905)) == "Italy"                # "Kingdom of Italy" is the source's other name
    assert polity_on(TABLE, ROME, d(1916)) == "Kingdom of Italy"
    assert polity_on(TABLE, SEA, d(1905)) is None                    # no state in either set


def test_outside_the_sets_the_set_standing_in_is_named():
    assert polity_on(TABLE, MOSCOW, d(1876)) == "Russian Empire on the 1880 map"
    assert polity_on(TABLE, MOSCOW, d(1970)) == "USSR on the 1960 map"


def test_modern_borders_are_todays_and_need_no_years():
    assert polity_on(TABLE, MOSCOW, d(1919), "modern") == "Russia (today's borders)"
    assert polity_on({}, MOSCOW, d(1919)) is None  # no table yet


def test_a_part_or_another_name_is_the_same_state():
    assert state_of("USSR (Azerbaijan)") == state_of("USSR") == "USSR"
    assert state_of("Kingdom of Italy") == state_of("Italy")
    assert state_of("Sweden–Norway") != state_of("Sweden")
    assert state_of("German Empire") != state_of("Germany")  # the Empire ended in 1918
    assert state_of("Persia") != state_of("Iran")
    assert all(new == state_of(new) for new in SAME_STATE.values())  # every alias ends at a name of its own
