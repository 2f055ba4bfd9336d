"""What the reader has read, where they were in each article, and the encodings they chose
for some (no Qt).

Kept in SQLite in the user's data folder (not the cache: this is the reader's own record),
keyed by each article's content key, so it follows an article through renames and moves.
Memory holds the truth the window shows; changes wait in a queue until ``save`` (a writer
thread's, or the close's) has written them, so a locked, read-only, full or deleted file
costs the reader nothing, and what cannot be written by the quit waits in the pending file:
beside the state file, or else in the first private fallback folder that takes it. The next
start reads every pending file, oldest first.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import cast

from viewer.core.encodings import codec_name
from viewer.core.state import file as state_file
from viewer.core.state import recovery as state_recovery
from viewer.core.state.file import (
    SPEC_TABLES,
    STATE_FILE,
    WRITE_TIMEOUT,
    Loaded,
    Row,
    default_state_path,
    number,
    reason,
    saving_notice,
    stored_encodings,
)
from viewer.core.state.pending import PENDING_FILE, read_pending
from viewer.core.state.pending_files import PendingFiles, Unkept

log = logging.getLogger("viewer")

CLOSE_WAIT = 1.0  # seconds the close tries to write before the pending file takes the rest
_CLOSE_RETRY = 0.1  # seconds between the close's tries
_POSITIONS_KEPT = 20000  # the oldest positions are forgotten beyond this many
_MISSING = object()

__all__ = [
    "PENDING_FILE",
    "STATE_FILE",
    "ReadingState",
    "Unkept",
    "default_state_path",
    "stored_encodings",
]


class ReadingState:
    """Read marks, reading positions and encoding choices: in memory for the window, written
    to the file at ``path`` by ``save`` (None: memory only). ``fallbacks`` are folders, only the
    user's own, for the pending file when the state's folder cannot take it."""

    def __init__(self, path: Path | None, fallbacks: Sequence[Path] = ()) -> None:
        self.path = path
        self.fallbacks = tuple(fallbacks)
        self._pending_files = PendingFiles(path, fallbacks) if path is not None else None
        self.trouble: str | None = None  # why the last write failed; None once one succeeds
        self.changed: Callable[[], None] = lambda: None  # called after each change: wakes a writer
        self.read_keys: set[str] = set()
        self._positions: dict[str, tuple[float, float]] = {}  # key → (fraction, when)
        self._encodings: dict[str, str] = {}
        self._specs: dict[str, dict[str, str]] = {t: {} for t in SPEC_TABLES}  # key → spec
        # (table, key) → the row's values, or None to delete it: what the file still lacks.
        self._pending: dict[tuple[str, str], Row | None] = {}
        self._lock = threading.Lock()  # memory and the queue: held for moments only
        self._db_lock = threading.Lock()  # the connection: held while a write runs
        self._db: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None  # the file written to, to tell a new one
        self._loaded = True  # False: the file could not be read at the start, to do later
        self._late: Loaded | None = None  # read later, for the owner's thread to take in
        self._notices: list[str] = []
        if path is not None:
            self._open(path)

    def _open(self, path: Path) -> None:
        opened = state_recovery.open_state(path)
        self._db, self._identity = opened.db, opened.identity
        if opened.notice is not None:
            self._notices.append(opened.notice)
        with self._lock:
            if opened.loaded is None:
                self._loaded = False  # the writer reads it once it can
                self.trouble = reason(opened.error) if opened.error else "it cannot be read"
            else:
                self._take_in(opened.loaded)
            if opened.unsaved is not None:
                self._pending.update(opened.unsaved.changes())
            # What earlier sessions could not write: newer than the file, so it goes over it,
            # the oldest first so that the newest wins.
            assert self._pending_files is not None
            for pending in self._pending_files.existing():
                for table, key, values in read_pending(pending):
                    self._apply(table, key, values)
            self._trim()
        if self._pending:
            self.save()

    # --- the reader's record, from memory ----------------------------------------------------

    def is_read(self, key: str | None) -> bool:
        """True when the article with this content key was read."""
        return key is not None and key in self.read_keys

    def set_read(self, keys: Iterable[str | None], read: bool) -> None:
        """Mark articles read or unread."""
        now = time.time()
        with self._lock:
            for key in keys:
                if key:
                    self._apply("read", key, (now,) if read else None)
        self.changed()

    def position(self, key: str | None) -> float | None:
        """Where the reader left this article, as a fraction of its length."""
        place = self._positions.get(key) if key is not None else None
        return place[0] if place is not None else None

    def set_position(self, key: str | None, fraction: float) -> None:
        """Remember where the reader is in an article (0 forgets it)."""
        if key is None:
            return
        with self._lock:
            values = (min(fraction, 1.0), time.time()) if fraction > 0.0 else None
            self._apply("positions", key, values)
        self.changed()

    def encoding(self, key: str | None) -> str | None:
        """The codec the reader chose for the article with this content key, if any."""
        return self._encodings.get(key) if key is not None else None

    def encodings(self) -> Mapping[str, str]:
        """Every choice, content key → codec: a read-only view that follows later choices."""
        return MappingProxyType(self._encodings)

    def set_encoding(self, key: str | None, encoding: str | None) -> None:
        """Read this article in ``encoding`` from now on; None goes back to detecting it."""
        if key is None:
            return
        normal = codec_name(encoding) if encoding is not None else None
        with self._lock:
            self._apply("encodings", key, (normal, time.time()) if normal is not None else None)
        self.changed()

    def specs(self, table: str) -> Mapping[str, str]:
        """The records of one of ``SPEC_TABLES``, key → spec (JSON): a read-only view."""
        return MappingProxyType(self._specs[table])

    def set_spec(self, table: str, key: str, spec: str | None) -> None:
        """Keep a record of one of ``SPEC_TABLES`` (None: delete it)."""
        with self._lock:
            self._apply(table, key, (spec, time.time()) if spec is not None else None)
        self.changed()

    def set_specs(self, table: str, changes: Mapping[str, str | None]) -> None:
        """Keep many records at once (None: delete one): written in one transaction."""
        now = time.time()
        with self._lock:
            for key, spec in changes.items():
                self._apply(table, key, (spec, now) if spec is not None else None)
        self.changed()

    def folder_specs(self) -> Mapping[str, str]:
        """The smart folders, id → spec (see ``smart_folders``)."""
        return self.specs("folders")

    def set_folder_spec(self, key: str, spec: str | None) -> None:
        """Keep a smart folder's spec (None: delete the folder)."""
        self.set_spec("folders", key, spec)

    def trim(self) -> None:
        """Forget the oldest positions beyond the limit."""
        with self._lock:
            self._trim()
        self.changed()

    @property
    def warning(self) -> str | None:
        """Why changes are not being saved right now, as the window says it; None when they
        are."""
        trouble = self.trouble
        if trouble is None:
            return None
        if not self._loaded:
            return (
                f"Read marks cannot be read or saved right now: {trouble}; they will show, "
                "and changes be saved, once it can be used."
            )
        return saving_notice(trouble)

    def take_notices(self) -> list[str]:
        """The one-time messages since the last call (a damaged file set aside, say)."""
        with self._lock:
            notices, self._notices = self._notices, []
        return notices

    def take_loaded(self) -> list[str]:
        """Take in what was read late (the file was locked at the start), on the thread that
        owns the memory; return the content keys that became read. Changes made meanwhile win."""
        with self._lock:
            late, self._late = self._late, None
            if late is None:
                return []
            before = set(self.read_keys)
            self._take_in(late)
        return [key for key in self.read_keys if key not in before]

    def has_news(self) -> bool:
        """True when notices or rows read late wait to be taken."""
        return bool(self._notices) or self._late is not None

    def busy(self) -> bool:
        """True while something waits to be written, the file to be read or made, or the last
        write failed."""
        if self.path is None:
            return False
        unmade = self._identity is None  # set aside, or not made yet: a new file is due
        return bool(self._pending) or not self._loaded or self.trouble is not None or unmade

    def _apply(self, table: str, key: str, values: Row | None, *, queue: bool = True) -> None:
        """Change memory and (``queue``) queue the change for the file (the lock is held)."""
        if table == "read":
            if values is None:
                self.read_keys.discard(key)
            else:
                self.read_keys.add(key)
        elif table == "positions":
            if values is None:
                self._positions.pop(key, None)
            else:
                self._positions[key] = (number(values[0]), number(values[1]))
        elif table == "encodings":
            if values is None:
                self._encodings.pop(key, None)
            else:
                self._encodings[key] = str(values[0])
        elif table in self._specs:
            if values is None:
                self._specs[table].pop(key, None)
            else:
                self._specs[table][key] = str(values[0])
        if queue:
            self._pending[(table, key)] = values

    def _take_in(self, loaded: Loaded) -> None:
        """Put rows read from the file into memory, where no change made since holds the key
        (the lock is held)."""
        if not self._pending:  # the start, most often: everything goes in at once
            self.read_keys.update(loaded.tables["read"])
            # The query gives floats (``+ 0.0``), so the rows go in as they are.
            places = cast(dict[str, tuple[float, float]], loaded.tables["positions"])
            self._positions.update(places)
            for key, (codec, _when) in loaded.tables["encodings"].items():
                self._encodings[key] = str(codec)
            for table in SPEC_TABLES:
                for key, (spec, _when) in loaded.tables.get(table, {}).items():
                    self._specs[table][key] = str(spec)
            return
        for table, rows in loaded.tables.items():
            for key, values in rows.items():
                queued = self._pending.get((table, key), _MISSING)
                # A row recovered but not written yet is queued as itself: it goes in too.
                if queued is _MISSING or queued is values:
                    self._apply(table, key, values, queue=False)

    def _trim(self) -> None:
        excess = len(self._positions) - _POSITIONS_KEPT
        if excess > 0:
            oldest = sorted(self._positions, key=lambda k: self._positions[k][1])[:excess]
            for key in oldest:
                self._apply("positions", key, None)

    # --- writing -----------------------------------------------------------------------------

    def save(self, *, wait: float | None = None) -> bool:
        """Write what is queued in one transaction; True when the file holds everything. Safe
        from any thread: waits ``wait`` seconds for another save (None: as long as it takes),
        and for another program's lock only a short busy timeout."""
        if self.path is None:
            with self._lock:
                self._pending.clear()
            return True
        if not self._db_lock.acquire(timeout=-1 if wait is None else max(wait, 0.0)):
            return False
        try:
            return self._save(self.path)
        finally:
            self._db_lock.release()

    def _save(self, path: Path) -> bool:
        try:
            if not self._loaded:
                self._load_late(path)
            db, anew = self._connection(path)
            with self._lock:
                batch = dict(self._pending)
                if anew:  # deleted or replaced: all the memory holds goes into the new file
                    batch = {**self._everything(), **batch}
            if batch:
                state_file.write_rows(db, batch)
        except (sqlite3.Error, OSError) as exc:
            self._failed(path, exc)
            return False
        with self._lock:
            for change, values in batch.items():
                if self._pending.get(change, _MISSING) is values:
                    del self._pending[change]
            left = bool(self._pending)
        if self.trouble is not None:
            log.info("the reading state is saved again")
        self.trouble = None
        if not left and self._pending_files is not None:
            self._pending_files.forget_written()
        return not left

    def _load_late(self, path: Path) -> None:
        opened = state_recovery.open_state(path)
        if opened.loaded is None:
            raise opened.error or sqlite3.OperationalError("cannot be read")
        if self._db is not None:
            self._db.close()
        self._db, self._identity = opened.db, opened.identity
        with self._lock:
            self._late = opened.loaded
            if opened.unsaved is not None:
                self._pending.update(opened.unsaved.changes())
            if opened.notice is not None:
                self._notices.append(opened.notice)
            self._loaded = True

    def _connection(self, path: Path) -> tuple[sqlite3.Connection, bool]:
        """The connection to write with, and whether the file is not the one written before."""
        now = state_file.identity(path)
        if self._db is not None and now is not None and now == self._identity:
            return self._db, False
        if self._db is not None:
            # Deleted or replaced since: the old connection writes to a file no one sees.
            log.warning("the reading state file was deleted or replaced; writing it again")
            self._close_db()
        self._db = state_file.connect(path, WRITE_TIMEOUT)
        anew = self._identity is None or now != self._identity
        self._identity = state_file.identity(path)
        return self._db, anew

    def _everything(self) -> dict[tuple[str, str], Row | None]:
        """Every row memory holds, as changes that write it (the lock is held)."""
        now = time.time()
        rows: dict[tuple[str, str], Row | None] = {("read", k): (now,) for k in self.read_keys}
        rows.update({("positions", k): place for k, place in self._positions.items()})
        rows.update({("encodings", k): (c, now) for k, c in self._encodings.items()})
        for table, specs in self._specs.items():
            rows.update({(table, k): (spec, now) for k, spec in specs.items()})
        return rows

    def _failed(self, path: Path, exc: BaseException) -> None:
        if not state_file.keeps_connection(exc):
            self._close_db()  # the next try connects afresh, and sees the file as it is now
        if state_file.is_corrupt(exc) and path.exists() and self._set_aside(path, exc):
            return  # the next try makes a new file: no trouble to tell
        why = reason(exc)
        if why != self.trouble:
            log.warning("could not save the reading state: %s", exc)
        self.trouble = why

    def _set_aside(self, path: Path, exc: BaseException) -> bool:
        """Damaged while the viewer ran: set it aside; memory holds it all, so a new file loses
        nothing. False when it cannot be moved."""
        log.warning("the reading state was damaged while the viewer ran (%s)", exc)
        try:
            kept = state_recovery.set_aside(path)
        except OSError as error:
            log.warning("cannot set the damaged reading state aside: %s", error)
            return False
        self._identity = None
        with self._lock:
            self._notices.append(
                "The reading state was damaged while the viewer ran; it is written afresh "
                f"from what the viewer holds, and the damaged file is kept as {kept.name}."
            )
        return True

    def _close_db(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def keep(self, wait: float = CLOSE_WAIT) -> Unkept | None:
        """Write what is queued, trying for ``wait`` seconds at most; what cannot be written
        goes to a pending file (beside the state file, or else in a fallback folder). None when
        everything is kept, in one or the other; else what is not, and why. Safe from any
        thread; the state stays open."""
        deadline = time.monotonic() + wait
        # The first try always runs: it also finds a file deleted since the last write.
        while not self.save(wait=deadline - time.monotonic()) and self._pending:
            if time.monotonic() + _CLOSE_RETRY >= deadline:
                break
            time.sleep(_CLOSE_RETRY)  # bounded by ``wait``: the window is closing
        with self._lock:
            left = [(table, key, values) for (table, key), values in self._pending.items()]
        if not left or self.path is None:
            return None
        assert self._pending_files is not None
        refused = self._pending_files.keep(left)
        if not refused:
            return None
        # No trouble told: the writer's own write outlasted the wait (a slow disk, say).
        why = self.trouble or "the reading state is still being written"
        return Unkept(len(left), why, tuple(refused))

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Write what is queued, trying for ``wait`` seconds at most; what cannot be written
        goes to a pending file (see ``keep``). Then close the database."""
        deadline = time.monotonic() + wait
        unkept = self.keep(wait)
        if unkept is not None:
            log.error("%d reading-state changes could not be kept: %s", unkept.count, unkept.why)
            for refused in unkept.tried:
                log.error("  %s", refused)
        if self._db_lock.acquire(timeout=max(deadline - time.monotonic(), 0.0)):
            try:
                self._close_db()
            finally:
                self._db_lock.release()
