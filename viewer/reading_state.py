"""What the reader has read, where they were in each article, and the encodings they chose
for some (no Qt).

Kept in SQLite in the user's data folder (not the cache: this is the reader's own record),
keyed by each article's content key, so it follows an article through renames and moves.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from viewer.appinfo import APP_ID, ORGANIZATION
from viewer.encodings import codec_name

log = logging.getLogger("viewer")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read (key TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS positions (
    key TEXT PRIMARY KEY, fraction REAL NOT NULL, at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS encodings (
    key TEXT PRIMARY KEY, encoding TEXT NOT NULL, at REAL NOT NULL
) WITHOUT ROWID;
"""
STATE_FILE = "reading-state.sqlite3"
_READ_ONLY_TIMEOUT = 0.5  # seconds ``--dump`` waits for a viewer's write before doing without
_POSITIONS_KEPT = 20000  # the oldest positions are forgotten beyond this many


class ReadingState:
    """Read marks, reading positions and encoding choices; falls back to memory when the file
    cannot be used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.warning: str | None = None
        self._db = self._open()
        self.read_keys: set[str] = {row[0] for row in self._db.execute("SELECT key FROM read")}
        # Kept in memory as well: a listing looks every file up in it.
        self._encodings: dict[str, str] = dict(_encoding_rows(self._db))

    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=2.0, isolation_level=None)
                db.executescript(_SCHEMA)
                return db
            except (sqlite3.DatabaseError, OSError) as exc:
                self.warning = (
                    f"Read marks and encoding choices cannot be saved ({exc}); "
                    "they last until you quit."
                )
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
        if normal is None:
            self._encodings.pop(key, None)
            self._write("DELETE FROM encodings WHERE key = ?", [(key,)])
        else:
            self._encodings[key] = normal
            self._write(
                "INSERT OR REPLACE INTO encodings VALUES (?, ?, ?)", [(key, normal, time.time())]
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


def _encoding_rows(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """The stored encoding choices; none when they cannot be read."""
    try:
        return [
            (str(key), str(codec))
            for key, codec in db.execute("SELECT key, encoding FROM encodings")
        ]
    except sqlite3.DatabaseError as exc:
        log.warning("could not read the encoding choices: %s", exc)
        return []


def default_state_path() -> Path | None:
    """Where the viewer keeps the reading state, worked out without Qt: what
    ``QStandardPaths.AppDataLocation`` gives on Linux and other XDG systems. None elsewhere."""
    if sys.platform in ("win32", "darwin"):
        return None  # Qt's folders there are not worth guessing: no choices is the safe side
    data = os.environ.get("XDG_DATA_HOME", "")
    try:
        # Qt, too, ignores a relative XDG_DATA_HOME.
        base = Path(data) if os.path.isabs(data) else Path.home() / ".local" / "share"
    except RuntimeError:  # no home folder to be found
        return None
    return base / ORGANIZATION / APP_ID / STATE_FILE


def stored_encodings(path: Path | None) -> dict[str, str]:
    """The encoding choices saved in the reading state at ``path``, read without writing
    anything; none when the file is missing, locked, damaged or older than the choices."""
    if path is None or not path.is_file():
        return {}
    try:
        from urllib.parse import quote  # only ``--dump`` opens the state this way

        uri = "file:" + quote(os.fsencode(path)) + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=_READ_ONLY_TIMEOUT)
    except (sqlite3.Error, OSError, ValueError) as exc:
        log.debug("could not open the reading state: %s", exc)
        return {}
    try:
        rows = db.execute("SELECT key, encoding FROM encodings").fetchall()
    except sqlite3.Error as exc:  # a file from before the choices is no error: quietly none
        log.debug("could not read the encoding choices: %s", exc)
        return {}
    finally:
        db.close()
    return {str(key): str(codec) for key, codec in rows}
