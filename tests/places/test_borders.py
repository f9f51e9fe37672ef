from datetime import date

import pytest

from places.borders import MODERN, border_set, polity_of, set_year_for


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
