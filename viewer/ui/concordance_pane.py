"""The concordance pane: every occurrence of the search's terms, aligned on the hit, with the
order, the context's width, export, and the build's progress with Stop."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSpinBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.concordance import CONTEXT_CHARS
from viewer.library.concordance_model import (
    DATE,
    HIT,
    LEFT,
    RIGHT,
    SECTION,
    ConcordanceModel,
    order_names,
)

NO_QUERY: Final = (
    "Search for words (Ctrl+K) to see here every place they occur in the articles listed, "
    "with the text on either side."
)


class _ElideLeft(QStyledItemDelegate):
    """Text too long for its cell loses its start, not its end."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """As the default, eliding on the left."""
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class ConcordancePane(QWidget):
    """Shows a ``ConcordanceModel``; Enter or a double click opens a line's hit."""

    lineActivated = Signal(int)  # a row of the model, to open at its hit
    exportRequested = Signal()
    stopRequested = Signal()

    def __init__(self, model: ConcordanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordancePane")
        self.model = model
        self.summary = QLabel()
        self.summary.setObjectName("concordanceSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.order = QComboBox()
        self.order.setObjectName("concordanceOrder")
        self.order.addItems(order_names())
        self.order.setToolTip("Order the lines by a word beside the hit, the date or the title")
        order_label = QLabel("&Sort:")
        order_label.setBuddy(self.order)
        self.width_box = QSpinBox()
        self.width_box.setObjectName("concordanceWidth")
        self.width_box.setRange(10, CONTEXT_CHARS)
        self.width_box.setSingleStep(10)
        self.width_box.setValue(model.width())
        self.width_box.setSuffix(" characters")
        self.width_box.setToolTip("How much text to show on either side of the hit")
        width_label = QLabel("Con&text:")
        width_label.setBuddy(self.width_box)
        self.progress = QProgressBar()
        self.progress.setObjectName("concordanceProgress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.stop_button = QToolButton()
        self.stop_button.setText("Stop")
        self.stop_button.setToolTip("Stop finding more lines; those found stay")
        self.export_button = QToolButton()
        self.export_button.setText("Export…")
        self.export_button.setToolTip("Save the lines as CSV or TSV")
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.stop_button)
        bar.addWidget(order_label)
        bar.addWidget(self.order)
        bar.addWidget(width_label)
        bar.addWidget(self.width_box)
        bar.addWidget(self.export_button)
        self.table = QTableView()
        self.table.setObjectName("concordanceTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The left context is cut at its start: the words next to the hit are what counts.
        self.table.setItemDelegateForColumn(LEFT, _ElideLeft(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsClickable(False)  # the order is chosen in the box above
        self._size_columns()
        self.empty = QLabel(NO_QUERY)
        self.empty.setObjectName("concordanceEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(16)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.order.currentTextChanged.connect(model.set_order)
        self.width_box.valueChanged.connect(self._width_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)
        self.stop_button.clicked.connect(self.stopRequested)
        self.export_button.clicked.connect(self.exportRequested)
        self.set_building(None)

    def _size_columns(self) -> None:
        """The contexts as wide as their characters in the fixed-pitch font, the hit between;
        the title takes what is left."""
        chars = self.model.width()
        advance = QFontMetrics(self.model.fixed_font()).horizontalAdvance("M")
        header = self.table.horizontalHeader()
        margin = 2 * advance + 8  # the cell's own padding, and a character to spare
        header.resizeSection(LEFT, advance * chars + margin)
        hit = min(30, max(6, self.model.longest_hit()))
        header.resizeSection(HIT, int(advance * hit * 1.1) + margin)  # bold is wider
        header.resizeSection(RIGHT, advance * chars + margin)
        header.resizeSection(DATE, self.fontMetrics().horizontalAdvance("2088-08-28") + 20)
        header.resizeSection(SECTION, self.fontMetrics().horizontalAdvance("M") * 10)

    def _width_changed(self, chars: int) -> None:
        self.model.set_width(chars)
        self._size_columns()

    def lines_done(self) -> None:
        """All lines are in: the hit's column as wide as the longest."""
        self._size_columns()

    def set_message(self, text: str | None) -> None:
        """Show ``text`` in place of the lines (None: show the lines)."""
        if text is None:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText(text)
            self.stack.setCurrentWidget(self.empty)

    def set_summary(self, text: str) -> None:
        """Say how many lines there are, of how many articles."""
        self.summary.setText(text)

    def set_building(self, progress: tuple[int, int] | None) -> None:
        """Show the build's progress (articles read, to read); None: not building."""
        building = progress is not None
        self.progress.setVisible(building)
        self.stop_button.setVisible(building)
        if progress is not None:
            done, total = progress
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    def current_row(self) -> int | None:
        """The model row of the current line, if any."""
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.lineActivated.emit(index.row())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the table opens the current line."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activated(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)
