"""Saving or editing a smart folder: its name, its search, its section and its filter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.core.smart_folders import SmartFolder
from viewer.ui.reading_colours import error_colour, qcolor, rgb

ALL_SECTIONS = "All sections"


class SmartFolderDialog(QDialog):
    """The folder's fields; OK only while its search can be read (what is wrong says so)."""

    def __init__(
        self,
        folder: SmartFolder,
        sections: Sequence[str],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("smartFolderDialog")
        self.setWindowTitle(title)
        self._folder = folder
        self.name_edit = QLineEdit(folder.name)
        self.query_edit = QLineEdit(folder.query)
        self.query_edit.setPlaceholderText('words, "phrases", author:…, after:-30d')
        self.section_box = QComboBox()
        self.section_box.setEditable(True)  # a section no article has yet can be named too
        self.section_box.addItem(ALL_SECTIONS)
        for section in sections:
            self.section_box.addItem(section)
        self.section_box.setCurrentText(folder.section or ALL_SECTIONS)
        self.filter_edit = QLineEdit(folder.filter)
        self.filter_edit.setPlaceholderText("words of the title, section or file name")
        self.problem = QLabel()
        self.problem.setObjectName("smartFolderProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # the reader's own text, quoted
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Search:", self.query_edit)
        form.addRow("S&ection:", self.section_box)
        form.addRow("&Filter:", self.filter_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.query_edit.textChanged.connect(self._check)
        self.name_edit.selectAll()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
        self._check()

    def folder(self) -> SmartFolder:
        """The folder as the fields now say."""
        section = self.section_box.currentText().strip()
        return replace(
            self._folder,
            name=self.name_edit.text(),
            query=self.query_edit.text(),
            section=None if section in ("", ALL_SECTIONS) else section,
            filter=self.filter_edit.text(),
        )

    def _check(self) -> None:
        from viewer.core.search_query import SearchQueryError, parse_query

        try:
            parse_query(self.query_edit.text())
        except SearchQueryError as exc:
            problem = str(exc)
        else:
            problem = ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        palette = self.problem.palette()
        window = rgb(self.palette().color(QPalette.ColorRole.Window))
        palette.setColor(QPalette.ColorRole.WindowText, qcolor(error_colour(window)))
        self.problem.setPalette(palette)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
