"""The library behind the window: opening, background listing, text indexing, search, live folders.

It owns no widget. The window asks it to open paths and to search, and listens to its signals to
show progress and messages; rows go straight into the ``ArticleTableModel``.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from viewer.core.article import Article
from viewer.core.article_files import display_path, is_listable_name, is_skipped_folder, needs_sniff
from viewer.core.date_format import sort_key
from viewer.core.index import (
    INDEX_FILE_NAME,
    LibraryIndex,
    LibraryIndexError,
    Stamp,
    article_stamp,
    stamp_of,
)
from viewer.core.index_location import IndexLocation, file_identity
from viewer.core.parser import NOT_TEXT, parse_file
from viewer.core.search_query import SearchQuery, parse_query
from viewer.library.article_model import ArticleTableModel
from viewer.library.loader import LibraryLoader, LoadOutcome, scan
from viewer.library.text_indexer import TextIndexer
from viewer.library.watcher import FolderWatcher

log = logging.getLogger("viewer")

SYNC_LIMIT = 300  # this many files or fewer are listed before open() returns
INDEX_FILE = INDEX_FILE_NAME
RESEARCH_MS = 2000  # while texts are being indexed, a search is run again this often


def default_index_path() -> Path:
    """The index database in the user's cache folder."""
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(cache) / INDEX_FILE


class LibrarySession(QObject):
    """Everything the window's list needs that is not a widget."""

    loadingStarted = Signal()
    loadingProgress = Signal(int, int)  # listed, found
    loadingFinished = Signal(object)  # LoadOutcome, once no listing is under way
    textProgress = Signal(int, int)  # texts indexed, texts to index
    searchResultsChanged = Signal()  # the index grew under an active search
    articlesChanged = Signal(object)  # paths whose files changed on disk
    articlesVanished = Signal(object)  # paths whose files are gone
    message = Signal(str)

    def __init__(
        self, model: ArticleTableModel, index_path: Path | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        # One file that the listing, the text indexer and search all use (see IndexLocation).
        self._location = IndexLocation(index_path)
        self.index_path: Path = self._location.path
        self._search_file: tuple[int, int] | None = None
        self._loaders: list[LibraryLoader] = []  # listing
        self._running: list[LibraryLoader] = []  # listing, or tidying the index after
        self._outcome = LoadOutcome()
        # What this open's listings have found, and how many rows of theirs the list holds:
        # the progress the status bar shows counts rows the reader can see, not rows in hand.
        self._found: dict[LibraryLoader, int] = {}
        self._listed = 0
        self._indexer: TextIndexer | None = None
        self._index_again = False
        self._search_index: LibraryIndex | None = None
        # Folder → listed paths in it, for rescans; made at the first rescan, then kept up.
        self._by_folder: dict[str, set[str]] | None = None
        self._unreadable: set[str] = set()  # folders a rescan could not read, said once
        self.watcher = FolderWatcher(self)
        self.watcher.folderChanged.connect(self.rescan_folder)
        self.watcher.fileChanged.connect(self._file_changed)
        self.watcher.stampsChanged.connect(self._stamps_changed)
        self.watcher.stamp_source = self._listed_stamps
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._rows_about_to_be_removed)
        # Rows counted as they change, so a search knows when its document → row map is stale.
        self._rows_generation = 0
        self._doc_rows: list[int] = []
        self._doc_rows_key: tuple[object, ...] | None = None
        self._prepared: tuple[tuple[object, ...], list[int]] | None = None
        self._preparing: threading.Thread | None = None
        self._last_indexed = 0
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._rows_changed)
        # Clear while the window paints: background threads wait then (see the window's views).
        self.quiet = threading.Event()
        self.quiet.set()
        self._index_soon = QTimer(self)
        self._index_soon.setSingleShot(True)
        self._index_soon.setInterval(0)
        self._index_soon.timeout.connect(self.schedule_text_index)
        self._closed = False
        self._research = QTimer(self)
        self._research.setInterval(RESEARCH_MS)
        self._research.timeout.connect(self.searchResultsChanged)
        note = self._location.note
        if note:  # on the first turn of the event loop, once the window listens
            QTimer.singleShot(0, lambda: self.message.emit(note))
        self.encodings: Mapping[str, str] = {}  # the reader's choices: content key → codec
        # Files to store again once the indexer that was running is done: it may have saved
        # their record and text as they were before the reader chose an encoding.
        self._stale_rows: set[str] = set()

    # --- opening ---------------------------------------------------------------------------

    def open(self, roots: Sequence[str]) -> bool:
        """List ``roots``; True when done already, False when a background listing was started."""
        folders: list[str] = []
        small = _small_listing(roots, folders)
        if small is not None:
            new = [
                article
                for path, sniff in small
                if self.model.row_of(path) is None
                and (article := self._header_of(path, sniff=sniff)).error != NOT_TEXT
            ]
            self.model.add_articles(new)
            self.watcher.watch_folders(folders)
            self.schedule_text_index()
            if not self._loaders:
                self.loadingFinished.emit(LoadOutcome(listed=len(new), found=len(small)))
            return True
        skip = frozenset(a.path for a in self.model.articles())
        loader = LibraryLoader(
            roots, self.index_path, skip, self, quiet=self.quiet, encodings=self.encodings
        )
        loader.batchReady.connect(lambda batch, source=loader: self._take_batch(source, batch))
        loader.progress.connect(lambda _n, found, source=loader: self._found_more(source, found))
        loader.outcome.connect(lambda outcome, done=loader: self._loader_done(done, outcome))
        # The loader tidies the index after its outcome; it is deleted once it has finished.
        loader.finished.connect(lambda done=loader: self._loader_finished(done))
        self._running.append(loader)
        if not self._loaders:
            self._outcome = LoadOutcome()
            self._found, self._listed = {}, 0
            self.loadingStarted.emit()
        self._loaders.append(loader)
        loader.start()
        return False

    def _found_more(self, loader: LibraryLoader, found: int) -> None:
        self._found[loader] = found
        self._report_progress()

    def _report_progress(self) -> None:
        if self._loaders:
            found = sum(self._found.values())  # 0 until the first walk is done
            self.loadingProgress.emit(self._listed, max(self._listed, found) if found else 0)

    def _take_batch(self, loader: LibraryLoader, batch: list[Article]) -> None:
        try:
            before = self.model.rowCount()
            self.model.add_articles(batch)
            self._listed += self.model.rowCount() - before
            self._report_progress()
            # The records live as long as the list. Moving them out of the collector's sight
            # keeps its full passes, which grow with every object alive, from stalling the
            # window for 100 ms at a time; they hold no reference cycles, so nothing leaks.
            gc.freeze()
        finally:
            loader.batch_taken()

    def is_loading(self) -> bool:
        """True while a background listing runs."""
        return bool(self._loaders)

    def cancel_loading(self) -> None:
        """Stop background listings; what is listed stays."""
        for loader in self._loaders:
            loader.cancel()

    def _loader_finished(self, loader: LibraryLoader) -> None:
        loader.wait()  # returns at once: the thread has finished
        if loader in self._running:
            self._running.remove(loader)
        loader.deleteLater()

    def _loader_done(self, loader: LibraryLoader, outcome: LoadOutcome) -> None:
        if loader in self._loaders:
            self._loaders.remove(loader)
        total = self._outcome
        total.listed += outcome.listed
        total.found += outcome.found
        total.parsed += outcome.parsed
        total.cancelled = total.cancelled or outcome.cancelled
        total.seconds = max(total.seconds, outcome.seconds)
        total.warning = outcome.warning or total.warning
        self.watcher.watch_folders(outcome.folders)
        if not self._loaders:
            self.loadingFinished.emit(total)  # its warning, if any, is for the window to show
            # On a later turn of the event loop: the window sorts the new rows in first, and
            # together they would hold it up for longer than a frame or three.
            self._index_soon.start()

    # --- text index ------------------------------------------------------------------------

    def schedule_text_index(self) -> None:
        """Index the text of every listed article not indexed yet, in the background."""
        if self._closed:
            return
        if self._indexer is not None and self._indexer.isRunning():
            self._index_again = True
            self._indexer.cancel()
            return
        self._store_stale_rows()
        paths = [a.path for a in self.model.articles() if a.ok]
        if not paths:
            return
        indexer = TextIndexer(
            paths, self.index_path, self, quiet=self.quiet, encodings=self.encodings
        )
        indexer.progress.connect(self.textProgress)
        indexer.warning.connect(self.message)
        indexer.finished.connect(lambda i=indexer: self._indexer_done(i))
        self._indexer = indexer
        self._research.start()
        indexer.start()

    def _indexer_done(self, indexer: TextIndexer) -> None:
        indexer.wait()
        self._last_indexed = indexer.total
        indexer.deleteLater()
        if indexer is self._indexer:
            self._indexer = None
        self._research.stop()
        self.searchResultsChanged.emit()
        if self._index_again:
            self._index_again = False
            self.schedule_text_index()
        else:
            self._prepare_search()

    def _prepare_search(self) -> None:
        """Make the document → row map in the background, so the first search is as quick as
        the next (making it takes 0.1 s at 100,000 articles)."""
        if self.index_path is None or (self._preparing is not None and self._preparing.is_alive()):
            return
        generation, index_path, row_of = self._rows_generation, self.index_path, self.model.row_of

        def prepare() -> None:
            try:
                index = LibraryIndex(index_path)
                try:
                    key = (index.documents_version(), generation)
                    self._prepared = (key, _rows_of_documents(index.document_paths(), row_of))
                finally:
                    index.close()
            except Exception as exc:  # the first search makes it instead
                log.warning("could not prepare search: %s", exc)

        self._preparing = threading.Thread(target=prepare, name="prepare-search", daemon=True)
        self._preparing.start()

    def text_index_idle(self) -> bool:
        """True when no text indexing runs or is about to start: search sees every text."""
        return not self._index_soon.isActive() and self.indexing_text() is None

    def indexing_text(self) -> tuple[int, int] | None:
        """(indexed, to index) while text indexing runs, else None."""
        if self._indexer is not None and self._indexer.isRunning():
            return self._indexer.done, self._indexer.total
        if self._preparing is not None and self._preparing.is_alive():
            return self._last_indexed, self._last_indexed  # the last step: the search map
        return None

    # --- search ----------------------------------------------------------------------------

    def search(self, text: str) -> tuple[SearchQuery, list[int] | None]:
        """The query and the model rows it finds (None: no query, show everything).

        Raises ``SearchQueryError`` for a malformed query, with a message for the person.
        """
        query = parse_query(text)
        if query.empty:
            return query, None
        if query.match is None:
            # Header filters alone: answered from the listing, which holds every article.
            return query, rows_passing(self.model.articles(), query)
        index = self._open_search_index()
        try:
            documents = index.search_documents(query.match, query.filters)
            rows = self._document_rows(index)
        except LibraryIndexError as exc:
            self.message.emit(f"Search failed: {exc}")
            return query, []
        size = len(rows)
        return query, [row for doc in documents if doc < size and (row := rows[doc]) >= 0]

    def _document_rows(self, index: LibraryIndex) -> list[int]:
        """Document number → model row (-1: none), made again when either side changed."""
        key = (index.documents_version(), self._rows_generation)
        if key != self._doc_rows_key:
            if self._preparing is not None:
                self._preparing.join()  # nearly done, most likely: quicker than starting over
            prepared = self._prepared
            if prepared is not None and prepared[0] == key:
                self._doc_rows = prepared[1]
            else:
                self._doc_rows = _rows_of_documents(index.document_paths(), self.model.row_of)
            self._doc_rows_key = key
        return self._doc_rows

    def _open_search_index(self) -> LibraryIndex:
        # A file deleted or replaced under the viewer: this connection would go on with the
        # old one while the listing and the indexer write to the new.
        if self._search_index is not None and file_identity(self.index_path) != self._search_file:
            self._search_index.close()
            self._search_index = None
        if self._search_index is None:
            self._search_index = LibraryIndex(self.index_path)
            self._search_file = file_identity(self.index_path)
        return self._search_index

    # --- encodings -------------------------------------------------------------------------

    def set_encodings(self, encodings: Mapping[str, str]) -> None:
        """The reader's encoding choices (content key → codec), for every file read from now."""
        self.encodings = encodings

    def reread(self, paths: Sequence[str]) -> None:
        """Read listed files again, as their encoding was chosen: their rows, their records in
        the index and their text for search."""
        for path in paths:
            if self.model.row_of(path) is not None:
                self.model.update_article(
                    parse_file(path, header_only=True, encodings=self.encodings)
                )
        # Stored at once, so the index holds the choice even if the viewer quits now.
        self._store_rows(paths)
        if self._indexer is not None and self._indexer.isRunning():
            self._stale_rows.update(paths)
        self.schedule_text_index()

    def _store_stale_rows(self) -> None:
        stale, self._stale_rows = self._stale_rows, set()
        self._store_rows(stale)

    def _store_rows(self, paths: Iterable[str]) -> None:
        """Store the listed records of ``paths`` in the index: one in another encoding than
        its row loses its text there, which is then indexed again."""
        listed = [p for p in paths if self.model.row_of(p) is not None]
        if not listed:
            return
        try:
            self._open_search_index().store(self._article(p) for p in listed)
        except LibraryIndexError as exc:
            log.warning("could not store %d articles read again: %s", len(listed), exc)

    # --- live folders ----------------------------------------------------------------------

    def rescan_folder(self, folder: str) -> None:
        """Bring the list in line with one folder: new, changed and removed files."""
        listed = self._listed_by_folder().get(folder, set())
        on_disk: dict[str, Stamp] = {}
        subfolders: list[str] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        if not is_skipped_folder(entry.name):
                            subfolders.append(entry.path)
                    elif entry.path in listed or is_listable_name(entry.name):
                        on_disk[entry.path] = stamp_of(entry.stat())
        except FileNotFoundError:
            self.watcher.forget_folders([folder])
        except OSError as exc:
            # Polled every second while it cannot be read: said once, not every second.
            if folder not in self._unreadable:
                self._unreadable.add(folder)
                log.warning("cannot read the folder %s: %s", display_path(folder), exc)
            return
        # Readable (again): a row saying why it could not be read goes.
        self._unreadable.discard(folder)
        if self.model.row_of(folder) is not None:
            self.model.remove_paths([folder])
        new_folders = [f for f in subfolders if f not in self.watcher.watched_folders()]
        if new_folders:
            self.open(new_folders)  # a folder moved or copied in
        added = [p for p in on_disk if self.model.row_of(p) is None]
        changed = [
            p for p in listed if p in on_disk and article_stamp(self._article(p)) != on_disk[p]
        ]
        gone = [p for p in listed if p not in on_disk]
        self._apply(added, changed, gone)

    def _stamps_changed(self, changed: list[str], vanished: list[str]) -> None:
        self._apply([], [p for p in changed if self.model.row_of(p) is not None], vanished)

    def _file_changed(self, path: str) -> None:
        if self.model.row_of(path) is None:
            return
        if os.path.exists(path):
            self._apply([], [path], [])
        else:
            self._apply([], [], [path])

    def _apply(self, added: list[str], changed: list[str], gone: list[str]) -> None:
        if added:
            records = (self._found_in_folder(p) for p in added)
            self.model.add_articles(a for a in records if a.error != NOT_TEXT)
        for path in changed:
            article = self._found_in_folder(path)
            if article.error == NOT_TEXT:
                gone.append(path)  # no longer text: it leaves the list as a removed file does
            else:
                self.model.update_article(article)
        gone = [p for p in gone if self.model.row_of(p) is not None]
        # Into the index at once, as a listing would: a reopen then reads none of them again.
        self._store_rows([*added, *changed])
        if changed:
            self.articlesChanged.emit(changed)
        if gone:
            self.articlesVanished.emit(gone)
        if added or changed:
            self.schedule_text_index()

    def _header_of(self, path: str, *, sniff: bool) -> Article:
        """The listing record of a file, in the encoding the reader chose for it, if any."""
        return parse_file(path, header_only=True, sniff=sniff, encodings=self.encodings)

    def _found_in_folder(self, path: str) -> Article:
        """The listing record of a file found in a folder (maybe ``NOT_TEXT``: not to list)."""
        return self._header_of(path, sniff=needs_sniff(os.path.basename(path)))

    def _article(self, path: str) -> Article:
        row = self.model.row_of(path)
        assert row is not None
        return self.model.article(row)

    def _listed_stamps(self, start: int, count: int) -> tuple[list[tuple[str, Stamp]], int]:
        """(path, stamp) of up to ``count`` listed files from row ``start`` (wrapping round),
        and the row to start from next time."""
        total = self.model.rowCount()
        start = start % total if total else 0
        window = self.model.articles_in(start, start + count - 1)
        return [(a.path, article_stamp(a)) for a in window if a.mtime_ns], start + len(window)

    def _listed_by_folder(self) -> dict[str, set[str]]:
        if self._by_folder is None:
            self._by_folder = {}
            for article in self.model.articles():
                self._by_folder.setdefault(os.path.dirname(article.path), set()).add(article.path)
        return self._by_folder

    def _rows_changed(self, *_args: object) -> None:
        self._rows_generation += 1

    def _rows_inserted(self, _parent: object, first: int, last: int) -> None:
        if self._by_folder is None:
            return  # made when first needed
        for row in range(first, last + 1):
            path = self.model.article(row).path
            self._by_folder.setdefault(os.path.dirname(path), set()).add(path)

    def _rows_about_to_be_removed(self, _parent: object, first: int, last: int) -> None:
        if self._by_folder is None:
            return
        for row in range(first, last + 1):
            path = self.model.article(row).path
            self._by_folder.get(os.path.dirname(path), set()).discard(path)

    # --- closing ---------------------------------------------------------------------------

    def shut_down(self) -> None:
        """Stop every thread and timer; called when the window closes."""
        self._closed = True
        self._index_soon.stop()
        gc.unfreeze()  # what this window listed may now be collected
        self.watcher.stop()
        self._research.stop()
        for loader in list(self._running):
            loader.cancel()
            loader.wait()
        if self._indexer is not None:
            self._indexer.cancel()
            self._indexer.wait()
        if self._preparing is not None:
            self._preparing.join()
        if self._search_index is not None:
            self._search_index.close()
            self._search_index = None
        self._location.remove()


def _small_listing(roots: Sequence[str], folders: list[str]) -> list[tuple[str, bool]] | None:
    """Every file to list when there are at most ``SYNC_LIMIT``, else None; each with whether
    it must sniff as text (found in a folder, without an extension)."""
    found: list[tuple[str, bool]] = []
    for folder, files in scan(roots, folders):
        found.extend((p, folder is not None and needs_sniff(os.path.basename(p))) for p in files)
        if len(found) > SYNC_LIMIT:
            return None
    return found


def _rows_of_documents(paths: dict[int, str], row_of: Callable[[str], int | None]) -> list[int]:
    """Document number → model row, -1 for documents not listed."""
    rows = [-1] * (max(paths, default=0) + 1)
    for doc, path in paths.items():
        row = row_of(path)
        if row is not None:
            rows[doc] = row
    return rows


def rows_passing(articles: Sequence[Article], query: SearchQuery) -> list[int]:
    """Rows of the articles that pass the query's section and date filters."""
    filters = query.filters
    rows: Iterable[int] = range(len(articles))
    if filters.section:
        section = filters.section.casefold()
        rows = [r for r in rows if (articles[r].section or "").casefold() == section]
    low = sort_key(filters.after) if filters.after is not None else None
    high = sort_key(filters.before) if filters.before is not None else None
    if low is None and high is None:
        return list(rows)
    passing = []
    for row in rows:
        key = sort_key(articles[row].published)
        if key is not None and (low is None or key >= low) and (high is None or key < high):
            passing.append(row)
    return passing
