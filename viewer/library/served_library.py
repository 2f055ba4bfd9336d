"""When the list is served from the index rather than held in memory, and what that asks of
the session: a big library the index knows is shown at once, a page at a time."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QObject

from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.index_opening import SCHEMA_VERSION
from viewer.core.index_view import known_below
from viewer.core.parser import NOT_TEXT, parse_file
from viewer.library.shown_articles import ShownArticles

log = logging.getLogger("viewer")

# A library the index knows this many articles of, opened into an empty list, is served from
# the index: holding its records in memory costs the window 1.9 GB at a million articles, and
# a reopen 40 s of reading them back before the list is whole.
BIG_LIBRARY = 20000


class ServedLibrary(QObject):
    """Decides when the index serves the list, and serves it."""

    def __init__(self, shown: ShownArticles, index_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.shown = shown
        self._index_path = index_path
        self.big_library = BIG_LIBRARY

    def serving(self) -> bool:
        """True while the index serves the list."""
        return self.shown.served_from_index()

    def wants(self, roots: Sequence[str], *, list_empty: bool) -> bool:
        """True when ``roots`` are to be served from the index: the list is served so already,
        or it is empty and the index knows a big library below them."""
        if self.serving():
            return True
        if not list_empty or not all(os.path.isdir(root) for root in roots):
            return False
        return self._known_below(roots) >= self.big_library

    def serve(self, roots: Sequence[str], encodings: Mapping[str, str]) -> None:
        """Show ``roots`` served from the index; files named on their own are listed into it
        first (folders are brought in line with the disk behind the list)."""
        files = [root for root in roots if not os.path.isdir(root)]
        if files:
            records = [parse_file(p, header_only=True, encodings=encodings) for p in files]
            try:
                index = LibraryIndex(self._index_path)
                try:
                    index.store(r for r in records if r.error != NOT_TEXT)
                finally:
                    index.close()
            except LibraryIndexError as exc:
                log.warning("cannot list files into the library index: %s", exc)
        self.shown.serve_from_index(str(self._index_path), roots)

    def text_paths(self) -> list[str]:
        """Files listed whose text is not in the index yet."""
        indexed = self.shown.indexed
        return [] if indexed is None else indexed.paths_without_text()

    def _known_below(self, roots: Sequence[str]) -> int:
        path = self._index_path
        if not path.exists():
            return 0
        try:
            uri = "file:" + quote(os.fsencode(path)) + "?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0.1)) as db:
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    return 0
                return known_below(db, roots, self.big_library)
        except sqlite3.Error as exc:
            log.warning("cannot look into the library index: %s", exc)
            return 0
