"""Reading stored rows from the library index: the queries the index and listing workers share,
and a worker's read-only connection (no Qt).

The rows come back as ``index_rows`` reads them; paths go in and out through ``index_paths``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from viewer.core.index_opening import BUSY_TIMEOUT, SCHEMA_VERSION
from viewer.core.index_paths import PARAM, PATH, fetch
from viewer.core.index_rows import RECORD_FIELDS, Row

log = logging.getLogger("viewer")

_RECORD = f"{PATH}, {RECORD_FIELDS}"  # what a record is made of, as read back


def rows_between(
    db: sqlite3.Connection, folder: str, after: str, until: str, through: bool
) -> list[Row]:
    """Rows of files directly in ``folder`` with ``after < path < until`` (``through``: ``<=``)."""
    prefix, _high = prefix_range(folder)
    high_test = "<=" if through else "<"
    # The rows of its subfolders' files sort among its own: their paths are looked through
    # a few at a time, and each subfolder met is skipped in one step, so that a folder of a
    # thousand subfolders and a million files below them is not read through to find its own
    # few files (that took 0.7 s). Its own files' records are then read run by run.
    runs: list[tuple[str, str]] = []  # (first, last) of each run of its own files
    low, low_test, limit = after, ">", _FIRST_PATHS
    while True:
        paths = fetch(
            db,
            f"SELECT {PATH} FROM articles WHERE path {low_test} {PARAM} "
            f"AND path {high_test} {PARAM} ORDER BY path LIMIT {limit}",
            (low, until),
        )
        first: str | None = None
        last: str | None = None
        skip: str | None = None
        for (path,) in paths:
            separator = path.find(os.sep, len(prefix))
            if separator >= 0:  # a subfolder's: go on after the whole subfolder
                skip = path[:separator] + _AFTER_SEPARATOR
                break
            first = path if first is None else first
            last = path
        if first is not None and last is not None:
            runs.append((first, last))
        if skip is not None:
            low, low_test, limit = skip, ">=", _FIRST_PATHS
        elif len(paths) < limit:
            break
        else:
            low, low_test, limit = paths[-1][0], ">", limit * 2
    rows: list[Row] = []
    for first, last in runs:
        rows.extend(
            fetch(
                db,
                f"SELECT {_RECORD} FROM articles WHERE path >= {PARAM} AND path <= {PARAM} "
                "ORDER BY path",
                (first, last),
            )
        )
    return rows


_FIRST_PATHS = 64  # paths a look through a folder's rows reads first; it doubles on the way
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
