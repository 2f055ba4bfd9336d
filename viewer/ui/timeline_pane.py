"""The timeline strip: its choices (date, period, share, queries compared, export), the range
the list is narrowed to as a removable chip, the chart, and a line saying what is under the
pointer. Every text from a file or the reader is shown as plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.timeline_counts import PERIOD_LABELS, PERIODS
from viewer.ui.timeline_chart import Selection, TimelineChart

EXPORTS = {"csv": "Counts as &CSV…", "png": "Chart as &PNG…", "svg": "Chart as &SVG…"}


def _chip(text: str, tip: str) -> QToolButton:
    """A small button reading ``text ✕`` (plain text: a QToolButton shows no markup)."""
    chip = QToolButton()
    chip.setText(f"{text}  ✕")
    chip.setToolTip(tip)
    chip.setAutoRaise(False)
    chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return chip


class TimelinePane(QWidget):
    """The strip above (or below) the list."""

    fieldChanged = Signal(str)  # "published" or "updated"
    periodChanged = Signal(object)  # a period of PERIODS, or None for automatic
    shareToggled = Signal(bool)
    queryAdded = Signal(str)
    queryRemoved = Signal(str)
    rangeRemoved = Signal()
    exportRequested = Signal(str)  # a key of EXPORTS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePane")
        self.field_box = QComboBox()
        self.field_box.setObjectName("timelineField")
        self.field_box.addItem("Published", "published")
        self.field_box.addItem("Updated", "updated")
        self.field_box.setToolTip("Count articles by the date they were published or updated")
        self.field_box.currentIndexChanged.connect(
            lambda _i: self.fieldChanged.emit(self.field_box.currentData())
        )
        self.period_box = QComboBox()
        self.period_box.setObjectName("timelinePeriod")
        self.period_box.addItem("Automatic", None)
        for period in PERIODS:
            self.period_box.addItem(f"By {PERIOD_LABELS[period].lower()}", period)
        self.period_box.setToolTip("The period each bar counts")
        self.period_box.currentIndexChanged.connect(
            lambda _i: self.periodChanged.emit(self.period_box.currentData())
        )
        self.share_button = QToolButton()
        self.share_button.setObjectName("timelineShare")
        self.share_button.setText("Share %")
        self.share_button.setCheckable(True)
        self.share_button.setToolTip(
            "Show what the filter and the compared queries match as a share of each period"
        )
        self.share_button.toggled.connect(self.shareToggled)
        self.compare_edit = QLineEdit()
        self.compare_edit.setObjectName("timelineCompare")
        self.compare_edit.setPlaceholderText("Compare a search…")
        self.compare_edit.setToolTip("A search to draw as a series of its own (up to five)")
        self.compare_edit.setClearButtonEnabled(True)
        self.compare_edit.returnPressed.connect(self._add_query)
        self.folders_button = QToolButton()
        self.folders_button.setObjectName("timelineFolders")
        self.folders_button.setText("Folders")
        self.folders_button.setToolTip("Compare a smart folder (its search, section and filter)")
        self.folders_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.folders_menu = QMenu(self.folders_button)
        self.folders_button.setMenu(self.folders_menu)
        self.export_button = QToolButton()
        self.export_button.setObjectName("timelineExport")
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for key, text in EXPORTS.items():
            menu.addAction(text).triggered.connect(
                lambda _c=False, k=key: self.exportRequested.emit(k)
            )
        self.export_button.setMenu(menu)

        self._chips = QHBoxLayout()
        self._chips.setSpacing(4)
        self._query_chips: dict[str, QToolButton] = {}
        self.range_chip = _chip("", "Show every date again (Escape in the timeline)")
        self.range_chip.setObjectName("timelineRange")
        self.range_chip.clicked.connect(self.rangeRemoved)
        self.range_chip.hide()

        bar = QHBoxLayout()
        bar.setSpacing(4)
        bar.addWidget(self.field_box)
        bar.addWidget(self.period_box)
        bar.addWidget(self.share_button)
        bar.addWidget(self.compare_edit, 1)
        bar.addWidget(self.folders_button)
        bar.addWidget(self.export_button)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        chips.addWidget(self.range_chip)
        chips.addLayout(self._chips)
        chips.addStretch(1)
        self.chart = TimelineChart()
        self.status = QLabel()
        self.status.setObjectName("timelineStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(bar)
        layout.addLayout(chips)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.status)
        self._note = ""

    def _add_query(self) -> None:
        text = self.compare_edit.text().strip()
        if text:
            self.queryAdded.emit(text)

    def set_queries(self, queries: list[str]) -> None:
        """Show a chip for each query compared."""
        for text in list(self._query_chips):
            if text not in queries:
                self._query_chips.pop(text).deleteLater()
        for text in queries:
            if text not in self._query_chips:
                chip = _chip(text, "Compare this search no more")
                chip.setObjectName("timelineQuery")
                chip.clicked.connect(lambda _c=False, t=text: self.queryRemoved.emit(t))
                self._chips.addWidget(chip)
                self._query_chips[text] = chip

    def query_chips(self) -> dict[str, QToolButton]:
        """The chips of the queries compared, by query."""
        return dict(self._query_chips)

    def set_range_text(self, text: str | None) -> None:
        """Show the range the list is narrowed to as a chip (None: no range)."""
        self.range_chip.setVisible(text is not None)
        if text is not None:
            self.range_chip.setText(f"{text}  ✕")

    def show_hover(self, text: str) -> None:
        """Say what is under the pointer ("" : the standing note again)."""
        self.status.setText(text or self._note)

    def show_note(self, text: str) -> None:
        """The standing line under the chart, shown while the pointer is elsewhere."""
        self._note = text
        self.status.setText(text)

    def selection(self) -> Selection:
        """The bars marked as the range."""
        return self.chart.selection()
