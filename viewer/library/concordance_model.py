"""The concordance as a table: one row per occurrence, the hit between its contexts, and the
article's date, section and title beside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontDatabase

from viewer.core.article import Article
from viewer.core.article_files import display_path
from viewer.core.concordance import CONTEXT_CHARS, ORDERS, Done, Line
from viewer.library.plain_text import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS: Final = ("Left", "Hit", "Right", "Date", "Section", "Title")
LEFT, HIT, RIGHT, DATE, SECTION, TITLE = range(len(HEADERS))
LIST_ORDER: Final = next(iter(ORDERS))
RESORT_MS = 1000  # while lines come in, an order other than the list's is kept this often
_FLAGS: Final = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class ConcordanceModel(QAbstractTableModel):
    """Lines of a concordance, in the order chosen, their contexts ``width`` characters wide."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.articles: list[Article] = []  # by the lines' article numbers
        self.unreadable = 0  # articles that could not be read for their lines
        self._lines: list[Line] = []
        self._order = LIST_ORDER
        self._width = 50
        self._fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._hit_font = QFont(self._fixed)
        self._hit_font.setBold(True)
        self._resort = QTimer(self)
        self._resort.setSingleShot(True)
        self._resort.setInterval(RESORT_MS)
        self._resort.timeout.connect(self._apply_order)

    # --- contents --------------------------------------------------------------------------

    def clear_lines(self) -> None:
        """No lines (and no articles read for them)."""
        self.beginResetModel()
        self.articles, self._lines, self.unreadable = [], [], 0
        self.endResetModel()

    def add(self, done: Done) -> None:
        """Articles read, in order, with their lines: at the end, and in the order chosen soon."""
        lines = [line for _article, found in done for line in found]
        self.articles.extend(article for article, _found in done)
        self.unreadable += sum(1 for article, _found in done if article.error)
        if not lines:
            return
        start = len(self._lines)
        self.beginInsertRows(QModelIndex(), start, start + len(lines) - 1)
        self._lines.extend(lines)
        self.endInsertRows()
        if self._order != LIST_ORDER and not self._resort.isActive():
            self._resort.start()

    def finish(self) -> None:
        """All lines are in: put them in the order chosen now."""
        self._resort.stop()
        if self._order != LIST_ORDER:
            self._apply_order()

    def line(self, row: int) -> Line:
        """The line shown in ``row``."""
        return self._lines[row]

    def article_of(self, row: int) -> Article:
        """The article of the line in ``row``."""
        return self.articles[self._lines[row].article]

    def lines(self) -> list[Line]:
        """Every line, in the order shown."""
        return list(self._lines)

    def longest_hit(self) -> int:
        """The characters of the longest hit (0: none)."""
        return max((len(line.hit) for line in self._lines), default=0)

    def hit_articles(self) -> int:
        """How many articles have a line."""
        return len({line.article for line in self._lines})

    # --- order and width -------------------------------------------------------------------

    def order(self) -> str:
        """The name of the order the lines are in (a key of ``ORDERS``)."""
        return self._order

    def set_order(self, name: str) -> None:
        """Order the lines by ``name`` (a key of ``ORDERS``)."""
        if name not in ORDERS:
            raise ValueError(f"no such order: {name}")
        self._order = name
        self._apply_order()

    def _apply_order(self) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._lines[i.row()], i.column()) for i in persistent]
        self._lines.sort(key=ORDERS[self._order](self.articles))
        if persistent:  # only those a view keeps (the current one, a selection): a few
            row_of = {id(line): row for row, line in enumerate(self._lines)}
            moved = [self.index(row_of[id(line)], column) for line, column in before]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def fixed_font(self) -> QFont:
        """The fixed-pitch font the contexts are shown in, so that hits line up."""
        return self._fixed

    def width(self) -> int:
        """Characters of context shown on either side of a hit."""
        return self._width

    def set_width(self, chars: int) -> None:
        """Show ``chars`` characters of context on either side (up to ``CONTEXT_CHARS``)."""
        self._width = max(1, min(CONTEXT_CHARS, chars))
        if self._lines:
            self.dataChanged.emit(self.index(0, LEFT), self.index(len(self._lines) - 1, RIGHT))

    # --- the model -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Lines; none below a line."""
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The contexts, the hit, and the article's date, section and title."""
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Lines are selected, never edited."""
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The columns' names."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == LEFT:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A line's cells: its contexts as wide as chosen, aligned on the hit."""
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if column == LEFT else Qt.AlignmentFlag.AlignLeft
            return side | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and column in (LEFT, HIT, RIGHT):
            return self._hit_font if column == HIT else self._fixed
        if role == Qt.ItemDataRole.ToolTipRole:
            article = self.articles[line.article]
            return plain_tooltip(f"{article.title}\n{display_path(article.path)}")
        return None

    def _text(self, line: Line, column: int) -> str:
        if column == LEFT:
            return line.left[-self._width :]
        if column == HIT:
            return line.hit
        if column == RIGHT:
            return line.right[: self._width]
        article = self.articles[line.article]
        if column == DATE:  # the year too: a concordance spans years
            return article.published.date().isoformat() if article.published else ""
        if column == SECTION:
            return article.section or ""
        return article.title


def order_names() -> Sequence[str]:
    """The orders a concordance can be put in, for a menu."""
    return list(ORDERS)
