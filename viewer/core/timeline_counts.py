"""The timeline's counts: articles per day, week, month or year, as arrays (numpy, no Qt).

Dates come in as the list's sort keys (``date_format.sort_key``: seconds, naive dates read as
local time, NaN for none), are turned into local calendar days once, and are counted per
period with ``bincount``: no Python loop per article. A period is a bucket number on an axis
of periods (days since 0001-01-01, weeks since then, months or years since 1970).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

import numpy as np
import numpy.typing as npt

PERIODS: Final = ("day", "week", "month", "year")
PERIOD_LABELS: Final = {"day": "Day", "week": "Week", "month": "Month", "year": "Year"}
NO_DAY: Final = -1  # the day of an article with no date
MAX_BARS: Final = 4000  # more periods than this are counted a coarser period instead
_AUTO_BARS: Final = 120  # the automatic period is the finest with at most this many bars
_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
_MIN_ORDINAL: Final = 1
_MAX_ORDINAL: Final = date(9999, 12, 31).toordinal()
_CALENDAR_SECONDS: Final = (
    (_MIN_ORDINAL - _EPOCH_ORDINAL) * 86400.0,
    (_MAX_ORDINAL - _EPOCH_ORDINAL) * 86400.0 + 86399.0,
)

Days = npt.NDArray[np.int64]
Keys = npt.NDArray[np.float64]


def local_days(keys: Keys) -> Days:
    """The local calendar day (``date.toordinal``) of each sort key; ``NO_DAY`` for NaN.

    The local offset is looked up at the start and the end of each distinct day, not per
    article (a library spans a few thousand days); only on the day or two a year when the
    clocks change are the keys of that day looked up one by one.
    """
    keys = np.asarray(keys, dtype=np.float64)
    days = np.full(keys.shape, NO_DAY, dtype=np.int64)
    known = np.isfinite(keys)
    if not known.any():
        return days
    dated = np.clip(keys[known], *_CALENDAR_SECONDS)
    utc_days, inverse = np.unique(np.floor(dated / 86400.0), return_inverse=True)
    inverse = inverse.reshape(-1)
    starts = np.fromiter((_offset(d * 86400.0) for d in utc_days), np.float64, len(utc_days))
    ends = np.fromiter((_offset(d * 86400.0 + 86399.0) for d in utc_days), np.float64,
                       len(utc_days))  # fmt: skip
    offsets = starts[inverse]
    changing = np.flatnonzero((starts != ends)[inverse])
    if len(changing):
        offsets[changing] = [_offset(float(k)) for k in dated[changing]]
    # A date past the calendar's ends (a hostile file) counts on its first or last day.
    seconds = np.clip(dated + offsets, *_CALENDAR_SECONDS)
    days[known] = np.floor(seconds / 86400.0).astype(np.int64) + _EPOCH_ORDINAL
    return days


def _offset(seconds: float) -> float:
    """The local time's offset from UTC at ``seconds`` (0 where the platform cannot say)."""
    try:
        offset = datetime.fromtimestamp(seconds).astimezone().utcoffset()
    except (OverflowError, OSError, ValueError):
        return 0.0
    return 0.0 if offset is None else offset.total_seconds()


def day_start(ordinal: int) -> float:
    """The sort key of the local midnight that starts day ``ordinal``."""
    ordinal = min(max(ordinal, _MIN_ORDINAL), _MAX_ORDINAL)
    midnight = datetime.combine(date.fromordinal(ordinal), datetime.min.time())
    try:
        return midnight.timestamp()
    except (OverflowError, OSError, ValueError):
        return float(ordinal * 86400)  # as sort_key falls back


def buckets(days: Days, period: str) -> Days:
    """Each known day's period number (days with ``NO_DAY`` are left out by the caller)."""
    if period == "day":
        return days
    if period == "week":
        return (days - 1) // 7  # 0001-01-01 was a Monday: weeks start on Mondays
    stamps = (days - _EPOCH_ORDINAL).astype("datetime64[D]")
    unit = "datetime64[M]" if period == "month" else "datetime64[Y]"
    return stamps.astype(unit).astype(np.int64)


def bucket_start(bucket: int, period: str) -> date:
    """The first day of period number ``bucket``."""
    if period == "day":
        return date.fromordinal(min(max(bucket, _MIN_ORDINAL), _MAX_ORDINAL))
    if period == "week":
        return date.fromordinal(min(max(bucket * 7 + 1, _MIN_ORDINAL), _MAX_ORDINAL))
    if period == "month":
        year, month = divmod(bucket, 12)
        return date(min(max(1970 + year, 1), 9999), month + 1, 1)
    return date(min(max(1970 + bucket, 1), 9999), 1, 1)


def next_bucket_start(bucket: int, period: str) -> date | None:
    """The day after period ``bucket`` ends (None past the calendar's end)."""
    start = bucket_start(bucket + 1, period)
    return start if start > bucket_start(bucket, period) else None


def auto_period(first: int, last: int) -> str:
    """The finest period that shows days ``first`` to ``last`` in at most a hundred-odd bars."""
    span = max(last - first, 0) + 1
    for period, days in (("day", 1), ("week", 7), ("month", 30.44)):
        if span / days <= _AUTO_BARS:
            return period
    return "year"


def label(bucket: int, period: str) -> str:
    """The period as a person reads it: "4 Mar 2024", "Week of 4 Mar 2024", "Mar 2024", "2024"."""
    start = bucket_start(bucket, period)
    if period == "day":
        return f"{start.day} {start:%b} {start.year}"
    if period == "week":
        return f"Week of {start.day} {start:%b} {start.year}"
    if period == "month":
        return f"{start:%b} {start.year}"
    return str(start.year)


def short_label(bucket: int, period: str) -> str:
    """The period as the axis names it: "4 Mar 2024" (a day, a week's Monday), "Mar 2024"."""
    start = bucket_start(bucket, period)
    if period in ("day", "week"):
        return f"{start.day} {start:%b} {start.year}"
    return label(bucket, period)


@dataclass(frozen=True)
class Counts:
    """Articles per period: every article listed, and each series (the list's filter, queries)."""

    period: str
    first: int  # the period number of the first bar
    totals: npt.NDArray[np.int64]  # per bar
    series: tuple[npt.NDArray[np.int64], ...]  # per series, per bar
    undated: int  # articles listed with no date
    series_undated: tuple[int, ...]
    coarser: bool = False  # the period asked for would have made too many bars

    def __len__(self) -> int:
        """The number of period bars (the "no date" bar aside)."""
        return len(self.totals)

    def starts(self) -> list[date]:
        """The first day of each bar's period."""
        return [bucket_start(self.first + i, self.period) for i in range(len(self.totals))]

    def share(self, series: int) -> npt.NDArray[np.float64]:
        """A series' share of each period's articles, in percent (0 where there are none)."""
        totals = self.totals.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.where(totals > 0, self.series[series] * 100.0 / totals, 0.0)
        return shares


def count(days: Days, period: str | None, series: Sequence[Days]) -> Counts:
    """Count ``days`` (every article listed) and each series' days per period; ``period``
    None chooses one for the span (``auto_period``)."""
    days = np.asarray(days, dtype=np.int64)
    known = days[days != NO_DAY]
    undated = int(len(days) - len(known))
    undated_each = tuple(int(np.count_nonzero(np.asarray(s) == NO_DAY)) for s in series)
    if not len(known):
        empty = np.zeros(0, dtype=np.int64)
        no_series = tuple(empty for _ in series)
        return Counts(period or "month", 0, empty, no_series, undated, undated_each)
    low, high = int(known.min()), int(known.max())
    chosen = period if period in PERIODS else auto_period(low, high)
    coarser = False
    while True:
        first = int(buckets(np.array([low]), chosen)[0])
        bars = int(buckets(np.array([high]), chosen)[0]) - first + 1
        if bars <= MAX_BARS or chosen == "year":
            break
        chosen = PERIODS[PERIODS.index(chosen) + 1]
        coarser = True
    totals = np.bincount(buckets(known, chosen) - first, minlength=bars)
    counted = []
    for each in series:
        each = np.asarray(each, dtype=np.int64)
        dated = each[each != NO_DAY]
        counted.append(np.bincount(buckets(dated, chosen) - first, minlength=bars)[:bars])
    return Counts(chosen, first, totals[:bars], tuple(counted), undated, undated_each, coarser)


def bucket_range(counts: Counts, first_bar: int, last_bar: int) -> tuple[float, float | None]:
    """The sort keys ``[low, high)`` of bars ``first_bar`` to ``last_bar`` (None: no end)."""
    low_bar, high_bar = sorted((first_bar, last_bar))
    start = bucket_start(counts.first + low_bar, counts.period)
    end = next_bucket_start(counts.first + high_bar, counts.period)
    return day_start(start.toordinal()), None if end is None else day_start(end.toordinal())


def bars_in(counts: Counts, low: float | None, high: float | None) -> tuple[int, int] | None:
    """The first and last bars whose periods start in ``[low, high)`` (None: none do)."""
    if not len(counts):
        return None
    starts = np.array([day_start(d.toordinal()) for d in counts.starts()], dtype=np.float64)
    inside = np.ones(len(starts), dtype=bool)
    if low is not None:
        inside &= starts >= low
    if high is not None:
        inside &= starts < high
    found = np.flatnonzero(inside)
    return (int(found[0]), int(found[-1])) if len(found) else None


def range_label(counts: Counts, first_bar: int, last_bar: int) -> str:
    """Bars ``first_bar`` to ``last_bar`` as a person reads them: "Mar 2024 – May 2024"."""
    low_bar, high_bar = sorted((first_bar, last_bar))
    low = label(counts.first + low_bar, counts.period)
    if low_bar == high_bar:
        return low
    return f"{low} – {label(counts.first + high_bar, counts.period)}"


def csv_rows(counts: Counts, names: Sequence[str]) -> list[list[str]]:
    """The counts as CSV rows: a header, one row per period, then the "no date" row."""
    from viewer.core.article_export import inert_cell  # a query named "=…" stays text

    header = ["period start", "total"]
    for name in names:
        header += [inert_cell(f"{name} count"), inert_cell(f"{name} share %")]
    rows = [header]
    shares = [counts.share(i) for i in range(len(names))]
    for bar, start in enumerate(counts.starts()):
        row = [start.isoformat(), str(int(counts.totals[bar]))]
        for i in range(len(names)):
            row += [str(int(counts.series[i][bar])), _percent(float(shares[i][bar]))]
        rows.append(row)
    undated = ["no date", str(counts.undated)]
    for i in range(len(names)):
        each = counts.series_undated[i]
        undated += [str(each), _percent(each * 100.0 / counts.undated if counts.undated else 0.0)]
    rows.append(undated)
    return rows


def _percent(value: float) -> str:
    return "0" if not math.isfinite(value) else f"{value:.2f}".rstrip("0").rstrip(".")
