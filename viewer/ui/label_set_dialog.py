"""Editing the label set: names, colours and keys, added, removed and put in order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
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

from viewer.core.labels import KEYS, PALETTE, LabelDef, clean_name

NAME, COLOUR, KEY = range(3)
_ORIGINAL = Qt.ItemDataRole.UserRole + 1  # a row's name when the dialog opened, to rename


class LabelSetDialog(QDialog):
    """The label set as a table; OK keeps it only while every name is given and unique."""

    def __init__(self, labels: list[LabelDef], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelSetDialog")
        self.setWindowTitle("Labels")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Name", "Colour", "Key"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._cell_activated)
        self.table.itemChanged.connect(lambda _item: self._check())
        for label in labels:
            self._add_row(label, original=label.name)
        buttons = QHBoxLayout()
        for text, slot in (
            ("&Add", self.add_label),
            ("&Remove", self.remove_label),
            ("Move &Up", lambda: self._move(-1)),
            ("Move &Down", lambda: self._move(1)),
            ("&Colour…", self._choose_colour),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setObjectName("labelSetProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, 320)
        self._check()

    def labels(self) -> list[LabelDef]:
        """The set as the table now has it, in order."""
        found = []
        for row in range(self.table.rowCount()):
            name = clean_name(self._name_item(row).text())
            colour = self._colour(row)
            key = self._key_box(row).currentText()
            found.append(LabelDef(name, colour, key if key in KEYS else "", row))
        return found

    def renamed(self) -> dict[str, str]:
        """Old name → new name of each label renamed here."""
        changes = {}
        for row in range(self.table.rowCount()):
            item = self._name_item(row)
            original = item.data(_ORIGINAL)
            name = clean_name(item.text())
            if isinstance(original, str) and original and name and original != name:
                changes[original] = name
        return changes

    def add_label(self) -> None:
        """A new row, with the first key and colour no label has."""
        used = {label.key for label in self.labels()}
        key = next((k for k in KEYS if k not in used), "")
        colour = PALETTE[self.table.rowCount() % len(PALETTE)]
        self._add_row(LabelDef("New label", colour, key, self.table.rowCount()), original="")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(self._name_item(row))

    def remove_label(self) -> None:
        """Drop the chosen row (its articles keep the name until relabelled)."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._check()

    def _add_row(self, label: LabelDef, *, original: str) -> None:
        self.table.blockSignals(True)  # the row is checked once it is whole
        try:
            self._fill_row(label, original)
        finally:
            self.table.blockSignals(False)

    def _fill_row(self, label: LabelDef, original: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(label.name)
        name.setData(_ORIGINAL, original)
        self.table.setItem(row, NAME, name)
        swatch = QTableWidgetItem(label.colour)
        swatch.setFlags(swatch.flags() & ~Qt.ItemFlag.ItemIsEditable)
        swatch.setBackground(QColor(label.colour))
        swatch.setData(Qt.ItemDataRole.UserRole, label.colour)
        self.table.setItem(row, COLOUR, swatch)
        box = QComboBox()
        box.addItems(["", *KEYS])
        box.setCurrentText(label.key)
        box.currentIndexChanged.connect(lambda _i: self._check())
        self.table.setCellWidget(row, KEY, box)

    def _name_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, NAME)
        assert item is not None
        return item

    def _key_box(self, row: int) -> QComboBox:
        box = self.table.cellWidget(row, KEY)
        assert isinstance(box, QComboBox)
        return box

    def _colour(self, row: int) -> str:
        item = self.table.item(row, COLOUR)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else PALETTE[0]

    def set_colour(self, row: int, colour: str) -> None:
        """Give a row's label this colour (``#rrggbb``)."""
        item = self.table.item(row, COLOUR)
        if item is not None and QColor(colour).isValid():
            item.setText(colour)
            item.setBackground(QColor(colour))
            item.setData(Qt.ItemDataRole.UserRole, colour)

    def _choose_colour(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        chosen = QColorDialog.getColor(QColor(self._colour(row)), self, "Label Colour")
        if chosen.isValid():
            self.set_colour(row, chosen.name())

    def _cell_activated(self, row: int, column: int) -> None:
        if column == COLOUR:
            self.table.setCurrentCell(row, column)
            self._choose_colour()

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        labels = self.labels()
        originals = [self._name_item(r).data(_ORIGINAL) for r in range(self.table.rowCount())]
        labels[row], labels[target] = labels[target], labels[row]
        originals[row], originals[target] = originals[target], originals[row]
        self.table.setRowCount(0)
        for label, original in zip(labels, originals, strict=True):
            self._add_row(label, original=original if isinstance(original, str) else "")
        self.table.setCurrentCell(target, NAME)
        self._check()

    def _check(self) -> None:
        names = [label.name for label in self.labels()]
        keys = [label.key for label in self.labels() if label.key]
        problem = ""
        if any(not name for name in names):
            problem = "Every label needs a name."
        elif len({n.casefold() for n in names}) < len(names):
            problem = "Two labels have the same name."
        elif len(set(keys)) < len(keys):
            problem = "Two labels have the same key."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
