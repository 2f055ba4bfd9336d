"""The timeline's counts per period, checked against a count made here one article at a time."""

import math
from collections import Counter
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.date_format import sort_key
from viewer.core.date_range import DateRange
from viewer.core.timeline_counts import (
    MAX_BARS,
    NO_DAY,
    PERIODS,
    bars_in,
    bucket_range,
    count,
    csv_rows,
    label,
    local_days,
)

dates = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
)


def period_start(day: date, period: str) -> date:
    """The period's first day, worked out without the code under test."""
    if period == "day":
        return day
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def keys_of(values):
    return np.array([math.nan if v is None else sort_key(v) for v in values], dtype=np.float64)


@settings(max_examples=60, deadline=None)
@given(st.lists(dates, max_size=60), st.sampled_from(PERIODS), st.data())
def test_counts_per_period_agree_with_a_count_of_each_article(values, period, data):
    days = local_days(keys_of(values))
    picked = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=len(values)))
    picked = picked if values else []
    counts = count(days, period, [days[np.array(picked, dtype=np.int64)]])
    known = [v.date() for v in values if v is not None]
    assert counts.undated == len(values) - len(known)
    assert counts.series_undated[0] == sum(1 for p in picked if values[p] is None)
    expected = Counter(period_start(d, counts.period) for d in known)
    got = {s: int(t) for s, t in zip(counts.starts(), counts.totals, strict=True) if t}
    assert got == dict(expected)
    chosen = Counter(period_start(values[p].date(), counts.period) for p in picked if values[p])
    series = {s: int(c) for s, c in zip(counts.starts(), counts.series[0], strict=True) if c}
    assert series == dict(chosen)
    if known and not counts.coarser:
        assert counts.period == period
    assert len(counts) <= MAX_BARS


@settings(max_examples=40, deadline=None)
@given(st.lists(dates.filter(lambda d: d is not None), min_size=1, max_size=40), st.data())
def test_a_range_of_bars_holds_exactly_the_articles_counted_in_them(values, data):
    counts = count(local_days(keys_of(values)), None, [])
    first = data.draw(st.integers(0, len(counts) - 1))
    last = data.draw(st.integers(first, len(counts) - 1))
    low, high = bucket_range(counts, first, last)
    inside = DateRange("published", low, high)
    assert sum(inside.passes(sort_key(v)) for v in values) == int(
        counts.totals[first : last + 1].sum()
    )
    assert bars_in(counts, low, high) == (first, last)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(-6.2e10),
                          st.just(2.5e11)), max_size=40), st.sampled_from(PERIODS))  # fmt: skip
def test_any_keys_at_all_are_counted_without_raising(keys, period):
    days = local_days(np.array(keys, dtype=np.float64))
    counts = count(days, period, [days])
    assert int(counts.totals.sum()) + counts.undated == len(keys)
    assert counts.undated == sum(1 for k in keys if not math.isfinite(k))
    rows = csv_rows(counts, ["all"])
    assert len(rows) == len(counts) + 2
    assert all(label(counts.first + i, counts.period) for i in range(len(counts)))


def test_a_span_of_centuries_counted_by_day_comes_out_coarser():
    days = local_days(keys_of([datetime(1900, 1, 1), datetime(2090, 1, 1)]))
    counts = count(days, "day", [])
    assert counts.coarser and counts.period != "day" and len(counts) <= MAX_BARS
    assert int(counts.totals.sum()) == 2


def test_the_csv_has_a_row_per_period_and_the_undated_one():
    values = [datetime(2024, 1, 3), datetime(2024, 1, 20), datetime(2024, 3, 1), None]
    days = local_days(keys_of(values))
    counts = count(days, "month", [days[[0, 3]]])
    assert csv_rows(counts, ["river"]) == [
        ["period start", "total", "river count", "river share %"],
        ["2024-01-01", "2", "1", "50"],
        ["2024-02-01", "0", "0", "0"],
        ["2024-03-01", "1", "0", "0"],
        ["no date", "1", "1", "100"],
    ]


def test_a_query_that_looks_like_a_formula_stays_text_in_the_csv():
    days = local_days(keys_of([datetime(2024, 1, 3)]))
    header = csv_rows(count(days, "month", [days]), ["=HYPERLINK(1)"])[0]
    assert header[2:] == ["'=HYPERLINK(1) count", "'=HYPERLINK(1) share %"]


@pytest.mark.parametrize("period", PERIODS)
def test_nothing_listed_counts_to_no_bars(period):
    counts = count(np.zeros(0, dtype=np.int64), period, [])
    assert len(counts) == 0 and counts.undated == 0
    assert local_days(np.array([math.nan])).tolist() == [NO_DAY]
