"""Holding background file reading off while a view paints (no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

PAINT_WAIT = 0.1  # seconds to wait for a view to finish painting before going on anyway


@contextmanager
def painting(paint_gate: threading.Event | None) -> Iterator[None]:
    """Clear the paint gate while a view paints, so that background threads reading files wait.

    Each cell painted calls into Python and needs the interpreter lock; a thread parsing files
    beside it made the list's first paint of a big folder take 50 ms instead of 5.
    """
    if paint_gate is None:
        yield
        return
    paint_gate.clear()
    try:
        yield
    finally:
        paint_gate.set()


def wait_while_painting(paint_gate: threading.Event | None) -> None:
    """Wait, a moment at most, while the window paints (no gate: never).

    Reading a file holds the interpreter lock, which the window needs for every cell it paints;
    a background thread reading on made the first paint of a listing take 50 ms instead of 5.
    """
    if paint_gate is not None and not paint_gate.is_set():
        paint_gate.wait(PAINT_WAIT)
