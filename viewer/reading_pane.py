"""The reading pane: one article typeset for reading, built from plain text, never from markup."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Final

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from viewer.article import Article
from viewer.article_document import (
    BODY_POINT_SIZE,
    READING_FAMILIES,
    Typography,
    build_document,
    build_source_document,
    find_terms,
    mark,
)
from viewer.link_dialog import ask_to_open, link_question, refusal, tell_refused
from viewer.paint_gate import painting
from viewer.reading_colours import reading_colours
from viewer.reading_place import ReadingPlace
from viewer.search_query import Term
from viewer.theme import palette_for

ZOOM_STEPS: Final = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
LINE_WIDTHS: Final = {"narrow": 60, "medium": 72, "wide": 90}  # characters a line
SIDE_PADDING: Final = 24
SOURCE_COLUMNS: Final = 100  # characters a line when showing a file as written


class ReadingPane(QTextBrowser):
    """Shows one article: title, metadata, notices and body, in a centred column."""

    zoomChanged = Signal(int)

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
        self._terms: tuple[Term, ...] = ()
        self._hits: list[QTextCursor] = []
        self._typography = Typography()
        self._column_chars = LINE_WIDTHS["medium"]
        self._find_hits: list[QTextCursor] = []
        self._find_current = -1
        self._show_source = False
        # Injectable, so tests neither show dialogs nor start a browser.
        self.ask: Callable[[str], bool] = lambda text: ask_to_open(self, text)
        self.tell: Callable[[str], None] = lambda text: tell_refused(self, text)
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.anchorClicked.connect(self.follow_link)
        self._place = ReadingPlace(self)
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
        self._rebuild(keep_position=keep_position)

    def shows_deleted(self) -> bool:
        """True while the article on show is one whose file was deleted."""
        return self._deleted

    def mark_deleted(self) -> None:
        """Say that the file on show was deleted, keeping what it held in view."""
        if self._article is not None and not self._deleted:
            self._deleted = True
            self._rebuild(keep_position=True)

    # --- search hits ---------------------------------------------------------------------

    def set_highlights(self, terms: Sequence[Term]) -> None:
        """Mark every occurrence of the search terms in the article."""
        self._terms = tuple(terms)
        self._apply_highlights()

    def highlight_count(self) -> int:
        """How many search hits are marked."""
        return len(self._hits)

    def next_highlight(self, *, backwards: bool = False) -> bool:
        """Move to the next (or previous) search hit after the cursor; False when there is none."""
        if not self._hits:
            return False
        here = self.textCursor().selectionStart() if backwards else self.textCursor().selectionEnd()
        if backwards:
            earlier = [hit for hit in self._hits if hit.selectionStart() < here]
            target = earlier[-1] if earlier else self._hits[-1]
        else:
            later = [hit for hit in self._hits if hit.selectionStart() >= here]
            target = later[0] if later else self._hits[0]
        self.setTextCursor(target)
        self.ensureCursorVisible()
        return True

    def _apply_highlights(self) -> None:
        self._hits = find_terms(self.document(), self._terms)
        colours = reading_colours(self.palette())
        marks = (
            (self._hits, colours.search_hit, colours.search_hit_text),
            (self._find_hits, colours.find_match, colours.find_match_text),
        )
        selections = []
        for cursors, background, text in marks:
            for hit in cursors:
                selections.append(mark(hit, background, text))
        if 0 <= self._find_current < len(self._find_hits):
            hit = self._find_hits[self._find_current]
            selections.append(mark(hit, colours.find_current, colours.find_current_text))
        self.setExtraSelections(selections)

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
        question = link_question(url)
        if question is None:
            self.tell(refusal(url))
            return False
        return self.ask(question) and bool(self.open_url(url))

    def showing_source(self) -> bool:
        """True while the pane shows the file's text as written (an error has none)."""
        article = self._article
        return self._show_source and article is not None and bool(article.source.strip())

    def set_show_source(self, on: bool) -> None:
        """Show the file's text as written (monospace, plain) or the typeset article."""
        if on != self._show_source:
            self._show_source = on
            self._rebuild(keep_position=False)

    def plain_text(self) -> str:
        """What a person reads, as plain text."""
        return self.document().toPlainText()

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
        font = QFont()
        font.setFamilies(self._typography.families)
        font.setPointSizeF(self._typography.body_size)
        return font

    def set_reading_font(self, family: str | None, size: float | None) -> None:
        """Set the body font's family (None: the default serif list) and size in points."""
        families = [family, *READING_FAMILIES] if family else list(READING_FAMILIES)
        body_size = max(6.0, min(48.0, size)) if size else BODY_POINT_SIZE
        if (families, body_size) == (self._typography.families, self._typography.body_size):
            return
        self._typography.families = families
        self._typography.body_size = body_size
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
        document = build_document(
            palette_for("light"),
            Typography(self._typography.families, self._typography.body_size),
            article=self._article,
            message=self._message if self._article is None else None,
        )
        return document

    # --- find in the article -------------------------------------------------------------

    def find_all(self, text: str, *, case_sensitive: bool = False) -> int:
        """Mark every occurrence of ``text``; return how many there are."""
        self._find_hits = []
        self._find_current = -1
        if text:
            flags = (
                QTextDocument.FindFlag.FindCaseSensitively
                if case_sensitive
                else QTextDocument.FindFlag(0)
            )
            cursor = self.document().find(text, 0, flags)
            while not cursor.isNull():
                self._find_hits.append(cursor)
                cursor = self.document().find(text, cursor, flags)
        self._apply_highlights()
        return len(self._find_hits)

    def find_step(self, *, backwards: bool = False) -> tuple[int, int]:
        """Go to the next (or previous) find match; return (its number from 1, how many)."""
        count = len(self._find_hits)
        if not count:
            return 0, 0
        if self._find_current < 0:
            here = self.textCursor().selectionStart()
            later = [i for i, hit in enumerate(self._find_hits) if hit.selectionStart() >= here]
            self._find_current = (later[0] if later else 0) - (1 if backwards else 0)
            self._find_current %= count
        else:
            self._find_current = (self._find_current + (-1 if backwards else 1)) % count
        self.setTextCursor(self._find_hits[self._find_current])
        self.ensureCursorVisible()
        self._apply_highlights()
        return self._find_current + 1, count

    def clear_find(self) -> None:
        """Remove the find marks."""
        self.find_all("")

    def reset_zoom(self) -> None:
        """Back to 100%."""
        self.set_zoom(100)

    # --- scrolling -----------------------------------------------------------------------

    def at_end(self) -> bool:
        """True when the last line is in view."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def page_down(self) -> None:
        """Scroll one screen down, keeping a line of context."""
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self._page_step())

    def page_up(self) -> None:
        """Scroll one screen up, keeping a line of context."""
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() - self._page_step())

    def _page_step(self) -> int:
        return max(1, self.viewport().height() - self.fontMetrics().lineSpacing() * 2)

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

    def _scale(self, points: float) -> float:
        return self._typography.scale(points)

    def _rebuild(self, *, keep_position: bool) -> None:
        fraction = self.scroll_fraction() if keep_position else 0.0
        # Documents made here are ours to delete; Qt deletes the one it made itself. They are
        # remembered rather than recognised by parent(): resolving the type of a returned
        # QObject makes PySide set up hundreds of Qt classes, 40 ms at start-up.
        stale = self._own_document
        article = self._article
        if self.showing_source():
            assert article is not None  # for mypy: only an article has a source
            document = build_source_document(
                self.palette(), self._typography, article.source, parent=self
            )
        else:
            document = build_document(
                self.palette(),
                self._typography,
                article=article,
                message=self._message if article is None else None,
                deleted=self._deleted,
                parent=self,
            )
        self.setDocument(document)
        self._own_document = document
        if stale is not None:
            stale.deleteLater()
        self._apply_column_margins()
        self._find_hits = []
        self._apply_highlights()
        self.set_scroll_fraction(fraction)

    def scroll_fraction(self) -> float:
        """How far into the article the top of the view is, from 0 to 1 (see ``ReadingPlace``)."""
        return self._place.fraction()

    def set_scroll_fraction(self, fraction: float) -> None:
        """Show the place ``fraction`` of the way into the article at the top of the view."""
        self._place.go_to(fraction)

    def _apply_column_margins(self) -> None:
        document = self.document()
        frame = document.rootFrame()
        width = self.viewport().width()
        metrics_font = QFont(document.defaultFont())
        char_width = _average_char_width(metrics_font)
        # A file's source is mostly wrapped at 72 to 100 columns: room for its lines as written.
        chars = (
            max(self._column_chars, SOURCE_COLUMNS) if self.showing_source() else self._column_chars
        )
        column = min(width - 2 * SIDE_PADDING, round(char_width * chars))
        side = max(SIDE_PADDING, (width - column) // 2)
        fmt = frame.frameFormat()
        if fmt.leftMargin() == side and fmt.rightMargin() == side:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(self._scale(28))
        fmt.setBottomMargin(self._scale(48))
        frame.setFrameFormat(fmt)


def _average_char_width(font: QFont) -> float:
    from PySide6.QtGui import QFontMetricsF

    return QFontMetricsF(font).averageCharWidth()
