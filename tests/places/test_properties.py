"""Property tests: dates round-trip, intervals are ordered, mangled documents fail cleanly."""
import copy
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mini_journey import MINI
from places import JourneyError, journey_from_data
from places.dates import FuzzyDate
from places.loader import parse_json

fuzzy_dates = st.builds(
    lambda d, precision, q: FuzzyDate(d.year, d.month if precision > 1 else None, d.day if precision > 2 else None, q in "~%", q in "?%"),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(1, 3),
    st.sampled_from(["", "~", "?", "%"]),
)


@given(fuzzy_dates)
def test_parsing_a_written_date_gives_the_same_date(d):
    assert FuzzyDate.parse(str(d)) == d


@given(fuzzy_dates)
def test_intervals_are_well_ordered_and_contain_the_date(d):
    first, last = d.interval
    assert first <= last
    assert date.fromordinal(first).year == d.year == date.fromordinal(last).year


@given(fuzzy_dates, fuzzy_dates)
def test_a_coarser_date_contains_its_finer_days(a, b):
    if a.year == b.year and a.month is None:
        assert a.first_day <= b.first_day and b.last_day <= a.last_day


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_documents_raise_only_the_loaders_error(doc):
    try:
        journey_from_data(doc, "random.json")
    except JourneyError:
        pass


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, prefix + (i,))


ALL_PATHS = [p for p in _paths(MINI) if p]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ALL_PATHS), json_values)
def test_mangled_journeys_raise_only_the_loaders_error(path, value):
    doc = copy.deepcopy(MINI)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        journey_from_data(doc, "mangled.json")
    except JourneyError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_parse_or_fail_cleanly(raw):
    try:
        text = raw.decode("utf-8")
        journey_from_data(parse_json(text, "bytes.json"), "bytes.json")
    except (UnicodeDecodeError, JourneyError):
        pass
