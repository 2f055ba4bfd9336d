"""Reading a big article in full off the window's thread, one at a time (QtCore)."""

from __future__ import annotations

import gc
from collections.abc import Mapping

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.article import Article
from viewer.core.article_cache import read_article
from viewer.core.article_parts import long_parts

# Files this big or bigger are read in a thread: reading and parsing a 30 MB file takes the
# better part of a second, which the window must not stand still for.
LARGE_FILE = 1024 * 1024


class ArticleReader(QObject):
    """Reads the latest article asked for in a thread; a request made meanwhile supersedes
    the one waiting (a file half read cannot be stopped, but its result is then dropped)."""

    read = Signal(int, object, object)  # ticket, (size, mtime) or None, Article

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _ReadThread | None = None
        self._next: tuple[int, str, dict[str, str], Article | None] | None = None

    def ask(
        self, ticket: int, path: str, encodings: Mapping[str, str], listed: Article | None
    ) -> None:
        """Read ``path`` (``listed``: the list's record of it, see ``read_article``); ``read``
        brings it back with ``ticket``."""
        self._next = (ticket, path, dict(encodings), listed)
        if self._thread is None:
            self._start()

    def stop(self) -> None:
        """Wait for the file being read; forget the one waiting."""
        self._next = None
        if self._thread is not None:
            self._thread.wait()

    def _start(self) -> None:
        assert self._next is not None
        ticket, path, encodings, listed = self._next
        self._next = None
        thread = _ReadThread(ticket, path, encodings, listed, self)
        thread.done.connect(self._done)
        self._thread = thread
        thread.start()

    def _done(self, ticket: int, stamp: object, article: object) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        self.read.emit(ticket, stamp, article)
        if self._next is not None and self._thread is None:
            self._start()


class _ReadThread(QThread):
    done = Signal(int, object, object)

    def __init__(
        self,
        ticket: int,
        path: str,
        encodings: dict[str, str],
        listed: Article | None,
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._ticket = ticket
        self._path = path
        self._encodings = encodings
        self._listed = listed

    def run(self) -> None:
        """Read the file; the parser never raises."""
        # A big body is a million strings or so: the collector's full passes over them, with
        # the interpreter lock held, would stall the window for 100 ms at a time. They hold no
        # reference cycles; collection resumes once they are made.
        collecting = gc.isenabled()
        gc.disable()
        try:
            stamp, article = read_article(self._path, self._encodings, self._listed)
            if article.ok:
                long_parts(article)  # planned here, found planned by the pane
        finally:
            if collecting:
                gc.enable()
        self.done.emit(self._ticket, stamp, article)
