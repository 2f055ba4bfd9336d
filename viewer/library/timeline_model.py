"""The timeline's counts as a table: a row per period (and the "no date" row), a column for the
total and a count and a share for each series. The chart draws it; screen readers read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from viewer.core.timeline_counts import Counts, count, label

AnyIndex = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the number itself (int, or float for a share)
NO_DATE = "no date"


@dataclass(frozen=True)
class TimelineResult:
    """What one count made: the counts, the series' names, and notes for the reader."""

    counts: Counts
    names: tuple[str, ...] = ()  # a name per series of ``counts``
    notes: tuple[str, ...] = ()  # e.g. a compared query that cannot be read


EMPTY = TimelineResult(count(np.zeros(0, dtype=np.int64), None, []))


class TimelineCountsModel(QAbstractTableModel):
    """The counts of the newest result; reset whenever a new one comes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result = EMPTY

    def set_result(self, result: TimelineResult) -> None:
        """Show ``result``'s counts."""
        self.beginResetModel()
        self.result = result
        self.endResetModel()

    def counts(self) -> Counts:
        """The counts shown."""
        return self.result.counts

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """A row per period and the "no date" row (none while nothing is listed)."""
        counts = self.result.counts
        if parent.isValid() or (not len(counts) and not counts.undated):
            return 0
        return len(counts) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The period, the total, and a count and a share per series."""
        return 0 if parent.isValid() else 2 + 2 * len(self.result.names)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (a series' name is its query, shown as plain text)."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "Period"
        if section == 1:
            return "All articles"
        series, share = divmod(section - 2, 2)
        if not 0 <= series < len(self.result.names):
            return None
        name = self.result.names[series]
        return f"{name} (share %)" if share else name

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell: text to show, or its number (``VALUE_ROLE``)."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, VALUE_ROLE):
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return None
        value = self.value(row, column)
        if role == VALUE_ROLE:
            return value
        if isinstance(value, float):
            return f"{value:.1f} %"
        return value if isinstance(value, str) else f"{value:,}"

    def value(self, row: int, column: int) -> str | int | float:
        """The period's label, a count, or a share in percent."""
        counts = self.result.counts
        undated = row == len(counts)
        if column == 0:
            return NO_DATE if undated else label(counts.first + row, counts.period)
        total = counts.undated if undated else int(counts.totals[row])
        if column == 1:
            return total
        series, share = divmod(column - 2, 2)
        matched = counts.series_undated[series] if undated else int(counts.series[series][row])
        if share:
            return matched * 100.0 / total if total else 0.0
        return matched
