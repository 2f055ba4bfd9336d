"""Typesetting a long article a slice at a time, so that the window never stops answering.

The first screens are written before the document is shown; the rest goes in from a zero
timer, in slices whose size follows how fast the last ones went (layout included: Qt lays out
what a slice added when the slice ends), so that each takes about ``SLICE_SECONDS`` whatever
the script (text in a font that lacks its letters is set twenty times slower).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

FIRST_COST: Final = 12_000  # characters written before the document shows: a few screens
FIRST_SECONDS: Final = 0.05
SLICE_SECONDS: Final = 0.02
_FIRST_SLICE: Final = 4_000
_SLICE_RANGE: Final = (200, 500_000)


class ChunkedTypesetting(QObject):
    """Writes a document's remaining steps in slices; ``stop`` ends it at once."""

    grew = Signal()  # a slice went in
    finished = Signal()  # the last one did

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._document: QTextDocument | None = None
        self._steps: Iterator[int] | None = None
        self._cost = _FIRST_SLICE
        self.slices = 0  # slices run since the last start, for tests and benchmarks

    def start(self, document: QTextDocument, steps: Iterator[int]) -> bool:
        """Write the first screens of ``document`` now, before it is shown; the rest follows
        once the event loop runs. True when there is no rest."""
        self.stop()
        started = time.perf_counter()
        spent = 0
        for cost in steps:
            spent += cost
            if spent >= FIRST_COST or time.perf_counter() - started > FIRST_SECONDS:
                break
        else:
            return True
        self._document, self._steps = document, steps
        self._cost = _FIRST_SLICE
        self.slices = 0
        self._timer.start()
        return False

    def running(self) -> bool:
        """True while there is more to write."""
        return self._steps is not None

    def stop(self) -> None:
        """Write no more (another article is shown, or this one again from the start)."""
        self._timer.stop()
        self._steps = None
        self._document = None

    def _slice(self) -> None:
        steps, document = self._steps, self._document
        if steps is None or document is None:
            return
        started = time.perf_counter()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one change for Qt to lay out, not one per paragraph
        spent = 0
        done = True
        for cost in steps:
            spent += cost
            if spent >= self._cost:
                done = False
                break
        cursor.endEditBlock()
        elapsed = max(time.perf_counter() - started, 1e-4)
        self.slices += 1
        # Aim the next slice at the time a slice should take, growing by at most half.
        wanted = spent * SLICE_SECONDS / elapsed
        low, high = _SLICE_RANGE
        self._cost = int(max(low, min(high, wanted, self._cost * 1.5)))
        if done:
            self._steps = self._document = None
            self.finished.emit()
        else:
            self._timer.start()
            self.grew.emit()
