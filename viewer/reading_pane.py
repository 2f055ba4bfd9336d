"""The reading pane: one article typeset for reading, built from plain text, never from markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import QEvent, QRegularExpression, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from viewer.article import Article
from viewer.date_format import long_date
from viewer.search_query import Term

ZOOM_STEPS: Final = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
BODY_POINT_SIZE: Final = 12.5
COLUMN_CHARS: Final = 72  # a comfortable line length for prose
SIDE_PADDING: Final = 24
READING_FAMILIES: Final = ["Noto Serif", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"]
UI_FAMILIES: Final = ["Noto Sans", "Cantarell", "Segoe UI", "DejaVu Sans", "sans-serif"]


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
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setUndoRedoEnabled(False)
        self._article: Article | None = None
        self._message: tuple[str, str] | None = None
        self._deleted = False
        self._terms: tuple[Term, ...] = ()
        self._hits: list[QTextCursor] = []
        self._zoom = 100
        self.show_message("No article selected", "Open a file or a folder with File ▸ Open.")

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
        tint = self.palette().color(QPalette.ColorRole.Highlight)
        tint.setAlpha(70)
        selections = []
        for hit in self._hits:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = hit
            selection.format.setBackground(tint)
            selections.append(selection)
        self.setExtraSelections(selections)

    def show_message(self, title: str, text: str) -> None:
        """Show a short message instead of an article."""
        self._article = None
        self._message = (title, text)
        self._rebuild(keep_position=False)

    def plain_text(self) -> str:
        """What a person reads, as plain text."""
        return self.document().toPlainText()

    # --- zoom ----------------------------------------------------------------------------

    def zoom(self) -> int:
        """The zoom level in percent."""
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        """Set the zoom level, within the supported steps' range."""
        percent = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], int(percent)))
        if percent == self._zoom:
            return
        self._zoom = percent
        self._rebuild(keep_position=True)
        self.zoomChanged.emit(percent)

    def zoom_in(self) -> None:
        """Step up to the next zoom level."""
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """Step down to the previous zoom level."""
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom), ZOOM_STEPS[0]))

    def reset_zoom(self) -> None:
        """Back to 100%."""
        self.set_zoom(100)

    # --- scrolling -----------------------------------------------------------------------

    def at_end(self) -> bool:
        """True when the last line is in view."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def at_start(self) -> bool:
        """True when the first line is in view."""
        bar = self.verticalScrollBar()
        return bar.value() <= bar.minimum()

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
        """Keep the text column centred at a readable width."""
        super().resizeEvent(event)
        self._apply_column_margins()

    def changeEvent(self, event: QEvent) -> None:
        """Rebuild with the new colours when the palette changes (light and dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._rebuild(keep_position=True)

    # --- typesetting ---------------------------------------------------------------------

    def _scale(self, points: float) -> float:
        return points * self._zoom / 100

    def _rebuild(self, *, keep_position: bool) -> None:
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if keep_position and bar.maximum() else 0.0
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        body_font = QFont()
        body_font.setFamilies(READING_FAMILIES)
        body_font.setPointSizeF(self._scale(BODY_POINT_SIZE))
        document.setDefaultFont(body_font)
        document.setDocumentMargin(0)
        writer = _DocumentWriter(document, self.palette(), self._scale)
        if self._article is not None:
            writer.article(self._article, deleted=self._deleted)
        elif self._message is not None:
            writer.message(*self._message)
        self.setDocument(document)
        self._apply_column_margins()
        self._apply_highlights()
        if keep_position:
            bar.setValue(round(fraction * bar.maximum()))
        else:
            bar.setValue(0)

    def _apply_column_margins(self) -> None:
        document = self.document()
        frame = document.rootFrame()
        width = self.viewport().width()
        metrics_font = QFont(document.defaultFont())
        char_width = _average_char_width(metrics_font)
        column = min(width - 2 * SIDE_PADDING, round(char_width * COLUMN_CHARS))
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


class _DocumentWriter:
    """Writes an article into a ``QTextDocument`` with ``insertText`` only, so no markup runs."""

    def __init__(self, document: QTextDocument, palette: QPalette, scale: Any) -> None:
        self._cursor = QTextCursor(document)
        self._palette = palette
        self._scale = scale
        self._first_block = True

    def article(self, article: Article, *, deleted: bool = False) -> None:
        if deleted:
            self._first_block = False
            self._notice("This file has been deleted. What you see is what it held.", error=True)
            self._line("", self._muted(4))
        self._title(article.title)
        meta = _meta_line(article)
        if meta:
            self._line(meta, self._muted(10.5), space_after=4)
        for key, value in article.fields.items():
            self._field(key, value)
        if article.ok and article.has_body:
            words = article.word_count or 0
            minutes = article.reading_minutes
            self._line(f"{words:,} words · {minutes} min read", self._muted(9.5), space_before=6)
        if article.error:
            self._notice(f"This file could not be read: {article.error}.", error=True)
            self._line(article.path, self._muted(9.5), space_before=6)
            return
        if article.warnings:
            self._notice("\n".join(_sentence(w) for w in article.warnings), error=False)
        self._rule()
        if not article.paragraphs:
            self._line("This article has no text.", self._muted(11), space_before=8)
        for paragraph in article.paragraphs:
            self._paragraph(paragraph)

    def message(self, title: str, text: str) -> None:
        self._title(title, muted=True)
        self._line(text, self._muted(11), space_before=6)

    # --- pieces --------------------------------------------------------------------------

    def _block(self, fmt: QTextBlockFormat, chars: QTextCharFormat) -> None:
        if self._first_block:
            self._cursor.setBlockFormat(fmt)
            self._cursor.setBlockCharFormat(chars)
            self._first_block = False
        else:
            self._cursor.insertBlock(fmt, chars)

    def _title(self, text: str, *, muted: bool = False) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(10))
        fmt.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        chars = QTextCharFormat()
        chars.setFontFamilies(READING_FAMILIES)
        chars.setFontPointSize(self._scale(24))
        chars.setFontWeight(QFont.Weight.Bold)
        if muted:
            chars.setForeground(self._palette.color(QPalette.ColorRole.PlaceholderText))
        self._block(fmt, chars)
        self._cursor.insertText(text, chars)

    def _muted(self, points: float) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFontFamilies(UI_FAMILIES)
        chars.setFontPointSize(self._scale(points))
        chars.setForeground(self._muted_color())
        return chars

    def _muted_color(self) -> QColor:
        text = self._palette.color(QPalette.ColorRole.Text)
        base = self._palette.color(QPalette.ColorRole.Base)
        # Halfway to the background reads as secondary in light and dark palettes alike.
        return QColor(
            (text.red() * 3 + base.red() * 2) // 5,
            (text.green() * 3 + base.green() * 2) // 5,
            (text.blue() * 3 + base.blue() * 2) // 5,
        )

    def _line(
        self,
        text: str,
        chars: QTextCharFormat,
        *,
        space_before: float = 0,
        space_after: float = 0,
    ) -> None:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self._scale(space_before))
        fmt.setBottomMargin(self._scale(space_after))
        self._block(fmt, chars)
        self._cursor.insertText(text, chars)

    def _field(self, key: str, value: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(2))
        label = self._muted(9.5)
        self._block(fmt, label)
        self._cursor.insertText(f"{key.title()}: ", label)
        value_format = self._muted(9.5)
        value_format.setForeground(self._palette.color(QPalette.ColorRole.Text))
        self._cursor.insertText(value, value_format)

    def _notice(self, text: str, *, error: bool) -> None:
        frame = QTextFrameFormat()
        tint = QColor("#c62828" if error else "#b7791f")
        background = QColor(self._palette.color(QPalette.ColorRole.Base))
        mixed = QColor(
            (background.red() * 85 + tint.red() * 15) // 100,
            (background.green() * 85 + tint.green() * 15) // 100,
            (background.blue() * 85 + tint.blue() * 15) // 100,
        )
        frame.setBackground(mixed)
        frame.setPadding(self._scale(8))
        frame.setTopMargin(self._scale(12))
        frame.setBottomMargin(self._scale(4))
        frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        self._first_block = False
        self._cursor.insertFrame(frame)
        chars = QTextCharFormat()
        chars.setFontFamilies(UI_FAMILIES)
        chars.setFontPointSize(self._scale(10))
        chars.setForeground(self._palette.color(QPalette.ColorRole.Text))
        self._cursor.setBlockCharFormat(chars)
        self._cursor.insertText(text, chars)
        self._cursor.movePosition(QTextCursor.MoveOperation.End)

    def _rule(self) -> None:
        """A thin line between the header and the body."""
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self._scale(14))
        fmt.setBottomMargin(self._scale(16))
        # An empty block one pixel high, filled: a hairline in the palette's quiet colour.
        fmt.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        fmt.setBackground(self._rule_color())
        chars = QTextCharFormat()
        chars.setFontPointSize(1)
        self._block(fmt, chars)

    def _rule_color(self) -> QColor:
        text = self._palette.color(QPalette.ColorRole.Text)
        base = self._palette.color(QPalette.ColorRole.Base)
        return QColor(
            (text.red() + base.red() * 4) // 5,
            (text.green() + base.green() * 4) // 5,
            (text.blue() + base.blue() * 4) // 5,
        )

    def _paragraph(self, text: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(11))
        fmt.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
        chars = QTextCharFormat()
        self._block(fmt, chars)
        self._cursor.insertText(text, chars)


def find_terms(document: QTextDocument, terms: Sequence[Term]) -> list[QTextCursor]:
    """Cursors over every occurrence of the terms, in document order."""
    hits: list[QTextCursor] = []
    for term in terms:
        words = [QRegularExpression.escape(word) for word in term.text.split()]
        if not words:
            continue
        pattern = r"\b" + r"\s+".join(words) + (r"\w*" if term.prefix else r"\b")
        expression = QRegularExpression(
            pattern,
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
        )
        cursor = document.find(expression, 0)
        while not cursor.isNull():
            hits.append(cursor)
            cursor = document.find(expression, cursor)
    hits.sort(key=lambda hit: hit.selectionStart())
    return hits


def _meta_line(article: Article) -> str:
    parts = []
    if article.section:
        parts.append(article.section)
    if article.published is not None:
        parts.append(f"Published {long_date(article.published)}")
    elif article.published_raw:
        parts.append(f"Published {article.published_raw}")
    if article.updated is not None and article.updated != article.published:
        parts.append(f"Updated {long_date(article.updated)}")
    elif article.updated is None and article.updated_raw:
        parts.append(f"Updated {article.updated_raw}")
    return " · ".join(parts)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
