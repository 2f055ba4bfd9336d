"""The window's filtering: the filter field, text search, sections and the counts."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.ui.list_pane import FACET_LABELS, SEARCH_MODE, ListPane
from viewer.ui.reading_pane import ReadingPane


class SearchControls(QObject):
    """The list's filter, full-text search and section box, and the status bar's counts."""

    refiltered = Signal()  # the rows shown changed: the article on show is to be selected again
    termsChanged = Signal(object)  # tuple[Term, ...]: a search's terms, to highlight

    def __init__(
        self,
        list_pane: ListPane,
        shown: ShownArticles,
        session: LibrarySession,
        pane: ReadingPane,
        count_label: QLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.list_pane = list_pane
        self.filter_edit = list_pane.filter_edit
        self.shown = shown
        self.session = session
        self.reading_pane = pane
        self.count_label = count_label
        list_pane.filterChanged.connect(self._filter_changed)
        list_pane.searchRequested.connect(self._search)
        list_pane.sectionChanged.connect(self._section_chosen)
        list_pane.facetChanged.connect(self._facet_chosen)
        session.searchResultsChanged.connect(self._search_again)
        # The count beside the progress changes with it, so that the two always agree.
        session.loadingProgress.connect(lambda *_: self.update_count())
        shown.shownChanged.connect(self._count_soon)
        shown.countsChanged.connect(self._count_soon)
        # Counting unread articles walks the whole list: while rows stream in, a few times a
        # second is enough.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)
        self._count_timer.timeout.connect(self.update_count)
        self._sections = QTimer(self)
        self._sections.setSingleShot(True)
        self._sections.setInterval(400)
        self._sections.timeout.connect(self._refresh_sections)
        model = shown.model
        for changed in (model.rowsInserted, model.rowsRemoved, model.dataChanged):
            changed.connect(lambda *_: self._sections_soon())
        shown.countsChanged.connect(self._sections_soon)
        shown.viewReady.connect(self._note_when_ready)
        # A search's note waits for the index's view: whether it matched text (None: no note).
        self._noting: bool | None = None

    # --- filter and status ---------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self.shown.set_filter_text(text)
        self.after_refilter()

    def after_refilter(self) -> None:
        """Count again, and keep the article on show selected (it stays on show when hidden)."""
        self.update_count()
        self.refiltered.emit()

    def search(self, text: str) -> None:
        """Search the text of every article; the list then shows the hits."""
        self.list_pane.set_mode(SEARCH_MODE)
        self.filter_edit.setText(text)
        self.list_pane.run_search()

    def _search(self, text: str) -> None:
        from viewer.core.search_query import SearchQueryError  # here: with the first search

        shown = self.shown
        try:
            if shown.served_from_index():
                query, paths = self.session.searching.search_paths(text)
                shown.set_hits(paths)
            else:
                query, rows = self.session.search(text)
                shown.set_hits(None, rows)
        except SearchQueryError as exc:
            self.list_pane.show_note(str(exc), error=True)
            return
        self.after_refilter()
        self.termsChanged.emit(query.terms)
        self._noting = None
        if query.empty:
            self.list_pane.show_note("")
            return
        self._noting = query.uses_text  # the text index answers it: it may find more soon
        if not shown.served_from_index() or shown.view_known():
            self._note_when_ready()

    def _note_when_ready(self) -> None:
        """Say how many articles a search found, once that is known."""
        matching, self._noting = self._noting, None
        if matching is None:
            return
        shown = self.shown.passing()
        note = f"{shown:,} {'article matches' if shown == 1 else 'articles match'}"
        indexing = self.session.indexing_text()
        if matching and indexing is not None and indexing[0] < indexing[1]:
            done, total = indexing
            note += f" so far: the text of {total - done:,} articles is still being indexed"
        self.list_pane.show_note(note + ".")

    def labels_changed(self) -> None:
        """Labels were given or taken: the label facet is counted again, and a search that
        asks for labels is answered again."""
        self._sections_soon()
        if "label:" in self.list_pane.search_text().casefold():
            self._search_again()

    def _search_again(self) -> None:
        if self.list_pane.search_text().strip():
            self._search(self.list_pane.search_text())

    def _refresh_sections(self) -> None:
        total = self.shown.total()
        self.list_pane.set_sections(self.shown.section_counts(), total)
        for facet in FACET_LABELS:
            self.list_pane.set_facets(facet, self.shown.facet_counts(facet), total)

    def _facet_chosen(self, facet: str, value: str | None) -> None:
        self.shown.set_facet(facet, value)
        self.after_refilter()

    def _section_chosen(self, section: str | None) -> None:
        self.shown.set_section(section)
        self.after_refilter()

    def _sections_soon(self) -> None:
        # At most every so often, also while rows stream in (a wait that restarted with every
        # batch would leave the counts behind until the listing ends).
        if not self._sections.isActive():
            self._sections.setInterval(1000 if self.session.is_loading() else 400)
            self._sections.start()

    def _count_soon(self) -> None:
        if self.session.is_loading():
            if not self._count_timer.isActive():
                self._count_timer.start()
        else:
            self.update_count()

    def update_count(self) -> None:
        """The status bar's count of articles listed, shown and unread."""
        if not self.shown.counted():
            self.count_label.setText("Counting articles…")
            self.update_placeholder()
            return
        total = self.shown.total()
        shown = self.shown.passing()
        noun = "article" if total == 1 else "articles"
        text = f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} shown"
        unread = self.shown.unread()
        self.count_label.setText(f"{text} · {unread:,} unread" if unread else text)
        self.update_placeholder()

    def update_placeholder(self) -> None:
        """With no article on show, the pane says what there is to read and how to start."""
        if self.reading_pane.article() is not None:
            return
        total = self.shown.total()
        passing = self.shown.passing()
        if not self.shown.counted() and self.shown.row_count():  # counted in a moment
            wanted = (
                "Choose an article to read",
                "Click one, or press J or ↓ to start at the top of the list.",
            )
        elif passing and passing < total:
            noun = "articles matches" if passing == 1 else "articles match"  # "1 of 12 …"
            wanted = (
                "Choose an article to read",
                f"{passing:,} of {total:,} {noun}. Click one, or press J or ↓ to start at the "
                "top of the list.",
            )
        elif total and not passing:
            wanted = (
                "No article matches",
                f"Clear the filter or the search (Escape in the field) to see all {total:,}.",
            )
        elif total:
            noun = "article is" if total == 1 else "articles are"
            wanted = (
                "Choose an article to read",
                f"{total:,} {noun} listed. Click one, or press J or ↓ to start at the top of "
                "the list.",
            )
        elif self.session.is_loading():
            wanted = ("Listing articles…", "The first ones will be here in a moment.")
        else:
            wanted = (
                "No articles",
                "Open a file with File ▸ Open (Ctrl+O), or a folder with File ▸ Open Folder "
                "(Ctrl+Shift+O).",
            )
        if self.reading_pane.message() != wanted:
            self.reading_pane.show_message(*wanted)
