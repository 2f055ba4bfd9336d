"""Opening the library index's database, with its schema: a corrupt, outdated or unwritable one
is replaced, or bypassed for one in memory (no Qt)."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from viewer.core.article import NOT_TEXT

SCHEMA_VERSION = 8  # 3: content keys hash the first kilobyte; 4: NULL for no fields, warnings;
# 5: which values were derived; 6: where the body starts; 7: the list's sort keys and filter text;
# 8: the text index holds text with the diacritics of every script folded (query_fold)
BUSY_TIMEOUT = 2.0  # seconds to wait for another viewer's write before giving up

log = logging.getLogger("viewer")

_SCHEMA = """
CREATE TABLE articles (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    section TEXT,
    published TEXT,
    published_raw TEXT,
    published_key REAL,
    updated TEXT,
    updated_raw TEXT,
    fields TEXT,  -- JSON; NULL for none (it reads back faster than "{}")
    encoding TEXT,
    warnings TEXT,  -- JSON; NULL for none
    error TEXT,
    content_key TEXT,
    derived TEXT,  -- names of derived values, comma-separated; NULL for none
    body_at INTEGER,  -- the body's first line * 4 + the text's warnings; NULL: not known
    doc_id INTEGER,  -- its document in article_text; NULL: not indexed yet; 0: nothing to index
    -- What the list sorts by and filters on, so that it can be served from here (index_view):
    title_key TEXT,  -- the title folded; NULL: no title
    section_key TEXT,  -- the section folded; NULL: none
    updated_key REAL,  -- as published_key
    hay TEXT  -- title, section and file name, folded: what the filter field looks in
) WITHOUT ROWID;
CREATE INDEX articles_doc ON articles (doc_id);
CREATE INDEX articles_key ON articles (content_key);
CREATE INDEX articles_title ON articles (title_key, error);
CREATE INDEX articles_section ON articles (section_key, error);
CREATE INDEX articles_published ON articles (published_key, error);
CREATE INDEX articles_updated ON articles (updated_key, error);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('next_doc', 1), ('orphans', 0);
CREATE VIRTUAL TABLE article_text USING fts5(
    title, section, fields, body,
    content='', tokenize='unicode61 remove_diacritics 2'
);
"""


# Files without an extension that do not read as text keep a row, so that they are not read
# again, but are never listed. The list's indexes hold each row's error beside its sort key, so
# that walking one tells them apart without a look at the row.
LISTED = f"error IS NOT '{NOT_TEXT}'"


@dataclass
class Opened:
    """The outcome of opening the index: a connection, where its file is (None: the index is
    in memory only), and what happened, for the status bar."""

    db: sqlite3.Connection
    path: Path | None
    warning: str | None = None


def open_index(path: Path | None, timeout: float) -> Opened:
    """Open (or create) the index at ``path``, waiting ``timeout`` seconds for another viewer's
    write; ``None`` keeps it in memory only."""
    if path is None:
        return Opened(_create(":memory:", timeout), None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("SELECT count(*) FROM meta").fetchone()  # fails when corrupt
            return Opened(db, path)
        db.close()
        warning = None
        if version != 0:
            warning = "The library index was from another version and was rebuilt."
        _remove_files(path)
        return Opened(_create(str(path), timeout), path, warning)
    except sqlite3.DatabaseError as exc:
        return _recover(path, exc, timeout)
    except OSError as exc:
        return _bypass(f"the cache folder cannot be used ({exc.strerror or exc})", timeout)


def _recover(path: Path, exc: sqlite3.DatabaseError, timeout: float) -> Opened:
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return _bypass("another viewer is writing to it", timeout)
    log.warning("library index unusable (%s); rebuilding it", exc)
    try:
        _remove_files(path)
        db = _create(str(path), timeout)
    except (sqlite3.DatabaseError, OSError) as again:
        return _bypass(f"it could not be rebuilt ({again})", timeout)
    return Opened(db, path, "The library index was damaged and has been rebuilt.")


def _bypass(why: str, timeout: float) -> Opened:
    log.warning("library index bypassed: %s", why)
    warning = f"The library index is not saved: {why}. Folders are read in full."
    return Opened(_create(":memory:", timeout), None, warning)


def _remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(str(path) + suffix)


def _create(target: str, timeout: float) -> sqlite3.Connection:
    db = sqlite3.connect(target, timeout=timeout, isolation_level=None)
    if target != ":memory:":
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(f"BEGIN; {_SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;")
    return db
