"""Dates in words a person reads at a glance, for the list and the reading pane (no Qt)."""

from __future__ import annotations

import time
from datetime import date, datetime

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_LONG_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def short_date(value: datetime | None, today: date | None = None) -> str:
    """A compact date for a list column: "16:27" today, "24 Oct" this year, else "24 Oct 2020"."""
    if value is None:
        return ""
    today = today or _today()
    if value.date() == today:
        return f"{value:%H:%M}"
    if value.year == today.year:
        return f"{value.day} {_MONTHS[value.month - 1]}"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def long_date(value: datetime) -> str:
    """A full date for the reading pane: "24 October 2020, 16:27" (no time when it is midnight),
    with the zone the file gave it in: "16 April 2024, 08:40 UTC−04:00"."""
    text = f"{value.day} {_LONG_MONTHS[value.month - 1]} {value.year}"
    if value.hour or value.minute:
        text += f", {value:%H:%M}"
        offset = value.utcoffset()
        if offset is not None:
            minutes = round(offset.total_seconds() / 60)
            sign = "+" if minutes >= 0 else "−"
            text += f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return text


def sort_key(value: datetime | None) -> float | None:
    """A number that orders dates with and without a zone together; naive ones are local time."""
    if value is None:
        return None
    try:
        return value.timestamp()
    except (OverflowError, OSError, ValueError):
        return float(value.toordinal() * 86400)


_TODAY: list[tuple[float, date]] = []


def _today() -> date:
    """Today's date, looked up at most once a minute: a list asks for it for every cell."""
    now = time.monotonic()
    if not _TODAY or now > _TODAY[0][0]:
        _TODAY[:] = [(now + 60, date.today())]
    return _TODAY[0][1]
