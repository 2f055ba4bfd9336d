"""The article list model: one table over parsed records, and the proxy that filters and sorts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from viewer.core.article import Article
from viewer.core.article_files import display_path
from viewer.core.date_format import short_date
from viewer.library.plain_text import plain_tooltip

COL_TITLE: Final = 0
COL_SECTION: Final = 1
COL_PUBLISHED: Final = 2
COL_UPDATED: Final = 3
COL_LABELS: Final = 4
HEADERS: Final = ("Title", "Section", "Published", "Updated", "Labels")

ARTICLE_ROLE: Final = Qt.ItemDataRole.UserRole + 2  # the Article record itself

AnyIndex = QModelIndex | QPersistentModelIndex
# Roles as plain numbers: comparing with enum members costs more than the rest of data().
_DISPLAY: Final = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP: Final = int(Qt.ItemDataRole.ToolTipRole.value)
_DECORATION: Final = int(Qt.ItemDataRole.DecorationRole.value)
_ARTICLE: Final = int(ARTICLE_ROLE)
_FONT: Final = int(Qt.ItemDataRole.FontRole.value)
_FLAGS: Final = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_RAW_HINT_CHARS: Final = 100  # of an unreadable date, what its cell shows


class LabelSource(Protocol):
    """Where the list finds an article's labels and their colours."""

    def of(self, key: str | None) -> tuple[str, ...]:
        """The labels of the article with this content key."""
        ...

    def colour(self, name: str) -> str | None:
        """A label's colour (``#rrggbb``), None for one not in the set."""
        ...

    def labelled(self) -> Iterable[str]:
        """The content keys of every labelled article."""
        ...


class ArticleColumns(QAbstractTableModel):
    """What both list models share: the columns, their titles, and rows that are only selected."""

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Columns: title, section, published, updated."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Every row can be selected; nothing is editable."""
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class ArticleTableModel(ArticleColumns):
    """Rows of ``Article`` records; it never touches the disk."""

    # A listed file changed in place and so has a new content key (old, new): what the reader
    # kept for the article (its read mark, their place) may follow it.
    contentKeyChanged = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[Article] = []
        self._rows_by_path: dict[str, int] = {}
        self._cells = ArticleCells()
        self._read: set[str] | None = None  # content keys read; None: read state not shown
        self._unread = 0  # kept up to date as rows and marks change: counting walks every row
        # Content key → rows. None: rebuilt when next needed; rows from _keyed on are added
        # then too, so that a long listing does not pay for it batch by batch.
        self._rows_by_key: dict[str, list[int]] | None = {}
        self._keyed = 0

    # --- reading -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows: one per article (none under an item; this is a flat table)."""
        return 0 if parent.isValid() else len(self._articles)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a view shows and hands to actions; from the record alone."""
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """``data()`` without a model index, for the proxy: a list repaint asks thousands."""
        if row >= len(self._articles):
            return None
        article = self._articles[row]
        if int(role) == _FONT:
            return self._cells.font(self._read is not None and self._is_unread(article))
        return self._cells.value(article, column, role)

    # --- read state ----------------------------------------------------------------------

    def set_read_keys(self, keys: set[str] | None) -> None:
        """Show unread articles in bold; ``keys`` is the live set of read content keys."""
        self._read = keys
        self._unread = sum(1 for a in self._articles if self._is_unread(a))
        if self._articles:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._articles) - 1, len(HEADERS) - 1),
                [Qt.ItemDataRole.FontRole],
            )

    def is_read(self, row: int) -> bool:
        """True when the article in ``row`` was read (unreadable files count as read)."""
        key = self._articles[row].content_key
        return self._read is None or key is None or key in self._read

    def unread_count(self) -> int:
        """How many listed articles are unread."""
        return self._unread

    def _key_rows(self) -> dict[str, list[int]]:
        if self._rows_by_key is None:
            self._rows_by_key, self._keyed = {}, 0
        by_key = self._rows_by_key
        for row in range(self._keyed, len(self._articles)):
            key = self._articles[row].content_key
            if key is not None:
                by_key.setdefault(key, []).append(row)
        self._keyed = len(self._articles)
        return by_key

    def _is_unread(self, article: Article) -> bool:
        key = article.content_key
        return self._read is not None and key is not None and key not in self._read

    def read_changed(self, keys: list[str]) -> None:
        """Repaint the rows of articles whose read mark changed (flipped)."""
        by_key = self._key_rows()
        rows = [row for key in set(keys) for row in by_key.get(key, ())]
        for row in rows:
            self._unread += 1 if self._is_unread(self._articles[row]) else -1
            self.dataChanged.emit(
                self.index(row, 0), self.index(row, len(HEADERS) - 1), [Qt.ItemDataRole.FontRole]
            )

    def set_label_source(self, source: LabelSource | None) -> None:
        """Show the labels of ``source`` in the Labels column."""
        self._cells.labels = source
        if self._articles:
            self.dataChanged.emit(
                self.index(0, COL_LABELS), self.index(len(self._articles) - 1, COL_LABELS)
            )

    def label_names(self, row: int) -> tuple[str, ...]:
        """The labels of the article in ``row``."""
        labels = self._cells.labels
        return labels.of(self._articles[row].content_key) if labels is not None else ()

    def labels_changed(self, keys: list[str]) -> None:
        """Repaint the Labels cells of articles whose labels changed."""
        by_key = self._key_rows()
        for row in sorted({row for key in set(keys) for row in by_key.get(key, ())}):
            self.dataChanged.emit(self.index(row, COL_LABELS), self.index(row, COL_LABELS))

    def article(self, row: int) -> Article:
        """The record in ``row``."""
        return self._articles[row]

    def articles_in(self, first: int, last: int) -> list[Article]:
        """The records of rows ``first`` to ``last``, both included."""
        return self._articles[first : last + 1]

    def articles(self) -> Sequence[Article]:
        """Every record, in insertion order."""
        return tuple(self._articles)

    def row_of(self, path: str) -> int | None:
        """The row of the article read from ``path``, if it is listed."""
        return self._rows_by_path.get(path)

    # --- changing ------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Append records, skipping paths already listed."""
        listed = self._rows_by_path
        new = [a for a in articles if a.path not in listed]
        paths = [a.path for a in new]
        if len(set(paths)) < len(paths):  # the same path twice in one batch: keep the first
            once: dict[str, Article] = {}
            for article in new:
                once.setdefault(article.path, article)
            new, paths = list(once.values()), list(once)
        if not new:
            return
        first = len(self._articles)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        listed.update(zip(paths, range(first, first + len(new)), strict=True))
        self._articles.extend(new)
        if self._read is not None:
            # Counted in C: at 100,000 rows a loop here was a fifth of the insert.
            keys = [a.content_key for a in new]
            self._unread += len(keys) - keys.count(None) - sum(map(self._read.__contains__, keys))
        self.endInsertRows()

    def update_article(self, article: Article) -> None:
        """Replace the record with the same path, in place."""
        row = self._rows_by_path.get(article.path)
        if row is None:
            return
        old_key = self._articles[row].content_key
        if article.content_key != old_key:
            self._rows_by_key = None
        self._unread += self._is_unread(article) - self._is_unread(self._articles[row])
        self._articles[row] = article
        self.dataChanged.emit(
            self.index(row, 0),
            self.index(row, len(HEADERS) - 1),
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.DecorationRole,
                ARTICLE_ROLE,
            ],
        )
        if old_key is not None and article.content_key not in (None, old_key):
            self.contentKeyChanged.emit(old_key, article.content_key)

    def remove_paths(self, paths: Iterable[str]) -> None:
        """Take the articles of these paths off the list (the files are not touched)."""
        rows = sorted({r for p in paths if (r := self._rows_by_path.get(p)) is not None})
        for row in reversed(rows):  # from the bottom, so earlier row numbers stay valid
            self.beginRemoveRows(QModelIndex(), row, row)
            self._unread -= self._is_unread(self._articles[row])
            self._rows_by_key = None  # rows below shift up
            del self._articles[row]
            self.endRemoveRows()
        if rows:
            self._rows_by_path = {a.path: i for i, a in enumerate(self._articles)}

    def clear(self) -> None:
        """Empty the list."""
        self.beginResetModel()
        self._articles.clear()
        self._unread = 0
        self._rows_by_key = None
        self._rows_by_path.clear()
        self.endResetModel()


class ArticleCells:
    """What a list row shows of a record, by column and role: both list models show rows so."""

    def __init__(self) -> None:
        self._icons: dict[str, QIcon] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.labels: LabelSource | None = None
        self._chips: dict[tuple[str, ...], QIcon] = {}  # labels' colours → their dots

    def value(self, article: Article, column: int, role: int) -> Any:
        """The value of a cell for a role other than the font."""
        role = int(role)
        if column == COL_LABELS:
            return self._labels_cell(article, role)
        if role == _DISPLAY:
            return self._display(article, column)
        if role == _ARTICLE:
            return article
        if role == _TOOLTIP:
            return self._tooltip(article)
        if role == _DECORATION and column == COL_TITLE:
            return self._status_icon(article)
        return None

    def _labels_cell(self, article: Article, role: int) -> Any:
        names = self.labels.of(article.content_key) if self.labels is not None else ()
        if role == _ARTICLE:
            return article
        if not names:
            return None
        if role in (_DISPLAY, _TOOLTIP):
            return ", ".join(names)  # a tooltip of plain names: no markup can start with one
        if role == _DECORATION:
            assert self.labels is not None
            colours = tuple(self.labels.colour(n) or "#9e9e9e" for n in names)
            if colours not in self._chips:
                self._chips[colours] = _dots(colours)
            return self._chips[colours]
        return None

    def font(self, unread: bool) -> QFont | None:
        """Unread articles show in bold."""
        return self._bold if unread else None

    @staticmethod
    def _display(article: Article, column: int) -> str:
        if column == COL_TITLE:
            return article.title
        if column == COL_SECTION:
            return article.section or ""
        if column == COL_PUBLISHED:
            return short_date(article.published) or _raw_hint(article.published_raw)
        if column == COL_UPDATED:
            return short_date(article.updated) or _raw_hint(article.updated_raw)
        return ""

    @staticmethod
    def _tooltip(article: Article) -> str:
        lines = [display_path(article.path)]
        if article.error:
            lines.append(f"Could not be read: {article.error}")
        lines.extend(f"Warning: {warning}" for warning in article.warnings)
        # A path that starts like a tag ("<img src=…>.txt") would make the tooltip markup.
        return plain_tooltip("\n".join(lines))

    def _status_icon(self, article: Article) -> QIcon | None:
        if article.error:
            return self._icon("error", QStyle.StandardPixmap.SP_MessageBoxCritical)
        if article.warnings:
            return self._icon("warning", QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def _icon(self, name: str, pixmap: QStyle.StandardPixmap) -> QIcon:
        if name not in self._icons:
            self._icons[name] = QApplication.style().standardIcon(pixmap)
        return self._icons[name]


def _dots(colours: tuple[str, ...]) -> QIcon:
    """Coloured dots in an icon's square, one a label (up to four; a grid of two by two)."""
    size = 16
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    if len(colours) == 1:
        places = [(3, 3, 10)]
    elif len(colours) == 2:
        places = [(0, 4, 7), (9, 4, 7)]
    else:
        places = [(0, 0, 7), (9, 0, 7), (0, 9, 7), (9, 9, 7)]
    for (x, y, diameter), colour in zip(places, colours, strict=False):
        painter.setBrush(QColor(colour))
        painter.drawEllipse(x, y, diameter, diameter)
    painter.end()
    return QIcon(pixmap)


def _raw_hint(raw: str | None) -> str:
    """Show an unreadable date's own words in the list, rather than nothing."""
    if raw is None:
        return ""
    # A cell is painted whole before it is elided: a "date" of megabytes froze the list.
    return raw if len(raw) <= _RAW_HINT_CHARS else raw[:_RAW_HINT_CHARS] + "…"
