"""The dates of a search: ``after:``, ``before:`` and ``year:``, whole, partial or relative
(no Qt).

``after:`` counts from the start of the day, month or year it names, ``before:`` up to that
start: ``after:2024-05 before:2024-06`` is May 2024. Relative dates count back from today:
``after:-30d`` is the last 30 days (``w`` weeks, ``m`` months, ``y`` years).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from viewer.core.query_tree import Dated, SearchQueryError

DATE_KEYS = ("after", "before", "year")
EXAMPLES = {"after": "2024-05", "before": "2024-06-30", "year": "2020"}
_ABSOLUTE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RELATIVE = re.compile(r"-(\d{1,6})([dwmy])", re.IGNORECASE)
_NAMED = {"today": 0, "yesterday": 1}


def read_dated(key: str, value: str, today: date, position: int) -> Dated:
    """The dates ``key:value`` asks for (``key`` one of ``DATE_KEYS``, lower case); raises
    ``SearchQueryError``, which quotes the value."""
    if key == "year":
        if re.fullmatch(r"\d{4}", value) is None or value == "0000":
            raise _needs_date(key, value, position)
        year = int(value)
        end = datetime(year + 1, 1, 1) if year < 9999 else None
        return Dated(datetime(year, 1, 1), end)
    moment = _read_moment(key, value, today, position)
    return Dated(moment, None) if key == "after" else Dated(None, moment)


def _read_moment(key: str, value: str, today: date, position: int) -> datetime:
    midnight = datetime.combine(today, datetime.min.time())
    named = _NAMED.get(value.lower())
    if named is not None:
        return midnight - timedelta(days=named)
    relative = _RELATIVE.fullmatch(value)
    if relative is not None:
        count, unit = int(relative.group(1)), relative.group(2).lower()
        step = {
            "d": relativedelta(days=count),
            "w": relativedelta(weeks=count),
            "m": relativedelta(months=count),
            "y": relativedelta(years=count),
        }[unit]
        try:
            return midnight - step
        except (OverflowError, ValueError):
            raise SearchQueryError(
                f"{key}:{value} reaches back before the year 1: count back less far.", position
            ) from None
    absolute = _ABSOLUTE.fullmatch(value)
    if absolute is None:
        raise _needs_date(key, value, position)
    year, month, day = (int(part) if part else 1 for part in absolute.groups())
    try:
        return datetime(year, month, day)
    except ValueError:
        raise SearchQueryError(
            f"{key}:{value} is not a real date: check the month (1-12) and the day.", position
        ) from None


def _needs_date(key: str, value: str, position: int) -> SearchQueryError:
    value = value if len(value) <= 24 else value[:24] + "…"
    if key == "year":
        return SearchQueryError(
            f"year:{value} is not a year: year: needs four digits, as in year:2020.", position
        )
    example = EXAMPLES[key]
    return SearchQueryError(
        f"{key}:{value} is not a date: {key}: needs a date such as {key}:{example}, "
        f"{key}:2024 or {key}:-30d (30 days ago; w for weeks, m months, y years).",
        position,
    )
