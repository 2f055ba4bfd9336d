"""Opening the reading state's file with a check: a damaged one (garbage, a bad page, a table
not of ours, a folder in its place) is set aside under a dated name, what can still be read
from it recovered, and a fresh file takes its place (no Qt)."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from viewer.core.state.file import (
    OPEN_TIMEOUT,
    TABLES,
    Loaded,
    Row,
    connect,
    identity,
    is_damage,
    load,
    select_rows,
    write_rows,
)

log = logging.getLogger("viewer")

COMPANIONS = ("-journal", "-wal", "-shm")  # SQLite's files beside a database, which go with it
# Seek points that split the key space: a damaged page costs only the keys around it.
_BOUNDS = ["", *(f"{n:02x}" for n in range(256))]


@dataclass
class Opened:
    """The outcome of opening the file: a connection (None: none could be made), what was read
    (None: it could not be read yet), the file's identity, and a one-time notice."""

    db: sqlite3.Connection | None
    loaded: Loaded | None
    identity: tuple[int, int] | None
    notice: str | None = None
    unsaved: Loaded | None = None  # rows recovered from a damaged file, not written yet
    error: BaseException | None = None


def open_state(path: Path) -> Opened:
    """Open the state file, reading everything in it. A damaged one (garbage, a bad page, a
    table not of ours, a folder in its place) is set aside under a dated name and what can be
    read from it recovered; a fresh file takes its place. A file that is locked or cannot be
    opened is left as it is, to be used once it can."""
    if path.is_dir():
        return _set_aside(path, "a folder stood in its place", None)
    try:
        db = connect(path, OPEN_TIMEOUT)
    except (sqlite3.DatabaseError, OSError) as exc:
        if is_damage(exc):
            return _set_aside(path, str(exc), exc)
        log.warning("cannot open the reading state: %s", exc)
        return Opened(None, None if path.exists() else Loaded(), identity(path), error=exc)
    try:
        loaded = load(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        if is_damage(exc):
            return _set_aside(path, str(exc), exc)
        log.warning("cannot read the reading state: %s", exc)
        return Opened(None, None, identity(path), error=exc)
    return Opened(db, loaded, identity(path))


def _set_aside(path: Path, why: str, exc: BaseException | None) -> Opened:
    """Move the damaged file (or folder) aside, recover its rows, and start a fresh file."""
    log.warning("the reading state is damaged (%s); setting it aside", why)
    try:
        kept = set_aside(path)
    except OSError as error:
        # Left where it is, it still holds the rows: they show, and are not written twice.
        log.warning("cannot set the damaged reading state aside: %s", error)
        found = recover(path) if path.is_file() else Loaded()
        return Opened(None, found, identity(path), error=exc or error)
    recovered = recover(kept) if kept.is_file() else Loaded()
    notice = damage_notice(kept.name, recovered, folder=kept.is_dir())
    try:
        db = connect(path, OPEN_TIMEOUT)
    except (sqlite3.DatabaseError, OSError) as error:
        return Opened(None, recovered, None, notice, recovered, error=error)
    try:
        write_rows(db, recovered.changes())
    except (sqlite3.DatabaseError, OSError) as error:
        return Opened(db, recovered, identity(path), notice, recovered, error=error)
    return Opened(db, recovered, identity(path), notice)


def set_aside(path: Path) -> Path:
    """Rename the file (with its journal) to ``name.damaged-YYYYMMDD-HHMMSS``; return that."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    count = 1
    while target.exists() or any(Path(f"{target}{c}").exists() for c in COMPANIONS):
        count += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{count}")
    path.rename(target)
    for companion in COMPANIONS:
        # The journal goes with it: left here, SQLite would play it back into the fresh file.
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{companion}").rename(f"{target}{companion}")
    return target


def recover(path: Path) -> Loaded:
    """The rows that can still be read from a damaged file, which is left untouched."""
    loaded = Loaded()
    try:
        # immutable: no lock, no journal played back, nothing written to the file.
        uri = "file:" + quote(os.fsencode(path)) + "?mode=ro&immutable=1"
        db = sqlite3.connect(uri, uri=True)
    except (sqlite3.Error, OSError) as exc:
        log.warning("nothing recovered from the reading state: %s", exc)
        return loaded
    try:
        for table in TABLES:
            found = loaded.tables[table]
            for low, high in zip(_BOUNDS, [*_BOUNDS[1:], None], strict=True):
                # Forward from the start of each stretch and back from its end: a bad page
                # stops a scan, and the other one reads what lies beyond it.
                found.update(_scan(db, table, low, high, backwards=False))
                found.update(_scan(db, table, low, high, backwards=True))
    finally:
        db.close()
    return loaded


def _scan(
    db: sqlite3.Connection, table: str, low: str, high: str | None, *, backwards: bool
) -> dict[str, Row]:
    """The rows of one stretch of keys, in order, up to the first one that cannot be read."""
    where = "key >= ?" + (" AND key < ?" if high is not None else "")
    order = "DESC" if backwards else "ASC"
    arguments = [low] if high is None else [low, high]
    found: dict[str, Row] = {}
    try:
        # Row by row: the rows before a bad page are kept.
        for row in db.execute(f"{select_rows(table, where)} ORDER BY key {order}", arguments):
            found[row[0]] = row[1:]
    except sqlite3.Error:
        pass  # a bad page, or no such table: what came before it is kept
    return found


_NOUNS = {  # the reader's other records, as the notice names them
    "folders": "smart folder",
    "label_defs": "label",
    "labels": "labelled article",
    "review": "imported label",
    "annotations": "annotation",  # highlights and notes
}


def damage_notice(kept: str, recovered: Loaded, *, folder: bool) -> str:
    """The one-time message: what was damaged, what was recovered, where the old file is."""
    if folder:
        return (
            "The reading state was damaged: a folder stood in its place. It is kept as "
            f"{kept}, and read marks start afresh."
        )
    counts = [
        _count(recovered.count("read"), "read mark"),
        _count(recovered.count("positions"), "place"),
    ]
    if recovered.count("encodings"):
        counts.append(_count(recovered.count("encodings"), "encoding choice"))
    for table, noun in _NOUNS.items():
        if recovered.count(table):
            counts.append(_count(recovered.count(table), noun))
    if not any(recovered.count(table) for table in TABLES):
        found = "nothing in it could be recovered"
    else:
        listed = ", ".join(counts[:-1]) + " and " + counts[-1]
        found = f"{listed} were recovered"
    return f"The reading state was damaged; {found}, and the damaged file is kept as {kept}."


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
