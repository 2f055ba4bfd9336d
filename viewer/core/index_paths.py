"""Paths in and out of the library index, names that are not valid UTF-8 among them (no Qt).

Python holds such a name with surrogate escapes ("caf\\udce9.txt"), which sqlite3 neither binds
nor reads back as text. The index stores it as its generalised UTF-8 (each escape encoded as if
it were a character, ED B3 A9), which sorts exactly where Python sorts the string: the listing
merges stored rows with sorted paths, so the two orders must agree. Going in, it is bound as
bytes and cast to text (``PARAM``); coming out, sqlite3 refuses to decode it, so the query is
run again selecting such paths as blobs (``PATH``), which are decoded here. A query meets
either detour only when such a name is there: normal names cost no Python work per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from viewer.core.article_files import display_path, file_system_text

PARAM = "CAST(? AS TEXT)"  # a path parameter: a str passes unchanged, bytes become text
PATH = "{path}"  # where a query run by ``fetch`` selects a path
# Surrogate escapes are U+DC80..U+DCFF, in generalised UTF-8 ED B2 xx and ED B3 xx; no valid
# UTF-8 text holds either pair.
_AS_STORED = (
    "iif(instr(CAST(path AS BLOB), x'edb2') OR instr(CAST(path AS BLOB), x'edb3'), "
    "CAST(path AS BLOB), path)"
)
_UNDECODABLE = "Could not decode to UTF-8"


def bind(path: str) -> str | bytes:
    """A path as a ``PARAM`` value: itself, or its generalised UTF-8 when it is not valid text."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return file_system_text(path).encode("utf-8", "surrogatepass")
    return path


def unbind(value: str | bytes) -> str:
    """A path as ``PATH`` selects it, as Python holds it."""
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def fetch(
    db: sqlite3.Connection, sql: str, params: Sequence[object] = (), *, column: int = 0
) -> list[Any]:
    """The rows of a query whose string parameters are paths (or clean text) and whose
    ``column`` is ``PATH``, if it selects one."""
    try:
        return _run(db, sql.replace(PATH, "path"), params)
    except sqlite3.OperationalError as exc:
        if _UNDECODABLE not in str(exc):
            raise
    rows = _run(db, sql.replace(PATH, _AS_STORED), params)
    return [_with_path(row, column) for row in rows]


def execute_many(
    db: sqlite3.Connection, sql: str, rows: Sequence[Sequence[object]], *, path_at: int = 0
) -> None:
    """``executemany`` for statements whose value ``path_at`` is a ``PARAM`` path.

    When text with surrogate escapes stops it, the rows before that row are written already:
    the rest are run bound, so that no row is written twice.
    """
    try:
        db.executemany(sql, rows)
    except UnicodeEncodeError:
        # sqlite3 binds and runs one row at a time, so the first row it could not bind is
        # where it stopped.
        stopped = next((at for at, row in enumerate(rows) if not _bindable(row)), None)
        if stopped is None:
            raise
        db.executemany(sql, [_bound_row(row, path_at) for row in rows[stopped:]])


def _run(db: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[Any]:
    try:
        return db.execute(sql, params).fetchall()
    except UnicodeEncodeError:  # a path with surrogate escapes
        bound = [bind(p) if isinstance(p, str) else p for p in params]
        return db.execute(sql, bound).fetchall()


def _with_path(row: tuple[Any, ...], column: int) -> tuple[Any, ...]:
    value = row[column]
    if not isinstance(value, bytes):
        return row
    return (*row[:column], unbind(value), *row[column + 1 :])


def _bindable(row: Sequence[object]) -> bool:
    """True when sqlite3 can bind every value of ``row`` as it is."""
    try:
        for value in row:
            if isinstance(value, str):
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bound_row(row: Sequence[object], path_at: int) -> tuple[object, ...]:
    """A row with its path bound; other text has no surrogates, but is made safe all the same
    (bytes there would be stored as a blob)."""
    return tuple(
        (bind(value) if i == path_at else display_path(value)) if isinstance(value, str) else value
        for i, value in enumerate(row)
    )
