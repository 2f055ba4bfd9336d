"""The concordance as the window knows it before it is first shown: the search's terms kept,
and the dock, with all it needs, made on first use (no first paint waits for it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from viewer.core.article import Article
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.ui.reading_pane import ReadingPane

if TYPE_CHECKING:
    from viewer.core.search_query import Term
    from viewer.window.concordance_controls import ConcordanceControls


class ConcordanceDock(QObject):
    """Forwards what the concordance must hear of, once it exists."""

    message = Signal(str, int)  # text, milliseconds
    openRequested = Signal(str)  # the path of an article to make current
    shownChanged = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        shown: ShownArticles,
        session: LibrarySession,
        pane: ReadingPane,
    ) -> None:
        super().__init__(window)
        self._parts = (window, shown, session, pane)  # what the controls are made of
        self.controls: ConcordanceControls | None = None
        self._terms: tuple[Term, ...] = ()

    def show(self, on: bool = True) -> None:
        """Show the concordance of the search's terms in the articles listed, or close it."""
        if self.controls is None:
            if not on:
                return
            from viewer.window.concordance_controls import ConcordanceControls

            made = ConcordanceControls(*self._parts, self)
            made.message.connect(self.message)
            made.openRequested.connect(self.openRequested)
            made.shownChanged.connect(self.shownChanged)
            made.set_terms(self._terms)
            self.controls = made
        self.controls.set_shown(on)

    def set_terms(self, terms: tuple[Term, ...]) -> None:
        """The search's terms changed."""
        self._terms = terms
        if self.controls is not None:
            self.controls.set_terms(terms)

    def rows_changed(self) -> None:
        """The articles listed changed."""
        if self.controls is not None:
            self.controls.rows_changed()

    def article_shown(self, article: Article) -> None:
        """An article is on show."""
        if self.controls is not None:
            self.controls.article_shown(article)

    def shut_down(self) -> None:
        """Stop a build, if one runs."""
        if self.controls is not None:
            self.controls.shut_down()
