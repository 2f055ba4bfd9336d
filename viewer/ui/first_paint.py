"""Work that waits for a window's first paint: what the reader sees comes before what they do
not see yet (no work of the window's own is done here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A widget shown but never painted (a desktop that maps no window, say) does not hold the work
# back for longer than this.
PAINT_WAIT_MS: Final = 1000


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the first paint: run the work on a later turn, once the paint is on screen."""
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
            self.deleteLater()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once ``widget`` has painted for the first time (on the event loop's next
    turn), or after ``PAINT_WAIT_MS`` if it does not paint by then; never if it is deleted
    first."""
    _AfterPaint(widget, then)
