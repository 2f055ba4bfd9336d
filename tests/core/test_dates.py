"""Reading header dates: the fast ISO path, dateutil for the rest, None for nonsense."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from viewer.core.dates import parse_date

UTC = UTC


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-10-24 16:27", datetime(2020, 10, 24, 16, 27)),
        ("2020-10-24", datetime(2020, 10, 24)),
        ("2020-10-24T16:27:05", datetime(2020, 10, 24, 16, 27, 5)),
        ("2020-10-24T16:27:05Z", datetime(2020, 10, 24, 16, 27, 5, tzinfo=UTC)),
        ("2020-10-24 16:27 UTC", datetime(2020, 10, 24, 16, 27, tzinfo=UTC)),
        (
            "2020-10-24T16:27:00+02:00",
            datetime(2020, 10, 24, 16, 27, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2020/10/24 16:27", datetime(2020, 10, 24, 16, 27)),
        ("October 24, 2020 4:27 PM", datetime(2020, 10, 24, 16, 27)),
        ("Tue, 16 Apr 2024 12:40:00 +0000", datetime(2024, 4, 16, 12, 40, tzinfo=UTC)),
        ("Saturday, 24 October 2020", datetime(2020, 10, 24)),
        (
            "24 Oct 2020 16:27 EST",
            datetime(2020, 10, 24, 16, 27, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("October 2020", datetime(2020, 10, 1)),
    ],
)
def test_readable_dates(raw, expected):
    value = parse_date(raw)
    assert value == expected
    assert (value.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "raw", ["", "   ", "yesterday", "Monday", "4 PM", "2020-13-45", "sometime in 2020ish"]
)
def test_unreadable_dates_are_none(raw):
    assert parse_date(raw) is None
