"""The timeline's counting, off the window's thread: the newest request only, each in turn.

A request is a function of a ``ServedIndex`` (None while the list is in memory); for a list the
index serves, it reads the dates there. Counting is numpy (``core/timeline_counts``), which
grows with the library; the window's thread only hands over arrays and takes the counts back.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.view_tables import ScratchFolder, ViewBuilder

log = logging.getLogger("viewer")


class ServedIndex:
    """The index and a scratch database of the counting thread's own, opened when first asked."""

    def __init__(self, index_path: str) -> None:
        self.index_path = index_path
        self._scratch: ScratchFolder | None = None
        self._builder: ViewBuilder | None = None
        self._index: LibraryIndex | None = None

    def builder(self) -> ViewBuilder:
        """The connection that reads views' dates (with hits and read marks of its own)."""
        if self._builder is None:
            self._scratch = self._scratch or ScratchFolder()
            self._builder = ViewBuilder(self.index_path, self._scratch.path)
        return self._builder

    def index(self) -> LibraryIndex:
        """The index, for searches of compared queries."""
        if self._index is None:
            self._index = LibraryIndex(Path(self.index_path), checkpoint_pages=0)
        return self._index

    def close(self) -> None:
        """Close what was opened."""
        if self._builder is not None:
            self._builder.close()
        if self._index is not None:
            self._index.close()
        if self._scratch is not None:
            self._scratch.remove()


Job = Callable[[ServedIndex | None], object]


class TimelineCounter(QThread):
    """Runs counting jobs in turn; a job asked for after another passes that one over."""

    done = Signal(int, object)  # generation, what the job made (or an error message: str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requests: queue.Queue[tuple[int, str | None, Job] | None] = queue.Queue()
        self._latest = 0

    def request(self, generation: int, index_path: str | None, job: Job) -> None:
        """Run ``job`` (with the index at ``index_path``, if given) once older ones are done."""
        self._latest = generation
        self._requests.put((generation, index_path, job))
        if not self.isRunning():
            self.start()

    def stop(self) -> None:
        """End the thread, waiting for the job it runs."""
        self._latest = -1
        self._requests.put(None)
        self.wait()

    def run(self) -> None:
        """Take requests until stopped."""
        served: ServedIndex | None = None
        try:
            while (request := self._requests.get()) is not None:
                generation, index_path, job = request
                if generation != self._latest:
                    continue
                if index_path is not None and (served is None or served.index_path != index_path):
                    if served is not None:
                        served.close()
                    served = ServedIndex(index_path)
                try:
                    made = job(served if index_path is not None else None)
                except (sqlite3.Error, LibraryIndexError, OSError) as exc:
                    log.warning("cannot count the timeline: %s", exc)
                    made = f"The index cannot be read: {exc}"
                self.done.emit(generation, made)
        finally:
            if served is not None:
                served.close()
