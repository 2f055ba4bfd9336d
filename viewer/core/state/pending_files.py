"""Pending files: the reading state's changes the state file could not take yet, kept beside
it or in a private fallback folder until they are written (no Qt)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.core.state.file import Row, reason
from viewer.core.state.pending import (
    PENDING_FILE,
    fallback_pending,
    pending_identity,
    private_folder,
    write_pending,
)

log = logging.getLogger("viewer")


@dataclass(frozen=True)
class Unkept:
    """Changes that could be kept nowhere: neither in the state file nor in a pending file."""

    count: int
    why: str  # why the state file cannot be written
    tried: tuple[str, ...] = ()  # each place a pending file was to go, and why it could not

    @property
    def text(self) -> str:
        """What to tell the reader, plain."""
        what = (
            "1 read mark or place" if self.count == 1 else f"{self.count:,} read marks and places"
        )
        return f"{what} could not be saved: {self.why}"

    @property
    def details(self) -> str:
        """Where the changes were to go, and why each place refused them, plain."""
        return "\n".join(self.tried)


class PendingFiles:
    """Where the pending files of the state file at ``path`` go and are found again."""

    def __init__(self, path: Path, fallbacks: Sequence[Path] = ()) -> None:
        self.path = path
        self.fallbacks = tuple(fallbacks)
        # Each pending file read at the start or written since, with its identity then: it goes
        # once everything is written, unless another viewer wrote it since.
        self._seen: dict[Path, tuple[int, int, int]] = {}
        self._lock = threading.Lock()  # the pending files and ``_seen``

    def existing(self) -> list[Path]:
        """Every pending file there is for this state, the oldest first, each to go once
        everything is written. A fallback folder that is not the user's own alone is not read."""
        found = []
        for pending, problem in self.places(make=False):
            seen = pending_identity(pending) if problem is None else None
            if seen is not None:
                found.append((pending, seen))
        found.sort(key=lambda item: item[1][2])
        with self._lock:
            self._seen.update(found)
        return [pending for pending, _seen in found]

    def places(self, *, make: bool) -> Iterator[tuple[Path, str | None]]:
        """Where pending files go, the first choice first: beside the state file, then each
        fallback folder; with why a folder is not to be used (None: it is). A fallback folder
        must be the user's own alone; ``make`` makes it (mode 0700) if need be, when it is
        reached: one is made only when those before it would not do."""
        assert self.path is not None
        yield self.path.with_name(PENDING_FILE), None
        for folder in self.fallbacks:
            if not make and not os.path.lexists(folder):
                continue  # nothing was ever kept there: quietly nothing to read
            problem = private_folder(folder, make=make)
            if problem is not None:
                log.warning("not using %s for the reading state: %s", folder, problem)
            yield fallback_pending(self.path, folder), problem

    def forget_written(self) -> None:
        """The pending files read at the start (or written since) are written now: they go
        (one written since by another viewer stays)."""
        with self._lock:
            for pending, seen in self._seen.items():
                if pending_identity(pending) == seen:
                    with contextlib.suppress(OSError):
                        pending.unlink()
            self._seen.clear()

    def keep(self, left: list[tuple[str, str, Row | None]]) -> list[str]:
        """Put ``left`` in the pending file beside the state file, or else in the first fallback
        folder that takes it. Empty when one did; else each place and why it refused (the
        changes are kept nowhere)."""
        refused: list[str] = []
        with self._lock:
            for pending, problem in self.places(make=True):
                if problem is not None:
                    refused.append(problem)
                    continue
                before = pending_identity(pending)
                try:
                    write_pending(pending, left)
                except OSError as exc:
                    log.warning("cannot keep the reading state in %s: %s", pending, exc)
                    refused.append(f"{pending}: {reason(exc)}")
                    continue
                # Only the file this state knows holds nothing but what memory holds: one
                # another viewer wrote meanwhile stays once everything is written.
                seen = pending_identity(pending)
                if seen is not None and before in (None, self._seen.get(pending)):
                    self._seen[pending] = seen
                else:
                    self._seen.pop(pending, None)
                log.warning("%d reading-state changes wait in %s", len(left), pending)
                return []
        return refused
