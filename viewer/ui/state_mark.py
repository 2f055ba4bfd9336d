"""The status bar's mark while read marks cannot be saved: a few words, the reason beside them
in the tooltip, gone once everything is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from viewer.library.plain_text import plain_tooltip

MARK_TEXT = "Read marks not saved"


class StateMark(QLabel):
    """Shown while changes to the reading state wait to be written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(MARK_TEXT, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(MARK_TEXT)
        self.hide()

    def show_trouble(self, text: str) -> None:
        """Show the mark with ``text`` (plain) as its tooltip; hide it for no text."""
        self.setToolTip(plain_tooltip(text))
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
