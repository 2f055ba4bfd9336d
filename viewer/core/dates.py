"""Reading the dates found in article headers (no Qt)."""

from __future__ import annotations

import functools
import re
import warnings
from datetime import datetime, timedelta, timezone

# ISO-like dates are by far the most common; they skip dateutil, which is ~10x slower.
_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?)?"
    r"(?:\s?(?:Z|UTC|[+-]\d{2}(?::?\d{2})?))?"
)
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
# The two named-month forms news uses most: RFC 2822 from feeds ("Tue, 16 Apr 2024 12:40:00
# +0000") and the US style ("October 24, 2020 4:27 PM"). Anything else goes to dateutil.
_TIME = r"(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?"
_ZONE = r"(?:\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{1,5}))?"
_DAY_NAME = r"(?:[A-Za-z]+,?\s+)?"
_DAY_MONTH_YEAR = re.compile(
    _DAY_NAME + r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})" + _TIME + _ZONE
)
_MONTH_DAY_YEAR = re.compile(
    _DAY_NAME + r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})" + _TIME + _ZONE
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?!\d)")
_FIRST = datetime(2000, 1, 1)  # fills parts a date leaves out: month and day default to 1
# The longest dates written out are under 80 characters ("Tuesday, September 16, 2024 at
# 12:40:00 PM Eastern Daylight Time"); dateutil reads a longer text at half a second a megabyte.
_MAX_CHARS = 200

# Zone abbreviations dateutil does not know by itself; fixed offsets are what a header means.
_ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200,
    "EEST": 10800, "MSK": 10800, "EST": -18000, "EDT": -14400, "CST": -21600,
    "CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200,
    "IST": 19800, "JST": 32400, "AEST": 36000, "AEDT": 39600,
}  # fmt: skip
_TZINFOS = {name: timezone(timedelta(seconds=offset)) for name, offset in _ZONES.items()}


def parse_date(raw: str) -> datetime | None:
    """Return the date a header value names, or None when it cannot be read."""
    text = raw.strip()
    if not text or len(text) > _MAX_CHARS:
        return None
    if text[4:5] == "-" and text[:4].isdigit():
        try:  # the common case, straight to the C parser
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    if _ISO.fullmatch(text):
        return _from_iso(text)
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        year, month, day, hour, minute, second = (int(p) if p else 0 for p in slashed.groups())
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    named = _from_named_month(text)
    if named is not None:
        return named
    if not _HAS_YEAR.search(text):
        return None  # "Monday" or "4 PM" would otherwise silently become some date this year
    return _from_dateutil(text)


def _from_iso(text: str) -> datetime | None:
    text = text.replace(",", ".")
    if text.endswith("UTC"):
        text = text[:-3].rstrip() + "+00:00"
    try:
        return datetime.fromisoformat(text.replace(" +", "+").replace(" -", "-"))
    except ValueError:
        return None


def _from_named_month(text: str) -> datetime | None:
    """Read the common named-month forms directly; None leaves the text to dateutil."""
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match is not None:
        day, month_name, year, *rest = match.groups()
    else:
        match = _MONTH_DAY_YEAR.fullmatch(text)
        if match is None:
            return None
        month_name, day, year, *rest = match.groups()
    month = _MONTHS.get(month_name.lower())
    hour, minute, second, half, zone = rest
    tz = _zone(zone) if zone else None
    if month is None or (zone and tz is None):
        return None
    hours = int(hour or 0)
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half[0] in "Pp" else 0)
    try:
        return datetime(
            int(year), month, int(day), hours, int(minute or 0), int(second or 0), tzinfo=tz
        )
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)  # a library's dates are in a few zones: made once each
def _zone(name: str) -> timezone | None:
    if name in _TZINFOS:
        return _TZINFOS[name]
    if name[0] in "+-":
        digits = name[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return timezone(offset if name[0] == "+" else -offset)
    return None


def _from_dateutil(text: str) -> datetime | None:
    # Imported on first need: it adds a noticeable share to start-up, and most files never
    # need it.
    from dateutil import parser as dateutil_parser

    with warnings.catch_warnings():
        # An unknown zone name is dropped with a warning; the date itself is still right.
        warnings.simplefilter("ignore")
        try:
            return dateutil_parser.parse(text, default=_FIRST, tzinfos=_TZINFOS)
        except (ValueError, OverflowError, TypeError):
            return None
