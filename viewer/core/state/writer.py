"""The reading state's writer: a thread that writes changes as they come and, while the file
cannot be written, tries again with growing pauses, so the window never waits on SQLite (no
Qt: the window looks at the state for news itself, so no Qt object is touched from here)."""

from __future__ import annotations

import logging
import threading
import time

from viewer.core.state.store import ReadingState

log = logging.getLogger("viewer")

FIRST_RETRY = 0.25  # seconds before trying a write again
LAST_RETRY = 2.0  # the longest pause between tries: a freed file is written soon after


class StateWriter:
    """Writes one reading state's changes in the background."""

    def __init__(self, state: ReadingState) -> None:
        self._state = state
        self._wake = threading.Event()
        self._stop = threading.Event()
        # A daemon: a writer stuck on a slow disk never keeps the process from ending.
        self._thread = threading.Thread(target=self._run, name="reading-state writer", daemon=True)

    def start(self) -> None:
        """Start writing; changes made before are written at once."""
        self._thread.start()
        self._wake.set()

    def wake(self) -> None:
        """Something changed: write it (at once, or at the next try while the file is busy)."""
        self._wake.set()

    def stop(self, until: float) -> bool:
        """Stop after the write under way, waiting until ``until`` (a ``time.monotonic``
        time); True when the thread has ended."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(max(until - time.monotonic(), 0.0))
        return not self._thread.is_alive()

    def _run(self) -> None:
        pause = 0.0
        while not self._stop.is_set():
            if pause:
                self._stop.wait(pause)  # new changes do not hurry a retry: they are queued
            else:
                self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                self._state.save()
            except Exception:  # a bug here must not end the writing for the session
                log.exception("the reading state writer failed")
            busy = self._state.busy()
            pause = min(max(pause * 2, FIRST_RETRY), LAST_RETRY) if busy else 0.0
