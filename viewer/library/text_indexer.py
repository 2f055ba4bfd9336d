"""Background work on the library: indexing the full text of articles for search.

It runs in its own ``QThread`` with its own index connection, at the listing's lower priority,
and waits while the window paints (``viewer.core.paint_gate``); many texts go to worker
processes (``WorkerPool``) to be read, and this thread saves them. Nothing here touches a
widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.article import Article
from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.paint_gate import wait_while_painting
from viewer.core.parser import parse_file, parse_files
from viewer.core.worker_pool import WorkerPool
from viewer.library import loader

log = logging.getLogger("viewer")

T = TypeVar("T")

# Articles whose text is indexed in one transaction: FTS5 writes a segment of its index for
# each, and merges them later; 1,000 a time costs a third less than 200 did.
TEXT_CHUNK = 1000
# The indexer checkpoints (copies the write-ahead log into the database, syncing both files)
# once the log is this many pages long (64 MB), and as it closes. A chunk writes 5-6 MB of log
# (FTS5's merges rewrite pages that the next commits write again), so at SQLite's 1,000 pages
# every commit checkpointed, and its syncs made saving texts the slower the busier the disk.
TEXT_CHECKPOINT_PAGES = 16384
TEXT_CHUNKS_IN_HAND = 2  # chunks of texts read by workers and not saved yet, at most
# Text indexing gives up when this many chunks in a row could not save a single text: then the
# index itself is failing, not some article.
MAX_FAILED_TEXT_CHUNKS = 3


class TextIndexer(QThread):
    """Indexes the full text of articles for search, a chunk at a time."""

    progress = Signal(int, int)  # indexed, to index
    warning = Signal(str)

    def __init__(
        self,
        paths: Sequence[str],
        index_path: Path | None,
        parent: QObject | None = None,
        *,
        paint_gate: threading.Event | None = None,
        encodings: Mapping[str, str] | None = None,
    ) -> None:
        """``paint_gate`` and ``encodings`` as for ``LibraryLoader``."""
        super().__init__(parent)
        self._paint_gate = paint_gate
        self._encodings = dict(encodings) if encodings else None
        self._paths = list(paths)
        self._index_path = index_path
        self._cancelled = threading.Event()
        self.total = 0
        self.done = 0
        self.failed = 0  # texts that could not be saved
        self._failed_chunks = 0  # chunks in a row of which no text could be saved

    def cancel(self) -> None:
        """Stop after the current chunk."""
        self._cancelled.set()

    def _read(self, path: str) -> Article:
        wait_while_painting(self._paint_gate)
        return parse_file(path, encodings=self._encodings)

    def _save(self, index: LibraryIndex, articles: list[Article]) -> None:
        wait_while_painting(self._paint_gate)
        try:
            index.index_text(articles)
        except LibraryIndexError as exc:
            self._save_one_by_one(index, articles, exc)
        else:
            self._failed_chunks = 0
        self.done += len(articles)
        self.progress.emit(self.done, self.total)

    def _save_one_by_one(
        self, index: LibraryIndex, articles: list[Article], exc: Exception
    ) -> None:
        """Save the texts of a chunk that failed one at a time: one article must not cost the
        others their place in search."""
        log.warning("could not index a chunk of texts (%s); trying them one by one", exc)
        failed = 0
        for article in articles:
            try:
                index.index_text([article])
            except LibraryIndexError as again:
                failed += 1
                log.warning("could not index the text of %r: %s", article.path, again)
        self.failed += failed
        self._failed_chunks = self._failed_chunks + 1 if failed == len(articles) else 0
        if self._failed_chunks >= MAX_FAILED_TEXT_CHUNKS:
            raise exc  # the index is failing: run() says so

    def run(self) -> None:
        """Parse and index every article whose text the index does not hold yet."""
        loader.lower_priority()
        try:
            index = LibraryIndex(self._index_path, checkpoint_pages=TEXT_CHECKPOINT_PAGES)
            if index.warning:
                self.warning.emit(index.warning)
            todo = index.needs_text(self._paths)
            self.total = len(todo)
            self.progress.emit(0, self.total)
            # Many texts to read: worker processes read them, and this thread saves them.
            parse = partial(parse_files, encodings=self._encodings)
            pool: WorkerPool[list[str], list[Article]] = WorkerPool(parse, parse, "text indexing")
            if len(todo) >= loader.POOL_MIN_FILES:  # the listing's threshold, looked up now
                pool.start()
            try:
                for chunk in _chunks(iter(todo), TEXT_CHUNK):
                    if self._cancelled.is_set():
                        break
                    if pool.up():
                        pool.submit(chunk)
                        # A few chunks in hand at a time: texts wait in memory until saved.
                        while pool.pending() > TEXT_CHUNKS_IN_HAND:
                            articles = next(pool.rest(self._cancelled), None)
                            if articles is None:  # cancelled
                                break
                            self._save(index, articles)
                    else:
                        self._save(index, [self._read(path) for path in chunk])
                    for articles in pool.ready():
                        self._save(index, articles)
                for articles in pool.rest(self._cancelled):
                    self._save(index, articles)
            finally:
                pool.close()
                index.close()  # stopped or not: what its log holds is copied in here
            if self.failed:
                self.warning.emit(
                    f"The text of {self.failed:,} "
                    f"{'article' if self.failed == 1 else 'articles'} could not be indexed; "
                    "search does not find them."
                )
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
