"""The keyboard focus, and the keys that mean one thing wherever they are pressed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from viewer.ui.find_bar import FindBar
from viewer.ui.list_pane import FILTER_MODE, SEARCH_MODE, ListPane
from viewer.ui.reading_pane import ReadingPane


class KeyboardControls(QObject):
    """Moving the focus between the panes, and Space, Escape and Enter in each of them."""

    stopRequested = Signal()  # Escape while a folder is being listed
    topRequested = Signal()  # Enter with nothing chosen: read the top of the list
    pageForward = Signal()  # Space
    pageBack = Signal()  # Shift+Space

    def __init__(
        self,
        list_pane: ListPane,
        pane: ReadingPane,
        find_bar: FindBar,
        is_loading: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._list_pane = list_pane
        self._view = list_pane.list_view
        self._filter = list_pane.filter_edit
        self._pane = pane
        self._find_bar = find_bar
        self._is_loading = is_loading
        QWidget.setTabOrder(self._view, pane)
        QWidget.setTabOrder(pane, self._filter)
        QWidget.setTabOrder(self._filter, self._view)
        for widget in (self._view, pane, self._filter):
            widget.installEventFilter(self)

    def focus_filter(self) -> None:
        """Put the cursor in the filter field, its text selected."""
        self._list_pane.set_mode(FILTER_MODE)
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    def focus_search(self) -> None:
        """Put the cursor in the search field (the field in its search mode)."""
        self._list_pane.set_mode(SEARCH_MODE)
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    def focus_sections(self) -> None:
        """Open the section box, to pick a section with the keyboard."""
        self._list_pane.section_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._list_pane.section_box.showPopup()

    def focus_list(self) -> None:
        """Give the list the keyboard focus."""
        self._view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_reading_pane(self) -> None:
        """Give the reading pane the keyboard focus."""
        self._pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle_focus(self, step: int = 1) -> None:
        """F6: list → reading pane → filter → list."""
        order: list[QWidget] = [self._view, self._pane, self._filter]
        focused = self._view.window().focusWidget()
        index = order.index(focused) if focused in order else -1
        order[(index + step) % len(order)].setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys that mean one thing wherever they are pressed: Space, Escape, Enter."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(watched, event) or super().eventFilter(watched, event)
        return super().eventFilter(watched, event)

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Handle a key pressed in one of the panes; False to let it be."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self._filter:
            if key == Qt.Key.Key_Escape:
                if not self._filter.text() and self._is_loading():
                    self.stopRequested.emit()
                self._filter.clear()
                self._list_pane.run_search()
                self.focus_list()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_list()
                self.topRequested.emit()
                return True
        elif (
            watched is self._view
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self._view.currentIndex().isValid()
        ):
            self.topRequested.emit()
            self.focus_reading_pane()
            return True
        elif key == Qt.Key.Key_Escape and self._find_bar.isVisible():
            self._find_bar.close_bar()
            return True
        elif key == Qt.Key.Key_Escape and self._is_loading():
            self.stopRequested.emit()
            return True
        elif key == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.NoModifier:
            self.pageForward.emit()
            return True
        elif key == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.ShiftModifier:
            self.pageBack.emit()
            return True
        return False
