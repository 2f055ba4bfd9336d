"""Holding background file reading off while a view paints (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Seconds to wait for a view to finish painting, or for the reader to stop paging through a
# list that holds the gate closed meanwhile, before going on anyway. A thread let go on holds
# the interpreter lock for a step, and on a busy machine, at its lower priority, may lose its
# core while it does: the window then waits for it.
PAINT_WAIT = 1.0


@contextmanager
def painting(paint_gate: threading.Event | None) -> Iterator[None]:
    """Clear the paint gate while a view paints, so that background threads reading files wait.

    Each cell painted calls into Python and needs the interpreter lock; a thread parsing files
    beside it made the list's first paint of a big folder take 50 ms instead of 5.
    """
    if paint_gate is None:
        yield
        return
    was_open = paint_gate.is_set()  # a gate held closed (the reader scrolling) stays closed
    paint_gate.clear()
    try:
        yield
    finally:
        if was_open:
            paint_gate.set()


def wait_while_painting(paint_gate: threading.Event | None) -> None:
    """Wait, a second at most, while the window paints or the reader pages through the list
    (no gate: never).

    Reading a file holds the interpreter lock, which the window needs for every cell it paints;
    a background thread reading on made the first paint of a listing take 50 ms instead of 5.
    """
    if paint_gate is not None and not paint_gate.is_set():
        paint_gate.wait(PAINT_WAIT)
