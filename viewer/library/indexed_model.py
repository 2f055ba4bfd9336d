"""The article list served from the library index in pages (``core/index_view``).

The model holds a view's row count and a few pages of records, never the library: a million
articles cost it what a screenful does. A new sort or filter shows its first screen at once,
straight from the index, and the rest when the view's table is written (off this thread, by
``ViewBuilderThread``); until then rows past the first screen show nothing, and the rows the
view's selection and current row stand on keep their article, so that nothing jumps.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Set
from dataclasses import replace
from typing import Any, Final, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from viewer.core.article import Article
from viewer.core.index_rows import Row, article_from_row
from viewer.core.index_view import ViewQuery, covers, paths_without_text
from viewer.core.view_tables import ScratchFolder, ViewBuilder, ViewReader, ViewStats
from viewer.library.article_model import (
    COL_LABELS,
    HEADERS,
    ArticleCells,
    ArticleColumns,
    LabelSource,
)
from viewer.library.view_builder import ViewBuilderThread
from viewer.library.view_pages import KEPT_PAGES as KEPT_PAGES  # where it was always found
from viewer.library.view_pages import PAGE_ROWS, ViewPages

log = logging.getLogger("viewer")
T = TypeVar("T")

AnyIndex = QModelIndex | QPersistentModelIndex
FIRST_SCREEN: Final = 100  # rows shown straight from the index while a view is written
EXPORT_ROWS: Final = 2000  # rows an export reads at a time
_FONT: Final = int(Qt.ItemDataRole.FontRole.value)


class IndexedArticleModel(ArticleColumns):
    """The rows of a ``ViewQuery`` over the library index, read a page at a time."""

    viewReady = Signal(int)  # the whole view is known: its row count
    viewFailed = Signal(str)
    countsChanged = Signal()  # stats() changed

    def __init__(self, index_path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scratch = ScratchFolder()
        self._reader = ViewReader(index_path, self._scratch.path)
        self._builder = ViewBuilderThread(index_path, self._scratch.path, self)
        self._builder.built.connect(self._built)
        self._builder.failed.connect(self._failed)
        self._builder.counted.connect(self._counted)
        self._builder.start()
        self._cells = ArticleCells()
        self._query = ViewQuery()
        self._generation = 0
        self._name: str | None = None  # the table of the view shown; None: being written
        self._count = 0
        self._first: list[Article] = []  # the first screen, while the view is written
        self._parked: dict[int, Article] = {}  # rows the selection stands on meanwhile
        self._pages = ViewPages(self._reader, self._scratch.path, self)  # of the view's table
        self._read: Set[str] | None = None
        self._stats = ViewStats()
        self._troubled = False  # the index failed a read, and the reader was told
        self._counted_once = False  # stats() hold counts made, not the zeros of none yet
        self._counted_at = -1  # the generation they were made for
        self._counting = 0  # the view after which counts were last asked for
        self._previous: str | None = None  # the table last shown, dropped once another is

    def close(self) -> None:
        """Stop the builder and remove the scratch database."""
        self._builder.stop()
        self._pages.close()
        self._reader.close()
        self._scratch.remove()

    # --- the view ------------------------------------------------------------------------

    def query(self) -> ViewQuery:
        """What the list shows."""
        return self._query

    def set_query(self, query: ViewQuery) -> None:
        """Show ``query``'s rows: its first screen now, the rest when its table is written."""
        if query.roots != self._query.roots:
            whole = self._safely(covers, False, self._reader.db, query.roots)
            query = replace(query, whole_index=whole)
        else:
            query = replace(query, whole_index=self._query.whole_index)
        same_rows = self._same_rows(query)
        # What is listed changed: counted again.
        new_roots = query.roots != self._query.roots or query.removed != self._query.removed
        self._query = query
        self._generation += 1
        first: list[Row] = []
        if query.hits is None:  # a search's hits are not in the scratch database yet
            first = self._safely(self._reader.first_rows, first, query, FIRST_SCREEN)
        records = [article_from_row(row) for row in first]
        if same_rows and self._count:
            self._reorder_provisionally(records)
        else:
            self.beginResetModel()
            self._set_provisional(records, len(records))
            self.endResetModel()
        self._builder.request(self._generation, query, self._counts() if new_roots else None)
        if new_roots:
            self._counting = self._generation

    def refresh(self) -> None:
        """The index changed (files came, went or changed): read the view again."""
        self._generation += 1
        self._builder.request(self._generation, self._query, self._counts())
        self._counting = self._generation

    def _counts(self) -> ViewQuery:
        """What the counts are made over: the roots, with the read marks of now."""
        read = None if self._read is None else frozenset(self._read)
        query = self._query
        return ViewQuery(
            query.roots, read_keys=read, removed=query.removed, whole_index=query.whole_index
        )

    def _counted(self, generation: int, stats: ViewStats) -> None:
        if generation < self._counting:
            return  # counted before the read marks or the index changed: counted again
        self._stats, self._counted_once = stats, True
        self._counted_at = generation
        self.countsChanged.emit()

    def counted(self) -> bool:
        """True once the counts over everything listed have been made."""
        return self._counted_once

    def counts_current(self) -> bool:
        """True when the counts were made since the index last changed (or the read marks)."""
        return self._counted_once and self._counted_at >= self._counting

    def stats(self) -> ViewStats:
        """The counts over everything listed (as last counted, kept up with read marks)."""
        return self._stats

    def articles_in_order(self) -> Iterator[Article]:
        """Every article of the view as it is now, in order, read a page at a time from a
        copy of the view made for it: to be iterated in another thread (an export), which it
        then never holds up, nor the view's own tables."""
        return _copied_in_order(self._query, self._reader.index_path)

    def paths_without_text(self) -> list[str]:
        """The readable files listed whose text the index does not hold yet."""
        return self._safely(paths_without_text, [], self._reader.db, self._query)

    def _safely(self, read: Callable[..., T], otherwise: T, *args: Any) -> T:
        """``read(*args)``, or ``otherwise`` when the index cannot be read (damaged, gone): the
        list then shows less, and says so once, rather than raising in a view's call."""
        try:
            return read(*args)
        except sqlite3.Error as exc:
            log.warning("cannot read the list from the index: %s", exc)
            if not self._troubled:
                self._troubled = True
                self.viewFailed.emit(f"The library index cannot be read ({exc})")
            return otherwise

    def is_listed(self, path: str) -> bool:
        """True when the index holds ``path`` below the view's roots, shown or filtered out."""
        return self._safely(self._reader.holds, False, self._query, path)

    def is_final(self) -> bool:
        """True once the whole view is known (its row count is the view's)."""
        return self._name is not None

    def _same_rows(self, query: ViewQuery) -> bool:
        """True when ``query`` shows the rows shown now, in another order."""
        old = self._query
        return replace(query, column=old.column, descending=old.descending) == old

    def _set_provisional(self, records: list[Article], count: int) -> None:
        self._first, self._count = records, count
        self._pages.show(None)
        if self._name is not None:
            self._previous, self._name = self._name, None

    def _reorder_provisionally(self, records: list[Article]) -> None:
        """A new order of the same rows: the first screen in place, the selection parked."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        standing = [self.article_at(index.row()) for index in persistent]
        self._set_provisional(records, self._count)
        at = {article.path: row for row, article in enumerate(records)}
        parked: dict[int, Article] = {}
        moved = []
        for index, article in zip(persistent, standing, strict=True):
            row = index.row() if article is None else at.get(article.path, -1)
            if row < 0:
                row = max(index.row(), len(records))  # below the first screen, for now
                while row in parked and row + 1 < self._count:
                    row += 1
                if article is not None:
                    parked[row] = article
            moved.append(self.index(row, index.column()))
        self._parked = parked
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _built(self, generation: int, name: str, count: int) -> None:
        if generation != self._generation:
            self._builder.drop(name)
            return
        previous = self._previous if self._name is None else self._name
        standing = {i.row(): self.article_at(i.row()) for i in self.persistentIndexList()}
        old_count = self._count
        # The count stays the same across the change of layout, as views expect: rows are
        # added at the end before it, or taken off the end after it.
        if count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, count - 1)
            self._switch(name, count)
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        self._switch(name, max(count, old_count))
        moved = []
        for index in persistent:
            article = standing.get(index.row())
            row = (
                None
                if article is None
                else self._safely(self._reader.row_of, None, name, article.path)
            )
            moved.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        if count < old_count:
            self.beginRemoveRows(QModelIndex(), count, old_count - 1)
            self._count = count
            self.endRemoveRows()
        if previous is not None and previous != name:
            self._builder.drop(previous)
        self.viewReady.emit(count)

    def _switch(self, name: str, count: int) -> None:
        """Show the view's table ``name``, as ``count`` rows."""
        self._name, self._count = name, count
        self._first, self._parked = [], {}
        self._pages.show(name, count)

    def _failed(self, generation: int, why: str) -> None:
        if generation == self._generation:
            self.viewFailed.emit(why)

    # --- rows ----------------------------------------------------------------------------

    def article_at(self, row: int) -> Article | None:
        """The record of ``row``; None while it is not known yet or its file went."""
        if not 0 <= row < self._count:
            return None
        if self._name is None:
            if row < len(self._first):
                return self._first[row]
            return self._parked.get(row)
        return self._pages.record(row)

    def row_of(self, path: str) -> int | None:
        """The row of ``path`` in the view, if it is in it (and the view is known)."""
        if self._name is None:
            return next((r for r, a in enumerate(self._first) if a.path == path), None)
        return self._safely(self._reader.row_of, None, self._name, path)

    def next_unread(self, row: int) -> int | None:
        """The first unread row after ``row``, if any."""
        if self._name is None or self._read is None:
            return None
        after = row
        while after + 1 < self._count:
            none: list[tuple[int, str | None]] = []
            keys = self._safely(self._reader.keys_after, none, self._name, after, PAGE_ROWS * 8)
            if not keys:
                return None
            for found, key in keys:
                if key is not None and key not in self._read:
                    return found
            after = keys[-1][0]
        return None

    # --- read state ----------------------------------------------------------------------

    def set_read_keys(self, keys: Set[str] | None) -> None:
        """Show unread articles in bold; ``keys`` is the live set of read content keys."""
        self._read = keys
        self._repaint_fonts()
        if self._query.roots:
            self.refresh()

    def read_changed(self, keys: list[str]) -> None:
        """Read marks flipped (``keys``): repaint, and count the unread again by them."""
        for key in set(keys):
            rows = self._safely(self._reader.rows_with_key, 0, self._query, key)
            read = self._read is not None and key in self._read
            self._stats.unread += -rows if read else rows
        self._repaint_fonts()
        self.countsChanged.emit()

    def set_label_source(self, source: LabelSource | None) -> None:
        """Show the labels of ``source`` in the Labels column."""
        self._cells.labels = source
        self.labels_changed([])

    def keys_listed(self, keys: list[str]) -> list[str]:
        """The content keys among ``keys`` of articles listed, one an article."""
        return self._safely(self._reader.keys_listed, [], self._query, keys)

    def labels_changed(self, keys: list[str]) -> None:
        """Repaint the Labels column (the rows of ``keys`` are not looked for: it is cheap)."""
        if self._count:
            self.dataChanged.emit(
                self.index(0, COL_LABELS), self.index(self._count - 1, COL_LABELS)
            )

    def _repaint_fonts(self) -> None:
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self._count - 1, len(HEADERS) - 1),
                [Qt.ItemDataRole.FontRole],
            )

    def is_read(self, row: int) -> bool:
        """True when the article in ``row`` was read (unreadable or unknown rows count so)."""
        article = self.article_at(row)
        key = None if article is None else article.content_key
        return self._read is None or key is None or key in self._read

    # --- the table -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows of the view (or of its first screen, until the view is known)."""
        return 0 if parent.isValid() else self._count

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a view shows of a row: from its record, once its page is read."""
        if not index.isValid():
            return None
        article = self.article_at(index.row())
        if article is None:
            return None
        if int(role) == _FONT:
            key = article.content_key
            return self._cells.font(
                self._read is not None and key is not None and key not in self._read
            )
        return self._cells.value(article, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: by path), in SQL over the index."""
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, column=column, descending=descending))


def _copied_in_order(query: ViewQuery, index_path: str) -> Iterator[Article]:
    """``query``'s articles, in order, from a copy of its view in a scratch folder of its own."""
    scratch = ScratchFolder()
    try:
        builder = ViewBuilder(index_path, scratch.path)
        count = builder.build(query, "copy")
        builder.close()
        reader = ViewReader(index_path, scratch.path)
        try:
            for first in range(0, count, EXPORT_ROWS):
                for _row, _path, record in reader.page("copy", first, EXPORT_ROWS):
                    if record is not None:
                        yield article_from_row(record)
        finally:
            reader.close()
    finally:
        scratch.remove()
