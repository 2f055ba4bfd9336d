"""Worker processes for the file work of big listings and text indexing (no Qt).

Reading and parsing files is Python work that holds the interpreter lock; in worker processes it
runs beside the window instead of taking turns with it. Workers are spawned (nothing of the
window's process is forked), one per core but one, two at least; they inherit the niceness of
the thread that starts them. Jobs are handed out in order and their results come back in the
same order. Any failure of the pool (it cannot start, a worker dies) does the job in this
process instead, with a warning in the log: slower, never wrong.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger("viewer")

J = TypeVar("J")
R = TypeVar("R")

MAX_WORKERS = 4
PARENT_CHECK_SECONDS = 0.5


class WorkerPool(Generic[J, R]):
    """Runs ``work`` on jobs in worker processes; ``here`` does the same in this process."""

    def __init__(self, work: Callable[[J], R], here: Callable[[J], R], what: str) -> None:
        """``work`` must pickle (a module-level function, or a partial of one); ``what`` names
        the work in log messages. Nothing starts until ``start``."""
        self._work = work
        self._here = here
        self._what = what
        self._executor: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[J, Future[R]]] = deque()
        self._failed = worker_count() < 2
        self._up: Future[None] | None = None  # done once the workers are running

    def usable(self) -> bool:
        """False once the pool has failed, or where there are no cores to spare."""
        return not self._failed

    def start(self) -> None:
        """Start the workers, if they are not started yet; they take about 0.2 s to be up."""
        if self._failed or self._executor is not None:
            return
        try:
            # Imported here: most work never starts workers, and start-up is quicker.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            count = worker_count()
            self._executor = ProcessPoolExecutor(
                count,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=watch_parent,
                initargs=(os.getpid(),),
            )
            # Workers start with the first job handed to them: give each one at once.
            for _ in range(count):
                self._up = self._executor.submit(_nothing)
        except Exception as exc:  # the work is done here instead, only slower
            log.warning("%s without worker processes: %s", self._what, exc)
            self._failed = True

    def up(self) -> bool:
        """True once the workers are running: until then, jobs are better done here."""
        return self._running()

    def wait_until_up(self, timeout: float) -> bool:
        """Wait for started workers to be running; True when they are."""
        if self._up is not None and not self._failed:
            with contextlib.suppress(Exception):
                self._up.result(timeout=timeout)
        return self._running()

    def _running(self) -> bool:
        return not self._failed and self._up is not None and self._up.done()

    def pending(self) -> int:
        """Jobs handed out and not taken back yet."""
        return len(self._pending)

    def submit(self, job: J) -> None:
        """Hand a job to the workers (``start`` them first)."""
        assert self._executor is not None
        future: Future[R]
        try:
            future = self._executor.submit(self._work, job)
        except Exception as exc:
            from concurrent.futures import Future

            future = Future()
            future.set_exception(exc)
        self._pending.append((job, future))

    def ready(self) -> Iterator[R]:
        """Results of the jobs done so far, in the order they were handed in."""
        while self._pending and self._pending[0][1].done():
            yield self._result(*self._pending.popleft())

    def rest(self, cancelled: threading.Event) -> Iterator[R]:
        """Every remaining result, in order, as it comes; stops early once ``cancelled``."""
        while self._pending and not cancelled.is_set():
            future = self._pending[0][1]
            try:
                future.exception(timeout=0.1)  # wake now and then to see whether to stop
            except TimeoutError:  # concurrent.futures.TimeoutError is this one since 3.11
                continue
            yield self._result(*self._pending.popleft())

    def _result(self, job: J, future: Future[R]) -> R:
        try:
            return future.result()
        except Exception as exc:
            if not self._failed:
                log.warning("a worker failed (%s); %s goes on in this process", exc, self._what)
            self._failed = True
            return self._here(job)

    def close(self) -> None:
        """Stop the workers; jobs not started are dropped."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._pending.clear()


def worker_count() -> int:
    """One worker per core but one, two at least (the window mostly waits), at most four."""
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(MAX_WORKERS, max(2, cores - 1))


def _nothing() -> None:
    """Nothing: done once a worker is running."""


def watch_parent(parent: int) -> None:
    """In a worker: exit when the window's process is gone (killed, even with SIGKILL), so that
    no worker outlives it. The pool's own pipes would leave a worker waiting for ever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
