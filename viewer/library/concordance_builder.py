"""Building a concordance in the background: the articles read (in worker processes when they
are many) and their lines handed to the window a batch at a time."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.article import Article
from viewer.core.concordance import Done, Job, chunk_lines
from viewer.core.paint_gate import wait_while_painting
from viewer.core.worker_pool import WorkerPool
from viewer.library import loader

log = logging.getLogger("viewer")

CHUNK = 200  # articles read in one job
FIRST_CHUNK = 40  # articles read for the first screen (a word in most of them: 40 lines)
CHUNKS_IN_HAND = 4  # jobs handed to the workers and not taken back yet, at most
BATCH_SECONDS = 0.1  # lines are handed to the window at most this often (the first at once)
POOL_MIN_ARTICLES = 600  # fewer are read in this thread: starting the workers takes longer
# Lines kept at most: a word in every article has a million, which would take the window a
# gigabyte and say no more than the first hundred thousand do.
MAX_LINES = 100_000


class ConcordanceBuilder(QThread):
    """Reads the ``total`` articles (numbered in their order) and finds the patterns' lines in
    each; the ``first`` few, taken from the list at once, go first."""

    batch = Signal(object)  # Done: records and their lines, in the paths' order
    progress = Signal(int, int)  # articles read, articles to read

    def __init__(
        self,
        first: Sequence[str],
        articles: Iterable[Article],
        total: int,
        patterns: Sequence[re.Pattern[str]],
        encodings: Mapping[str, str],
        paint_gate: threading.Event | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._first = list(first)  # the paths of the list's first rows, read before the rest
        self._articles = articles  # the list's, read in this thread (a served list's may be long)
        self._total = total
        self._patterns = list(patterns)
        self._encodings = dict(encodings)
        self._paint_gate = paint_gate
        self._cancelled = threading.Event()
        self.failed: str | None = None  # why it stopped early, if it did
        self.limit = MAX_LINES
        self.full = False  # stopped at the limit
        self._lines = 0  # lines taken so far
        self._read = 0  # articles read so far
        self._held: Done = []  # taken, not handed over yet
        self._sent_at = 0.0  # when the last batch went (0: none yet)

    def cancel(self) -> None:
        """Stop after the chunk in hand; what was found stays."""
        self._cancelled.set()

    def cancelled(self) -> bool:
        """True once asked to stop."""
        return self._cancelled.is_set()

    def run(self) -> None:
        """Read every article and hand on its lines, in order."""
        pool: WorkerPool[Job, Done] = WorkerPool(chunk_lines, chunk_lines, "the concordance")
        total = self._total
        try:
            # The first screen is read at once, at the window's own priority, before workers
            # are started or a served list's rows are copied: on a busy machine a thread at the
            # background's priority waited seconds.
            first = list(enumerate(self._first))
            if first:
                self._take(chunk_lines((first, self._patterns, self._encodings)), total)
            loader.lower_priority()
            if total >= POOL_MIN_ARTICLES:
                pool.start()  # they come up while the rows are copied
            articles = islice(self._articles, len(first), None)
            numbered = enumerate((article.path for article in articles), len(first))
            while not self._cancelled.is_set():
                chunk = list(islice(numbered, CHUNK))
                if not chunk:
                    break
                job: Job = (chunk, self._patterns, self._encodings)
                if pool.up():
                    pool.submit(job)
                    while pool.pending() > CHUNKS_IN_HAND:
                        done = next(pool.rest(self._cancelled), None)
                        if done is None:
                            break
                        self._take(done, total)
                    for done in pool.ready():
                        self._take(done, total)
                else:
                    self._take(chunk_lines(job), total)
            for done in pool.rest(self._cancelled):
                self._take(done, total)
        except Exception as exc:  # what was found stays; the pane says it stopped
            log.exception("the concordance stopped")
            self.failed = f"The concordance stopped early: {exc}"
        finally:
            pool.close()
        self._send(total)

    def _take(self, done: Done, total: int) -> None:
        if self.full:
            return  # the chunks in hand when it filled
        kept: Done = []
        for article, lines in done:
            room = self.limit - self._lines
            if len(lines) >= room:  # the last article taken, with the lines there is room for
                kept.append((article, lines[:room]))
                self._lines, self.full = self.limit, True
                self._cancelled.set()
                break
            kept.append((article, lines))
            self._lines += len(lines)
        self._held.extend(kept)
        self._read += len(kept)
        now = time.monotonic()
        if not self._sent_at or now - self._sent_at >= BATCH_SECONDS:
            self._send(total)

    def _send(self, total: int) -> None:
        self._sent_at = time.monotonic()
        held, self._held = self._held, []
        if held:
            wait_while_painting(self._paint_gate)
            self.batch.emit(held)
        self.progress.emit(self._read, total)
