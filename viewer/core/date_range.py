"""A range of dates the list is narrowed to (the timeline's), by published or updated date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

DATE_FIELDS: Final = ("published", "updated")


@dataclass(frozen=True)
class DateRange:
    """Articles whose ``field``'s sort key is in ``[low, high)``, or, ``undated``, those with
    no such date (the timeline's "no date" bar)."""

    field: str = "published"  # one of DATE_FIELDS
    low: float | None = None  # None: no lower end
    high: float | None = None  # None: no upper end
    undated: bool = False

    def passes(self, key: float | None) -> bool:
        """True when an article with this sort key (None: no date) is in the range."""
        if key is None or key != key:  # None or NaN: no date
            return self.undated
        if self.undated:
            return False
        return (self.low is None or key >= self.low) and (self.high is None or key < self.high)

    def column(self) -> str:
        """The index's stored key of the field (a name from a fixed pair, safe in SQL)."""
        return "updated_key" if self.field == "updated" else "published_key"
