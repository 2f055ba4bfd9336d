"""When the list is served from the index rather than held in memory, and what that asks of
the session: a big library the index knows is shown at once, a page at a time."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.core.article import NOT_TEXT
from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.index_opening import SCHEMA_VERSION
from viewer.core.index_view import known_below
from viewer.library.loader import LoadOutcome
from viewer.library.shown_articles import ShownArticles

if TYPE_CHECKING:  # the reconciling pass, and what it loads, come when a list is served
    from viewer.core.reconcile import Step
    from viewer.library.reconciling import Reconciling
    from viewer.library.watcher import FolderWatcher

log = logging.getLogger("viewer")

# A library the index knows this many articles of, opened into an empty list, is served from
# the index: holding its records in memory costs the window 1.9 GB at a million articles, and
# a reopen 40 s of reading them back before the list is whole.
BIG_LIBRARY = 20000


REFRESH_MS = 1000  # while the disk is checked, the list shows what changed this often, or
# less often when reading the view again takes longer: at a million files that takes seconds,
# and the share of the machine it takes from the check is kept to about a fifth.
REFRESH_SHARE = 4  # the wait after a view was read again: this many times what it took


class ServedLibrary(QObject):
    """Decides when the index serves the list, serves it, and checks the disk behind it."""

    checkProgress = Signal(int, int)  # files checked, files listed
    checkFinished = Signal(object)  # LoadOutcome: its folders, to watch
    watchMore = Signal(object)  # list[str]: folders a quiet look found, to watch
    filesChanged = Signal(object)  # list[str]: files whose rows changed in the index
    filesGone = Signal(object)  # list[str]: files gone from the disk and the index
    changed = Signal()  # the index changed below the roots: texts to index, searches to redo

    def __init__(
        self,
        shown: ShownArticles,
        index_path: Path,
        paint_gate: threading.Event | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.shown = shown
        self._index_path = index_path
        self._paint_gate = paint_gate
        self.big_library = BIG_LIBRARY
        self._checks: list[Reconciling] = []
        self._outcome = LoadOutcome()
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._show_changes)
        self._pending = False  # changes applied that the list does not show yet
        self._building: float | None = None  # when the view was asked to be read again
        self._encodings: Callable[[], Mapping[str, str]] = dict
        self._shut = False
        self._expected = 0  # files a walk found below the roots of this open, if known
        # The disk was checked: the outcome goes out once the list's counts include it.
        self._finishing = False
        shown.countsChanged.connect(self._finish)
        shown.viewReady.connect(self._view_ready)
        shown.trouble.connect(self._trouble)

    def watch_with(
        self, watcher: FolderWatcher, encodings: Callable[[], Mapping[str, str]]
    ) -> None:
        """Watch the folders checked with ``watcher``; a change in one, or in the file on show,
        has it checked again quietly, in the reader's ``encodings`` of the moment."""
        self._encodings = encodings
        self.checkFinished.connect(lambda outcome: watcher.watch_folders(outcome.folders))
        self.watchMore.connect(watcher.watch_folders)
        watcher.folderChanged.connect(self._watched_change)
        watcher.fileChanged.connect(self._watched_change)

    def _watched_change(self, path: str) -> None:
        if self.serving() and not self._shut:
            self.check([path], self._encodings(), quiet=True)

    # --- checking the disk ---------------------------------------------------------------

    def check(
        self, roots: Sequence[str], encodings: Mapping[str, str], *, quiet: bool = False
    ) -> None:
        """Bring the index in line with the disk below ``roots``, in the background; ``quiet``:
        a look at what a watched folder or file says changed, which is not a listing."""
        from viewer.library.reconciling import Reconciling

        if not self._loud():
            self._outcome = LoadOutcome()
            self._expected = 0
        check = Reconciling(self._index_path, roots, encodings, self._paint_gate, self)
        check.quiet = quiet
        check.stepped.connect(lambda step, c=check: self._stepped(c, step))
        check.finished.connect(lambda c=check: self._check_done(c))
        self._checks.append(check)
        check.start()

    def check_again(self, encodings: Mapping[str, str]) -> None:
        """Reload: check every root served again."""
        self.check(self.shown.indexed.query().roots if self.shown.indexed else (), encodings)

    def checking(self) -> bool:
        """True while the disk is being checked (for an open or a Reload)."""
        return bool(self._loud()) or self._finishing

    def _loud(self) -> list[Reconciling]:
        return [check for check in self._checks if not check.quiet]

    def cancel(self) -> None:
        """Stop checking; what was brought in line stays."""
        for check in self._checks:
            check.cancel()

    def shut_down(self) -> None:
        """Stop checking and wait for it."""
        self._shut = True
        self.cancel()
        for check in list(self._checks):
            check.wait()

    def _stepped(self, check: Reconciling, step: Step) -> None:
        if step.changed:
            self.filesChanged.emit(step.changed)
        if step.removed:
            self.filesGone.emit(step.removed)
        if step.added or step.changed or step.removed:
            self._pending = True
            if not self._refresh.isActive() and self._building is None:
                self._refresh.start()
        if check.quiet:
            check.folders.extend(step.folders)
            return
        outcome = self._outcome
        outcome.folders.extend(step.folders)
        outcome.found = max(outcome.found, step.files_checked)
        outcome.parsed += len(step.added) + len(step.changed)
        if step.warning and step.warning not in (outcome.warning or ""):
            # Said once the check is done; a listing's warning this took over from stays.
            outcome.warning = "; ".join(filter(None, (outcome.warning, step.warning)))
        outcome.cancelled = outcome.cancelled or check.cancelled()
        # Of how many: once counted, or found by a walk; until then the status bar says only
        # that it checks.
        listed = max(self.shown.total() if self.shown.counted() else 0, self._expected)
        self.checkProgress.emit(
            step.files_checked, max(step.files_checked, listed) if listed else 0
        )

    def _show_changes(self) -> None:
        if self._building is not None:
            return  # once the view in hand is read (see _view_ready)
        if self._pending and self.shown.indexed is not None:
            self._pending = False
            self._building = time.monotonic()
            self.shown.indexed.refresh()
            self.changed.emit()

    def _view_ready(self) -> None:
        if self._building is None:
            return  # sorted or filtered: the list's own
        took = time.monotonic() - self._building
        self._building = None
        self._refresh.setInterval(max(REFRESH_MS, round(REFRESH_SHARE * 1000 * took)))
        if self._pending:
            if self._checks:
                self._refresh.start()
            else:
                self._show_changes()  # the check is done: its last changes show at once
        self._finish()

    def _trouble(self, _why: str) -> None:
        self._building = None  # no view comes: what is known goes out
        self._finish(counted=True)

    def _check_done(self, check: Reconciling) -> None:
        check.wait()
        if check in self._checks:
            self._checks.remove(check)
        check.deleteLater()
        if not self._checks:
            self._refresh.stop()
            self._show_changes()
        if not check.quiet and not self._loud():
            self._finishing = True
            self._finish()
        elif check.quiet:
            self.watchMore.emit(check.folders)  # folders that a look found

    def _finish(self, *, counted: bool = False) -> None:
        """Say the disk was checked, with how many articles are listed, once they are counted
        (``counted``: the index cannot count them; what is known goes out)."""
        if not self._finishing or self._loud():
            return  # not finishing, or checking again: the last check says it
        shown_all = self.shown.counts_current() and self._building is None and not self._pending
        if not (counted or self._shut or shown_all):
            return  # the list does not show all the check did yet
        self._finishing = False
        self._outcome.listed = self.shown.total()
        self.checkFinished.emit(self._outcome)

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

    def serve(
        self,
        roots: Sequence[str],
        encodings: Mapping[str, str],
        *,
        expected: int = 0,
        warning: str | None = None,
    ) -> None:
        """Show ``roots`` served from the index; files named on their own are listed into it
        first (folders are brought in line with the disk behind the list). ``expected``: how
        many files a walk found below them, for the progress until the list is counted;
        ``warning``: what the listing this takes over from had to say, said with the outcome."""
        files = [root for root in roots if not os.path.isdir(root)]
        if files:
            from viewer.core.parser import parse_file  # here: most starts read no file

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
        self.check(roots, encodings)
        self._expected = expected
        self._outcome.warning = warning

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
