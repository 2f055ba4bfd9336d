"""The find bar under the reading pane: incremental, every match marked, "3 of 12".

In a long article (one read in parts) the search waits until typing pauses, and its body is
then looked through in slices: the field shows each key at once, whatever the article's size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.ui.pane_hits import MAX_HITS
from viewer.ui.reading_pane import ReadingPane

TYPING_PAUSE_MS: Final = 150  # a long article is looked through once typing pauses this long
FINDING: Final = "Finding…"


class FindBar(QWidget):
    """Finds text in the article on show; Enter/F3 next, Shift+Enter/Shift+F3 previous."""

    closed = Signal()

    def __init__(self, pane: ReadingPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._pane = pane
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("888 of 888") + 8)
        self.case = QToolButton()
        self.case.setObjectName("findCase")
        self.case.setText("Aa")
        self.case.setCheckable(True)
        self.case.setToolTip("Match case")
        self.previous_button = QToolButton()
        self.previous_button.setText("Previous")
        self.previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_button = QToolButton()
        self.next_button.setText("Next")
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.close_button = QToolButton()
        self.close_button.setText("Close")
        self.close_button.setToolTip("Close the find bar (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.case)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        for button in (self.case, self.previous_button, self.next_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit.textChanged.connect(self.refresh)
        self.case.toggled.connect(self.refresh)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)
        self._pause = QTimer(self)  # a long article: until typing pauses
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._find)
        self._waiting = False  # for the pane to say it has looked everywhere
        # Past the last match (True: before the first), asked whether to go on in another
        # article rather than round: True when it does (a search is active).
        self.cross: Callable[[bool], bool] = lambda _backwards: False
        pane.findFinished.connect(self._found)
        self.hide()

    def open(self) -> None:
        """Show the bar with its text selected, ready to type."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.refresh()

    def active(self) -> bool:
        """True while the bar is open with something to find."""
        return self.isVisible() and bool(self.edit.text())

    def refresh(self) -> None:
        """Find again: the text or the article changed (in a long article, once typing
        pauses)."""
        if not self.isVisible():
            return
        if self._pane.parts() is not None and self.edit.text():
            self._pause.start()
        else:
            self._find()

    def searching(self) -> bool:
        """True while the text typed is still to be looked for, or being looked for."""
        return self._pause.isActive() or self._waiting

    def _find(self) -> None:
        self._pause.stop()
        self._waiting = True
        self._pane.find_text(self.edit.text(), case_sensitive=self.case.isChecked())
        if self._waiting:  # the pane looks through a long body in slices
            self.count.setText(FINDING)

    def _found(self, total: int) -> None:
        if not self._waiting:
            return  # the pane looked again by itself (the article changed): refresh follows
        self._waiting = False
        if total:
            self._show_position(*self._pane.find_step())
        else:
            self.count.setText("No matches" if self.edit.text() else "")

    def next(self) -> None:
        """Go to the next match (typed text still waiting to be looked for is looked for
        first, and its first match shown); past the last, maybe into the next article."""
        if not self._unsettled():
            number, total = self._pane.find_position()
            if total and number == total and self.cross(False):
                return
            self._show_position(*self._pane.find_step())

    def previous(self) -> None:
        """Go to the previous match; before the first, maybe into the previous article."""
        if not self._unsettled():
            number, total = self._pane.find_position()
            if total and number == 1 and self.cross(True):
                return
            self._show_position(*self._pane.find_step(backwards=True))

    def _unsettled(self) -> bool:
        if self._pause.isActive():
            self._find()
        elif self._waiting and not self._pane.finding():
            self._waiting = False  # the pane let that search go (it shows the source now)
        return self._waiting

    def close_bar(self) -> None:
        """Hide the bar and its marks; the reading pane gets the focus back."""
        self.hide()
        self._pause.stop()
        self._waiting = False
        self._pane.clear_find()
        self._pane.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def _show_position(self, number: int, total: int) -> None:
        # Past MAX_HITS the rest are not looked for: "1 of 10,000+".
        many = f"{total:,}+" if total >= MAX_HITS else str(total)
        self.count.setText(f"{number} of {many}" if total else "No matches")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter and Shift+Enter move between matches; Escape closes."""
        pressed = event.type() == QEvent.Type.KeyPress
        if watched is self.edit and pressed and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous()
                else:
                    self.next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
