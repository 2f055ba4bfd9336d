"""The reading pane: one article typeset for reading, built from plain text, never from markup."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QKeyEvent,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from viewer.core.article import Article
from viewer.core.article_parts import Parts
from viewer.core.paint_gate import painting
from viewer.ui.article_document import Typography, build_document, typeset
from viewer.ui.pane_marks import PaneMarks
from viewer.ui.pane_typesetting import Aim, PaneTypesetting, centre_column
from viewer.ui.part_writer import PART_SCHEME
from viewer.ui.reading_place import ReadingPlace
from viewer.ui.theme import palette_for

if TYPE_CHECKING:  # a search's terms come with the first search; links with the first link
    from PySide6.QtCore import QUrl

    from viewer.core.search_query import Term

ZOOM_STEPS: Final = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
LINE_WIDTHS: Final = {"narrow": 60, "medium": 72, "wide": 90}  # characters a line
SIDE_PADDING: Final = 24
SOURCE_COLUMNS: Final = 100  # characters a line when showing a file as written


class ReadingPane(QTextBrowser):
    """Shows one article: title, metadata, notices and body, in a centred column (a long
    one a slice at a time, and in parts: see ``PaneTypesetting``)."""

    zoomChanged = Signal(int)
    # The find bar's text is looked for everywhere (for a long article, once its body has been
    # looked through in slices): how many matches there are.
    findFinished = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setReadOnly(True)
        self.setOpenLinks(False)  # article text is data: nothing in it is followed or loaded
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        # Links can be clicked, and reached with Tab (then Tab leaves the pane after the last
        # one); following one always asks first, see follow_link. No text cursor: the arrows,
        # Home and End scroll the article, as in a browser or an e-book reader.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.document().setUndoRedoEnabled(False)
        self._own_document: QTextDocument | None = None
        self.paint_gate: threading.Event | None = None  # cleared while painting, when given
        self._article: Article | None = None
        self._message: tuple[str, str] | None = None
        self._deleted = False
        self._typography = Typography()
        self._column_chars = LINE_WIDTHS["medium"]
        self._show_source = False
        # Injectable, so tests neither show dialogs nor start a browser.
        self.ask: Callable[[str], bool] = self._ask_to_open
        self.tell: Callable[[str], None] = self._tell_refused
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.anchorClicked.connect(self.follow_link)
        self._place = ReadingPlace(self)
        self._set = PaneTypesetting(self, self._place, self._show_part, self._finished)
        self._marks = PaneMarks(self, self._set, self.findFinished.emit)
        self.show_message("No article selected", "Open a file or a folder with File ▸ Open.")

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint, with background reading held off meanwhile (see ``painting``)."""
        with painting(self.paint_gate):
            super().paintEvent(event)

    # --- what is shown -------------------------------------------------------------------

    def article(self) -> Article | None:
        """The article on show, if any."""
        return self._article

    def show_article(self, article: Article, *, keep_position: bool = False) -> None:
        """Typeset ``article``; an unreadable one shows its error in place of the body.

        ``keep_position`` keeps the scroll position, for an article updated in place.
        """
        self._article = article
        self._message = None
        self._deleted = False
        if not keep_position:
            self._marks.forget_find()  # a new article: the find bar finds again
        self._rebuild(keep_position=keep_position)

    def shows_deleted(self) -> bool:
        """True while the article on show is one whose file was deleted."""
        return self._deleted

    def mark_deleted(self) -> None:
        """Say that the file on show was deleted, keeping what it held in view."""
        if self._article is not None and not self._deleted:
            self._deleted = True
            self._rebuild(keep_position=True)

    def set_extra_marks(self, marks: Callable[[], list[QTextEdit.ExtraSelection]]) -> None:
        """Show these marks too (asked again whenever the marks are made anew)."""
        self._marks.extra = marks
        self._marks.mark()

    def body_start(self) -> int:
        """Where the body (of the part on show) starts in the document."""
        return self._set.typeset.body_start

    # --- search hits ---------------------------------------------------------------------

    def set_highlights(self, terms: Sequence[Term]) -> None:
        """Mark every occurrence of the search terms in the article (in a long one's body, as
        they are found: see ``looking``)."""
        self._marks.set_terms(terms)

    def highlight_count(self) -> int:
        """How many search hits there are (of a long article, in all its parts)."""
        return self._marks.search_count()

    def looking(self) -> bool:
        """True while a long article's body is still being looked through for search hits or
        find matches (a slice at a time, the window answering meanwhile)."""
        return self._marks.looking()

    def next_highlight(self, *, backwards: bool = False) -> bool:
        """Move to the next (or previous) search hit after the cursor; False when there is none.
        While a long body is still being looked through, go there once it is."""
        return self._marks.next_search(backwards=backwards)

    def step_highlight(self, *, backwards: bool = False) -> tuple[int, int] | None:
        """Move to the next (or previous) search hit, not round to the first; (its number from
        1, how many), or None past the last (first); (0, 0) while a long body is looked
        through (it goes there once it is)."""
        return self._marks.search_step(backwards=backwards)

    def go_to_highlight(self, number: int) -> tuple[int, int] | None:
        """Move to search hit ``number`` (from 0; -1: the last); (its number from 1, how
        many), None when there is none."""
        return self._marks.go_to_search_hit(number)

    def go_to_body_hit(self, ordinal: int) -> bool:
        """Select the ``ordinal``-th search hit in the body (from 0) and scroll to it, as a
        concordance line asks; False when the body has none."""
        return self._marks.go_to_body_hit(ordinal)

    def message(self) -> tuple[str, str] | None:
        """The message on show in place of an article, if any."""
        return self._message

    def show_message(self, title: str, text: str) -> None:
        """Show a short message instead of an article."""
        self._article = None
        self._message = (title, text)
        self._rebuild(keep_position=False)

    # --- links and the source ------------------------------------------------------------

    def follow_link(self, url: QUrl) -> bool:
        """Open a clicked link in the browser (http, https, mailto) once the reader agrees."""
        if url.scheme() == PART_SCHEME and self._set.parts() is not None:
            self.show_part(int(url.path()) if url.path().isdigit() else 0)  # a link of ours
            return True
        # Here, as the message boxes below: their Qt classes wait for the first link followed.
        from viewer.ui.link_dialog import open_link

        return open_link(url, self.ask, self.tell, self.open_url)

    def _ask_to_open(self, text: str) -> bool:
        from viewer.ui.link_dialog import ask_to_open

        return ask_to_open(self, text)

    def _tell_refused(self, text: str) -> None:
        from viewer.ui.link_dialog import tell_refused

        tell_refused(self, text)

    def showing_source(self) -> bool:
        """True while the pane shows the file's text as written (an error has none)."""
        article = self._article
        return self._show_source and article is not None and bool(article.source.strip())

    def set_show_source(self, on: bool) -> None:
        """Show the file's text as written (monospace, plain) or the typeset article."""
        if on != self._show_source:
            self._show_source = on
            self._marks.forget_find()
            self._rebuild(keep_position=False)

    def plain_text(self) -> str:
        """What a person reads, as plain text (a paragraph set in pieces is one again)."""
        return self._set.shown.reading().text

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy a paragraph set in pieces as the one paragraph it is."""
        selected = self.textCursor()
        data = super().createMimeDataFromSelection()
        return self._set.shown.copied(data, selected.selectionStart(), selected.selectionEnd())

    # --- zoom ----------------------------------------------------------------------------

    def zoom(self) -> int:
        """The zoom level in percent."""
        return self._typography.zoom

    def set_zoom(self, percent: int) -> None:
        """Set the zoom level, within the supported steps' range."""
        percent = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], int(percent)))
        if percent == self._typography.zoom:
            return
        self._typography.zoom = percent
        self._rebuild(keep_position=True)
        self.zoomChanged.emit(percent)

    def zoom_in(self) -> None:
        """Step up to the next zoom level."""
        zoom = self._typography.zoom
        self.set_zoom(next((z for z in ZOOM_STEPS if z > zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """Step down to the previous zoom level."""
        zoom = self._typography.zoom
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < zoom), ZOOM_STEPS[0]))

    # --- type and line width -------------------------------------------------------------

    def reading_font(self) -> QFont:
        """The body font, at its unzoomed size."""
        return self._typography.reading_font()

    def set_reading_font(self, family: str | None, size: float | None) -> None:
        """Set the body font's family (None: the default serif list) and size in points."""
        if self._typography.choose(family, size):
            self._rebuild(keep_position=True)

    def line_width(self) -> str:
        """ "narrow", "medium" or "wide"."""
        return next(k for k, v in LINE_WIDTHS.items() if v == self._column_chars)

    def set_line_width(self, width: str) -> None:
        """Set the text column to "narrow", "medium" or "wide"."""
        self._column_chars = LINE_WIDTHS.get(width, LINE_WIDTHS["medium"])
        self._apply_column_margins()

    def print_document(self) -> QTextDocument:
        """The article set for paper: dark text on white, whatever the theme."""
        article = self._article
        parts = self._set.parts_for(article, source=False)
        source = self.showing_source()
        return build_document(
            palette_for("light"),
            Typography(self._typography.families, self._typography.body_size),
            article=article,
            message=self._message if article is None else None,
            parts=parts,  # of a long article, the part on show: a whole one is too tall for Qt
            part=self._set.typeset.part if parts is not None and not source else 0,
        )

    # --- find in the article -------------------------------------------------------------

    def find_text(self, text: str, *, case_sensitive: bool = False) -> None:
        """Look for ``text`` and mark its matches; ``findFinished`` says how many there are,
        at once, or for a long article once its body has been looked through in slices."""
        self._marks.find(text, case_sensitive=case_sensitive)

    def find_all(self, text: str, *, case_sensitive: bool = False) -> int:
        """Mark every occurrence of ``text`` now, looking through all of a long article at
        once; return how many there are (see ``MAX_HITS``)."""
        return self._marks.find_all(text, case_sensitive=case_sensitive)

    def finding(self) -> bool:
        """True while a long body is still being looked through for the find bar's text."""
        return self._marks.finding()

    def find_position(self) -> tuple[int, int]:
        """(The current find match's number from 1, 0 for none yet; how many there are)."""
        return self._marks.find_position()

    def find_step(self, *, backwards: bool = False) -> tuple[int, int]:
        """Go to the next (or previous) find match; return (its number from 1, how many)."""
        return self._marks.find_step(backwards=backwards)

    def clear_find(self) -> None:
        """Remove the find marks."""
        self.find_all("")

    def reset_zoom(self) -> None:
        """Back to 100%."""
        self.set_zoom(100)

    # --- scrolling -----------------------------------------------------------------------

    def at_end(self) -> bool:
        """True when the last line of the article is in view (of a long one: all of it set)."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() and not self._set.more()

    def page_down(self) -> None:
        """Scroll one screen down, keeping a line of context; from a part's end, to the next."""
        self._set.page(down=True)

    def page_up(self) -> None:
        """Scroll one screen up, keeping a line of context; from a part's top, to the end of
        the one before."""
        self._set.page(down=False)

    # --- a long article's parts ----------------------------------------------------------

    def parts(self) -> Parts | None:
        """The parts of the long article (or file) on show; None for one typeset whole."""
        return self._set.parts()

    def part(self) -> int:
        """The number of the part on show, from 0."""
        return self._set.typeset.part

    def typesetting(self) -> bool:
        """True while the part on show is still being set."""
        return self._set.build.running()

    def show_part(self, number: int, *, at_end: bool = False) -> None:
        """Show part ``number`` (from 0) of a long article, from its top or at its end."""
        self._set.show_part(number, at_end=at_end)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Home and Ctrl+End go to the start and the end of the whole article, Page Down
        and Page Up on to the next part from a part's end (see ``PaneTypesetting.press``);
        End while a part is still being set keeps its end in view until all of it is there."""
        if self._set.press(event):
            event.accept()
        else:
            super().keyPressEvent(event)
        if event.key() == Qt.Key.Key_End:
            self._set.follow_end()

    # --- Qt overrides --------------------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Load nothing: no image, style sheet or page named by an article is ever fetched."""
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the text column centred at a readable width, and the line at the top of the
        view where it is: a pane that grows or shrinks keeps the reader's place."""
        place = self._place.hold()
        super().resizeEvent(event)
        self._apply_column_margins()
        self._place.put_back(place)
        self._marks.scrolled()

    def showEvent(self, event: QShowEvent) -> None:
        """Keep the reader's place: shown the first time, Qt scrolls to the text cursor."""
        place = self._place.hold()
        super().showEvent(event)
        self._place.put_back(place)

    def changeEvent(self, event: QEvent) -> None:
        """Rebuild with the new colours when the palette changes (light and dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._rebuild(keep_position=True)

    # --- typesetting ---------------------------------------------------------------------

    def _rebuild(
        self, *, keep_position: bool, part: int | None = None, aim: Aim | None = None
    ) -> None:
        fraction = self.scroll_fraction() if keep_position else 0.0
        # Documents made here are ours to delete; Qt deletes the one it made itself. They are
        # remembered rather than recognised by parent(): resolving the type of a returned
        # QObject makes PySide set up hundreds of Qt classes, 40 ms at start-up.
        stale = self._own_document
        article = self._article
        self._marks.drop()  # the marks go with the document
        before, parts = self._set.parts(), self._set.parts_for(article, self.showing_source())
        if part is None:
            part = parts.part_at(round(fraction * parts.total)) if parts is not None else 0
        made = typeset(
            self.palette(),
            self._typography,
            article=article,
            message=self._message if article is None else None,
            deleted=self._deleted,
            source=self.showing_source(),
            parts=parts,
            part=part,
            parent=self,
        )
        self._set.begin(made)  # a long one: its first screens, and the rest in slices
        self.setDocument(made.document)
        self._own_document = made.document
        if stale is not None:
            stale.deleteLater()
        self._apply_column_margins()
        self._marks.renew(head_only=parts is not None and parts is before)
        if aim is not None:
            self._set.aim_at(part, aim)
        else:
            self.set_scroll_fraction(fraction)

    def _show_part(self, number: int, aim: Aim) -> None:
        self._rebuild(keep_position=False, part=number, aim=aim)

    def _finished(self) -> None:
        self._marks.renew(head_only=True)  # marks for all of it now

    def scroll_fraction(self) -> float:
        """How far into the article the top of the view is, from 0 to 1 (see ``ReadingPlace``
        and, for a long article, ``PaneTypesetting``)."""
        return self._set.fraction()

    def set_scroll_fraction(self, fraction: float) -> None:
        """Show the place ``fraction`` of the way into the article at the top of the view (in
        a long article, once the part holding it is set that far)."""
        self._set.go_to(fraction)

    def _apply_column_margins(self) -> None:
        # A file's source is mostly wrapped at 72 to 100 columns: room for its lines as written.
        source = self.showing_source()
        chars = max(self._column_chars, SOURCE_COLUMNS) if source else self._column_chars
        top, bottom = self._typography.scale(28), self._typography.scale(48)
        centre_column(self.document(), self.viewport().width(), chars, SIDE_PADDING, top, bottom)
