"""The persistent library index: listing metadata and full-text search in SQLite (no Qt).

One database in the user's cache folder keeps, for each article file, its header record keyed
by path, size and modification time, so a folder opened again is listed without reading its
files; and an FTS5 index of title, section, fields and body for search.

The FTS5 table is contentless: it keeps the index but not the text, which the files already
hold. A contentless table can only drop a document given its old text, which is gone once the
file changed, so a changed or removed file just loses its link to its document; the orphans are
never returned, and the table is rebuilt when they grow too many.

Paths go in and out through ``index_paths``, which takes names that are not valid UTF-8 too.
``index_opening`` opens the database (with its schema), and ``index_reader`` holds the queries
that read stored rows, shared with the listing workers.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from viewer.core.article import Article
from viewer.core.index_opening import BUSY_TIMEOUT, open_index
from viewer.core.index_paths import PARAM, PATH, execute_many, fetch
from viewer.core.index_reader import (
    FolderScan,
    folder_bounds,
    prefix_range,
    rows_between,
    rows_for,
    scan_folder,
    select_paths,
)
from viewer.core.index_rows import COLUMNS, Row, article_from_row, row_from_article
from viewer.core.query_fields import FIELD_FUNCTION, field_holds
from viewer.core.query_fold import fold_text
from viewer.core.query_labels import LabelTable

INDEX_FILE_NAME = "library.sqlite3"
_ORPHAN_SHARE = 0.25  # rebuild the text index when this share of its documents is dead
_ORPHAN_MINIMUM = 2000
_BUSY_TIMEOUT = BUSY_TIMEOUT  # looked up at each opening (a test shortens it)
CHECKPOINT_PAGES = 1000  # SQLite's own: a commit leaving the log this many pages long checkpoints
# A connection that stores this many new rows at once is filling the index (a cold listing):
# from then on it keeps more pages in memory and lets the log grow longer before copying it
# into the database. Each row goes into six indexes at places all over them, so that a batch
# of 500 touches a page of each per row: with SQLite's 2 MB of cache those pages were read
# again for every batch, and each batch's log was copied out at once. Measured at 100,000
# files in batches of 500, storing a row took 142 µs of CPU time, and 88 µs so.
BULK_ROWS = 200
BULK_CACHE_KB = 32768
BULK_CHECKPOINT_PAGES = 10000
_T = TypeVar("_T")


class LibraryIndexError(Exception):
    """The index could not be used; the viewer carries on without it."""


class Stamp(NamedTuple):
    """What tells whether a file changed since it was indexed.

    A named tuple: listing makes one per file, 100,000 at a time.
    """

    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """The non-text parts of a search: an SQL condition on the articles row (as ``a``; "":
    none) with its parameters, as ``search_query`` makes it from dates and header fields."""

    where: str = ""
    params: tuple[object, ...] = ()


class LibraryIndex:
    """One connection to the index database; use it from one thread only."""

    def __init__(self, path: Path | None, *, checkpoint_pages: int = CHECKPOINT_PAGES) -> None:
        """Open (or create) the index at ``path``; ``None`` keeps it in memory only.

        A corrupt, outdated or unwritable database is replaced or bypassed; ``warning`` then
        says what happened, for the status bar. A commit of this connection that leaves the
        write-ahead log ``checkpoint_pages`` long or longer copies it into the database (a
        checkpoint, which syncs both files); 0: never, the others and the last to close do.
        """
        self._doc_paths: dict[int, str] = {}
        self._paths_version: tuple[int, ...] | None = None
        opened = open_index(path, _BUSY_TIMEOUT)
        self._db = opened.db
        self.path = opened.path  # None once the file is bypassed
        self.warning = opened.warning
        self._checkpoint_pages = checkpoint_pages
        # What a search of a header field calls (see query_fields).
        self._db.create_function(FIELD_FUNCTION, 4, field_holds, deterministic=True)
        self._labels = LabelTable(self._db)  # what label: asks (see query_labels)
        if checkpoint_pages != CHECKPOINT_PAGES:
            self._db.execute(f"PRAGMA wal_autocheckpoint={int(checkpoint_pages)}").fetchone()
        self._filling = False  # storing new rows in bulk: see BULK_ROWS

    def close(self) -> None:
        """Close the connection; one that lets the log grow longer than the others do copies
        what it holds into the database first, so that no other connection's commit does."""
        if self._checkpoint_pages > CHECKPOINT_PAGES:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        self._db.close()

    @property
    def persistent(self) -> bool:
        """True when the index lives on disk, False when it was bypassed."""
        return self.path is not None

    # --- listing metadata ------------------------------------------------------------------

    def load(self, paths: Sequence[str]) -> list[Article]:
        """The stored records of ``paths`` (those that are indexed), in no particular order."""
        return [article_from_row(row) for row in self.rows_for(paths)]

    def rows_between(self, folder: str, after: str, until: str, *, through: bool) -> list[Row]:
        """Stored rows of files directly in ``folder`` with ``after < path < until``, in path
        order (``through``: up to and including ``until``); see ``article_from_row``."""
        return self._guarded(rows_between, self._db, folder, after, until, through)

    def rows_for(self, paths: Sequence[str]) -> list[Row]:
        """Stored rows of ``paths``, those that are indexed, in no particular order."""
        return self._guarded(rows_for, self._db, paths)

    def stamps_in(
        self, folder: str, expected: set[Row] | frozenset[Row] = frozenset()
    ) -> FolderScan:
        """(path, size, mtime_ns) of each file directly in ``folder``, run by run in path
        order, and the subfolders the index knows files in; see ``scan_folder`` for
        ``expected``."""
        low, high = folder_bounds(folder)
        scan = partial(scan_folder, expected=expected)
        return self._guarded(scan, self._db, folder, low, high, False, _STAMP)

    def paths_under(self, folder: str) -> list[str]:
        """The paths of every file below the folder ``folder`` that the index knows."""
        low, high = prefix_range(folder)
        query = f"SELECT {PATH} FROM articles WHERE path > {PARAM} AND path < {PARAM}"
        return [path for (path,) in self._run(query, (low, high))]

    def text_states_under(self, folder: str) -> list[tuple[str, str | None, bool]]:
        """(path, error, whether its text is indexed) of every file below the folder
        ``folder`` that the index knows: what a search from the command line must know of
        each, in one look."""
        low, high = prefix_range(folder)
        query = (
            f"SELECT {PATH}, error, doc_id IS NOT NULL FROM articles "
            f"WHERE path > {PARAM} AND path < {PARAM}"
        )
        return [(path, error, bool(done)) for path, error, done in self._run(query, (low, high))]

    def forget_folders_except(self, root: str, folders: Iterable[str]) -> None:
        """Forget files below ``root`` whose folder is not one of ``folders`` (it vanished)."""
        low, high = prefix_range(root)
        kept = [(folder.rstrip(os.sep) + os.sep,) for folder in folders]
        try:
            self._db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS kept_folders (folder TEXT PRIMARY KEY)"
            )
            self._db.execute("DELETE FROM kept_folders")
            execute_many(self._db, f"INSERT OR IGNORE INTO kept_folders VALUES ({PARAM})", kept)
            # rtrim(path, <every character but the separator>) leaves the folder, with its
            # separator: the folder of each file, worked out inside SQLite.
            gone = fetch(
                self._db,
                f"SELECT {PATH} FROM articles WHERE path > {PARAM} AND path < {PARAM} AND "
                "rtrim(path, replace(path, ?, '')) NOT IN (SELECT folder FROM kept_folders)",
                (low, high, os.sep),
            )
        except sqlite3.DatabaseError as exc:
            raise LibraryIndexError(str(exc)) from exc
        self.remove(path for (path,) in gone)

    def store(self, articles: Iterable[Article]) -> None:
        """Save listing records (a changed file's text link is dropped until it is re-read, as
        is that of a file read in another encoding: the reader chose one).

        Records without a modification time (a file that could not be read) are not kept.
        """
        self.store_rows([row_from_article(a) for a in articles if a.mtime_ns])

    def store_rows(self, rows: list[Row], *, new: bool = False) -> None:
        """Save rows made by ``row_from_article``; ``new`` says the index had none of their
        paths, so no text document can lose its link and none need be counted."""
        if new and len(rows) >= BULK_ROWS and not self._filling:
            self._fill()
        self._write(_UPSERT, rows, orphaning=not new)

    def _fill(self) -> None:
        """Set this connection up for storing many new rows (see ``BULK_ROWS``); a connection
        given a checkpoint of its own keeps it, and the log is copied out when it closes."""
        self._filling = True
        with contextlib.suppress(sqlite3.DatabaseError):  # settings: the rows go in regardless
            self._db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}").fetchone()
            if self._checkpoint_pages == CHECKPOINT_PAGES:
                self._checkpoint_pages = BULK_CHECKPOINT_PAGES
                self._db.execute(f"PRAGMA wal_autocheckpoint={BULK_CHECKPOINT_PAGES}").fetchone()

    def remove(self, paths: Iterable[str]) -> None:
        """Forget files that are gone."""
        self._write(
            f"DELETE FROM articles WHERE path = {PARAM}", [(p,) for p in paths], orphaning=True
        )

    # --- full text -------------------------------------------------------------------------

    def needs_text(self, paths: Sequence[str]) -> list[str]:
        """Those of ``paths`` whose text is not indexed: unknown, changed, or never read."""
        rows = self._guarded(select_paths, self._db, PATH, paths, "doc_id IS NOT NULL")
        done = {path for (path,) in rows}
        return [path for path in paths if path not in done]

    def count(self) -> int:
        """How many files the index knows."""
        return int(self._run("SELECT count(*) FROM articles")[0][0])

    def count_under(self, path: str) -> int:
        """How many files below the folder ``path`` the index knows (0 for a file)."""
        low, high = prefix_range(path)
        query = f"SELECT count(*) FROM articles WHERE path > {PARAM} AND path < {PARAM}"
        return int(self._run(query, (low, high))[0][0])

    def index_text(self, articles: Iterable[Article]) -> None:
        """Index the full text of fully parsed articles, in one transaction; the record of
        each is saved too, unless the index holds it as the file is (a listing stored it) and
        knows where its body starts."""
        items = [a for a in articles if a.mtime_ns]
        if not items:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            # The chunk's rows looked up and written in bulk: three statements per article
            # cost as much as indexing its text.
            stored = {
                row[0]: row[1:]
                for row in select_paths(
                    self._db,
                    f"{PATH}, size, mtime_ns, encoding, doc_id, body_at",
                    [a.path for a in items],
                )
            }
            fresh = [a for a in items if stored.get(a.path, _NONE)[:3] != _text_stamp(a)]
            # A record saved anew for a file changed since, or read in another encoding,
            # loses its old text document: it is an orphan now.
            self._orphan(sum(1 for a in fresh if (stored.get(a.path, _NONE)[3] or 0) > 0))
            renewed = {a.path for a in fresh}
            # A listing that could not say where the body starts may have read its header cut
            # short (front matter past the start it reads): the full parse's record is saved
            # over it, keeping its text document.
            unsure = [
                a
                for a in items
                if a.path not in renewed and stored[a.path][4] is None and a.body_line >= 0
            ]
            next_doc = int(
                self._db.execute("SELECT value FROM meta WHERE key='next_doc'").fetchone()[0]
            )
            texts: list[tuple[object, ...]] = []
            links: dict[str, int] = {}  # path → its new document (0: nothing to index)
            for article in items:
                if article.path not in renewed and stored[article.path][3] is not None:
                    continue  # indexed already (by another viewer, say)
                if not article.ok:
                    # Nothing to index, and no need to try again until the file changes.
                    links[article.path] = 0
                    continue
                # Folded as the query's words are: diacritics of every script dropped.
                texts.append(
                    (
                        next_doc,
                        fold_text(article.title),
                        fold_text(article.section or ""),
                        fold_text(" ".join(article.fields.values())),
                        fold_text("\n".join(article.paragraphs)),
                    )
                )
                links[article.path] = next_doc
                next_doc += 1
            # A record saved anew takes its link along, and any other row just its link: each
            # row is written once.
            execute_many(
                self._db,
                _UPSERT_LINKED,
                [
                    (*row_from_article(a), links.pop(a.path, stored.get(a.path, _NONE)[3]))
                    for a in fresh + unsure
                ],
            )
            self._db.executemany(
                "INSERT INTO article_text (rowid, title, section, fields, body) "
                "VALUES (?, ?, ?, ?, ?)",
                texts,
            )
            execute_many(
                self._db,
                f"UPDATE articles SET doc_id = ? WHERE path = {PARAM}",
                [(doc, path) for path, doc in links.items()],
                path_at=1,
            )
            self._db.execute("UPDATE meta SET value = ? WHERE key='next_doc'", (next_doc,))
            self._db.execute("COMMIT")
        except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: text it cannot take
            self._rollback()
            raise LibraryIndexError(str(exc)) from exc
        self._maybe_rebuild_text()

    def search(self, match: str | None, filters: SearchFilters) -> set[str]:
        """Paths of indexed articles that match the FTS5 expression and the filters (None:
        the filters alone, on every article the index knows)."""
        self._labels.sync()
        if not match:
            where, params = _filter_sql(filters)
            sql = f"SELECT {PATH} FROM articles a" + (" WHERE " + where if where else "")
            return {row[0] for row in self._run(sql, params)}
        paths = self.document_paths()
        return {path for doc in self.search_documents(match, filters) if (path := paths.get(doc))}

    def search_documents(self, match: str | None, filters: SearchFilters) -> list[int]:
        """Document numbers of indexed articles that match (None: that pass the filters);
        ``document_paths`` names them.

        Some may be documents whose file changed since; they have no path any more.
        """
        self._labels.sync()
        where, params = _filter_sql(filters)
        if match is None:
            sql = "SELECT group_concat(a.doc_id) FROM articles a WHERE a.doc_id > 0"
            found = self._run(sql + (" AND " + where if where else ""), params)[0][0]
            return list(map(int, found.split(","))) if found else []
        if where:
            sql = (
                "SELECT group_concat(a.doc_id) FROM article_text "
                "JOIN articles a ON a.doc_id = article_text.rowid "
                "WHERE article_text MATCH ? AND " + where
            )
        else:
            # Words alone: no join, which is several times faster when a word is in most
            # articles.
            sql = "SELECT group_concat(rowid) FROM article_text WHERE article_text MATCH ?"
        # One string of numbers: 100,000 hits come back in a quarter of the time rows take.
        found = self._run(sql, [match, *params])[0][0]
        return list(map(int, found.split(","))) if found else []

    def documents_version(self) -> tuple[int, ...]:
        """Changes whenever documents are added or unlinked."""
        return tuple(row[0] for row in self._run("SELECT value FROM meta ORDER BY key"))

    def document_paths(self) -> dict[int, str]:
        """Document number → path of every linked document, reloaded when documents were added
        or unlinked since."""
        version = self.documents_version()
        if version != self._paths_version:
            rows = self._run(f"SELECT doc_id, {PATH} FROM articles WHERE doc_id > 0", column=1)
            self._doc_paths = dict(rows)
            self._paths_version = version
        return self._doc_paths

    # --- housekeeping ----------------------------------------------------------------------

    def _orphan(self, count: int) -> None:
        self._db.execute("UPDATE meta SET value = value + ? WHERE key='orphans'", (count,))

    def _maybe_rebuild_text(self) -> None:
        orphans = int(self._run("SELECT value FROM meta WHERE key='orphans'")[0][0])
        documents = int(self._run("SELECT value FROM meta WHERE key='next_doc'")[0][0]) - 1
        if orphans < max(_ORPHAN_MINIMUM, _ORPHAN_SHARE * documents):
            return
        # Start the text index afresh; every article is indexed again in the background.
        self._db.executescript(
            "BEGIN; DELETE FROM article_text; UPDATE articles SET doc_id = NULL;"
            "UPDATE meta SET value = 0 WHERE key='orphans'; COMMIT;"
        )

    def _guarded(self, query: Callable[..., _T], *args: Any) -> _T:
        try:
            return query(*args)
        except sqlite3.DatabaseError as exc:
            raise LibraryIndexError(str(exc)) from exc

    def _run(
        self, sql: str, params: Sequence[object] = (), *, column: int = 0
    ) -> list[tuple[Any, ...]]:
        """The rows of a query (see ``fetch``: ``column`` is where it selects a path)."""
        try:
            return fetch(self._db, sql, params, column=column)
        except sqlite3.DatabaseError as exc:
            raise LibraryIndexError(str(exc)) from exc

    def _write(self, sql: str, rows: list[tuple[object, ...]], *, orphaning: bool = False) -> None:
        """Run ``sql`` for each row in one transaction; ``orphaning``: the rows' paths (their
        first values) may lose their text documents, which are then counted as orphans."""
        if not rows:
            return
        paths = [row[0] for row in rows] if orphaning else []
        try:
            self._db.execute("BEGIN IMMEDIATE")
            before = self._linked_documents(paths)
            execute_many(self._db, sql, rows)  # every statement here has its path first
            if orphaning:
                self._orphan(before - self._linked_documents(paths))
            self._db.execute("COMMIT")
        except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: text it cannot take
            self._rollback()
            raise LibraryIndexError(str(exc)) from exc

    def _linked_documents(self, paths: list[object]) -> int:
        """How many of ``paths`` have a text document: only these, so that the cost is the
        batch's, not the library's (counting every row made indexing 100,000 texts take 10 s
        longer)."""
        return sum(count for (count,) in select_paths(self._db, "count(*)", paths, "doc_id > 0"))

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.DatabaseError):
            self._db.execute("ROLLBACK")


_RECORD_UPDATE = """size=excluded.size, mtime_ns=excluded.mtime_ns, title=excluded.title,
        section=excluded.section, published=excluded.published,
        published_raw=excluded.published_raw, published_key=excluded.published_key,
        updated=excluded.updated, updated_raw=excluded.updated_raw,
        fields=excluded.fields, encoding=excluded.encoding,
        warnings=excluded.warnings, error=excluded.error,
        content_key=excluded.content_key, derived=excluded.derived, body_at=excluded.body_at,
        title_key=excluded.title_key, section_key=excluded.section_key,
        updated_key=excluded.updated_key, hay=excluded.hay"""
_UPSERT = f"""INSERT INTO articles ({COLUMNS}) VALUES ({PARAM}, {",".join("?" * 20)})
    ON CONFLICT (path) DO UPDATE SET {_RECORD_UPDATE},
        doc_id=CASE WHEN articles.size = excluded.size
                     AND articles.mtime_ns = excluded.mtime_ns
                     AND articles.encoding IS excluded.encoding
                    THEN articles.doc_id ELSE NULL END"""
# A record the text path saves, its text's link after the record's values.
_UPSERT_LINKED = f"""INSERT INTO articles ({COLUMNS}, doc_id)
    VALUES ({PARAM}, {",".join("?" * 21)})
    ON CONFLICT (path) DO UPDATE SET {_RECORD_UPDATE}, doc_id=excluded.doc_id"""


def _filter_sql(filters: SearchFilters) -> tuple[str, list[object]]:
    """The SQL condition on the articles table (as ``a``) for a search's filters."""
    return (f"({filters.where})" if filters.where else ""), list(filters.params)


_new_tuple = tuple.__new__
_STAMP = f"{PATH}, size, mtime_ns"  # what tells whether a file changed, after its path
_NONE: tuple[None, ...] = (None,) * 5  # the stamp, link and body start of a row not stored


def _text_stamp(article: Article) -> tuple[object, ...]:
    """What a stored row must match to hold ``article``'s record as it is: its file's size
    and time, and the encoding it was read in."""
    return (article.size, article.mtime_ns, article.encoding)


def stamp_of(info: os.stat_result) -> Stamp:
    """The stamp of a file from its stat."""
    # Built without NamedTuple's own constructor, which takes three times as long: a listing
    # makes one per file.
    return _new_tuple(Stamp, (info.st_size, info.st_mtime_ns))


def article_stamp(article: Article) -> Stamp:
    """The stamp a record was made from."""
    return _new_tuple(Stamp, (article.size, article.mtime_ns))
