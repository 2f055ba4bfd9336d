"""The thread that writes the list's views into the scratch database (``core/index_view``).

One request at a time, the newest first: a view asked for while another is being written
stops that one, which nobody will look at. The window's thread is told by a queued signal.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.index_view import ViewQuery
from viewer.core.view_tables import ViewBuilder

log = logging.getLogger("viewer")


class ViewBuilderThread(QThread):
    """Builds views asked for by ``request``; ``built`` says which, under what name, how many."""

    built = Signal(int, str, int)  # generation, table name, rows
    counted = Signal(int, object)  # generation, ViewStats of everything below the roots
    failed = Signal(int, str)  # generation, why

    def __init__(self, index_path: str, scratch: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index_path = index_path
        self._scratch = scratch
        self._requests: queue.Queue[tuple[int, ViewQuery | None, str]] = queue.Queue()
        # The counts to make anew, after the view of that generation or a later one.
        self._count: tuple[int, ViewQuery] | None = None
        self._cancel = threading.Event()
        self._latest = 0  # the newest view asked for: older ones waiting are passed over

    def request(self, generation: int, query: ViewQuery, counts: ViewQuery | None = None) -> None:
        """Build ``query`` as view ``generation`` (any view being built is given up), then
        count what lies below ``counts``'s roots, if given (the newest such wish stands)."""
        if counts is not None:
            self._count = (generation, counts)
        self._latest = generation
        self._cancel.set()
        self._requests.put((generation, query, f"v{generation}"))

    def drop(self, name: str) -> None:
        """Forget the view ``name``, no longer shown."""
        self._requests.put((-1, None, name))

    def stop(self) -> None:
        """End the thread (waiting for it)."""
        self._cancel.set()
        self._requests.put((-2, None, ""))
        self.wait()

    def run(self) -> None:
        """Take requests until stopped."""
        try:
            builder = ViewBuilder(self._index_path, self._scratch)
        except sqlite3.Error as exc:
            log.warning("cannot serve the list from the index: %s", exc)
            self._fail_all(str(exc))
            return
        try:
            self._serve(builder)
        finally:
            builder.close()

    def _serve(self, builder: ViewBuilder) -> None:
        while True:
            generation, query, name = self._requests.get()
            if generation == -2:
                return
            if query is None:
                try:
                    builder.drop(name)
                except sqlite3.Error as exc:
                    log.warning("cannot drop a list view: %s", exc)
                continue
            if generation < self._latest:
                continue  # a newer view is asked for already
            self._cancel.clear()
            if generation < self._latest:  # asked for just now: its cancel may be cleared
                continue
            try:
                count = builder.build(query, name, self._cancel)
            except sqlite3.Error as exc:
                if not self._cancel.is_set():
                    log.warning("cannot build the list from the index: %s", exc)
                    self.failed.emit(generation, str(exc))
                continue
            self.built.emit(generation, name, count)
            wish = self._count
            if wish is not None and wish[0] <= generation:
                self._count = None
                try:
                    self.counted.emit(generation, builder.stats(wish[1], self._cancel))
                except sqlite3.Error as exc:
                    if self._cancel.is_set():
                        self._count = self._count or wish  # cut short: counted next time
                    else:
                        log.warning("cannot count the list from the index: %s", exc)

    def _fail_all(self, why: str) -> None:
        while True:
            generation, query, _name = self._requests.get()
            if generation == -2:
                return
            if query is not None:
                self.failed.emit(generation, why)
