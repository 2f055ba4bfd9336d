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
from typing import TypeVar

from PySide6.QtCore import QObject, QThread, Signal

from viewer.article import Article
from viewer.article_files import walk_article_files
from viewer.library_index import IndexError_, LibraryIndex, Stamp, article_stamp, stamp_of
from viewer.parser import parse_file

log = logging.getLogger("viewer")
T = TypeVar("T")

SCAN_CHUNK = 250  # files looked up in the index at a time
BATCH_ROWS = 500  # rows handed to the list at a time, once it is under way
# Each batch costs the list a repaint; batches grow with the list (a tenth of it, to this cap)
# so that a big library is not repainted a thousand times while it loads.
MAX_BATCH_ROWS = 2000
FIRST_CHUNK = 50  # the first rows go out early, so the list fills at once
BATCH_SECONDS = 0.1
PROGRESS_SECONDS = 0.1
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


def scan(roots: Sequence[str], folders: list[str]) -> Iterator[tuple[str, Stamp | None]]:
    """Yield (path, stamp) for each file named and each article file below each folder named.

    A file named explicitly is yielded whatever its name, even when it cannot be read (its stamp
    is then None and parsing reports why). Folders scanned are appended to ``folders``.
    """
    for root in roots:
        if os.path.isdir(root):
            yield from _walk(root, folders)
        else:
            try:
                yield root, stamp_of(os.stat(root))
            except OSError:
                yield root, None


def _walk(root: str, folders: list[str]) -> Iterator[tuple[str, Stamp | None]]:
    for entry in walk_article_files(root, folders):
        try:
            yield entry.path, stamp_of(entry.stat())
        except OSError:
            continue  # vanished while we looked


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
        index = self._open_index(result)
        batch: list[Article] = []
        last_emit = last_progress = started
        seen: set[str] = set()
        for chunk in _chunks(scan(self.roots, result.folders), SCAN_CHUNK, FIRST_CHUNK):
            if self._cancelled.is_set():
                result.cancelled = True
                break
            result.found += len(chunk)
            wanted = [(p, s) for p, s in chunk if p not in self._skip and p not in seen]
            seen.update(p for p, _ in wanted)
            batch.extend(self._list_chunk(index, wanted, result))
            now = time.perf_counter()
            wanted_rows = min(MAX_BATCH_ROWS, max(BATCH_ROWS, result.listed // 10))
            if batch and (
                result.listed == 0 or len(batch) >= wanted_rows or now - last_emit >= BATCH_SECONDS
            ):
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
        if index is not None and not result.cancelled:
            self._forget_vanished(index, seen)
        if index is not None:
            index.close()
        result.seconds = time.perf_counter() - started
        self.outcome.emit(result)

    def _open_index(self, result: LoadOutcome) -> LibraryIndex | None:
        try:
            index = LibraryIndex(self._index_path)
        except Exception as exc:  # an index is a help, never a requirement
            result.warning = f"The library index cannot be used ({exc}); folders are read in full."
            return None
        result.warning = index.warning
        return index

    def _list_chunk(
        self,
        index: LibraryIndex | None,
        wanted: list[tuple[str, Stamp | None]],
        result: LoadOutcome,
    ) -> list[Article]:
        known: dict[str, Article] = {}
        if index is not None:
            try:
                known = {a.path: a for a in index.load([p for p, _ in wanted])}
            except IndexError_ as exc:
                result.warning = f"The library index failed ({exc}); folders are read in full."
                index = None
        listed: list[Article] = []
        fresh: list[Article] = []
        for path, stamp in wanted:
            record = known.get(path)
            if record is not None and stamp is not None and article_stamp(record) == stamp:
                listed.append(record)
            else:
                article = parse_file(path, header_only=True)
                listed.append(article)
                fresh.append(article)
        result.parsed += len(fresh)
        if index is not None and fresh:
            try:
                index.store(fresh)
            except IndexError_ as exc:
                log.warning("could not save to the library index: %s", exc)
        return listed

    def _forget_vanished(self, index: LibraryIndex, seen: set[str]) -> None:
        """Files the index knows under an opened folder that are not there any more."""
        try:
            for root in self.roots:
                if os.path.isdir(root):
                    gone = [p for p in index.stamps_under(root) if p not in seen]
                    index.remove(gone)
        except IndexError_ as exc:
            log.warning("could not tidy the library index: %s", exc)


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


def _chunks(items: Iterator[T], size: int, first: int | None = None) -> Iterator[list[T]]:
    """Lists of ``size`` items (the first of ``first`` items, when given)."""
    chunk: list[T] = []
    limit = first or size
    for item in items:
        chunk.append(item)
        if len(chunk) >= limit:
            yield chunk
            chunk = []
            limit = size
    if chunk:
        yield chunk
