"""Background work on the library: listing folders, and indexing article text for search.

Both run in their own ``QThread`` with their own index connection, and hand results to the GUI
thread in batches over queued signals; the GUI thread only inserts rows. Nothing here touches a
widget.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, Signal

from viewer.article import Article
from viewer.article_files import walk_article_folders
from viewer.library_index import IndexError_, LibraryIndex, article_from_row
from viewer.parser import parse_file

log = logging.getLogger("viewer")
T = TypeVar("T")

STORE_CHUNK = 250  # newly read records saved to the index at a time
BATCH_ROWS = 500  # rows handed to the list at a time, once it is under way
# Each batch costs the list a repaint; batches grow with the list (a tenth of it, to this cap)
# so that a big library is not repainted a thousand times while it loads.
MAX_BATCH_ROWS = 8000
FIRST_CHUNK = 50  # the first rows go out early, so the list fills at once
BATCH_SECONDS = 0.1
PROGRESS_SECONDS = 0.25  # a progress bar repaints at once when its value changes
HANDOFF_WAIT = 1.0  # seconds to wait for the list to take a batch before going on anyway
TEXT_CHUNK = 50  # articles whose text is indexed in one transaction


@dataclass
class LoadOutcome:
    """How a listing ended."""

    listed: int = 0
    found: int = 0
    parsed: int = 0  # files read because the index had no up-to-date record of them
    cancelled: bool = False
    seconds: float = 0.0
    warning: str | None = None
    folders: list[str] = field(default_factory=list)  # every folder scanned, for watching


FileGroup = tuple[str | None, list[tuple[str, "os.DirEntry[str] | None"]]]


def scan(roots: Sequence[str], folders: list[str]) -> Iterator[FileGroup]:
    """Yield the files to list in groups: (folder, its article files) for each folder below each
    folder named, and (None, the files named) for files named explicitly.

    Each file comes with its directory entry (None for a file named explicitly, which is listed
    whatever its name, even when it cannot be read). Folders scanned are appended to ``folders``.
    """
    named: list[tuple[str, os.DirEntry[str] | None]] = [
        (root, None) for root in roots if not os.path.isdir(root)
    ]
    if named:
        yield None, named
    for root in roots:
        if os.path.isdir(root):
            for folder, entries in walk_article_folders(root, folders):
                yield folder, [(entry.path, entry) for entry in entries]


class LibraryLoader(QThread):
    """Lists files and folders: from the index where a file is unchanged, else by parsing."""

    batchReady = Signal(object)  # list[Article]
    progress = Signal(int, int)  # listed, found so far
    outcome = Signal(object)  # LoadOutcome

    def __init__(
        self,
        roots: Sequence[str],
        index_path: Path | None,
        skip: frozenset[str] = frozenset(),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.roots = list(roots)
        self._index_path = index_path
        self._skip = skip
        self._cancelled = threading.Event()
        self._taken = threading.Event()
        self._index: LibraryIndex | None = None

    def cancel(self) -> None:
        """Stop soon; rows listed so far stay."""
        self._cancelled.set()
        self._taken.set()

    def batch_taken(self) -> None:
        """The GUI thread inserted the last batch (called from there)."""
        self._taken.set()

    def _hand_over(self, batch: list[Article]) -> None:
        # Wait for the list to take each batch: inserting rows needs the interpreter lock, and a
        # loader parsing on meanwhile would stretch the GUI thread's share of it into a stall.
        self._taken.clear()
        self.batchReady.emit(batch)
        self._taken.wait(HANDOFF_WAIT)

    def run(self) -> None:
        """List everything, emitting rows in batches."""
        started = time.perf_counter()
        result = LoadOutcome()
        self._index = self._open_index(result)
        batch: list[Article] = []
        last_emit = last_progress = started
        for article in self._records(result):
            batch.append(article)
            now = time.perf_counter()
            # The first rows go out at once; later batches grow with the list.
            wanted = (
                min(MAX_BATCH_ROWS, max(BATCH_ROWS, result.listed // 4))
                if result.listed
                else FIRST_CHUNK
            )
            if len(batch) >= wanted or now - last_emit >= BATCH_SECONDS:
                result.listed += len(batch)
                self._hand_over(batch)
                batch = []
                last_emit = now
            if now - last_progress >= PROGRESS_SECONDS:
                self.progress.emit(result.listed + len(batch), result.found)
                last_progress = now
        if batch:
            result.listed += len(batch)
            self._hand_over(batch)
        result.cancelled = self._cancelled.is_set()
        result.seconds = time.perf_counter() - started
        self.outcome.emit(result)
        # Tidying the index is no part of the listing: the list is complete already.
        if self._index is not None and not result.cancelled:
            self._forget_vanished_folders(result.folders)
        if self._index is not None:
            self._index.close()

    def _open_index(self, result: LoadOutcome) -> LibraryIndex | None:
        try:
            index = LibraryIndex(self._index_path)
        except Exception as exc:  # an index is a help, never a requirement
            result.warning = f"The library index cannot be used ({exc}); folders are read in full."
            return None
        result.warning = index.warning
        return index

    def _index_failed(self, result: LoadOutcome, exc: IndexError_) -> None:
        result.warning = f"The library index failed ({exc}); folders are read in full."
        if self._index is not None:
            self._index.close()
        self._index = None

    def _records(self, result: LoadOutcome) -> Iterator[Article]:
        """The record of every file to list, from the index where it is up to date."""
        seen: set[str] = set()
        for folder, files in scan(self.roots, result.folders):
            if self._cancelled.is_set():
                return
            result.found += len(files)
            if folder is None:
                wanted = [f for f in files if f[0] not in self._skip and f[0] not in seen]
                seen.update(path for path, _ in wanted)
                yield from self._list_named(wanted, result)
            else:
                yield from self._list_folder(folder, files, seen, result)

    def _list_named(
        self, files: list[tuple[str, os.DirEntry[str] | None]], result: LoadOutcome
    ) -> Iterator[Article]:
        """Files named one by one: looked up in the index by path."""
        known: dict[str, Article] = {}
        if self._index is not None:
            try:
                known = {a.path: a for a in self._index.load([path for path, _ in files])}
            except IndexError_ as exc:
                self._index_failed(result, exc)
        fresh: list[Article] = []
        for path, _entry in files:
            record = known.get(path)
            if record is not None and _unchanged_since(record, path):
                yield record
            else:
                fresh.append(parse_file(path, header_only=True))
                yield fresh[-1]
        self._store(fresh, result)

    def _list_folder(
        self,
        folder: str,
        files: list[tuple[str, os.DirEntry[str] | None]],
        seen: set[str],
        result: LoadOutcome,
    ) -> Iterator[Article]:
        """The files of one folder, merged in path order with the index's rows for the folder.

        Files listed already (in ``self._skip`` or ``seen``) are passed over; ``seen`` grows.
        """
        files.sort(key=_first)
        rows = self._folder_rows(folder, result)
        row = next(rows, None)
        fresh: list[Article] = []
        gone: list[str] = []
        skip = self._skip
        for path, entry in files:
            if self._cancelled.is_set():
                break
            while row is not None and row[0] < path:
                gone.append(row[0])  # indexed, but no longer in the folder
                row = next(rows, None)
            indexed = None
            if row is not None and row[0] == path:
                indexed, row = row, next(rows, None)
            if path in skip or path in seen:
                continue
            seen.add(path)
            try:
                info = entry.stat() if entry is not None else os.stat(path)
            except OSError:
                if indexed is not None:
                    gone.append(path)
                continue  # vanished while we looked
            if indexed is not None and _unchanged(indexed[1], indexed[2], info):
                yield article_from_row(indexed)
            else:
                fresh.append(parse_file(path, header_only=True))
                yield fresh[-1]
                if len(fresh) >= STORE_CHUNK:
                    self._store(fresh, result)
                    fresh = []
        if self._cancelled.is_set():
            self._store(fresh, result)
            return
        while row is not None:
            gone.append(row[0])
            row = next(rows, None)
        self._store(fresh, result)
        if gone and self._index is not None:
            try:
                self._index.remove(gone)
            except IndexError_ as exc:
                log.warning("could not tidy the library index: %s", exc)

    def _folder_rows(self, folder: str, result: LoadOutcome) -> Iterator[tuple[Any, ...]]:
        """The index's rows for a folder; none once the index fails."""
        if self._index is None:
            return
        rows = self._index.folder_rows(folder)
        while True:
            try:
                row = next(rows, None)
            except IndexError_ as exc:
                self._index_failed(result, exc)
                return
            if row is None:
                return
            yield row

    def _store(self, fresh: list[Article], result: LoadOutcome) -> None:
        result.parsed += len(fresh)
        if self._index is not None and fresh:
            try:
                self._index.store(fresh)
            except IndexError_ as exc:
                log.warning("could not save to the library index: %s", exc)

    def _forget_vanished_folders(self, folders: list[str]) -> None:
        """Files the index knows under an opened folder whose folder is not there any more."""
        assert self._index is not None
        try:
            for root in self.roots:
                if os.path.isdir(root):
                    self._index.forget_folders_except(root, folders)
        except IndexError_ as exc:
            log.warning("could not tidy the library index: %s", exc)


def _unchanged_since(record: Article, path: str) -> bool:
    try:
        return _unchanged(record.size, record.mtime_ns, os.stat(path))
    except OSError:
        return False  # parsing says why


def _unchanged(size: int, mtime_ns: int, info: os.stat_result) -> bool:
    return size == info.st_size and mtime_ns == info.st_mtime_ns


def _first(item: tuple[str, object]) -> str:
    return item[0]


class TextIndexer(QThread):
    """Indexes the full text of articles for search, a chunk at a time."""

    progress = Signal(int, int)  # indexed, to index
    warning = Signal(str)

    def __init__(
        self, paths: Sequence[str], index_path: Path | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._paths = list(paths)
        self._index_path = index_path
        self._cancelled = threading.Event()
        self.total = 0
        self.done = 0

    def cancel(self) -> None:
        """Stop after the current chunk."""
        self._cancelled.set()

    def run(self) -> None:
        """Parse and index every article whose text the index does not hold yet."""
        try:
            index = LibraryIndex(self._index_path)
            if index.warning:
                self.warning.emit(index.warning)
            todo = index.needs_text(self._paths)
            self.total = len(todo)
            self.progress.emit(0, self.total)
            for chunk in _chunks(iter(todo), TEXT_CHUNK):
                if self._cancelled.is_set():
                    break
                index.index_text([parse_file(path) for path in chunk])
                self.done += len(chunk)
                self.progress.emit(self.done, self.total)
            index.close()
        except Exception as exc:  # search gets poorer; reading goes on
            log.warning("text indexing stopped: %s", exc)
            self.warning.emit(f"Indexing article text stopped: {exc}")


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items, the last one shorter."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
