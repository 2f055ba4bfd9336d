"""What the reader has read, and where they were in each article (no Qt).

Kept in SQLite in the user's data folder (not the cache: this is the reader's own record),
keyed by each article's content key, so it follows an article through renames and moves.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("viewer")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read (key TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS positions (
    key TEXT PRIMARY KEY, fraction REAL NOT NULL, at REAL NOT NULL
) WITHOUT ROWID;
"""
_POSITIONS_KEPT = 20000  # the oldest positions are forgotten beyond this many


class ReadingState:
    """Read marks and reading positions; falls back to memory when the file cannot be used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.warning: str | None = None
        self._db = self._open()
        self.read_keys: set[str] = {row[0] for row in self._db.execute("SELECT key FROM read")}

    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=2.0, isolation_level=None)
                db.executescript(_SCHEMA)
                return db
            except (sqlite3.DatabaseError, OSError) as exc:
                self.warning = f"Read marks cannot be saved ({exc}); they last until you quit."
                log.warning("reading state in memory only: %s", exc)
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.executescript(_SCHEMA)
        return db

    def is_read(self, key: str | None) -> bool:
        """True when the article with this content key was read."""
        return key is not None and key in self.read_keys

    def set_read(self, keys: Iterable[str | None], read: bool) -> None:
        """Mark articles read or unread."""
        wanted = [k for k in keys if k]
        if read:
            self.read_keys.update(wanted)
            now = time.time()
            self._write("INSERT OR REPLACE INTO read VALUES (?, ?)", [(k, now) for k in wanted])
        else:
            self.read_keys.difference_update(wanted)
            self._write("DELETE FROM read WHERE key = ?", [(k,) for k in wanted])

    def position(self, key: str | None) -> float | None:
        """Where the reader left this article, as a fraction of its length."""
        if key is None:
            return None
        try:
            row = self._db.execute("SELECT fraction FROM positions WHERE key = ?", (key,))
            found = row.fetchone()
        except sqlite3.DatabaseError:
            return None
        return float(found[0]) if found else None

    def set_position(self, key: str | None, fraction: float) -> None:
        """Remember where the reader is in an article (0 forgets it)."""
        if key is None:
            return
        if fraction <= 0.0:
            self._write("DELETE FROM positions WHERE key = ?", [(key,)])
            return
        self._write(
            "INSERT OR REPLACE INTO positions VALUES (?, ?, ?)",
            [(key, min(fraction, 1.0), time.time())],
        )

    def trim(self) -> None:
        """Forget the oldest positions beyond the limit."""
        self._write(
            "DELETE FROM positions WHERE key NOT IN "
            "(SELECT key FROM positions ORDER BY at DESC LIMIT ?)",
            [(_POSITIONS_KEPT,)],
        )

    def close(self) -> None:
        """Close the database."""
        with contextlib.suppress(sqlite3.DatabaseError):
            self._db.close()

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        if not rows:
            return
        try:
            self._db.execute("BEGIN")
            self._db.executemany(sql, rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")
            log.warning("could not save reading state: %s", exc)
