"""The tables of the list's views: written in order into a scratch database beside the window
(``ViewBuilder``, off the window's thread) and read a page at a time (``ViewReader``), as
``index_view`` words them in SQL (no Qt)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from viewer.core.facets import FACETS, sql_value
from viewer.core.index_paths import PARAM, bind, unbind
from viewer.core.index_rows import RECORD_FIELDS, Row
from viewer.core.index_view import ViewQuery, conditions, listed, segments
from viewer.core.query_labels import LabelTable

_RECORD = ", ".join(f"a.{name.strip()}" for name in RECORD_FIELDS.split(","))
_CHECK_EVERY = 20000  # SQLite steps between looks at the cancel flag while a view is built
_CHECK_FIRST = 5000  # and at the clock while a first screen is looked for
FIRST_SECONDS = 0.1  # the longest a first screen is looked for, in the window's thread
_READER_CACHE_KB = 16384  # the window's page cache of the index: pages of rows, not the library


@dataclass
class ViewStats:
    """Counts over everything listed below a view's roots, whatever its filters."""

    total: int = 0
    unread: int = 0  # of those with a content key, those not read
    unreadable: int = 0
    sections: Counter[str] = field(default_factory=Counter)  # by spelling
    facets: dict[str, Counter[str]] = field(default_factory=dict)  # facet → values as stored


class _Scratch:
    """A connection to the index (read only) with the scratch database attached as ``view``."""

    def __init__(self, index_path: str, scratch: Path) -> None:
        from urllib.parse import quote  # as index_reader: only once a view is made

        self.index_path = index_path
        uri = "file:" + quote(os.fsencode(index_path)) + "?mode=ro"
        self.db = sqlite3.connect(uri, uri=True, timeout=2.0, check_same_thread=False)
        self.labels = LabelTable(self.db)  # what a label facet asks (see query_labels)
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
        self.labels.sync()
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
            for select, params in segments(query):
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
        where, params = conditions(listed(query))
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
            facets = self._facet_values(condition, params)
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
        unread = int(total - keyless - read)
        return ViewStats(int(total), unread, int(unreadable), sections, facets)

    def _facet_values(self, condition: str, params: list[object]) -> dict[str, Counter[str]]:
        """How many rows have each stored value of each facet: one pass over the rows with
        fields, every facet at once (each pass costs about as much as the section counts)."""
        names = list(FACETS)
        having = f"{condition} AND fields IS NOT NULL" if condition else " WHERE fields IS NOT NULL"
        values = ", ".join(sql_value(facet) for facet in names)
        groups = ", ".join(str(n) for n in range(1, len(names) + 1))
        sql = f"SELECT {values}, count(*) FROM articles{having} GROUP BY {groups}"
        counts: dict[str, Counter[str]] = {facet: Counter() for facet in names}
        for row in self.db.execute(sql, params):
            for facet, value in zip(names, row, strict=False):
                if value is not None:
                    counts[facet][str(value)] += row[-1]
        return counts

    def count(self, query: ViewQuery, read_keys: Iterable[str]) -> tuple[int, int]:
        """How many rows pass ``query`` (its ``read_keys`` ignored), and how many of those
        are unread by ``read_keys``: a smart folder's counts."""
        db = self.db
        self.labels.sync()
        with db:
            if query.hits is not None:
                self._fill("hits", "p", (bind(p) for p in query.hits))
            self._fill("removed", "p", (bind(p) for p in query.removed))
            self._fill("read_keys", "k", read_keys)
        where, params = conditions(replace(query, read_keys=None, pinned=None))
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        matching, unread = db.execute(
            "SELECT count(*), coalesce(sum(content_key IS NOT NULL AND content_key NOT IN "
            f"(SELECT k FROM view.read_keys)), 0) FROM articles{condition}",
            params,
        ).fetchone()
        return int(matching), int(unread)

    def date_keys(self, query: ViewQuery, column: str) -> list[float | None]:
        """The stored date key ``column`` (published_key or updated_key) of every row that
        passes ``query``: what the timeline counts."""
        if column not in ("published_key", "updated_key"):
            raise ValueError(f"not a date key: {column}")
        db = self.db
        with db:
            if query.hits is not None:
                self._fill("hits", "p", (bind(p) for p in query.hits))
            if query.read_keys is not None:
                self._fill("read_keys", "k", query.read_keys)
            self._fill("removed", "p", (bind(p) for p in query.removed))
        where, params = conditions(query)
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        return [key for (key,) in db.execute(f"SELECT {column} FROM articles{condition}", params)]

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
        self.labels.sync()
        deadline = time.monotonic() + seconds
        self.db.set_progress_handler(lambda: int(time.monotonic() > deadline), _CHECK_FIRST)
        try:
            removed = query.removed
            for select, params in segments(query, whole=False):
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

    def keys_listed(self, query: ViewQuery, keys: Sequence[str]) -> list[str]:
        """The content keys of the articles below ``query``'s roots among ``keys``, an article
        each (a key two articles share comes twice): for a label facet's counts."""
        where, params = conditions(listed(query), scratch=False)
        and_where = f" AND {' AND '.join(where)}" if where else ""
        found: list[str] = []
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT content_key FROM articles WHERE content_key IN ({marks}){and_where}"
            found.extend(row[0] for row in self.db.execute(sql, [*chunk, *params]))
        return found

    def rows_with_key(self, query: ViewQuery, key: str) -> int:
        """How many articles below ``query``'s roots have the content key ``key`` (the reader's
        removed ones among them: a count a few rows off, kept until the next one)."""
        where, params = conditions(listed(query), scratch=False)
        and_where = f" AND {' AND '.join(where)}" if where else ""
        sql = f"SELECT count(*) FROM articles WHERE content_key = ?{and_where}"
        return int(self.db.execute(sql, [key, *params]).fetchone()[0])

    def holds(self, query: ViewQuery, path: str) -> bool:
        """True when the index holds ``path`` below ``query``'s roots (and it is not removed)."""
        if path in query.removed:
            return False
        where, params = conditions(listed(query), scratch=False)
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
