"""When the session's texts are saved for search: held until the window has painted, started
again when more are listed, and followed by the search that waits for them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:  # what start-up need not load: see where each is used
    from viewer.library.search import LibrarySearch
    from viewer.library.text_indexer import TextIndexer

RESEARCH_MS = 2000  # while texts are being indexed, a search is run again this often


class TextIndexing(QObject):
    """Runs one text indexer at a time over the paths ``wanted`` gives when it starts."""

    progress = Signal(int, int)  # texts indexed, texts to index
    message = Signal(str)
    grew = Signal()  # texts were saved: a search may find more

    def __init__(
        self,
        index_path: Path,
        searching: LibrarySearch,
        wanted: Callable[[], list[str]],
        encodings: Callable[[], Mapping[str, str]],
        paint_gate: threading.Event,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._index_path = index_path
        self._searching = searching
        self._wanted = wanted
        self._encodings = encodings
        self._paint_gate = paint_gate
        self.before_start: Callable[[], None] = lambda: None  # each time, as an indexer starts
        self._indexer: TextIndexer | None = None
        self._again = False
        # Held (see hold): indexing waits, and whether it was asked for meanwhile.
        self._held = False
        self._wanted_meanwhile = False
        self._last_total = 0
        self._closed = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.schedule)
        self._research = QTimer(self)
        self._research.setInterval(RESEARCH_MS)
        self._research.timeout.connect(self.grew)

    def hold(self) -> None:
        """Start no indexing until ``release``."""
        self._held = True

    def release(self) -> None:
        """Start the indexing asked for since ``hold``, if any."""
        if not self._held:
            return
        self._held = False
        if self._wanted_meanwhile:
            self._wanted_meanwhile = False
            self.schedule()

    def schedule_soon(self) -> None:
        """Index on a later turn of the event loop (after what this turn still does)."""
        self._soon.start()

    def schedule(self) -> None:
        """Index the texts ``wanted`` gives, in the background (once released, while held)."""
        if self._closed:
            return
        if self._held:
            self._wanted_meanwhile = True
            return
        if self.running():
            self._again = True
            assert self._indexer is not None
            self._indexer.cancel()
            return
        self.before_start()
        paths = self._wanted()
        if not paths:
            return
        from viewer.library.text_indexer import TextIndexer  # here: not needed to paint

        indexer = TextIndexer(
            paths,
            self._index_path,
            self,
            paint_gate=self._paint_gate,
            encodings=self._encodings(),
        )
        indexer.progress.connect(self.progress)
        indexer.warning.connect(self.message)
        indexer.finished.connect(lambda i=indexer: self._done(i))
        self._indexer = indexer
        self._research.start()
        indexer.start()

    def running(self) -> bool:
        """True while an indexer runs."""
        return self._indexer is not None and self._indexer.isRunning()

    def _done(self, indexer: TextIndexer) -> None:
        indexer.wait()
        self._last_total = indexer.total
        indexer.deleteLater()
        if indexer is self._indexer:
            self._indexer = None
        self._research.stop()
        self.grew.emit()
        if self._again:
            self._again = False
            self.schedule()
        else:
            self._searching.prepare()

    def idle(self) -> bool:
        """True when no indexing runs or is about to start: search sees every text."""
        return not self._soon.isActive() and self.state() is None

    def state(self) -> tuple[int, int] | None:
        """(indexed, to index) while indexing runs, else None; (0, 0) while it is held back."""
        if self._wanted_meanwhile:
            return 0, 0
        if self._indexer is not None and self._indexer.isRunning():
            return self._indexer.done, self._indexer.total
        if self._searching.preparing():
            return self._last_total, self._last_total  # the last step: the search map
        return None

    def shut_down(self) -> None:
        """Stop the timers and the indexer, and wait for it."""
        self._closed = True
        self._soon.stop()
        self._wanted_meanwhile = False  # held back, and now never to start
        self._research.stop()
        if self._indexer is not None:
            self._indexer.cancel()
            self._indexer.wait()
