"""The timeline's pure maths: tick levels, the day <-> pixel viewport, rows and runs."""
from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from places import Precision, journey_from_data
from viewer.timeline_axis import (LEVELS, MIN_SPAN_DAYS, RowIndex, Viewport, choose_level, context_label,
                                  minor_level, scale_precision, ticks)


def width7(text: str) -> float:
    return 7.0 * len(text)


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


LIFE = (d("1876-07-17"), d("1951-12-31"))


def test_decades_for_a_whole_life_months_for_a_year_days_for_a_month():
    life_ppd = 760 / (LIFE[1] - LIFE[0] + 1)
    assert choose_level(life_ppd, width7).name == "decades"
    assert choose_level(760 / 365, width7).name == "months"
    assert choose_level(760 / 30, width7).name == "weeks"
    assert choose_level(1000 / 30, width7).name == "days"
    assert choose_level(1e-6, width7) is LEVELS[0]


def test_finer_zoom_never_gives_coarser_ticks():
    levels = [LEVELS.index(choose_level(10 ** (k / 10), width7)) for k in range(-50, 20)]
    assert levels == sorted(levels)


def test_ticks_lie_in_range_in_order_with_the_year_on_january():
    year_ticks = ticks(choose_level(760 / 365, width7), d("1915-03-10"), d("1916-03-10"))
    days = [day for day, _ in year_ticks]
    assert days == sorted(days) and all(d("1915-03-10") <= day <= d("1916-03-10") for day in days)
    labels = dict(year_ticks)
    assert labels[d("1915-04-01")] == "Apr" and labels[d("1916-01-01")] == "1916"
    decades = ticks(LEVELS[2], *LIFE)
    assert [label for _, label in decades] == [str(y) for y in range(1880, 1951, 10)]


def test_weeks_and_days_label_the_first_of_the_month_by_name():
    weeks = dict(ticks(next(l for l in LEVELS if l.name == "weeks"), d("1915-01-25"), d("1915-02-20")))
    assert weeks == {d("1915-02-01"): "Feb", d("1915-02-08"): "8", d("1915-02-15"): "15"}
    assert context_label(LEVELS[-1], d("1915-02-03")) == "Feb 1915"
    assert context_label(next(l for l in LEVELS if l.name == "months"), d("1915-02-03")) == "1915"


def test_minor_ticks_subdivide_the_major_ones():
    decades = LEVELS[2]
    minor = minor_level(decades, 760 / (LIFE[1] - LIFE[0]))
    assert minor is not None and minor.name == "years"
    assert minor_level(LEVELS[-1], 100.0) is None


def make_view(width: float = 800.0) -> Viewport:
    vp = Viewport(*LIFE)
    vp.set_geometry(100, width)
    return vp


@given(st.integers(LIFE[0], LIFE[1]), st.floats(1.0, 900.0), st.floats(0, 1))
def test_day_at_x_of_round_trips_at_any_zoom(day, factor, where):
    vp = make_view()
    vp.zoom_by(factor, 100 + 800 * where)
    vp.ensure_visible(day)
    assert vp.day_at(vp.x_of(day)) == day


@given(st.floats(0.01, 100.0), st.floats(150, 750))
def test_zoom_keeps_the_anchor_day_and_stays_within_limits(factor, anchor_x):
    vp = make_view()
    vp.zoom_by(4.0, 450)
    before = vp.start + (anchor_x - vp.left) / vp.px_per_day
    vp.zoom_by(factor, anchor_x)
    assert MIN_SPAN_DAYS - 1e-6 <= vp.span <= LIFE[1] + 1 - LIFE[0] + 1e-6
    assert LIFE[0] <= vp.start and vp.start + vp.span <= LIFE[1] + 1 + 1e-6
    inside = LIFE[0] < vp.start < LIFE[1] + 1 - vp.span
    if inside:
        assert abs(vp.start + (anchor_x - vp.left) / vp.px_per_day - before) < 1e-3


def test_pan_moves_content_with_the_pointer_and_stops_at_the_ends():
    vp = make_view()
    vp.zoom_by(10, 500)
    start = vp.start
    vp.pan_by(80)
    assert vp.start < start
    vp.pan_by(1e9)
    assert vp.start == LIFE[0]
    vp.pan_by(-1e9)
    assert vp.visible_range()[1] == LIFE[1]


def test_ensure_visible_scrolls_only_when_the_day_is_out_of_view():
    vp = make_view()
    vp.zoom_by(20, 100)
    first, last = vp.visible_range()
    assert not vp.ensure_visible(first + 5)
    assert vp.ensure_visible(last + 400)
    assert vp.visible_range()[0] <= last + 400 <= vp.visible_range()[1]


def generated(n_places: int, n_stays: int) -> dict:
    places = [{"id": f"p{i}", "name": f"Place {i}", "lat": 0, "lon": 0} for i in range(n_places)]
    stays, day = [], d("1800-01-01")
    for k in range(n_stays):
        place = f"p{(k * 7) % n_places if k % 3 else k % 4}" if k % 11 else None
        kind = "unknown" if place is None else "visit"
        stays.append({"place": place, "start": date.fromordinal(day).isoformat(),
                      "end": date.fromordinal(day + k % 3).isoformat(), "kind": kind, "certainty": "certain"})
        day += k % 3 + 1 + k % 2
    return {"format": "litvinov-atlas/journey", "version": 1, "places": places, "stays": stays, "passages": []}


def test_rows_follow_first_visits_and_keep_the_most_visited_forty():
    journey = journey_from_data(generated(60, 2000))
    index = RowIndex(journey)
    assert [r.label for r in index.rows[-2:]] == [f"other places ({len(index.folded)})", "unknown"]
    assert len(index.rows) == 42
    firsts = [r.starts[0] for r in index.rows[:-2]]
    assert firsts == sorted(firsts)
    assert {"p0", "p1", "p2", "p3"} <= {r.key for r in index.rows}
    for i, stay in enumerate(journey.stays):
        assert i in index.rows[index.row_of[i]].stays


def test_runs_merge_gaps_under_a_pixel_and_cover_every_stay():
    journey = journey_from_data(generated(5, 3000))
    index = RowIndex(journey)
    row = index.rows[0]
    exact = index.runs(0, journey.first_day, journey.last_day, 0.5)
    assert len(exact) == len(row.stays)
    merged = index.runs(0, journey.first_day, journey.last_day, 60)
    assert len(merged) < len(exact) / 5
    for a, b in zip(row.starts, row.ends):
        assert any(s <= a and b <= e for s, e in merged)


def test_stay_in_row_finds_the_stay_or_the_nearest_within_slack():
    journey = journey_from_data(generated(5, 50))
    index = RowIndex(journey)
    row = index.rows[1]
    i = row.stays[2]
    assert index.stay_in_row(1, row.starts[2]) == i
    assert index.stay_in_row(1, row.ends[2] + 1) is None or row.starts[3] == row.ends[2] + 1
    assert index.stay_in_row(1, row.ends[2] + 1, slack=1.0) is not None
    assert list(index.visible_stays(row.starts[2], row.starts[2])) == [i]


def test_a_day_picked_at_a_zoom_is_known_to_what_a_pixel_spans():
    assert scale_precision(1.0) is Precision.DAY
    assert scale_precision(1 / 20) is Precision.DAY
    assert scale_precision(1 / 60) is Precision.MONTH
    assert scale_precision(1 / 400) is Precision.YEAR


def test_places_that_do_not_fit_fold_into_one_row_least_time_first():
    journey = journey_from_data(generated(12, 400))
    total = {}
    for stay in journey.stays:
        if stay.place_id:
            total[stay.place_id] = total.get(stay.place_id, 0) + stay.last_day - stay.first_day + 1
    assert RowIndex.rows_wanted(journey) == len(total) + 1  # and one for unknown
    index = RowIndex(journey, max_rows=8)
    assert len(index.rows) == 8
    assert [r.label for r in index.rows[-2:]] == [f"other places ({len(total) - 6})", "unknown"]
    kept = [r.key for r in index.rows[:-2]]
    assert min(total[p] for p in kept) >= max(total[p] for p in index.folded)
    firsts = [r.starts[0] for r in index.rows[:-2]]
    assert firsts == sorted(firsts)
    other = index.rows[-2]
    for i, stay in enumerate(journey.stays):
        if stay.place_id in index.folded:
            assert index.row_of[i] == len(index.rows) - 2 and i in other.stays
            assert index.place_row[stay.place_id] == len(index.rows) - 2


def test_a_fold_never_hides_a_single_place_and_everything_fits_when_there_is_room():
    journey = journey_from_data(generated(12, 400))
    wanted = RowIndex.rows_wanted(journey)
    assert RowIndex(journey, max_rows=wanted).folded == []
    assert RowIndex(journey, max_rows=wanted + 5).folded == []
    assert len(RowIndex(journey, max_rows=wanted - 1).folded) == 2


def test_rows_are_named_as_on_the_day_and_know_when_a_name_can_change(mini_data):
    index = RowIndex(journey_from_data(mini_data))
    assert index.labels_on(date(1916, 1, 1).toordinal()) == ["Kiev", "London", "Petrograd", "unknown"]
    assert index.labels_on(date(1930, 1, 1).toordinal()) == ["Kiev", "London", "Leningrad", "unknown"]
    assert index.labels_on(date(2000, 1, 1).toordinal()) == ["Kyiv", "London", "Saint Petersburg", "unknown"]
    same = {index.names_epoch(date(1916, m, 1).toordinal()) for m in range(1, 13)}
    assert len(same) == 1
    assert index.names_epoch(date(1930, 1, 1).toordinal()) != same.pop()
