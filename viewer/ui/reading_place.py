"""Where the reader is in an article: the text at the top of the view, kept as the view changes.

A place is the share of the document's characters that come before the line at the top of the
view. Unlike a share of the scroll range, it names the same line whatever the pane's size, the
zoom or the font, and however far Qt has laid the document out yet: coming back to an article,
after a restart or a resize, shows the same lines at the top.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit


class ReadingPlace:
    """Reads and sets the place in a text view, and holds it while the view resizes."""

    def __init__(self, view: QTextEdit) -> None:
        self._view = view
        # The character to keep at the top until the reader scrolls: set before the view has
        # its real size (at start-up), it is put back once the view has it.
        self._wanted: int | None = None
        self._moving = False
        view.verticalScrollBar().valueChanged.connect(self._scrolled)

    def fraction(self) -> float:
        """How far into the article the top of the view is, from 0 to 1."""
        total = self._view.document().characterCount()
        if total <= 1:
            return 0.0
        return min(1.0, self.top() / (total - 1))

    def top(self) -> int:
        """The position of the character at the top of the view (or still to be put there)."""
        return self._wanted if self._wanted is not None else self._top()

    def go_to(self, fraction: float) -> None:
        """Put the line at ``fraction`` of the characters at the top of the view."""
        total = self._view.document().characterCount()
        self.go_to_position(round(max(0.0, min(1.0, fraction)) * max(0, total - 1)))

    def go_to_position(self, position: int) -> None:
        """Put the line holding the character at ``position`` at the top of the view."""
        self._wanted = position or None
        self._show_at_top(position)

    def hold(self) -> tuple[int, bool] | None:
        """The character at the top before the view changes (its size, or its first showing,
        when Qt scrolls to the text cursor), and whether it is still to be reached."""
        if self._wanted is not None:
            return self._wanted, True
        return (self._top(), False) if self._view.verticalScrollBar().value() > 0 else None

    def put_back(self, held: tuple[int, bool] | None) -> None:
        """After the change, show the character ``hold`` gave at the top again."""
        if held is not None:
            position, wanted = held
            self._show_at_top(position)
            if wanted:
                self._wanted = position  # the view may not have its final size yet

    def _top(self) -> int:
        viewport = self._view.viewport()
        return self._view.cursorForPosition(QPoint(viewport.width() // 2, 0)).position()

    def _show_at_top(self, position: int) -> None:
        document = self._view.document()
        cursor = QTextCursor(document)
        cursor.setPosition(min(position, max(0, document.characterCount() - 1)))
        cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        bar = self._view.verticalScrollBar()
        self._moving = True
        try:
            bar.setValue(0 if position == 0 else bar.value() + self._view.cursorRect(cursor).top())
        finally:
            self._moving = False

    def _scrolled(self, _value: int) -> None:
        if not self._moving:
            self._wanted = None  # the reader moved: the place is what the view shows
