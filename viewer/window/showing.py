"""Showing the chosen article in the reading pane, and keeping it true to its file."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.core.article import Article
from viewer.core.article_cache import ArticleCache, read_article
from viewer.library.article_reader import LARGE_FILE, ArticleReader
from viewer.library.read_marks import ReadMarks
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.ui.reading_pane import ReadingPane
from viewer.window.hit_stream import HitStream

if TYPE_CHECKING:  # a search's terms come with the first search; the find bar after the paint
    from viewer.core.search_query import Term
    from viewer.ui.find_bar import FindBar


class ArticleShowing(QObject):
    """The article on show: reading it (once), its place, its read mark, its search hits."""

    shown = Signal(object)  # Article: now on show
    endReached = Signal()  # Space at the end of the article: on to the next unread one
    message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        pane: ReadingPane,
        session: LibrarySession,
        marks: ReadMarks,
        shown: ShownArticles,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pane = pane
        self._shown = shown
        self._find_bar: FindBar | None = None  # given with the rest of the window
        self._session = session
        self._marks = marks
        self.cache = ArticleCache()
        self.cache.encodings = marks.encodings  # the reader's choices hold here too
        self._terms: tuple[Term, ...] = ()
        self.hits = HitStream(pane, self)
        self.hits.message.connect(self.message)
        self.restoring: str | None = None  # the article a restart brings back: not marked read
        self._reader = ArticleReader(self)
        self._reader.read.connect(self._read)
        self._ticket = 0  # counts the articles asked for: a late one read is dropped
        self._asked: tuple[str, bool, bool] | None = None  # (path, keep_position, update_row)
        session.articlesChanged.connect(self._articles_changed)
        session.articlesVanished.connect(self._articles_vanished)

    def set_find_bar(self, find_bar: FindBar) -> None:
        """The find bar to keep in step with the article on show (F3 goes through it)."""
        self._find_bar = find_bar
        self.hits.set_find_bar(find_bar)

    def article(self) -> Article | None:
        """The article on show."""
        return self._pane.article()

    def show_chosen(self, article: Article) -> None:
        """The reader chose ``article`` in the list: leave the one on show, show this one."""
        shown = self._pane.article()
        gone = self._pane.shows_deleted()
        moved = shown is not None and shown.path != article.path
        if moved:
            self.leave(shown)
        self.show_path(article.path)
        if gone and moved and shown is not None:
            self._session.remove_paths([shown.path])  # its file went; the reader moved on

    def show_path(
        self, path: str, *, keep_position: bool = False, update_row: bool = False
    ) -> None:
        """Read and show the article at ``path`` (``keep_position``: shown again in place;
        ``update_row``: its row takes what was read, changed or not).

        A big file is read in a thread: meanwhile the pane shows what the list knows of it
        (unless it is on show already, to be shown again in place).
        """
        self._ticket += 1
        self._asked = None
        self._marks.opening(path)
        article = self.cache.held(path)
        if article is None:
            # The list's record gives the header: only the body is parsed, if the file is as
            # it was listed (not when the list is to take what is read, whatever it is).
            listed = None if update_row else self._session.listed(path)
            if _size(path) >= LARGE_FILE:
                self._asked = (path, keep_position, update_row)
                if listed is not None and not keep_position:
                    self._pane.show_article(listed)  # its title and dates; "Opening…" for text
                self._reader.ask(self._ticket, path, self._marks.encodings, listed)
                return
            stamp, article = read_article(path, self._marks.encodings, listed)
            self.cache.keep(stamp, article)
        self._present(article, keep_position, update_row)

    def opening(self) -> bool:
        """True while a big article is being read, to be shown."""
        return self._asked is not None

    def _read(self, ticket: int, stamp: tuple[int, int] | None, article: Article) -> None:
        self.cache.keep(stamp, article)
        if ticket != self._ticket or self._asked is None:
            return  # the reader moved on meanwhile
        _path, keep_position, update_row = self._asked
        self._asked = None
        self._present(article, keep_position, update_row)

    def _present(self, article: Article, keep_position: bool, update_row: bool) -> None:
        path = article.path
        # The list hears of a file that changed, vanished or grew unreadable since it was
        # listed; the session is the one that changes the list.
        self._session.take_read_article(article, always=update_row)
        self._pane.show_article(article, keep_position=keep_position)
        self._pane.set_highlights(self._terms)
        if self._find_bar is not None:
            self._find_bar.refresh()  # not made yet: not open either
        self._session.watcher.watch_file(path if article.ok else None)
        # Shown again in place (reloaded, changed on disk), or brought back at a restart, it is
        # not shown anew: its read mark and place stay as the reader left them.
        restored = path == self.restoring
        self.restoring = None
        self._marks.opening(None)
        self._shown.set_pinned_path(path)  # listed while read, Hide Read or not
        if not keep_position:
            fraction = self._marks.position(article)
            if fraction:
                self._pane.set_scroll_fraction(fraction)
            if not restored:
                self._marks.shown(article)
        self.shown.emit(article)
        self.hits.article_shown()

    def show_again(self, path: str) -> None:
        """Read the article on show again, in place, keeping the reader's place in it (its
        encoding was chosen), and its row in the list with it."""
        self.cache.forget(path)
        self.show_path(path, keep_position=True, update_row=True)

    def reload(self) -> None:
        """Forget every article read, and read the one on show again in place."""
        self.cache.forget()
        shown = self._pane.article()
        if shown is not None:
            self.show_path(shown.path, keep_position=True)

    def leave(self, article: Article | None) -> None:
        """The reader moves away from ``article``: keep their place in it (none yet in one
        still being read)."""
        if article is not None and article.ok and article.has_body:
            self._marks.remember_position(article, self._pane.scroll_fraction())

    def set_terms(self, terms: tuple[Term, ...]) -> None:
        """Highlight a search's terms in the article on show, and in each one shown later."""
        self._terms = terms
        self.hits.searching = bool(terms)
        self._pane.set_highlights(terms)

    def page_forward(self) -> None:
        """Space: page down, and from the end of an article on to the next unread one."""
        if self._pane.at_end():
            self.endReached.emit()
        else:
            self._pane.page_down()

    def page_back(self) -> None:
        """Shift+Space: page up."""
        self._pane.page_up()

    def next_hit(self) -> None:
        """F3: the next find match (find bar open) or search hit, across articles."""
        self.hits.step(backwards=False)

    def previous_hit(self) -> None:
        """Shift+F3: the previous find match or search hit."""
        self.hits.step(backwards=True)

    def _articles_changed(self, paths: list[str]) -> None:
        current = self._pane.article()
        if current is not None and current.path in paths:
            self.show_again(current.path)

    def _articles_vanished(self, paths: list[str]) -> None:
        shown = self._pane.article()
        keep = shown.path if shown is not None and shown.path in paths else None
        self._session.remove_paths([p for p in paths if p != keep])
        if shown is not None and keep is not None:
            # The article being read stays in view, marked, until the reader moves on.
            self.cache.forget(keep)
            self._session.mark_deleted(shown)
            self._pane.mark_deleted()

    def stop(self) -> None:
        """Wait for an article being read."""
        self._reader.stop()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # read now: its error is said at once
