"""The timeline as the window knows it before it is first shown: nothing but what it is made of
(no first paint waits for pyqtgraph or numpy); the dock, with all it needs, made on first use,
its modules imported in a thread first (importing pyqtgraph took the window's thread 0.6 s)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMainWindow

from viewer.core.smart_folders import SmartFolder
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles

if TYPE_CHECKING:
    from viewer.window.timeline_controls import TimelineControls


class _Importer(QThread):
    """Imports the timeline's modules (numpy, pyqtgraph and ours): classes, no objects."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.error = ""

    def run(self) -> None:
        """Import, and keep why not."""
        try:
            import viewer.window.timeline_controls  # noqa: F401
        except ImportError as exc:
            self.error = str(exc)


class TimelineDock(QObject):
    """Makes the timeline when it is first shown, and forwards what it says."""

    message = Signal(str, int)  # text, milliseconds
    shownChanged = Signal(bool)
    refiltered = Signal()  # its range changed the rows shown
    made = Signal()  # the timeline exists now (``controls``)

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
        self._importer: _Importer | None = None
        self._wanted = False  # shown once it is made

    def show(self, on: bool = True) -> None:
        """Show the timeline of the articles listed (made first, a moment later the first
        time), or close it."""
        self._wanted = on
        if self.controls is not None:
            self.controls.set_shown(on)
        elif on and self._importer is None:
            self._importer = _Importer(self)
            self._importer.finished.connect(self._imported)
            self._importer.start()

    def _imported(self) -> None:
        assert self._importer is not None
        error = self._importer.error
        if error:
            self._importer = None  # asked again, it tries again
            self.shownChanged.emit(False)
            self.message.emit(f"The timeline cannot be shown: {error}", 10000)
            return
        from viewer.window.timeline_controls import TimelineControls

        made = TimelineControls(*self._parts, self)
        made.message.connect(self.message)
        made.shownChanged.connect(self.shownChanged)
        made.refiltered.connect(self.refiltered)
        self.controls = made
        self.made.emit()
        made.set_shown(self._wanted)
        if not self._wanted:
            self.shownChanged.emit(False)

    def shut_down(self) -> None:
        """Stop counting, if it was ever shown."""
        if self._importer is not None:
            self._importer.wait()
        if self.controls is not None:
            self.controls.shut_down()
