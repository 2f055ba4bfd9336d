"""The thread that checks the disk behind a list served from the index (``core/reconcile``).

It runs at a lower priority, waits while the window paints, and hands each step (how far it
got, what it changed in the index) to the window's thread over a queued signal.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.paint_gate import wait_while_painting
from viewer.core.reconcile import reconcile
from viewer.library.loader import lower_priority


class Reconciling(QThread):
    """One pass over ``roots``: new files listed into the index, changed ones again, gone ones
    taken out."""

    stepped = Signal(object)  # Step

    def __init__(
        self,
        index_path: Path,
        roots: Sequence[str],
        encodings: Mapping[str, str],
        paint_gate: threading.Event | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.roots = list(roots)
        self._index_path = index_path
        self._encodings = dict(encodings)
        self._paint_gate = paint_gate
        self._cancelled = threading.Event()
        self.quiet = False  # a look at what a watch saw change, not a listing
        self.folders: list[str] = []  # what a quiet look read, to watch

    def cancel(self) -> None:
        """Stop soon; what was applied stays."""
        self._cancelled.set()

    def cancelled(self) -> bool:
        """True once asked to stop."""
        return self._cancelled.is_set()

    def run(self) -> None:
        """Walk, compare and apply, a step at a time."""
        lower_priority()
        gate = self._paint_gate
        for step in reconcile(
            self._index_path,
            self.roots,
            self._cancelled,
            encodings=self._encodings,
            pause=lambda: wait_while_painting(gate),
        ):
            self.stepped.emit(step)
