"""Reviewing a label set imported beside the reader's own: how far the two agree, and what to
do with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.agreement import agreement, disagreements

Labels = Mapping[str, Sequence[str]]  # content key → label names
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReviewDialog(QDialog):
    """A set chosen, its agreement with the reader's labels per label, and the actions."""

    reviewRequested = Signal(str)  # go through the set's suggestions article by article
    acceptRequested = Signal(str, bool)  # set name; True: only where the reader has none
    disagreementsRequested = Signal(str)  # export the disagreements as CSV
    dropRequested = Signal(str)

    def __init__(
        self, sets: Mapping[str, Labels], own: Labels, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle("Review Imported Labels")
        self._sets = sets
        self._own = own
        self.set_box = QComboBox()
        self.set_box.addItems(sorted(sets, key=str.casefold))
        self.set_box.currentTextChanged.connect(self._show)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Label", "Articles", "Agreement", "Kappa"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, signal in (
            ("review", "Review &One by One", lambda n: self.reviewRequested.emit(n)),
            ("accept", "&Accept All", lambda n: self.acceptRequested.emit(n, False)),
            ("fill", "Accept Where &Unlabelled", lambda n: self.acceptRequested.emit(n, True)),
            ("export", "Export &Disagreements…", lambda n: self.disagreementsRequested.emit(n)),
            ("drop", "D&elete Set", lambda n: self.dropRequested.emit(n)),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=signal: s(self.set_box.currentText()))
            buttons.addWidget(button)
            self.buttons[key] = button
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        caption = QLabel("&Set:")
        caption.setBuddy(self.set_box)
        top.addWidget(caption)
        top.addWidget(self.set_box, 1)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(620, 360)
        self._show(self.set_box.currentText())

    def _show(self, name: str) -> None:
        theirs = self._sets.get(name, {})
        own = {k: v for k, v in self._own.items() if v}
        both = sum(1 for k in theirs if k in own)
        differing = len(disagreements(own, theirs))
        self.summary.setText(
            f"{len(theirs):,} articles in the set; {both:,} of them are labelled by you too, "
            f"and {differing:,} of those differently."
            if name
            else "No label set has been imported: see labels import on the command line."
        )
        rows = agreement(own, theirs)
        self.table.setRowCount(len(rows))
        for row, found in enumerate(rows):
            percent = "" if found.percent is None else f"{found.percent:.0f}%"
            kappa = "—" if found.kappa is None else f"{found.kappa:.2f}"
            cells = (found.label, f"{found.articles:,}", percent, kappa)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        for button in self.buttons.values():
            button.setEnabled(bool(name))
        self.buttons["export"].setEnabled(bool(differing))
