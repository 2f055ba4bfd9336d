"""The file list pane's view: a flat, sortable table of articles, one line each."""

from __future__ import annotations

import threading
from typing import Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCursor, QFocusEvent, QHideEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from viewer.core.paint_gate import painting
from viewer.library.article_model import (
    COL_LABELS,
    COL_PUBLISHED,
    COL_SECTION,
    COL_TITLE,
    COL_UPDATED,
)

# A key in the list holds background reading off (``paint_gate``) until this long after it: a
# reader paging through the list presses the next one before a thread would have let go.
HOLD_MS: Final = 250


class ArticleListView(QTableView):
    """A table view set up as a list of articles.

    A table view rather than a tree view: ``QTreeView`` lays out every row through the model
    whenever rows change or move, which took a second per change at 100,000 rows (measured);
    a table view only ever asks about the rows in sight.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the reading pane, not along a row
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # A little air above and below each line: easier to scan and to click.
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setSortingEnabled(True)
        # After the sort the view connects here: the article being read stays in sight.
        self.horizontalHeader().sortIndicatorChanged.connect(self._current_in_view)
        self.paint_gate: threading.Event | None = None  # cleared while painting, when given
        self._anchor: tuple[QPersistentModelIndex, int] | None = None
        self._by_key = False  # a key of the list's own is being handled
        self._holding = QTimer(self)
        self._holding.setSingleShot(True)
        self._holding.setInterval(HOLD_MS)
        self._holding.timeout.connect(self._release)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Show ``model``, keeping rows in place on screen when it reorders (see ``_hold``)."""
        old = self.model()
        if old is not None:
            old.layoutAboutToBeChanged.disconnect(self._hold)
            old.layoutChanged.disconnect(self._keep)
        super().setModel(model)
        if model is not None:
            model.layoutAboutToBeChanged.connect(self._hold)
            model.layoutChanged.connect(self._keep)

    def _hold(self) -> None:
        """Before rows move (sorted into place as they stream in), note the row under the
        pointer, or else the top row, and where it is on screen, so that ``_keep`` can put it
        back there: the row a person scrolled to or is about to click stays put. At the top of
        a list nobody has scrolled, new rows may push the others down."""
        self._anchor = None
        viewport = self.viewport()
        pointer = viewport.mapFromGlobal(QCursor.pos())
        over = viewport.rect().contains(pointer) and viewport.underMouse()
        if not over and self.verticalScrollBar().value() == 0:
            return
        index = self.indexAt(QPoint(0, pointer.y() if over else 0))
        if index.isValid():
            self._anchor = (QPersistentModelIndex(index), self.visualRect(index).top())

    def _keep(self) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None or not anchor[0].isValid():
            return
        moved = self.visualRect(self.model().index(anchor[0].row(), anchor[0].column())).top()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + moved - anchor[1])

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint, with background reading held off meanwhile (see ``paint_gate``)."""
        with painting(self.paint_gate):
            super().paintEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Move by the key, with background reading held off meanwhile and a moment after
        (``HOLD_MS``); ``moving_by_key`` says so to whoever hears of the move."""
        if self.paint_gate is not None:
            self.paint_gate.clear()
            self._holding.start()
        self._by_key = True
        try:
            super().keyPressEvent(event)
        finally:
            self._by_key = False

    def _release(self) -> None:
        self._holding.stop()
        if self.paint_gate is not None:
            self.paint_gate.set()

    def hideEvent(self, event: QHideEvent) -> None:
        """Let background reading go on when the list is out of sight (the window closing)."""
        self._release()
        super().hideEvent(event)

    def moving_by_key(self) -> bool:
        """True while a key pressed in the list moves its current row (not a click, not a
        command)."""
        return self._by_key

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Take the focus without making a row current: Qt makes the first one current when
        none is, which here would open an article the reader did not choose."""
        selection = self.selectionModel()
        if selection is None or self.currentIndex().isValid():
            super().focusInEvent(event)
            return
        selection.blockSignals(True)
        try:
            super().focusInEvent(event)
            selection.clearCurrentIndex()
        finally:
            selection.blockSignals(False)

    def _current_in_view(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self.scrollToTop()  # nothing chosen: the top of the new order

    def size_columns(self) -> None:
        """Title takes the room; the others are as wide as their usual content."""
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        date_width = metrics.horizontalAdvance("28 Sep 2026") + 28
        header.resizeSection(COL_SECTION, metrics.horizontalAdvance("Technology") + 24)
        header.resizeSection(COL_PUBLISHED, date_width)
        header.resizeSection(COL_UPDATED, date_width)
        header.resizeSection(COL_LABELS, metrics.horizontalAdvance("Not relevant") + 40)
        header.setSectionHidden(COL_LABELS, True)  # shown once the reader labels an article
        header.setSortIndicatorShown(True)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Keys move between articles: Home and End go to the first and last, not along a row."""
        action = QAbstractItemView.CursorAction
        model = self.model()
        if model is None or model.rowCount() == 0:
            return QModelIndex()
        column = max(self.currentIndex().column(), 0)
        if cursorAction == action.MoveHome:
            return model.index(0, column)
        if cursorAction == action.MoveEnd:
            return model.index(model.rowCount() - 1, column)
        if cursorAction in (action.MoveLeft, action.MoveRight):
            return self.currentIndex()
        return super().moveCursor(cursorAction, modifiers)

    def header(self) -> QHeaderView:
        """The column header (as ``QTreeView.header`` names it)."""
        return self.horizontalHeader()


DEFAULT_SORT = (COL_PUBLISHED, Qt.SortOrder.DescendingOrder)
