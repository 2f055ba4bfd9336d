"""The article list as the library index serves it: which rows, in which order (no Qt).

A view is a query (``ViewQuery``: the opened folders and files, a sort column, the filters)
turned into SQL over the index's indexed sort keys and filter text. Its first screen comes
straight from the index (``first_rows``: a ``LIMIT`` over the sort column's index takes about a
millisecond at a million rows); the whole view is then written, in order, into a table of a
scratch database beside the window (``ViewBuilder``, run off the window's thread), from which
any page is one range query by row number (``ViewReader.page``). Nothing here holds the
library in memory: the window holds pages.

Unknown values (no title, no date) sort last whichever way a column is sorted, as the list has
always sorted them: each view is two segments, the known keys in order, then the unknown ones
by path. Ties go by path, in the column's direction, so that the index serves both directions.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.index_paths import PARAM, bind, unbind
from viewer.core.index_reader import prefix_range
from viewer.core.index_rows import RECORD_FIELDS, Row

# The list's columns (as the Qt model numbers them) → the stored key and its index.
SORT_KEYS = {
    0: ("title_key", "articles_title"),
    1: ("section_key", "articles_section"),
    2: ("published_key", "articles_published"),
    3: ("updated_key", "articles_updated"),
}
_RECORD = ", ".join(f"a.{name.strip()}" for name in RECORD_FIELDS.split(","))
_CHECK_EVERY = 20000  # SQLite steps between looks at the cancel flag while a view is built
_CHECK_FIRST = 5000  # and at the clock while a first screen is looked for
FIRST_SECONDS = 0.1  # the longest a first screen is looked for, in the window's thread
_READER_CACHE_KB = 16384  # the window's page cache of the index: pages of rows, not the library


@dataclass(frozen=True)
class ViewQuery:
    """What the list shows: the rows below ``roots`` that pass the filters, sorted."""

    roots: tuple[str, ...] = ()  # opened folders (everything below) and files
    column: int = -1  # a key of SORT_KEYS; -1: by path
    descending: bool = False
    words: tuple[str, ...] = ()  # folded; each is in the title, section or file name
    section: str | None = None  # folded; None: every section
    hits: frozenset[str] | None = None  # a search's paths; None: no search
    read_keys: frozenset[str] | None = None  # given: read articles are left out…
    pinned: str | None = None  # …but for this one, the article on show
    published: tuple[float | None, float | None] = (None, None)  # a range of published_key
    removed: frozenset[str] = frozenset()  # taken off the list by the reader (files untouched)
    # The whole index lies below the roots (``covers``): no row need be checked against them.
    whole_index: bool = field(default=False, compare=False)


def covers(db: sqlite3.Connection, roots: Sequence[str]) -> bool:
    """True when every row of the index lies below ``roots``: a handful of primary-key probes
    into the gaps between them, where a check of each row costs 100 ns a row."""
    ranges = sorted(_ranges(roots))
    if not ranges:
        return False
    gaps: list[tuple[str | None, str | None]] = [(None, ranges[0][0])]
    high = ranges[0][1]
    for low, next_high in ranges[1:]:
        if low > high:
            gaps.append((high, low))
        high = max(high, next_high)
    gaps.append((high, None))
    for start, top in gaps:
        where = []
        params: list[object] = []
        if start is not None:
            where.append(f"path >= {PARAM}")  # a range's high end is just past it
            params.append(bind(start))
        if top is not None:
            where.append(f"path < {PARAM}")
            params.append(bind(top))
        sql = f"SELECT 1 FROM articles WHERE {' AND '.join(where)} LIMIT 1"
        if db.execute(sql, params).fetchone() is not None:
            return False
    return True


def known_below(db: sqlite3.Connection, roots: Sequence[str], at_most: int) -> int:
    """How many rows the index holds below ``roots``, counting no further than ``at_most``
    (a count of a million rows takes a third of a second; this, a few milliseconds)."""
    where, params = _conditions(ViewQuery(roots=tuple(roots)))
    sql = f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {where[0]} LIMIT {int(at_most)})"
    return int(db.execute(sql, params).fetchone()[0])


def paths_without_text(db: sqlite3.Connection, query: ViewQuery) -> list[str]:
    """The readable files below ``query``'s roots whose text the index does not hold yet."""
    where, params = _conditions(_listed(query), scratch=False)
    condition = "".join(f" AND {w}" for w in where)
    sql = (
        "SELECT CAST(path AS BLOB) FROM articles INDEXED BY articles_doc "
        f"WHERE doc_id IS NULL AND error IS NULL{condition}"
    )
    return [unbind(raw) for (raw,) in db.execute(sql, params)]


def _ranges(roots: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Each root as the range of paths it holds, ``low <= path < high``."""
    for root in roots:
        if os.path.isdir(root):
            yield prefix_range(root)
        else:
            yield root, root + "\0"


@dataclass
class ViewStats:
    """Counts over everything listed below a view's roots, whatever its filters."""

    total: int = 0
    unread: int = 0  # of those with a content key, those not read
    unreadable: int = 0
    sections: Counter[str] = field(default_factory=Counter)  # by spelling


def _listed(query: ViewQuery) -> ViewQuery:
    """What is listed of ``query``, whatever its filters: for counts and lookups."""
    return ViewQuery(roots=query.roots, whole_index=query.whole_index, removed=query.removed)


def _conditions(query: ViewQuery, *, scratch: bool = True) -> tuple[list[str], list[object]]:
    """The SQL conditions (over ``articles``) and their parameters that pick a view's rows;
    ``scratch``: those asking the scratch database's tables too (they exist once a view has
    been written; the rows removed are then checked by the caller)."""
    where: list[str] = []
    params: list[object] = []
    if query.removed and scratch:
        where.append("path NOT IN (SELECT p FROM view.removed)")
    if not query.whole_index:
        spans = []
        for low, high in _ranges(query.roots):
            spans.append(f"(path >= {PARAM} AND path < {PARAM})")
            params.extend((bind(low), bind(high)))
        where.append(f"({' OR '.join(spans)})" if spans else "0")
    for word in query.words:
        where.append("instr(hay, ?) > 0")
        params.append(word)
    if query.section is not None:
        where.append("section_key IS ?" if query.section else "section_key IS NULL")
        if query.section:
            params.append(query.section)
    since, until = query.published
    if since is not None:
        where.append("published_key >= ?")
        params.append(since)
    if until is not None:
        where.append("published_key < ?")
        params.append(until)
    if query.hits is not None:
        where.append("path IN (SELECT p FROM view.hits)")
    if query.read_keys is not None:
        pinned = f" OR path = {PARAM}" if query.pinned is not None else ""
        where.append(
            "((content_key IS NOT NULL AND content_key NOT IN (SELECT k FROM view.read_keys))"
            f"{pinned})"
        )
        if query.pinned is not None:
            params.append(bind(query.pinned))
    return where, params


def _segments(query: ViewQuery, *, whole: bool = True) -> list[tuple[str, list[object]]]:
    """The view's SELECTs of paths in order: known keys, then unknown ones.

    Unfiltered, the sort column's index gives the rows in order. Filtered, a whole view
    (``whole``) is found by reading the table through and sorting what passes: walking the
    index and looking up each row took a filter of a million rows 7 s, the table 0.6 s. A
    first screen walks the index all the same, as it stops once the screen is full.
    """
    where, params = _conditions(query, scratch=whole)
    key_index = SORT_KEYS.get(query.column)
    if key_index is None:
        return [(_select("", where, "path"), params)]
    key, index = key_index
    direction = " DESC" if query.descending else ""
    filtered = len(where) > (0 if query.whole_index else 1)
    if filtered and (whole or query.hits is not None):
        # One pass through the table, one sort; "+key" keeps SQLite from walking the sort
        # key's index instead, and the unknown keys still come last, by path.
        order = (
            f"+{key} IS NULL, +{key}{direction}, "
            f"CASE WHEN {key} IS NULL THEN path END, +path{direction}"
        )
        return [(_select("", where, order), params)]
    hint = f" INDEXED BY {index}"
    return [
        (
            _select(hint, [*where, f"{key} IS NOT NULL"], f"{key}{direction}, path{direction}"),
            params,
        ),
        (_select(hint, [*where, f"{key} IS NULL"], "path"), params),
    ]


def _select(hint: str, where: list[str], order: str) -> str:
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    return f"SELECT path FROM articles{hint}{condition} ORDER BY {order}"


class _Scratch:
    """A connection to the index (read only) with the scratch database attached as ``view``."""

    def __init__(self, index_path: str, scratch: Path) -> None:
        from urllib.parse import quote  # as index_reader: only once a view is made

        uri = "file:" + quote(os.fsencode(index_path)) + "?mode=ro"
        self.db = sqlite3.connect(uri, uri=True, timeout=2.0, check_same_thread=False)
        self.db.execute("ATTACH DATABASE ? AS view", (str(scratch / "view.sqlite3"),))
        self.db.execute("PRAGMA view.journal_mode=WAL")
        self.db.execute("PRAGMA view.synchronous=OFF")  # a scratch file: a crash loses nothing

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


class ViewBuilder(_Scratch):
    """Writes views into the scratch database, in order; one per builder thread."""

    def build(self, query: ViewQuery, name: str, cancel: threading.Event | None = None) -> int:
        """Write the view ``query`` as table ``name``, replacing it; its row count.

        Raises ``sqlite3.OperationalError`` when ``cancel`` is set meanwhile.
        """
        db = self.db
        if cancel is not None:
            db.set_progress_handler(lambda: int(cancel.is_set()), _CHECK_EVERY)
        try:
            db.execute("BEGIN")
            if query.hits is not None:
                self._fill("hits", "p", (bind(p) for p in query.hits))
            if query.read_keys is not None:
                self._fill("read_keys", "k", query.read_keys)
            self._fill("removed", "p", (bind(p) for p in query.removed))
            db.execute(f"DROP TABLE IF EXISTS view.{name}")
            db.execute(f"CREATE TABLE view.{name} (n INTEGER PRIMARY KEY, p TEXT NOT NULL)")
            for select, params in _segments(query):
                db.execute(f"INSERT INTO view.{name} (p) {select}", params)
            db.execute(f"CREATE INDEX view.{name}_p ON {name} (p)")
            count = db.execute(f"SELECT count(*) FROM view.{name}").fetchone()[0]
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.set_progress_handler(None, 0)
        return int(count)

    def stats(self, query: ViewQuery, cancel: threading.Event | None = None) -> ViewStats:
        """The counts over everything below ``query``'s roots (``read_keys``: those read)."""
        db = self.db
        if query.removed:
            with db:
                self._fill("removed", "p", (bind(p) for p in query.removed))
        where, params = _conditions(_listed(query))
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        if cancel is not None:
            db.set_progress_handler(lambda: int(cancel.is_set()), _CHECK_EVERY)
        try:
            total, unreadable, keyless = db.execute(
                "SELECT count(*), coalesce(sum(error IS NOT NULL), 0), "
                f"coalesce(sum(content_key IS NULL), 0) FROM articles{condition}",
                params,
            ).fetchone()
            sections: Counter[str] = Counter()
            for section, count in db.execute(
                f"SELECT section, count(*) FROM articles{condition} GROUP BY section", params
            ):
                if section:
                    sections[section] = count
            read = 0
            if query.read_keys:
                with db:
                    self._fill("read_keys", "k", query.read_keys)
                and_where = f" AND {' AND '.join(where)}" if where else ""
                (read,) = db.execute(
                    "SELECT count(*) FROM articles WHERE content_key IN "
                    f"(SELECT k FROM view.read_keys){and_where}",
                    params,
                ).fetchone()
        finally:
            db.set_progress_handler(None, 0)
        return ViewStats(int(total), int(total - keyless - read), int(unreadable), sections)

    def _fill(self, table: str, column: str, values: Iterable[str | bytes]) -> None:
        """Make the scratch database's one-column table ``table`` anew, of ``values``."""
        db = self.db
        db.execute(f"DROP TABLE IF EXISTS view.{table}")
        db.execute(f"CREATE TABLE view.{table} ({column} TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany(
            f"INSERT OR IGNORE INTO view.{table} VALUES (CAST(? AS TEXT))",
            ((value,) for value in values),
        )

    def drop(self, name: str) -> None:
        """Forget a view no longer shown."""
        self.db.execute(f"DROP TABLE IF EXISTS view.{name}")
        self.db.commit()


class ViewReader(_Scratch):
    """The window's reads: a view's first screen straight from the index, and its pages."""

    def __init__(self, index_path: str, scratch: Path) -> None:
        super().__init__(index_path, scratch)
        self.db.execute(f"PRAGMA cache_size=-{_READER_CACHE_KB}")

    def first_rows(self, query: ViewQuery, limit: int, seconds: float = FIRST_SECONDS) -> list[Row]:
        """The view's first ``limit`` records, before its table is built, as many as are
        found within ``seconds`` (a filter that few rows pass is looked for through all of
        them; its view's table follows). Search hits are not in the scratch database yet:
        a search's view waits for its table."""
        paths: list[str] = []
        deadline = time.monotonic() + seconds
        self.db.set_progress_handler(lambda: int(time.monotonic() > deadline), _CHECK_FIRST)
        try:
            removed = query.removed
            for select, params in _segments(query, whole=False):
                if len(paths) >= limit:
                    break
                sql = _as_blobs(f"{select} LIMIT {limit - len(paths) + len(removed)}")
                for (raw,) in self.db.execute(sql, params):
                    path = unbind(raw)
                    if path not in removed and len(paths) < limit:
                        paths.append(path)
        except sqlite3.OperationalError:
            pass  # out of time: the screen shows what was found, the view's table the rest
        finally:
            self.db.set_progress_handler(None, 0)
        return self.records(paths)

    def records(self, paths: Sequence[str]) -> list[Row]:
        """The records of ``paths``, in that order; a path the index no longer holds is left
        out."""
        if not paths:
            return []
        marks = ", ".join([PARAM] * len(paths))
        found = {
            unbind(row[0]): (unbind(row[0]), *row[1:])
            for row in self.db.execute(
                f"SELECT CAST(a.path AS BLOB), {_RECORD} FROM articles a WHERE a.path IN ({marks})",
                [bind(p) for p in paths],
            )
        }
        return [found[p] for p in paths if p in found]

    def page(self, name: str, first: int, count: int) -> list[tuple[int, str, Row | None]]:
        """Rows ``first`` to ``first + count - 1`` of view ``name``: (row, path, record), the
        record None when the file's row went from the index after the view was made."""
        result: list[tuple[int, str, Row | None]] = []
        for n, raw, *record in self.db.execute(
            f"SELECT s.n, CAST(s.p AS BLOB), {_RECORD} FROM view.{name} s "
            "LEFT JOIN articles a ON a.path = s.p WHERE s.n > ? AND s.n <= ? ORDER BY s.n",
            (first, first + count),
        ):
            path = unbind(raw)
            result.append((n - 1, path, None if record[0] is None else (path, *record)))
        return result

    def keys_after(self, name: str, row: int, count: int) -> list[tuple[int, str | None]]:
        """(row, content key) of up to ``count`` rows after ``row``: for "next unread"."""
        return [
            (n - 1, key)
            for n, key in self.db.execute(
                f"SELECT s.n, a.content_key FROM view.{name} s "
                "LEFT JOIN articles a ON a.path = s.p WHERE s.n > ? ORDER BY s.n LIMIT ?",
                (row + 1, count),
            )
        ]

    def rows_with_key(self, query: ViewQuery, key: str) -> int:
        """How many articles below ``query``'s roots have the content key ``key`` (the reader's
        removed ones among them: a count a few rows off, kept until the next one)."""
        where, params = _conditions(_listed(query), scratch=False)
        and_where = f" AND {' AND '.join(where)}" if where else ""
        sql = f"SELECT count(*) FROM articles WHERE content_key = ?{and_where}"
        return int(self.db.execute(sql, [key, *params]).fetchone()[0])

    def holds(self, query: ViewQuery, path: str) -> bool:
        """True when the index holds ``path`` below ``query``'s roots (and it is not removed)."""
        if path in query.removed:
            return False
        where, params = _conditions(_listed(query), scratch=False)
        and_where = f" AND {' AND '.join(where)}" if where else ""
        sql = f"SELECT 1 FROM articles WHERE path = {PARAM}{and_where}"
        return self.db.execute(sql, [bind(path), *params]).fetchone() is not None

    def row_of(self, name: str, path: str) -> int | None:
        """The row of ``path`` in view ``name``, if it is in it."""
        found = self.db.execute(
            f"SELECT n FROM view.{name} WHERE p = {PARAM}", (bind(path),)
        ).fetchone()
        return None if found is None else int(found[0]) - 1


def _as_blobs(sql: str) -> str:
    """A query of paths selecting them as bytes: a name that is not valid UTF-8 reads back."""
    return sql.replace("SELECT path FROM", "SELECT CAST(path AS BLOB) FROM", 1)


class ScratchFolder:
    """The folder of a window's scratch database, removed when the window is done with it."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="article-viewer-view-"))

    def remove(self) -> None:
        """Remove the folder and the views in it."""
        shutil.rmtree(self.path, ignore_errors=True)
