"""Live folders: opened folders kept in line with the disk, read off the window's thread."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.article_files import display_path
from viewer.core.index import Stamp, article_stamp
from viewer.core.rescan import Found, Look, look_again
from viewer.library.article_model import ArticleTableModel
from viewer.library.watcher import FolderWatcher

log = logging.getLogger("viewer")


class Rescan(QThread):
    """One look again, in a thread of its own; ``found`` comes back on the window's thread."""

    found = Signal(object)  # Found

    def __init__(
        self,
        look: Look,
        watched: frozenset[str],
        encodings: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._look = look
        self._watched = watched
        self._encodings = dict(encodings)  # the reader may choose again meanwhile
        self.result: Found | None = None

    def run(self) -> None:
        """Look, and say what was found."""
        try:
            result = look_again(self._look, self._watched, self._encodings)
        except Exception as exc:  # a bug must not take the window down: say it, lose nothing
            log.exception("could not look at the folders again")
            result = Found(unreadable={folder: str(exc) for folder in self._look.folders})
        self.result = result
        self.found.emit(result)


class LiveFolders(QObject):
    """Watches opened folders and listed files, and reads what changed in a thread.

    What it finds goes to ``found``, for the session to apply to the list: this class reads,
    the session writes.
    """

    found = Signal(object)  # Found
    refreshed = Signal()  # a Reload's look is done

    def __init__(
        self,
        model: ArticleTableModel,
        encodings: Callable[[], Mapping[str, str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._encodings = encodings
        self.watcher = FolderWatcher(self)
        self.watcher.folderChanged.connect(self.rescan_folder)
        self.watcher.fileChanged.connect(lambda path: self._look_at_files([path]))
        self.watcher.stampsChanged.connect(self._stamps_changed)
        self.watcher.stamp_source = self._listed_stamps
        # Folder → listed paths in it, for rescans; made at the first rescan, then kept up.
        self._by_folder: dict[str, set[str]] | None = None
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._rows_about_to_be_removed)
        model.modelReset.connect(self._forget_folders)
        self._unreadable: set[str] = set()  # folders a rescan could not read, said once
        self._waiting = Look()
        self._job: Rescan | None = None
        self._stopped = False
        # The list is served from the index, which looks at its folders itself.
        self.elsewhere = False
        self._refreshing = False

    def rescan_folder(self, folder: str) -> None:
        """Bring the list in line with one folder: new, changed and removed files."""
        self._ask(Look(folders={folder: self._listed_in(folder)}))

    def refresh(self) -> None:
        """Look again at every opened folder and every file listed outside them (Reload)."""
        watched = self.watcher.watched_folders()
        folders = {folder: self._listed_in(folder) for folder in watched}
        # Files named on their own are read again whatever their stamps, as Reload promises.
        loose = [a.path for a in self._model.articles() if os.path.dirname(a.path) not in watched]
        self._refreshing = True
        self._ask(Look(folders=folders, files=dict.fromkeys(loose)))

    def stop(self) -> None:
        """Stop watching; finish the look under way and the files to read again, so that a
        choice of encoding made just before quitting reaches the index."""
        self.watcher.stop()
        job = self._job
        if job is not None:
            job.wait()  # its result is queued for this thread: taken below, not later
            job.found.disconnect(self._done)
            self._job = None
            job.deleteLater()
        last = job.result if job is not None else None
        self._stopped = True
        if last is not None:
            self.found.emit(last)
        chosen = self._waiting.quiet
        if chosen:  # few files, the copies of one article: read here and now
            look = Look(files=dict.fromkeys(chosen), quiet=set(chosen))
            self.found.emit(look_again(look, frozenset(), self._encodings()))
        self._waiting = Look()

    def _stamps_changed(self, changed: list[str], vanished: list[str]) -> None:
        self._look_at_files([*changed, *vanished])

    def read_again(self, paths: Iterable[str]) -> None:
        """Read listed files again whatever their stamps (their encoding was chosen); the
        change is not announced, as the reader sees it already."""
        listed = [p for p in paths if self._model.row_of(p) is not None]
        self._ask(Look(files=dict.fromkeys(listed), quiet=set(listed)))

    def _look_at_files(self, paths: Iterable[str]) -> None:
        listed = [p for p in paths if self._model.row_of(p) is not None]
        if listed:
            stamps: dict[str, Stamp | None] = dict.fromkeys(listed)
            self._ask(Look(files=stamps))

    def _ask(self, look: Look) -> None:
        if self._stopped or self.elsewhere or not look:
            return
        self._waiting.merge(look)
        if self._job is None:
            self._start()

    def _start(self) -> None:
        look, self._waiting = self._waiting, Look()
        job = Rescan(look, frozenset(self.watcher.watched_folders()), self._encodings(), self)
        job.found.connect(self._done)
        self._job = job
        job.start()

    def _done(self, found: Found) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()  # returns at once: it has emitted its last
            job.deleteLater()
        if self._stopped:
            return
        self.watcher.forget_folders(found.missing_folders)
        for folder, why in found.unreadable.items():
            # Polled every second while it cannot be read: said once, not every second.
            if folder not in self._unreadable:
                self._unreadable.add(folder)
                log.warning("cannot read the folder %s: %s", display_path(folder), why)
        self._unreadable.difference_update(found.readable_folders)
        self.found.emit(found)
        if self._waiting:
            self._start()
        elif self._refreshing:
            self._refreshing = False
            self.refreshed.emit()

    def _listed_in(self, folder: str) -> dict[str, Stamp]:
        model = self._model
        paths = self._listed_by_folder().get(folder, set())
        return {
            p: article_stamp(model.article(r)) for p in paths if (r := model.row_of(p)) is not None
        }

    def _listed_stamps(self, start: int, count: int) -> tuple[list[tuple[str, Stamp]], int]:
        """(path, stamp) of up to ``count`` listed files from row ``start`` (wrapping round),
        and the row to start from next time."""
        total = self._model.rowCount()
        start = start % total if total else 0
        window = self._model.articles_in(start, start + count - 1)
        return [(a.path, article_stamp(a)) for a in window if a.mtime_ns], start + len(window)

    def _listed_by_folder(self) -> dict[str, set[str]]:
        if self._by_folder is None:
            self._by_folder = {}
            for article in self._model.articles():
                self._by_folder.setdefault(os.path.dirname(article.path), set()).add(article.path)
        return self._by_folder

    def _forget_folders(self) -> None:
        self._by_folder = None  # made again when next needed

    def _rows_inserted(self, _parent: object, first: int, last: int) -> None:
        if self._by_folder is None:
            return  # made when first needed
        for row in range(first, last + 1):
            path = self._model.article(row).path
            self._by_folder.setdefault(os.path.dirname(path), set()).add(path)

    def _rows_about_to_be_removed(self, _parent: object, first: int, last: int) -> None:
        if self._by_folder is None:
            return
        for row in range(first, last + 1):
            path = self._model.article(row).path
            self._by_folder.get(os.path.dirname(path), set()).discard(path)
