"""The timeline as the window knows it before it is first shown: nothing but what it is made of
(no first paint waits for pyqtgraph or numpy); the dock, with all it needs, made on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from viewer.core.smart_folders import SmartFolder
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles

if TYPE_CHECKING:
    from viewer.window.timeline_controls import TimelineControls


class TimelineDock(QObject):
    """Makes the timeline when it is first shown, and forwards what it says."""

    message = Signal(str, int)  # text, milliseconds
    shownChanged = Signal(bool)
    refiltered = Signal()  # its range changed the rows shown

    def __init__(
        self,
        window: QMainWindow,
        shown: ShownArticles,
        session: LibrarySession,
        folders: Callable[[], list[SmartFolder]],
    ) -> None:
        """``folders``: the smart folders there are, to compare."""
        super().__init__(window)
        self._parts = (window, shown, session, folders)
        self.controls: TimelineControls | None = None

    def show(self, on: bool = True) -> None:
        """Show the timeline of the articles listed, or close it."""
        if self.controls is None:
            if not on:
                return
            from viewer.window.timeline_controls import TimelineControls

            made = TimelineControls(*self._parts, self)
            made.message.connect(self.message)
            made.shownChanged.connect(self.shownChanged)
            made.refiltered.connect(self.refiltered)
            self.controls = made
        self.controls.set_shown(on)

    def shut_down(self) -> None:
        """Stop counting, if it was ever shown."""
        if self.controls is not None:
            self.controls.shut_down()
