"""Background work on the library: listing folders (``text_indexer`` indexes their text).

The loader runs in its own ``QThread`` with its own index connection, and hands rows to the GUI
thread in batches over queued signals; the GUI thread only inserts rows. Big listings, of files
the index does not know or of a library it knows well, go to worker processes (``WorkerPool``),
which send records back as plain rows. The thread runs at a lower priority, as the text
indexer's does, and waits while the window paints (``viewer.core.paint_gate``). Nothing here
touches a widget.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.article import Article
from viewer.core.article_files import needs_sniff, walk_article_folders
from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.listing import (
    ListedChunk,
    ListingChunk,
    folder_chunks,
    list_chunk,
    list_elsewhere,
    list_in_worker,
    named_chunk,
    records_of,
)
from viewer.core.paint_gate import wait_while_painting
from viewer.core.worker_pool import WorkerPool

log = logging.getLogger("viewer")

# Worker processes list when this many of the files found are unknown to the index (they read
# them), or when the index knows this many below the folders (they take the stored records):
# their start, about 0.2 s, then pays for itself. Measured, in runs side by side: 10,000 known
# files took 0.13 s here and 0.22 s with workers; 100,000 took 1.5-1.9 s here, 1.1-1.5 s with.
POOL_MIN_FILES = 3000  # and texts to index: the text indexer starts its workers there too
POOL_MIN_KNOWN = 30000
BACKGROUND_NICENESS = 10  # of the listing and indexing threads, and of listing workers
BATCH_ROWS = 500  # rows handed to the list at a time, once it is under way
# Each batch costs the list a repaint; batches grow with the list (a quarter of it, to this
# cap) so that a big library is not repainted a thousand times while it loads.
MAX_BATCH_ROWS = 8000
BATCH_SECONDS = 0.1
PROGRESS_SECONDS = 0.25  # a progress bar repaints at once when its value changes
HANDOFF_WAIT = 1.0  # seconds to wait for the list to take a batch before going on anyway


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


def scan(roots: Sequence[str], folders: list[str]) -> Iterator[tuple[str | None, list[str]]]:
    """Yield the files to list in groups: (None, the files named) for files named explicitly,
    then (folder, its article files) for each folder below each folder named.

    A file named explicitly is listed whatever its name, even when it cannot be read; so is a
    folder below that cannot be read, whose row says so. Folders scanned are appended to
    ``folders``.
    """
    named = [root for root in roots if not os.path.isdir(root)]
    if named:
        yield None, named
    for root in roots:
        if os.path.isdir(root):
            unreadable: list[str] = []
            for folder, entries in walk_article_folders(root, folders, unreadable):
                yield folder, [entry.path for entry in entries]
            if unreadable:
                # Listed as files named one by one are: each row then says why it is empty.
                yield None, unreadable


def small_listing(
    roots: Sequence[str], folders: list[str], limit: int
) -> list[tuple[str, bool]] | None:
    """Every file to list when there are at most ``limit``, else None; each with whether
    it must sniff as text (found in a folder, without an extension)."""
    found: list[tuple[str, bool]] = []
    for folder, files in scan(roots, folders):
        found.extend((p, folder is not None and needs_sniff(os.path.basename(p))) for p in files)
        if len(found) > limit:
            return None
    return found


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
        *,
        paint_gate: threading.Event | None = None,
        encodings: Mapping[str, str] | None = None,
    ) -> None:
        """``paint_gate`` is clear while the window paints; reading files waits for it.
        ``encodings``: the reader's choices, content key → codec (a copy: it goes to workers)."""
        super().__init__(parent)
        self.roots = list(roots)
        self._encodings = dict(encodings) if encodings else None
        self._index_path = index_path
        self._skip = skip
        self._paint_gate = paint_gate
        self._cancelled = threading.Event()
        self._taken = threading.Event()
        self._index: LibraryIndex | None = None
        self._batch: list[Article] = []
        self._met_rows = 0  # stored rows below the roots that the listing met
        self._stored_new = 0  # rows of files the index did not know, stored by this listing
        self._last_emit = self._last_progress = 0.0

    def cancel(self) -> None:
        """Stop soon; rows listed so far stay."""
        self._cancelled.set()
        self._taken.set()

    def stores(self) -> bool:
        """True when what is listed is stored in an index on disk (not one in memory)."""
        index = self._index
        return index is not None and index.persistent

    def _pause(self) -> None:
        wait_while_painting(self._paint_gate)

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
        lower_priority()
        started = time.perf_counter()
        result = LoadOutcome()
        self._index = self._open_index(result)
        self._batch = []
        self._met_rows = 0
        self._stored_new = 0  # rows of files the index did not know, stored by this listing
        self._last_emit = self._last_progress = started
        index_path = str(self._index_path) if self._index is not None else None
        encodings = self._encodings
        pool: WorkerPool[ListingChunk, ListedChunk] = WorkerPool(
            partial(list_in_worker, index_path=index_path, encodings=encodings),
            partial(list_elsewhere, index_path=index_path, encodings=encodings),
            "listing",
        )
        # Workers pay off for big listings, whether they read files or take records from the
        # index: they send stored records back as plain rows, which costs this thread less
        # than reading them from the index itself (0.8 µs a row against 2). How many files the
        # index knows is counted once the first rows are out: a million take 0.15 s to count.
        known: int | None = None
        try:
            for chunk in self._chunks(result):
                if self._cancelled.is_set():
                    break
                # The first rows are listed here whatever happens: they are wanted at once.
                if pool.up() and result.listed:
                    pool.submit(chunk)
                else:
                    listed = list_chunk(chunk, self._index, pause=self._pause, encodings=encodings)
                    self._take(listed, result)
                if known is None and (result.listed or self._batch):
                    # Those the listing stored itself so far were not known before it.
                    known = self._known_files() - self._stored_new
                if known is not None and (
                    result.found - known >= POOL_MIN_FILES or known >= POOL_MIN_KNOWN
                ):
                    pool.start()  # once the first rows are out: it holds this thread a moment
                for listed in pool.ready():
                    self._take(listed, result)
            for listed in pool.rest(self._cancelled):
                self._take(listed, result)
        except Exception as exc:  # unforeseen: what is listed stays, and the listing ends
            log.exception("listing stopped")
            result.warning = f"Listing stopped early: {exc}"
            self._cancelled.set()  # incomplete, so nothing may be forgotten from the index
        finally:
            pool.close()
        if self._batch:
            self._emit(result)
        result.cancelled = self._cancelled.is_set()
        result.seconds = time.perf_counter() - started
        self.outcome.emit(result)
        # Tidying the index is no part of the listing: the list is complete already. When every
        # row the index had below the roots was met on the way, no folder vanished.
        if known is None:
            known = self._known_files() - self._stored_new
        if self._index is not None and not result.cancelled and self._met_rows < known:
            self._forget_vanished_folders(result.folders)
        if self._index is not None:
            self._index.close()

    def _known_files(self) -> int:
        """How many files below the roots the index knows."""
        if self._index is None:
            return 0
        try:
            return sum(self._index.count_under(root) for root in self.roots)
        except LibraryIndexError:
            return 0

    def _chunks(self, result: LoadOutcome) -> Iterator[ListingChunk]:
        """The work of listing every root, in order; ``result.found`` counts the files."""
        seen: set[str] = set()
        for folder, paths in self._walk(result):
            # Only the paths listed already matter: usually none.
            skip = frozenset(p for p in paths if p in seen or p in self._skip)
            seen.update(paths)
            if folder is None:
                yield named_chunk(paths, skip)
            else:
                yield from folder_chunks(folder, paths, skip, first=not result.listed)

    def _walk(self, result: LoadOutcome) -> Iterator[tuple[str | None, list[str]]]:
        """The groups of files to list (see ``scan``): up to the first with files as soon as
        they are found, the rest after walking everything in one go; ``result.found`` counts
        their files.

        The walk goes on while the window takes the first rows, and little else: beside a
        busy window, a walk took twice as long, because the two take turns at the
        interpreter lock at every directory entry.
        """
        groups = scan(self.roots, result.folders)
        for group in groups:
            result.found += len(group[1])
            yield group
            if group[1]:
                break
        rest = []
        for group in groups:
            if self._cancelled.is_set():
                break
            rest.append(group)
            result.found += len(group[1])
        self.progress.emit(result.listed + len(self._batch), result.found)  # found them all
        yield from rest

    def _take(self, listed: ListedChunk, result: LoadOutcome) -> None:
        """Save what a chunk read to the index, and pass its records on to the list."""
        result.parsed += listed.read
        # Stored rows this chunk met: taken as they were, read again, or found gone.
        self._met_rows += len(listed.records) + listed.dropped - listed.read + listed.hidden
        self._met_rows += len(listed.changed_rows) + len(listed.gone)
        if self._index is not None:
            try:
                self._index.store_rows(listed.new_rows, new=True)
                self._stored_new += len(listed.new_rows)
                self._index.store_rows(listed.changed_rows)
                self._index.remove(listed.gone)
            except LibraryIndexError as exc:
                log.warning("could not update the library index: %s", exc)
        self._batch.extend(records_of(listed, self._encodings))
        now = time.perf_counter()
        # The first rows go out at once; later batches grow with the list.
        wanted = min(MAX_BATCH_ROWS, max(BATCH_ROWS, result.listed // 4)) if result.listed else 1
        if len(self._batch) >= wanted or now - self._last_emit >= BATCH_SECONDS:
            self._emit(result)
            self._last_emit = now
        if now - self._last_progress >= PROGRESS_SECONDS:
            self.progress.emit(result.listed + len(self._batch), result.found)
            self._last_progress = now

    def _emit(self, result: LoadOutcome) -> None:
        batch, self._batch = self._batch, []
        result.listed += len(batch)
        self._hand_over(batch)

    def _open_index(self, result: LoadOutcome) -> LibraryIndex | None:
        try:
            index = LibraryIndex(self._index_path)
        except Exception as exc:  # an index is a help, never a requirement
            result.warning = f"The library index cannot be used ({exc}); folders are read in full."
            return None
        result.warning = index.warning
        return index

    def _forget_vanished_folders(self, folders: list[str]) -> None:
        """Files the index knows under an opened folder whose folder is not there any more."""
        assert self._index is not None
        try:
            for root in self.roots:
                if os.path.isdir(root):
                    self._index.forget_folders_except(root, folders)
        except LibraryIndexError as exc:
            log.warning("could not tidy the library index: %s", exc)


def lower_priority() -> None:
    """Run this thread (and processes it starts) at a lower priority, so that where cores are
    few the window goes first: it has the first rows to paint while the rest are read."""
    with contextlib.suppress(OSError, AttributeError):
        # On Linux a thread has a niceness of its own, and what it starts inherits it.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
