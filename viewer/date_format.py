"""Dates in words a person reads at a glance, for the list and the reading pane (no Qt)."""

from __future__ import annotations

from datetime import datetime

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_LONG_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def short_date(value: datetime | None, now: datetime | None = None) -> str:
    """A compact date for a list column: "16:27" today, "24 Oct" this year, else "24 Oct 2020"."""
    if value is None:
        return ""
    now = now or datetime.now(value.tzinfo)
    if value.date() == now.date():
        return f"{value:%H:%M}"
    if value.year == now.year:
        return f"{value.day} {_MONTHS[value.month - 1]}"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def long_date(value: datetime) -> str:
    """A full date for the reading pane: "24 October 2020, 16:27" (no time when it is midnight)."""
    text = f"{value.day} {_LONG_MONTHS[value.month - 1]} {value.year}"
    if value.hour or value.minute:
        text += f", {value:%H:%M}"
    return text


def sort_key(value: datetime | None) -> float | None:
    """A number that orders dates with and without a zone together; naive ones are local time."""
    if value is None:
        return None
    try:
        return value.timestamp()
    except (OverflowError, OSError, ValueError):
        return float(value.toordinal() * 86400)
