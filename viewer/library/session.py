"""The library behind the window: opening, background listing, text indexing, and the list.

It owns no widget. The window asks it to open paths and to search, and listens to its signals to
show progress and messages. It is the one writer of the ``ArticleTableModel``: listings, live
folders and the reading side all change the list through it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from viewer.core.article import NOT_TEXT, Article
from viewer.core.index import INDEX_FILE_NAME, LibraryIndexError
from viewer.core.index_location import IndexLocation
from viewer.core.index_reader import IndexReader
from viewer.core.listing import list_known, listing_record
from viewer.library.article_model import ArticleTableModel
from viewer.library.live_folders import LiveFolders
from viewer.library.loader import LibraryLoader, LoadOutcome, small_listing
from viewer.library.search import LibrarySearch
from viewer.library.served_library import ServedLibrary
from viewer.library.shown_articles import ShownArticles
from viewer.library.text_indexing import TextIndexing

if TYPE_CHECKING:  # what start-up need not load: see where each is used
    from viewer.core.rescan import Found
    from viewer.core.search_query import SearchQuery

log = logging.getLogger("viewer")

SYNC_LIMIT = 300  # this many files or fewer are listed before open() returns
INDEX_FILE = INDEX_FILE_NAME


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
        self,
        model: ArticleTableModel,
        index_path: Path | None,
        parent: QObject | None = None,
        *,
        shown: ShownArticles | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        # One file that the listing, the text indexer and search all use (see IndexLocation).
        self._location = IndexLocation(index_path)
        self.index_path: Path = self._location.path
        # A big library the index knows is served from it, not held here (None: never).
        self.served: ServedLibrary | None = None
        self._loaders: list[LibraryLoader] = []  # listing
        self._running: list[LibraryLoader] = []  # listing, or tidying the index after
        self._outcome = LoadOutcome()
        # What this open's listings have found, and how many rows of theirs the list holds:
        # the progress the status bar shows counts rows the reader can see, not rows in hand.
        self._found: dict[LibraryLoader, int] = {}
        self._listed = 0
        # A first open into an empty list, served from the index instead should it turn out big;
        # then the listing that is being stopped to hand it over.
        self._fresh: LibraryLoader | None = None
        self._handing: LibraryLoader | None = None
        self._hand_roots: list[str] = []  # what the served list is to show once handed over
        self._hand_stopped = False  # the reader pressed Stop meanwhile
        self.encodings: Mapping[str, str] = {}  # the reader's choices: content key → codec
        self.searching = LibrarySearch(model, self.index_path, self)
        self.searching.failed.connect(self.message)
        self.paint_gate = threading.Event()  # clear while the window paints: threads wait
        self.paint_gate.set()
        self.texts = TextIndexing(
            self.index_path,
            self.searching,
            self._text_paths,
            lambda: self.encodings,
            self.paint_gate,
            self,
        )
        self.texts.before_start = self._store_stale_rows
        self.texts.progress.connect(self.textProgress)
        self.texts.message.connect(self.message)
        self.texts.grew.connect(self.searchResultsChanged)
        self.live = LiveFolders(model, lambda: self.encodings, self)
        self.live.found.connect(self._take_found)
        self.live.refreshed.connect(
            lambda: self.message.emit(f"Reloaded {self.model.rowCount():,} articles")
        )
        self.watcher = self.live.watcher
        if shown is not None:
            served = ServedLibrary(shown, self.index_path, self.paint_gate, self)
            served.watch_with(self.watcher, lambda: self.encodings)
            served.checkProgress.connect(self.loadingProgress)
            served.checkFinished.connect(self._check_done)
            served.changed.connect(self.searchResultsChanged)  # a search may find more
            served.filesChanged.connect(self.articlesChanged)
            served.filesGone.connect(self.articlesVanished)
            self.served = served
        self._closed = False
        note = self._location.note
        if note:  # on the first turn of the event loop, once the window listens
            QTimer.singleShot(0, lambda: self.message.emit(note))
        # Files to store again once the indexer that was running is done: it may have saved
        # their record and text as they were before the reader chose an encoding.
        self._stale_rows: set[str] = set()

    # --- opening ---------------------------------------------------------------------------

    def open(self, roots: Sequence[str]) -> bool:
        """List ``roots``; True when done already, False when a background listing was started."""
        if self._handing is not None:  # the list is about to be served: these go with it
            self._hand_roots.extend(roots)
            return False
        served = self.served
        if served is not None and served.wants(roots, list_empty=not self.model.rowCount()):
            loading = self.is_loading()
            self.live.elsewhere = True
            served.serve(roots, self.encodings)  # and the disk is checked behind it
            if not loading:
                self.loadingStarted.emit()
            return False
        folders: list[str] = []
        small = small_listing(roots, folders, SYNC_LIMIT)
        if small is not None:
            wanted = [(path, sniff) for path, sniff in small if self.model.row_of(path) is None]
            with contextlib.closing(self._glance()) as index:
                records = list_known(wanted, index, self.encodings)
            new = [article for article in records if article.error != NOT_TEXT]
            self.model.add_articles(new)
            self.watcher.watch_folders(folders)
            self.schedule_text_index()
            if not self._loaders:
                self.loadingFinished.emit(LoadOutcome(listed=len(new), found=len(small)))
            return True
        skip = frozenset(a.path for a in self.model.articles())
        loader = LibraryLoader(
            roots, self.index_path, skip, self, paint_gate=self.paint_gate, encodings=self.encodings
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
            empty = not self.model.rowCount() and all(os.path.isdir(root) for root in roots)
            self._fresh = loader if empty and self.served is not None else None
        self._loaders.append(loader)
        loader.start()
        return False

    def _found_more(self, loader: LibraryLoader, found: int) -> None:
        self._found[loader] = found
        served = self.served
        if (
            loader is self._fresh
            and served is not None
            and found >= served.big_library
            and loader.stores()
        ):
            # Too many to hold here: what this listing stored so far stays in the index, and
            # the rest is listed into it behind the served list (see ``_hand_over``).
            self._fresh, self._handing = None, loader
            self._hand_roots, self._hand_stopped = list(loader.roots), False
            loader.cancel()
            return
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
        """True while a background listing runs (or the disk is checked behind the list)."""
        return bool(self._loaders) or (self.served is not None and self.served.checking())

    def cancel_loading(self) -> None:
        """Stop background listings; what is listed stays."""
        for loader in self._loaders:
            loader.cancel()
        self._hand_stopped = self._handing is not None
        if self.served is not None:
            self.served.cancel()

    def _check_done(self, outcome: LoadOutcome) -> None:
        """The disk was checked behind the served list: texts to index."""
        if not self._loaders:
            self.loadingFinished.emit(outcome)
            self.texts.schedule_soon()

    def _loader_finished(self, loader: LibraryLoader) -> None:
        loader.wait()  # returns at once: the thread has finished
        if loader in self._running:
            self._running.remove(loader)
        loader.deleteLater()

    def _loader_done(self, loader: LibraryLoader, outcome: LoadOutcome) -> None:
        if loader in self._loaders:
            self._loaders.remove(loader)
        if loader is self._fresh:
            self._fresh = None
        if loader is self._handing:
            self._hand_over(loader, outcome.warning)
            return
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
            self.texts.schedule_soon()

    def _hand_over(self, loader: LibraryLoader, warning: str | None) -> None:
        """A first open found too many files to hold in memory: the index serves the list from
        now, and the files not listed yet are listed into it behind the list; the listing's
        ``warning``, if any, is said when that is done, as the listing's own would be."""
        self._handing = None
        served = self.served
        assert served is not None
        self.model.clear()  # the rows stay in the index, which shows them now
        self.live.elsewhere = True
        roots, self._hand_roots = self._hand_roots, []
        served.serve(roots, self.encodings, expected=self._found.get(loader, 0), warning=warning)
        if self._hand_stopped:  # what is listed shows; the rest is left, as Stop asked
            served.cancel()

    # --- text index (see TextIndexing) -------------------------------------------------

    def hold_text_index(self) -> None:
        """Start no text indexing until ``release_text_index``: at start-up the window paints
        first, before the indexer, and the parser it loads, take their share of the machine."""
        self.texts.hold()

    def release_text_index(self) -> None:
        """Start the text indexing asked for since ``hold_text_index``, if any."""
        self.texts.release()

    def schedule_text_index(self) -> None:
        """Index the text of every listed article not indexed yet, in the background."""
        self.texts.schedule()

    def text_index_idle(self) -> bool:
        """True when no text indexing runs or is about to start: search sees every text."""
        return self.texts.idle()

    def indexing_text(self) -> tuple[int, int] | None:
        """(indexed, to index) while text indexing runs, else None; (0, 0) while held back."""
        return self.texts.state()

    def _text_paths(self) -> list[str]:
        if self.served is not None and self.served.serving():
            return self.served.text_paths()
        return [a.path for a in self.model.articles() if a.ok]

    # --- search ----------------------------------------------------------------------------

    def search(self, text: str) -> tuple[SearchQuery, list[int] | None]:
        """The query and the model rows it finds (None: no query, show everything).

        Raises ``SearchQueryError`` for a malformed query, with a message for the person.
        """
        return self.searching.search(text)

    # --- encodings -------------------------------------------------------------------------

    def set_encodings(self, encodings: Mapping[str, str]) -> None:
        """The reader's encoding choices (content key → codec), for every file read from now."""
        self.encodings = encodings

    def reread(self, paths: Sequence[str]) -> None:
        """Read listed files again, as their encoding was chosen: their rows, their records in
        the index and their text for search (in the background, as a live folder's change)."""
        self.live.read_again(paths)

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
            self.searching.index().store(self._article(p) for p in listed)
        except LibraryIndexError as exc:
            log.warning("could not store %d articles read again: %s", len(listed), exc)

    # --- the one writer of the list ------------------------------------------------------

    def take_read_article(self, article: Article, *, always: bool = False) -> None:
        """An article was read in full to be shown: its row follows when the file changed,
        vanished or grew unreadable since it was listed (``always``: whatever changed)."""
        row = self.model.row_of(article.path)
        if row is None:
            return
        listed = self.model.article(row)
        if always or (listed.error, listed.title, listed.warnings) != (
            article.error,
            article.title,
            article.warnings,
        ):
            self.model.update_article(listing_record(article))

    def listed(self, path: str) -> Article | None:
        """The list's record of ``path``, if it is listed."""
        row = self.model.row_of(path)
        return self.model.article(row) if row is not None else None

    def mark_deleted(self, article: Article) -> None:
        """The file of the article on show is gone: its row says so until the reader leaves."""
        self.model.update_article(listing_record(article)._replace(error="file deleted"))

    def remove_paths(self, paths: Iterable[str]) -> None:
        """Take these articles off the list (the files are not touched)."""
        if self.served is not None and self.served.serving():
            self.served.shown.remove(paths)
        else:
            self.model.remove_paths(paths)

    def refresh(self) -> None:
        """Reload: look again at every opened folder and listed file, in the background."""
        if self.served is not None and self.served.serving():
            if not self.is_loading():
                self.loadingStarted.emit()
            self.served.check_again(self.encodings)
        else:
            self.live.refresh()

    def _take_found(self, found: Found) -> None:
        """Apply what a look at the folders found (see ``LiveFolders``); while closing, only
        the rows and the index take it."""
        if self.served is not None and self.served.serving():
            return  # a served list's folders are looked at by reconciling them
        model = self.model
        for folder in found.readable_folders:
            if model.row_of(folder) is not None:
                model.remove_paths([folder])  # readable again: the row saying why it was not
        if found.new_folders and not self._closed:
            self.open(found.new_folders)  # a folder moved or copied in
        # The list may have changed while the thread looked: each record is checked again.
        added = [a for a in found.added if model.row_of(a.path) is None]
        changed = [a for a in found.changed if model.row_of(a.path) is not None]
        model.add_articles(added)
        for article in changed:
            model.update_article(article)
        gone = [p for p in dict.fromkeys(found.gone) if model.row_of(p) is not None]
        # Into the index at once, as a listing would: a reopen then reads none of them again
        # (and the index holds an encoding chosen, even if the viewer quits now).
        stored = [a.path for a in (*added, *changed)]
        self._store_rows(stored)
        if self._closed:
            return
        if self.texts.running():
            self._stale_rows.update(stored)  # the indexer may save them as they were
        told = [a.path for a in changed if a.path not in found.quiet]
        if told:
            self.articlesChanged.emit(told)
        if gone:
            self.articlesVanished.emit(gone)
        if added or changed:
            self.schedule_text_index()

    def _glance(self) -> IndexReader:
        """The index, read-only, for records of a few files: while another viewer writes to
        it, the window waits a moment at most (the files are read instead)."""
        path = str(self.index_path)
        return IndexReader(path if os.path.exists(path) else None, timeout=0.1)

    def _header_of(self, path: str, *, sniff: bool) -> Article:
        """The listing record of a file, in the encoding the reader chose for it, if any."""
        from viewer.core.parser import parse_file  # here: a start from the index reads no file

        return parse_file(path, header_only=True, sniff=sniff, encodings=self.encodings)

    def _article(self, path: str) -> Article:
        row = self.model.row_of(path)
        assert row is not None
        return self.model.article(row)

    # --- closing ---------------------------------------------------------------------------

    def shut_down(self) -> None:
        """Stop every thread and timer; called when the window closes."""
        self._closed = True
        self.texts.shut_down()
        gc.unfreeze()  # what this window listed may now be collected
        self.live.stop()  # it may store rows read again: before the index closes
        for loader in list(self._running):
            loader.cancel()
            loader.wait()
        if self.served is not None:
            self.served.shut_down()
        self.searching.close()
        self._location.remove()
