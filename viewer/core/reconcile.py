"""Reconciling the library index with the disk, behind a list served from the index (no Qt).

Once the first screen shows, a background pass walks and stats the opened folders, compares
each with the index (``folder_differences``) and applies what changed: new and changed files
have their headers read (in worker processes when there are many, as a listing does) and their
rows stored; the rows of files gone are removed, and their text documents orphaned. It goes a
folder at a time, telling how far it got and what it changed, so that a thread can pass both on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from viewer.core.article import NOT_TEXT
from viewer.core.folder_differences import FolderDiff, differences
from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.index_rows import ERROR_AT, Row
from viewer.core.listing import header_rows
from viewer.core.worker_pool import WorkerPool

log = logging.getLogger("viewer")

# Worker processes read headers once this many files are to be read: their start, about
# 0.2 s, then pays for itself (the loader's measure, POOL_MIN_FILES).
POOL_MIN_READS = 3000
READ_BATCH = 500  # files read as one piece of work, and stored in one transaction
GONE_BATCH = 2000  # rows of files gone, removed in one transaction
# Changes found are applied at least this often, so that the list hears of a few at once; many
# wait for a batch to fill.
FLUSH_SECONDS = 0.5


@dataclass(slots=True)
class Step:
    """How far reconciling got, and the changes it applied to the index since the last step."""

    folders_done: int = 0  # so far: folders compared with the index
    files_checked: int = 0  # so far: files looked at on disk
    added: list[str] = field(default_factory=list)  # rows stored for files the index lacked
    changed: list[str] = field(default_factory=list)  # rows stored anew for changed files
    removed: list[str] = field(default_factory=list)  # rows removed: their files are gone
    # Of ``added`` and ``changed``: files without an extension that do not read as text. Their
    # rows say so (``NOT_TEXT``), and are never listed.
    not_text: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # folders that could not be read
    folders: list[str] = field(default_factory=list)  # folders read since the last step
    finished: bool = False  # the last step, of a pass that looked at everything (not cancelled)
    warning: str | None = None  # the index failed: the pass stopped, with what was applied


def reconcile(
    index_path: Path,
    roots: Sequence[str],
    cancelled: threading.Event,
    *,
    encodings: Mapping[str, str] | None = None,
    pause: Callable[[], object] | None = None,
) -> Iterator[Step]:
    """Bring the index at ``index_path`` in line with the folders and files of ``roots``,
    yielding a step after each folder; stops soon once ``cancelled``, keeping what it applied.

    ``encodings`` are the reader's choices (content key → codec), as for a listing; ``pause``
    is called before headers are read in this thread, and before each folder is walked.
    Iterate it in one thread: it holds a connection of its own to the index. It never raises:
    a failing index ends the pass with a step that says why.
    """
    try:
        index = LibraryIndex(index_path)
    except Exception as exc:  # an index is a help, never a requirement
        yield Step(warning=f"The library index cannot be used ({exc}).")
        return
    if not index.persistent:  # bypassed for one in memory: there is nothing to bring in line
        index.close()
        yield Step(warning=index.warning)
        return
    pass_ = _Pass(index, encodings, pause)
    try:
        yield from pass_.run(roots, cancelled)
    except LibraryIndexError as exc:
        log.warning("could not reconcile the library index: %s", exc)
        yield pass_.step(warning=f"The library index could not be brought up to date: {exc}")
    except Exception as exc:  # unforeseen: what was applied stays, and the pass ends
        log.exception("reconciling stopped")
        yield pass_.step(warning=f"Reconciling stopped early: {exc}")
    finally:
        pass_.close()


class _Pass:
    """One reconciling pass: the index it writes to, what waits to be read and removed."""

    def __init__(
        self,
        index: LibraryIndex,
        encodings: Mapping[str, str] | None,
        pause: Callable[[], object] | None,
    ) -> None:
        self._index = index
        self._encodings = encodings
        self._pause = pause
        work = partial(header_rows, encodings=encodings)
        self._pool: WorkerPool[list[str], tuple[list[Row], list[str]]] = WorkerPool(
            work, work, "reconciling"
        )
        self._to_read: list[str] = []  # new and changed files, not handed out yet
        self._to_read_count = 0  # every file to read this pass so far
        self._indexed: set[str] = set()  # of those to read, the changed ones (with a row)
        self._gone: list[str] = []  # paths whose rows are to be removed
        self._folders = self._files = 0
        self._applied = Step()  # the changes applied since the last step
        self._flushed = time.monotonic()

    def run(self, roots: Sequence[str], cancelled: threading.Event) -> Iterator[Step]:
        """Compare each folder, apply what differs, and tell of each; the last step tells of
        the rest, and whether the pass looked at everything."""
        for diff in differences(self._index, roots, cancelled):
            if cancelled.is_set():
                break  # what was found and not applied is found again by the next pass
            self._take(diff)
            yield self.step()
            if self._pause is not None:
                self._pause()  # each folder walked holds the interpreter: not while painting
        if not cancelled.is_set():
            self._flush_gone()
            self._hand_out(everything=True)
        for result in self._pool.rest(cancelled):
            self._store(*result)
        yield self.step(finished=not cancelled.is_set())

    def _take(self, diff: FolderDiff) -> None:
        """Count a folder's differences in, and apply those that are due."""
        if diff.folder is not None and diff.readable:
            self._folders += 1
            self._applied.folders.append(diff.folder)  # to watch
        self._files += diff.checked
        if not diff.readable:
            self._applied.unreadable.append(diff.folder or "")
        self._gone.extend(diff.gone)
        if len(self._gone) >= GONE_BATCH:
            self._flush_gone()
        self._indexed.update(diff.changed)
        if diff.folder is None:  # the files named one by one: a few, read here, as named
            named = diff.new + diff.changed
            self._store(*header_rows(named, self._encodings, named=True))
            return
        self._to_read.extend(diff.new)
        self._to_read.extend(diff.changed)
        self._to_read_count += len(diff.new) + len(diff.changed)
        if self._to_read_count >= POOL_MIN_READS:
            self._pool.start()
        due = time.monotonic() - self._flushed >= FLUSH_SECONDS
        if due and self._gone:
            self._flush_gone()
        self._hand_out(everything=due)
        for result in self._pool.ready():
            self._store(*result)

    def _hand_out(self, *, everything: bool) -> None:
        """Read the files waiting, a batch at a time: in the workers once they are up."""
        if everything:
            self._flushed = time.monotonic()
        while len(self._to_read) >= READ_BATCH or (everything and self._to_read):
            batch, self._to_read = self._to_read[:READ_BATCH], self._to_read[READ_BATCH:]
            if self._pool.up():
                self._pool.submit(batch)
            else:
                if self._pause is not None:
                    self._pause()
                self._store(*header_rows(batch, self._encodings))

    def _store(self, rows: list[Row], failed: list[str]) -> None:
        """Save the rows of a batch read; a changed file that could not be read loses its row
        (it no longer says what the file holds)."""
        new = [row for row in rows if row[0] not in self._indexed]
        changed = [row for row in rows if row[0] in self._indexed]
        lost = [path for path in failed if path in self._indexed]
        self._indexed.difference_update(row[0] for row in changed)
        self._indexed.difference_update(failed)
        self._index.store_rows(new, new=True)
        self._index.store_rows(changed)
        self._index.remove(lost)
        applied = self._applied
        applied.added.extend(row[0] for row in new)
        applied.changed.extend(row[0] for row in changed)
        applied.removed.extend(lost)
        applied.not_text.extend(row[0] for row in rows if row[ERROR_AT] == NOT_TEXT)

    def _flush_gone(self) -> None:
        """Remove the rows of the files found gone so far."""
        self._flushed = time.monotonic()
        gone, self._gone = self._gone, []
        self._index.remove(gone)
        self._applied.removed.extend(gone)

    def step(self, *, finished: bool = False, warning: str | None = None) -> Step:
        """The step to tell of now: how far the pass got, and what it applied since the last."""
        applied, self._applied = self._applied, Step()
        applied.folders_done, applied.files_checked = self._folders, self._files
        applied.finished, applied.warning = finished, warning
        return applied

    def close(self) -> None:
        """Stop the workers and close the index."""
        self._pool.close()
        self._index.close()
