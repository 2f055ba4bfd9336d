"""Which article is current in the list, and moving from one article to another."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import QElapsedTimer, QItemSelectionModel, QModelIndex, QObject, QTimer, Signal

from viewer.core.article import Article
from viewer.library.article_model import ARTICLE_ROLE
from viewer.library.shown_articles import ShownArticles
from viewer.ui.list_pane import ListPane
from viewer.ui.reading_pane import ReadingPane

# In a list served from the index, keys pressed closer together than this (a key held down,
# or pressed again and again) show the row they land on once they pause, as feed readers do:
# a page of a big list flown over is neither read from disk nor typeset, nor marked read.
SETTLE_MS: Final = 150


class Navigation(QObject):
    """The list's current row: choosing an article, and stepping through the list."""

    chosen = Signal(object)  # Article: the reader made its row current, to be shown
    message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        list_pane: ListPane,
        shown: ShownArticles,
        pane: ReadingPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._list_pane = list_pane
        self._view = list_pane.list_view
        self._shown = shown
        self._pane = pane
        self._pending: str | None = None  # to select once the index's view is written
        self._pending_row: int | None = None  # the same, by row
        self.settle_ms = SETTLE_MS
        self._keyed = QElapsedTimer()  # since the list's current row last moved by a key
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._settled)
        self.model_changed()
        shown.viewReady.connect(self._view_ready)

    def model_changed(self) -> None:
        """The list view shows another model: follow its selection."""
        self._view.selectionModel().currentRowChanged.connect(self._current_changed)

    def current_article(self) -> Article | None:
        """The article whose row is current in the list."""
        index = self._view.currentIndex()
        if not index.isValid():
            return None
        article = index.data(ARTICLE_ROLE)
        return article if isinstance(article, Article) else None

    def current_row(self) -> int:
        """The current row in the list's order, -1 with none."""
        index = self._view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_path(self, path: str) -> bool:
        """Make the article of ``path`` current, clearing the filter if it hides it."""
        path = os.path.abspath(path)
        shown = self._shown
        index = shown.shown_index(path)
        if not index.isValid():
            if not shown.is_listed(path):
                return False
            self._list_pane.clear_all()  # the filter or a search hides it: show everything
            shown.set_section(None)
            index = shown.shown_index(path)
            if not index.isValid():  # not in the index's first screen: once its view is
                self._pending = path
                return True
        self._make_current(index)
        return True

    def select_row_when_known(self, row: int) -> None:
        """Make ``row`` current, clamped to the list, once the rows shown are all known."""
        if self._shown.view_known():
            self.select_row(min(row, self._shown.row_count() - 1))
        else:
            self._pending_row = row

    def _view_ready(self) -> None:
        row, self._pending_row = self._pending_row, None
        if row is not None and self._shown.row_count():
            self.select_row(min(row, self._shown.row_count() - 1))
        pending, self._pending = self._pending, None
        if pending is not None:
            index = self._shown.shown_index(pending)
            if index.isValid():
                self._make_current(index)

    def select_row(self, row: int) -> None:
        """Make the row at ``row`` in the list's order current."""
        if 0 <= row < self._shown.row_count():
            self._make_current(self._shown.index(row))

    def select_top(self) -> None:
        """Enter with nothing chosen: the top of the list."""
        if not self._view.currentIndex().isValid():
            self.select_row(0)

    def next_article(self) -> bool:
        """Go to the next article in the list; False at the end."""
        return self._step(1)

    def previous_article(self) -> bool:
        """Go to the previous article in the list; False at the start."""
        return self._step(-1)

    def _step(self, delta: int) -> bool:
        current = self._view.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        if not 0 <= row < self._shown.row_count():
            where = "last" if delta > 0 else "first"
            self.message.emit(f"This is the {where} article", 2000)
            return False
        self.select_row(row)
        return True

    def next_unread(self) -> bool:
        """+: the next unread article in the list, wrapping round to the top."""
        row = self._shown.next_unread(self.current_row())
        if row is not None:
            self.select_row(row)
            return True
        self.message.emit("No unread articles", 3000)
        return False

    def selected_articles(self) -> list[Article]:
        """The articles selected in the list (the current one when none is)."""
        rows = self._view.selectionModel().selectedRows()
        articles = [index.data(ARTICLE_ROLE) for index in rows]
        found = [a for a in articles if isinstance(a, Article)]
        current = self.current_article()
        return found or ([current] if current is not None else [])

    def selected_rows(self) -> list[int]:
        """The selected rows, in the list's order."""
        return sorted(index.row() for index in self._view.selectionModel().selectedRows())

    def articles_for_export(self) -> tuple[Iterable[Article], int]:
        """The articles the list shows, in its order, and how many (see ``ShownArticles``)."""
        return self._shown.for_export()

    def follow_shown(self) -> None:
        """Keep the list's current row on the article on show; none while a filter hides it
        (the article stays on show, and is selected again when it comes back)."""
        if self._settle.isActive():  # the row keys landed on is the one to follow
            self._settle.stop()
            self._settled()
        shown = self._pane.article()
        index = QModelIndex() if shown is None else self._shown.shown_index(shown.path)
        if index.isValid():
            if index.row() != self._view.currentIndex().row():
                self._make_current(index, show=False)
        elif self._view.currentIndex().isValid():
            selection = self._view.selectionModel()
            selection.blockSignals(True)  # nothing new is to be shown
            selection.clear()
            selection.blockSignals(False)
            self._view.viewport().update()

    def _make_current(self, index: QModelIndex, *, show: bool = True) -> None:
        selection = self._view.selectionModel()
        if not show:
            selection.blockSignals(True)  # the article is on show already
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self._view.scrollTo(index)
        self._view.viewport().update()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if self._view.moving_by_key() and self._shown.served_from_index():
            soon = self._keyed.isValid() and self._keyed.elapsed() < self.settle_ms
            self._keyed.start()
            if soon:
                self._settle.start(self.settle_ms)  # shown once the keys pause
                return
        self._settle.stop()
        article = current.data(ARTICLE_ROLE)
        if isinstance(article, Article):
            self.chosen.emit(article)

    def _settled(self) -> None:
        """The keys paused: show the row they landed on, unless it is on show already."""
        article = self.current_article()
        shown = self._pane.article()
        if article is not None and (shown is None or shown.path != article.path):
            self.chosen.emit(article)
