"""The window's concordance: a dock under the panes, built for the search's terms over the
articles the list shows, kept up as the search changes, and opening a line at its hit."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow

from viewer.core.article_files import display_path
from viewer.library.concordance_builder import FIRST_CHUNK, ConcordanceBuilder
from viewer.library.concordance_model import ConcordanceModel
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.ui.concordance_pane import NO_QUERY, ConcordancePane
from viewer.ui.reading_pane import ReadingPane

if TYPE_CHECKING:
    from viewer.core.article import Article
    from viewer.core.concordance import Done
    from viewer.core.search_query import Term

REBUILD_MS = 250  # the list settles after a search this long before the lines are made again


class ConcordanceControls(QObject):
    """Builds the concordance while its dock is shown, and opens a line's hit when asked."""

    message = Signal(str, int)  # text, milliseconds
    shownChanged = Signal(bool)  # the dock was shown or closed
    openRequested = Signal(str)  # the path of an article to make current

    def __init__(
        self,
        window: QMainWindow,
        shown: ShownArticles,
        session: LibrarySession,
        pane: ReadingPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._shown = shown
        self._session = session
        self._reading = pane
        self.model = ConcordanceModel(self)
        self.pane = ConcordancePane(self.model)
        self.dock = QDockWidget("Concordance", window)
        self.dock.setObjectName("concordanceDock")
        self.dock.setWidget(self.pane)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        # Shown or closed, from the menu or by its own close button.
        self.dock.toggleViewAction().toggled.connect(self._toggled)
        self._terms: tuple[Term, ...] = ()
        self._builder: ConcordanceBuilder | None = None
        self._retired: list[ConcordanceBuilder] = []  # stopped, finishing their chunk
        self._made_of: tuple[object, ...] | None = None  # see _what_is_shown
        self._aim: tuple[str, int] | None = None  # an article asked for, and its hit
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REBUILD_MS)
        self._soon.timeout.connect(self.rebuild)
        self.pane.lineActivated.connect(self.open_line)
        self.pane.stopRequested.connect(self.stop)
        self.pane.exportRequested.connect(self.export)

    # --- what it is built of --------------------------------------------------------------

    def set_terms(self, terms: Sequence[Term]) -> None:
        """The search's terms changed: lines for them, once the list has settled."""
        self._terms = tuple(terms)
        self.rows_changed()

    def rows_changed(self) -> None:
        """The articles shown may have changed: made again soon, if the concordance is on show
        and they did (a search is run again while texts are indexed, finding the same)."""
        if self.dock.isVisible() and self._made_of != self._what_is_shown():
            self._soon.start()

    def _what_is_shown(self) -> tuple[object, ...]:
        """What the lines are made of, near enough to tell a change: the terms, and how many
        articles are shown, the first and the last."""
        shown = self._shown
        count = shown.row_count()
        ends = [shown.article_at(row) for row in (0, count - 1)] if count else []
        return (self._terms, count, *(a.path if a is not None else None for a in ends))

    def set_shown(self, on: bool) -> None:
        """Show the concordance (made for the search of now) or close it."""
        self.dock.setVisible(on)
        if on:
            self.dock.raise_()
            self.pane.table.setFocus()

    def _toggled(self, on: bool) -> None:
        self.shownChanged.emit(on)
        if on:
            self.rebuild()
            self.pane.table.setFocus()
        else:
            self._retire()
            self._made_of = None  # shown again, it is made again

    def building(self) -> bool:
        """True while lines are being found."""
        return self._builder is not None

    def rebuild(self) -> None:
        """Find the lines again: the terms' occurrences in every article shown, in order."""
        self._soon.stop()
        self._retire()
        self.model.clear_lines()
        self._made_of = self._what_is_shown()
        if not self._terms:
            self.pane.set_message(NO_QUERY)
            self.pane.set_summary("")
            return
        from viewer.core.text_search import term_patterns  # the query's with the first search

        self.pane.set_message(None)
        articles, total = self._shown.for_export()
        shown = self._shown
        first = [shown.article_at(row) for row in range(min(FIRST_CHUNK, shown.row_count()))]
        if None in first:  # rows not read yet: all come from the copy
            first = []
        session = self._session
        builder = ConcordanceBuilder(
            [a.path for a in first if a is not None],
            articles,
            total,
            term_patterns(self._terms),
            session.encodings,
            session.paint_gate,
        )
        # A builder stopped for another says no more: its last chunk is not this one's.
        builder.batch.connect(lambda done, b=builder: self._batch(b, done))
        builder.progress.connect(lambda *n, b=builder: self._progress(b, *n))
        builder.finished.connect(lambda done=builder: self._built(done))
        self._builder = builder
        self.pane.set_building((0, total))
        self.pane.set_summary("Finding…")
        builder.start()

    def stop(self) -> None:
        """Stop finding lines (at the end of the chunk in hand); those found stay."""
        if self._builder is not None:
            self._builder.cancel()

    def _retire(self) -> None:
        """Stop the builder, if any, without waiting for it: what it still finds is dropped."""
        builder, self._builder = self._builder, None
        if builder is not None:
            builder.cancel()
            self._retired.append(builder)
            self.pane.set_building(None)

    def _batch(self, builder: ConcordanceBuilder, done: Done) -> None:
        if builder is self._builder:
            self.model.add(done)

    def _progress(self, builder: ConcordanceBuilder, done: int, total: int) -> None:
        if builder is not self._builder:
            return
        self.pane.set_building((done, total))
        self._say(f" · {done:,} of {total:,} articles read")

    def _built(self, builder: ConcordanceBuilder) -> None:
        builder.wait()  # at once: it has finished
        builder.deleteLater()
        if builder in self._retired:
            self._retired.remove(builder)
        if builder is not self._builder:
            return
        self._builder = None
        self.model.finish()
        self.pane.lines_done()
        self.pane.set_building(None)
        stopped = " · stopped" if builder.cancelled() else ""
        if builder.full:
            stopped = f" · the first {builder.limit:,}: narrow the search for the rest"
        self._say(stopped)
        if builder.failed:
            self.message.emit(builder.failed, 8000)

    def _say(self, after: str) -> None:
        lines, articles = self.model.rowCount(), self.model.hit_articles()
        unread = self.model.unreadable
        if unread:  # gone since listed, or not text after all: no lines of theirs
            noun = "article" if unread == 1 else "articles"
            after = f" · {unread:,} {noun} could not be read{after}"
        self.pane.set_summary(
            f"{lines:,} {'hit' if lines == 1 else 'hits'} in {articles:,} "
            f"{'article' if articles == 1 else 'articles'}{after}"
        )

    # --- opening a line ---------------------------------------------------------------------

    def open_line(self, row: int) -> None:
        """Show the line's article in the reading pane, at the line's hit, marked."""
        line, article = self.model.line(row), self.model.article_of(row)
        self._aim = (article.path, line.ordinal)
        on_show = self._reading.article()
        if on_show is not None and on_show.path == article.path:
            self.article_shown(on_show)
        else:
            self.openRequested.emit(article.path)

    def article_shown(self, article: Article) -> None:
        """An article is on show: at the hit asked for, if it is that one."""
        aim, self._aim = self._aim, None
        if aim is not None and aim[0] == article.path:
            # After the pane has marked the terms in the new document.
            QTimer.singleShot(0, lambda: self._reading.go_to_body_hit(aim[1]))

    # --- export -----------------------------------------------------------------------------

    def export(self) -> None:
        """Save the lines as CSV or TSV, in the order shown."""

        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            "Export Concordance",
            os.path.join(documents, "concordance.csv"),
            "CSV (*.csv);;TSV (*.tsv)",
        )
        if path:
            self.export_to(Path(path), tabs=path.endswith(".tsv") or chosen.startswith("TSV"))

    def export_to(self, path: Path, *, tabs: bool) -> None:
        """Write the lines to ``path`` (a temporary name first: a failure leaves no half file)."""
        from viewer.core.concordance import write_lines

        temporary = path.with_name(path.name + ".part")
        try:
            # surrogateescape: a path that is not valid UTF-8 is written as its own bytes.
            with open(
                temporary, "w", encoding="utf-8", errors="surrogateescape", newline=""
            ) as out:
                rows = write_lines(self.model.lines(), self.model.articles, out, tabs=tabs)
            os.replace(temporary, path)
        except OSError as exc:
            self.message.emit(f"Could not export: {exc.strerror or exc}", 8000)
            return
        self.message.emit(f"Exported {rows:,} lines to {display_path(str(path))}", 5000)

    def shut_down(self) -> None:
        """Stop the builders, and wait for them."""
        self._soon.stop()
        self._retire()
        for builder in list(self._retired):
            builder.wait()
