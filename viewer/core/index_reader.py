"""Reading stored rows from the library index: the queries the index and listing workers share,
and a worker's read-only connection (no Qt).

The rows come back as ``index_rows`` reads them; paths go in and out through ``index_paths``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from viewer.core.index_opening import BUSY_TIMEOUT, SCHEMA_VERSION
from viewer.core.index_paths import PARAM, PATH, fetch
from viewer.core.index_rows import RECORD_FIELDS, Row

log = logging.getLogger("viewer")

_RECORD = f"{PATH}, {RECORD_FIELDS}"  # what a record is made of, as read back
_FIRST_ROWS = 4096  # rows of a folder's range read as they come: most folders hold fewer
_FIRST_RECORDS = 64  # the same, of whole records: read in vain when a subfolder's come first


def rows_between(
    db: sqlite3.Connection, folder: str, after: str, until: str, through: bool
) -> list[Row]:
    """Rows of files directly in ``folder`` with ``after < path < until`` (``through``: ``<=``)."""
    runs = scan_folder(db, folder, after, until, through, _RECORD, first=_FIRST_RECORDS).runs
    return runs[0] if len(runs) == 1 else [row for run in runs for row in run]


class FolderScan(NamedTuple):
    """What a look through a folder's range of paths found."""

    runs: list[list[Row]]  # the rows of its own files, a run at a time, in path order
    subfolders: list[str]  # each subfolder that rows below it were met in, in path order
    expected: bool = False  # the rows are exactly those the caller expected


def scan_folder(
    db: sqlite3.Connection,
    folder: str,
    after: str,
    until: str,
    through: bool,
    columns: str = PATH,
    *,
    first: int = _FIRST_ROWS,
    expected: set[Row] | frozenset[Row] = frozenset(),
) -> FolderScan:
    """``columns`` (``PATH`` first) of the rows of files directly in ``folder`` with
    ``after < path < until`` (``through``: ``<=``), and the subfolders met among them.

    ``first`` rows are read as they come, which is all of most folders (one without
    subfolders); past them, or past a subfolder's row among them, SQLite looks for the rest.
    When they are all there is and exactly the folder's rows ``expected`` (as the caller found
    its files), none can be a subfolder's, and none is looked at one by one.
    """
    prefix, _high = prefix_range(folder)
    high_test = "<=" if through else "<"
    found = FolderScan([], [])
    rows = fetch(
        db,
        f"SELECT {columns} FROM articles WHERE path > {PARAM} AND path {high_test} {PARAM} "
        f"ORDER BY path LIMIT {first}",
        (after, until),
    )
    if len(rows) < first and len(rows) == len(expected) and expected.issuperset(rows):
        return FolderScan([rows] if rows else [], [], True)
    sep, name_at = os.sep, len(prefix)
    for at, row in enumerate(rows):
        if row[0].find(sep, name_at) >= 0:
            if at:
                found.runs.append(rows[:at])
            subfolder = row[0][: row[0].index(sep, name_at)]
            found.subfolders.append(subfolder)
            _scan_rest(
                db, found, prefix, subfolder + _AFTER_SEPARATOR, ">=", until, through, columns
            )
            return found
    if rows:
        found.runs.append(rows)
    if len(rows) == first:
        _scan_rest(db, found, prefix, rows[-1][0], ">", until, through, columns)
    return found


def _scan_rest(
    db: sqlite3.Connection,
    found: FolderScan,
    prefix: str,
    low: str,
    low_test: str,
    until: str,
    through: bool,
    columns: str,
) -> None:
    """The rest of ``scan_folder``'s look, from ``low`` on, added to ``found``."""
    # The rows of its subfolders' files sort among its own. SQLite finds the next one (a
    # separator past the folder's own, looked for in the stored bytes), the rows before it are
    # the folder's own, and the whole subfolder is skipped in one step: a folder of a thousand
    # subfolders and a million files below them is not read through to find its own few
    # files (that took 0.7 s), and no row is read into Python only to be left out.
    high_test = "<=" if through else "<"
    name_at = len(prefix.encode("utf-8", "surrogatepass")) + 1
    below = f"instr(substr(CAST(path AS BLOB), {name_at}), CAST({PARAM} AS BLOB)) > 0"
    while True:
        in_range = f"path {low_test} {PARAM} AND path {high_test} {PARAM}"
        nearest = fetch(
            db,
            f"SELECT {PATH} FROM articles WHERE {in_range} AND {below} ORDER BY path LIMIT 1",
            (low, until, os.sep),
        )
        if nearest:
            own = fetch(
                db,
                f"SELECT {columns} FROM articles WHERE path {low_test} {PARAM} "
                f"AND path < {PARAM} ORDER BY path",
                (low, nearest[0][0]),
            )
        else:
            own = fetch(
                db, f"SELECT {columns} FROM articles WHERE {in_range} ORDER BY path", (low, until)
            )
        if own:
            found.runs.append(own)
        if not nearest:
            return
        subfolder = nearest[0][0][: nearest[0][0].index(os.sep, len(prefix))]
        found.subfolders.append(subfolder)
        low, low_test = subfolder + _AFTER_SEPARATOR, ">="


# Past every path below a folder: its name and the character after the separator.
_AFTER_SEPARATOR = chr(ord(os.sep) + 1)


def rows_for(db: sqlite3.Connection, paths: Sequence[str]) -> list[Row]:
    """Rows of ``paths``, those that are indexed."""
    return select_paths(db, _RECORD, paths)


def rows_for_links(db: sqlite3.Connection, paths: Sequence[str]) -> list[tuple[str, int | None]]:
    """(path, doc_id) of those of ``paths`` that are indexed."""
    return select_paths(db, f"{PATH}, doc_id", paths)


def select_paths(
    db: sqlite3.Connection, columns: str, paths: Sequence[object], where: str = ""
) -> list[Any]:
    """``columns`` of the rows of ``paths`` (that also meet ``where``), 500 paths to a query
    (SQLite's limit is 999); aggregate columns give one row per 500. A path selected is
    ``PATH``, first."""
    found: list[Any] = []
    condition = f"{where} AND " if where else ""
    for start in range(0, len(paths), 500):
        chunk = paths[start : start + 500]
        marks = ",".join([PARAM] * len(chunk))
        query = f"SELECT {columns} FROM articles WHERE {condition}path IN ({marks})"
        found.extend(fetch(db, query, chunk))
    return found


def folder_bounds(folder: str) -> tuple[str, str]:
    """``after`` and ``until`` that take in every file directly in ``folder``."""
    return prefix_range(folder)


def prefix_range(folder: str) -> tuple[str, str]:
    """The string range holding every path below ``folder``."""
    prefix = folder.rstrip(os.sep) + os.sep
    return prefix, prefix[:-1] + chr(ord(os.sep) + 1)


class IndexReader:
    """A read-only connection, for a worker process or a glance from the window's thread;
    without a usable index it finds nothing."""

    def __init__(self, path: str | None, timeout: float = BUSY_TIMEOUT) -> None:
        """Open the index at ``path`` for reading, if it is there and of this version, waiting
        at most ``timeout`` seconds for a lock."""
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            from urllib.parse import quote  # imported by the first to open the index so

            uri = "file:" + quote(os.fsencode(path)) + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, timeout=timeout)
            if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                self._db = db
            else:
                db.close()
        except sqlite3.Error as exc:
            log.warning("cannot read the library index (its files are read instead): %s", exc)

    def close(self) -> None:
        """Close the connection."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def rows_between(self, folder: str, after: str, until: str, *, through: bool) -> list[Row]:
        """As ``LibraryIndex.rows_between``; nothing when the index cannot be read."""
        return self._safely(rows_between, folder, after, until, through)

    def rows_for(self, paths: Sequence[str]) -> list[Row]:
        """As ``LibraryIndex.rows_for``; nothing when the index cannot be read."""
        return self._safely(rows_for, paths)

    def _safely(self, query: Callable[..., list[Row]], *args: Any) -> list[Row]:
        if self._db is None:
            return []
        try:
            return query(self._db, *args)
        except sqlite3.Error as exc:  # the files are read instead
            log.warning("lost the library index (its files are read instead): %s", exc)
            self._db.close()
            self._db = None
            return []
