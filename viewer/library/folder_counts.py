"""Smart folders' live counts: how many articles each one matches, and how many are unread.

A list in memory is counted on the window's thread, a folder at a time between events (a
search of the index and a pass over a few thousand rows take milliseconds). A list the index
serves is counted in a thread of its own, in SQL over the index, as the list's views are.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.index_view import ViewQuery
from viewer.core.smart_folders import SmartFolder
from viewer.core.view_tables import ScratchFolder, ViewBuilder
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles

log = logging.getLogger("viewer")

RECOUNT_MS: Final = 700  # the wait after a change before counting again: changes come in bursts
Job = tuple[str, str, ViewQuery]  # folder id, its query's text, the view its filters pick


class FolderCounts(QObject):
    """Counts smart folders again whenever the list, the read marks or the folders change."""

    counted = Signal(str, object)  # folder id, (matching, unread) or why it cannot be counted

    def __init__(
        self,
        shown: ShownArticles,
        session: LibrarySession,
        read_keys: Callable[[], Collection[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.shown = shown
        self.session = session
        self._read_keys = read_keys
        self._folders: list[SmartFolder] = []
        self._waiting: list[SmartFolder] = []  # in memory: those still to count this round
        self._thread: ServedCountThread | None = None
        self._generation = 0
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(RECOUNT_MS)
        self._soon.timeout.connect(self.count_now)
        self._next = QTimer(self)  # one folder a turn of the event loop
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._count_next)
        model = shown.model
        for changed in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            changed.connect(lambda *_: self.count_soon())
        shown.countsChanged.connect(self.count_soon)
        shown.viewReady.connect(self.count_soon)
        session.searchResultsChanged.connect(self.count_soon)

    def set_folders(self, folders: list[SmartFolder]) -> None:
        """The folders to keep counted; counts them now."""
        self._folders = list(folders)
        self.count_now()

    def count_soon(self) -> None:
        """Count again in a moment (many changes in a row count once)."""
        if self._folders and not self._soon.isActive():
            self._soon.start()

    def count_now(self) -> None:
        """Count every folder again, from now."""
        self._soon.stop()
        self._generation += 1
        if not self._folders:
            return
        if self.shown.served_from_index():
            self._waiting = []
            self._served().request(self._generation, self._jobs(), set(self._read_keys()))
        else:
            self._waiting = list(self._folders)
            self._next.start()

    def busy(self) -> bool:
        """True while counts are being made."""
        thread = self._thread
        return bool(self._waiting) or self._soon.isActive() or (thread is not None and thread.busy)

    def stop(self) -> None:
        """End the counting thread, if there is one."""
        self._soon.stop()
        self._next.stop()
        self._waiting = []
        if self._thread is not None:
            self._thread.stop()
            self._thread = None

    def _count_next(self) -> None:
        from viewer.core.search_query import SearchQueryError

        if not self._waiting:
            return
        folder = self._waiting.pop(0)
        try:
            _query, rows = self.session.search(folder.query)
        except SearchQueryError as exc:
            self.counted.emit(folder.key, f"The search cannot be read: {exc}")
        else:
            counts = self.shown.proxy.count_matching(folder.filter, folder.section, rows)
            self.counted.emit(folder.key, counts)
        if self._waiting:
            self._next.start()

    def _jobs(self) -> list[Job]:
        listed = self.shown.listed_query()
        return [
            (
                f.key,
                f.query,
                replace(
                    listed,
                    words=tuple(f.filter.casefold().split()),
                    section=f.section.casefold() if f.section else None,
                ),
            )
            for f in self._folders
        ]

    def _served(self) -> ServedCountThread:
        if self._thread is None:
            self._thread = ServedCountThread(str(self.session.index_path), self)
            self._thread.counted.connect(self._served_counted)
            self._thread.start()
        return self._thread

    def _served_counted(self, generation: int, key: str, counts: object) -> None:
        if generation == self._generation:
            self.counted.emit(key, counts)


class ServedCountThread(QThread):
    """Counts folders over the index: the newest request only, each folder in turn."""

    counted = Signal(int, str, object)  # generation, folder id, (matching, unread) or why not

    def __init__(self, index_path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index_path = index_path
        self._requests: queue.Queue[tuple[int, list[Job], set[str]] | None] = queue.Queue()
        self._latest = 0
        self.busy = False

    def request(self, generation: int, jobs: list[Job], read_keys: set[str]) -> None:
        """Count these folders (any older request still waiting is passed over)."""
        self._latest = generation
        self.busy = True
        self._requests.put((generation, jobs, read_keys))

    def stop(self) -> None:
        """End the thread (waiting for the folder being counted)."""
        self._latest = -1
        self._requests.put(None)
        self.wait()

    def run(self) -> None:
        """Take requests until stopped."""
        scratch = ScratchFolder()
        builder: ViewBuilder | None = None
        index: LibraryIndex | None = None
        try:
            while (request := self._requests.get()) is not None:
                generation, jobs, read_keys = request
                if generation != self._latest:
                    continue
                try:
                    builder = builder or ViewBuilder(self._index_path, scratch.path)
                    index = index or LibraryIndex(Path(self._index_path), checkpoint_pages=0)
                except (sqlite3.Error, LibraryIndexError, OSError) as exc:
                    for key, _text, _view in jobs:
                        self.counted.emit(generation, key, f"The index cannot be read: {exc}")
                    continue
                for key, text, view in jobs:
                    if generation != self._latest:
                        break
                    counts = _count(builder, index, text, view, read_keys)
                    self.counted.emit(generation, key, counts)
                self.busy = generation != self._latest
        finally:
            if builder is not None:
                builder.close()
            if index is not None:
                index.close()
            scratch.remove()


def _count(
    builder: ViewBuilder, index: LibraryIndex, text: str, view: ViewQuery, read_keys: set[str]
) -> tuple[int, int] | str:
    """One folder's counts over the index, or why they cannot be made."""
    from viewer.core.search_query import SearchQueryError, parse_query

    try:
        query = parse_query(text)
        if not query.empty:
            view = replace(view, hits=frozenset(index.search(query.match, query.filters)))
        return builder.count(view, read_keys)
    except SearchQueryError as exc:
        return f"The search cannot be read: {exc}"
    except (sqlite3.Error, LibraryIndexError) as exc:
        log.warning("cannot count a smart folder: %s", exc)
        return f"The index cannot be read: {exc}"
