"""The reading state's SQLite file: its tables, connecting, reading and writing them, and
saying why it cannot be used (no Qt)."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.appinfo import APP_ID, ORGANIZATION

log = logging.getLogger("viewer")

SCHEMA = """
CREATE TABLE IF NOT EXISTS read (key TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS positions (
    key TEXT PRIMARY KEY, fraction REAL NOT NULL, at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS encodings (
    key TEXT PRIMARY KEY, encoding TEXT NOT NULL, at REAL NOT NULL
) WITHOUT ROWID;
"""
# Tables of the reader's own records kept as JSON specs (see ``ReadingState.specs``): smart
# folders; the labels' definitions; the labels given, by content key; labels imported for
# review, by set and content key; highlights and notes, by id.
SPEC_TABLES = ("folders", "label_defs", "labels", "review", "annotations")
SCHEMA += "".join(
    f"CREATE TABLE IF NOT EXISTS {table} "
    "(key TEXT PRIMARY KEY, spec TEXT NOT NULL, at REAL NOT NULL) WITHOUT ROWID;\n"
    for table in SPEC_TABLES
)
# Each table's columns after the key, with the Python types a row must have to be taken in.
TABLES: dict[str, tuple[tuple[str, type], ...]] = {
    "read": (("at", float),),
    "positions": (("fraction", float), ("at", float)),
    "encodings": (("encoding", str), ("at", float)),
    **{table: (("spec", str), ("at", float)) for table in SPEC_TABLES},
}
STATE_FILE = "reading-state.sqlite3"
WRITE_TIMEOUT = 0.2  # seconds a write waits for another program's lock before trying later
OPEN_TIMEOUT = 0.5  # seconds the start waits for another viewer's write to end
_READ_ONLY_TIMEOUT = 0.5  # seconds ``--dump`` waits for a viewer's write before doing without
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
# Errors that say the file is not a reading state one can use (damaged, or not ours).
_DAMAGE = {_CORRUPT, _NOTADB, 1, 20, 24}  # CORRUPT, NOTADB, ERROR, MISMATCH, FORMAT

Row = tuple[object, ...]  # a row's values after its key
UNTIMED: Row = (0.0,)  # the values of a read mark loaded for memory, which keeps no times


@dataclass
class Loaded:
    """What was read from the file: table → key → the row's other values."""

    tables: dict[str, dict[str, Row]] = field(default_factory=lambda: {t: {} for t in TABLES})

    def count(self, table: str) -> int:
        """How many rows of ``table`` were read."""
        return len(self.tables[table])

    def changes(self) -> dict[tuple[str, str], Row | None]:
        """Every row, as changes that write it."""
        return {(t, key): values for t, rows in self.tables.items() for key, values in rows.items()}


def error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for an error, None for other errors."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    """True when the error says the file is damaged or is no reading state of ours."""
    return error_code(exc) in _DAMAGE


def is_corrupt(exc: BaseException) -> bool:
    """True when the error says the file itself is damaged (not only that a statement failed)."""
    return error_code(exc) in (_CORRUPT, _NOTADB)


def keeps_connection(exc: BaseException) -> bool:
    """True when trying again on the same connection can work (a lock, a full disk): other
    errors want a new connection, which sees the file's mode and place anew."""
    return error_code(exc) in (_BUSY, _LOCKED, _FULL)


def saving_notice(why: str) -> str:
    """What the window says when changes cannot be written."""
    return (
        f"Read marks cannot be saved right now: {why}; "
        "they are kept and will be saved when it can be."
    )


def number(value: object) -> float:
    """A stored number, or 0 for anything else a damaged file may hold."""
    return float(value) if isinstance(value, int | float) else 0.0


def reason(exc: BaseException) -> str:
    """Why the file cannot be used, in a few plain words."""
    words = {
        _BUSY: "the database is locked",
        _LOCKED: "the database is locked",
        _READONLY: "the database is read-only",
        _FULL: "the disk is full",
        _CANTOPEN: "the database or its folder cannot be written",
        _IOERR: "the disk cannot be written",
        _CORRUPT: "the database is damaged",
        _NOTADB: "the database is damaged",
    }
    found = words.get(error_code(exc) or -1)
    if found is not None:
        return found
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode, None when it is gone: tells a deleted or replaced file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection to the state file, made with its tables if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Used by the writer thread and, at the close, by the closing one: never at the same
    # time, as the state's lock sees to.
    db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        try:
            db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            if error_code(exc) != _READONLY:
                raise
            # A read-only file is read as it is; writing it will say what stops it.
        return db
    except BaseException:
        db.close()
        raise


def load(db: sqlite3.Connection) -> Loaded:
    """Every row of every table, checked: a damaged page or a table not of ours raises."""
    loaded = Loaded()
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # An older file may lack a table: it has no rows, then.
    for table in ("positions", "encodings", *SPEC_TABLES):
        if table in present:
            loaded.tables[table] = rows_of(db.execute(select_rows(table)))
    if "read" in present:
        # Only the keys: memory keeps no times for read marks, and a start with many of them
        # is quicker so.
        keys = db.execute("SELECT key FROM read WHERE typeof(key) = 'text'")
        loaded.tables["read"] = dict.fromkeys((row[0] for row in keys), UNTIMED)
    problem = db.execute("PRAGMA quick_check(1)").fetchone()
    if problem is None or problem[0] != "ok":
        raise sqlite3.DatabaseError(f"quick_check: {problem[0] if problem else 'no answer'}")
    return loaded


def write_rows(db: sqlite3.Connection, changes: dict[tuple[str, str], Row | None]) -> None:
    """Write rows (None: delete the row) in one transaction, or none of them."""
    inserts: dict[str, list[tuple[object, ...]]] = {}
    deletes: dict[str, list[tuple[str]]] = {}
    for (table, key), values in changes.items():
        if values is None:
            deletes.setdefault(table, []).append((key,))
        else:
            inserts.setdefault(table, []).append((key, *values))
    # IMMEDIATE: another program's lock stops it here, before anything is done.
    db.execute("BEGIN IMMEDIATE")
    try:
        for table, rows in inserts.items():
            marks = ", ".join("?" * (len(TABLES[table]) + 1))
            db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
        for table, keys in deletes.items():
            db.executemany(f"DELETE FROM {table} WHERE key = ?", keys)
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


def select_rows(table: str, where: str = "") -> str:
    """The query for a table's well-formed rows, their numbers as floats: a damaged file, or
    another program, can leave anything in a column."""
    columns, checks = [], ["typeof(key) = 'text'"]
    for name, kind in TABLES[table]:
        if kind is float:
            columns.append(f"{name} + 0.0")
            checks.append(f"typeof({name}) IN ('real', 'integer')")
        else:
            columns.append(name)
            checks.append(f"typeof({name}) = 'text'")
    condition = " AND ".join([*checks, where] if where else checks)
    return f"SELECT key, {', '.join(columns)} FROM {table} WHERE {condition}"


def rows_of(cursor: Iterable[Row]) -> dict[str, Row]:
    return {str(row[0]): row[1:] for row in cursor}


def checked(table: str, values: Iterable[object]) -> Row | None:
    """The values of a row of ``table`` in the types it holds, None when they are not."""
    out: list[object] = []
    kinds = [kind for _name, kind in TABLES[table]]
    values = list(values)
    if len(values) != len(kinds):
        return None
    for value, kind in zip(values, kinds, strict=True):
        if kind is str and isinstance(value, str):
            out.append(value)
        elif kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            out.append(float(value))
        else:
            return None
    return tuple(out)


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
    return _stored(path, "SELECT key, encoding FROM encodings")


def stored_specs(path: Path | None, table: str) -> dict[str, str]:
    """The records of one of ``SPEC_TABLES`` saved in the reading state at ``path``, read as
    ``stored_encodings`` reads the choices."""
    if table not in SPEC_TABLES:
        raise ValueError(table)
    return _stored(path, f"SELECT key, spec FROM {table}")


def _stored(path: Path | None, sql: str) -> dict[str, str]:
    if path is None or not path.is_file():
        return {}
    try:
        from urllib.parse import quote  # only the command line opens the state this way

        uri = "file:" + quote(os.fsencode(path)) + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=_READ_ONLY_TIMEOUT)
    except (sqlite3.Error, OSError, ValueError) as exc:
        log.debug("could not open the reading state: %s", exc)
        return {}
    try:
        rows = db.execute(sql).fetchall()
    except sqlite3.Error as exc:  # a file from before the table is no error: quietly none
        log.debug("could not read the reading state: %s", exc)
        return {}
    finally:
        db.close()
    return {str(key): str(value) for key, value in rows}
