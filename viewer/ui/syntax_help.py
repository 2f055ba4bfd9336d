"""The search field's "?": the search syntax with examples, in a window of its own that can
stay open beside the field while one types."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from viewer.core.query_help import SYNTAX_HELP


class SyntaxHelp(QDialog):
    """The syntax as plain text in a fixed-pitch font, so that its examples line up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syntaxHelp")
        self.setWindowTitle("Search Syntax")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(SYNTAX_HELP)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        metrics = self.text.fontMetrics()
        longest = max(SYNTAX_HELP.splitlines(), key=len)
        self.text.setMinimumWidth(metrics.horizontalAdvance(longest + "MMMM"))
        self.text.setMinimumHeight(metrics.lineSpacing() * min(32, SYNTAX_HELP.count("\n") + 2))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
