"""Help ▸ Keyboard Shortcuts: every binding, read from the actions so the list never drifts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys handled by the widgets themselves rather than by actions.
WIDGET_KEYS: Final = (
    ("Up / Down", "Previous or next article in the list"),
    ("Page Up / Page Down, Home / End", "Move through the list"),
    ("Enter", "From the list, read the article"),
    ("Tab / Shift+Tab", "List → reading pane → filter"),
    ("Escape", "In the filter: clear it and return to the list"),
)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action with a shortcut, then the widgets' own keys."""
    rows: list[tuple[str, str]] = []
    for action in actions:
        label, _, hint = action.text().partition("\t")
        keys = [
            seq.toString(QKeySequence.SequenceFormat.NativeText)
            for seq in action.shortcuts()
            if not _is_media_key(seq)
        ]
        if hint:
            keys.append(hint)
        if keys:
            rows.append((", ".join(dict.fromkeys(keys)), label.replace("&", "").rstrip("…")))
    rows.extend(WIDGET_KEYS)
    return rows


def _is_media_key(sequence: QKeySequence) -> bool:
    """Keys such as "Open" or "Refresh" on multimedia keyboards: bound, but not worth listing."""
    if sequence.count() == 0:
        return False
    first = sequence[0]  # type: ignore[index]  # the stubs miss QKeySequence.operator[]
    key = first.key()
    return bool(key == Qt.Key.Key_Help or key.value >= Qt.Key.Key_Back.value)


class ShortcutsDialog(QDialog):
    """A table of every keyboard binding."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels(["Keys", "Action"])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setShowGrid(False)
        table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows, Page Down and End scroll it
        table.setTabKeyNavigation(False)  # Tab goes on to Close
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        for row, (keys, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        table.setFocus()
        rows_height = table.verticalHeader().defaultSectionSize() * (len(rows) + 1)
        self.resize(600, min(rows_height + 90, 760))
