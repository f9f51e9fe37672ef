from datetime import date

import pytest

from places.dates import DateError, FuzzyDate, Precision, day_label, day_of, span_label


@pytest.mark.parametrize("text, first, last", [
    ("1906", date(1906, 1, 1), date(1906, 12, 31)),
    ("1908-01", date(1908, 1, 1), date(1908, 1, 31)),
    ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),  # 1900 is not a leap year
    ("1904-02", date(1904, 2, 1), date(1904, 2, 29)),
    ("1915-02-14", date(1915, 2, 14), date(1915, 2, 14)),
])
def test_a_fuzzy_date_covers_the_closed_interval_of_days_it_could_mean(text, first, last):
    d = FuzzyDate.parse(text)
    assert d.interval == (first.toordinal(), last.toordinal())


@pytest.mark.parametrize("text, label", [
    ("1906", "1906"),
    ("1908-01", "January 1908"),
    ("1915-02-14", "14 February 1915"),
    ("1906~", "c. 1906"),
    ("1908-01?", "January 1908 (?)"),
    ("1902%", "c. 1902 (?)"),
])
def test_dates_are_shown_in_words_by_their_precision(text, label):
    assert FuzzyDate.parse(text).label() == label


def test_every_month_of_every_year_has_its_calendar_length():
    import calendar

    from places.dates import days_in_month

    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in range(1, 10000) for m in range(1, 13))
    assert FuzzyDate.parse("2000-02").last_day == date(2000, 2, 29).toordinal()  # divisible by 400: a leap year
    assert FuzzyDate.parse("1700-02").last_day == date(1700, 2, 28).toordinal()


def test_the_days_a_date_covers_are_not_part_of_its_identity():
    a, b = FuzzyDate.parse("1908-01"), FuzzyDate(1908, 1)
    assert a == b and hash(a) == hash(b) and repr(a) == "FuzzyDate(year=1908, month=1, day=None, approximate=False, uncertain=False)"
    from dataclasses import replace

    assert replace(a, day=31).interval == (date(1908, 1, 31).toordinal(),) * 2  # a copy works its days out anew


def test_qualifiers_are_kept():
    d = FuzzyDate.parse("1908-01~")
    assert d.approximate and not d.uncertain and d.precision is Precision.MONTH and d.is_fuzzy
    assert str(d) == "1908-01~"
    assert not FuzzyDate.parse("1915-02-14").is_fuzzy


@pytest.mark.parametrize("bad", ["", "19", "1908-13", "1908-02-30", "1900-02-29", "0000", "1908/01", "1908-1", " 1908", "1908-01-01T00", "~1908", None, 1908,
                                 "1898\n", "1898-01\n", "\u0661\u0668\u0669\u0668", "1898-\u0660\u0661"])
def test_impossible_or_malformed_dates_are_rejected_with_a_reason(bad):
    with pytest.raises(DateError):
        FuzzyDate.parse(bad)


def test_day_of_accepts_ordinals_dates_and_strings():
    assert day_of("1910-06-01") == date(1910, 6, 1).toordinal()
    assert day_of(date(1942, 6, 1)) == date(1942, 6, 1).toordinal()
    assert day_of(700000) == 700000
    assert day_of("1910") == date(1910, 1, 1).toordinal()
    with pytest.raises(DateError):
        day_of(0)


def test_labels_for_days_and_spans():
    assert day_label(date(1917, 11, 8).toordinal()) == "8 November 1917"
    assert span_label(FuzzyDate.parse("1908"), FuzzyDate.parse("1918")) == "1908 – 1918"
    assert span_label(FuzzyDate.parse("1906"), FuzzyDate.parse("1906")) == "1906"
