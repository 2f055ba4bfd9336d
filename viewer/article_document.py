"""Typesetting an article into a ``QTextDocument``: plain text and formats, never markup."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import QObject, QRegularExpression
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
)
from PySide6.QtWidgets import QTextEdit

from viewer.article import EMPTY_FILE, Article
from viewer.article_export import field_label, meta_line
from viewer.article_files import display_path
from viewer.block_writer import (
    MONO_FAMILIES,
    UI_FAMILIES,
    Page,
    ProportionalHeight,
    write_blocks,
)
from viewer.reading_colours import ReadingColours, reading_colours
from viewer.search_query import Term

BODY_POINT_SIZE: Final = 12.5
READING_FAMILIES: Final = ["Noto Serif", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"]


@dataclass
class Typography:
    """The reader's choices: the body font (families tried in order) and its size in points."""

    families: list[str] = field(default_factory=lambda: list(READING_FAMILIES))
    body_size: float = BODY_POINT_SIZE
    zoom: int = 100

    def scale(self, points: float) -> float:
        """A size in points, scaled with the body size and the zoom."""
        return points * (self.body_size / BODY_POINT_SIZE) * self.zoom / 100

    def body_font(self) -> QFont:
        """The body text's font."""
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(self.scale(BODY_POINT_SIZE))
        return font


def build_document(
    palette: QPalette,
    typography: Typography,
    *,
    article: Article | None = None,
    message: tuple[str, str] | None = None,
    deleted: bool = False,
    parent: QObject | None = None,
) -> QTextDocument:
    """A document showing ``article`` (or a short ``message``) in the palette's colours."""
    document = _new_document(typography, parent)
    writer = _DocumentWriter(document, reading_colours(palette), typography)
    if article is not None:
        writer.article(article, deleted=deleted)
    elif message is not None:
        writer.message(*message)
    return document


def build_source_document(
    palette: QPalette, typography: Typography, source: str, parent: QObject | None = None
) -> QTextDocument:
    """A document showing a file's text as written: plain, in a monospace font."""
    document = _new_document(typography, parent)
    font = QFont()
    font.setFamilies(MONO_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSizeF(typography.scale(10.5))
    document.setDefaultFont(font)
    page = Page(document, reading_colours(palette), typography.scale)
    fmt = QTextBlockFormat()
    fmt.setLineHeight(130, ProportionalHeight)
    chars = page.chars()
    page.block(fmt, chars)
    page.cursor.insertText(source, chars)  # each line its own block, as in an editor
    return document


def _new_document(typography: Typography, parent: QObject | None) -> QTextDocument:
    document = QTextDocument(parent)
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(typography.body_font())
    document.setDocumentMargin(0)
    return document


class _DocumentWriter:
    """Writes an article into a ``QTextDocument`` with ``insertText`` only, so no markup runs."""

    def __init__(
        self, document: QTextDocument, colours: ReadingColours, typography: Typography
    ) -> None:
        self._page = Page(document, colours, typography.scale)
        self._colours = colours
        self._typography = typography
        self._scale: Callable[[float], float] = typography.scale

    def article(self, article: Article, *, deleted: bool = False) -> None:
        page = self._page
        if deleted:
            page.fresh = False
            self._notice("This file has been deleted. What you see is what it held.", error=True)
            self._line("", page.muted(4))
        self._title(article.title)
        derived = _derived_note(article)
        if derived:
            note = page.muted(9.5)
            note.setFontItalic(True)
            self._line(derived, note, space_after=6)
        meta = meta_line(article)
        if meta:
            self._line(meta, page.muted(10.5), space_after=4)
        for key, value in article.fields.items():
            self._field(key, value)
        words = article.word_count or 0
        if article.ok and words:
            minutes = article.reading_minutes
            count = "1 word" if words == 1 else f"{words:,} words"
            self._line(f"{count} · {minutes:,} min read", page.muted(9.5), space_before=6)
        if article.error:
            self._notice(f"This file could not be read: {article.error}.", error=True)
            self._line(display_path(article.path), page.muted(9.5), space_before=6)
            return
        # An empty file says so in place of the text: not twice.
        warnings = [w for w in article.warnings if w != EMPTY_FILE]
        if warnings:
            self._notice("\n".join(_sentence(w) for w in warnings), error=False)
        page.rule()
        if not article.paragraphs:
            empty = article.size == 0 or (article.has_body and not article.source.strip())
            text = "This file is empty." if empty else "This article has no text."
            self._line(text, page.muted(11), space_before=8)
        elif article.blocks:
            write_blocks(page, article.blocks)
        else:
            for paragraph in article.paragraphs:
                self._paragraph(paragraph)

    def message(self, title: str, text: str) -> None:
        self._title(title, muted=True)
        self._line(text, self._page.muted(11), space_before=6)

    # --- pieces --------------------------------------------------------------------------

    def _title(self, text: str, *, muted: bool = False) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(10))
        fmt.setLineHeight(118, ProportionalHeight)
        chars = self._page.chars(families=self._typography.families, points=24)
        chars.setFontWeight(QFont.Weight.Bold)
        if muted:
            chars.setForeground(self._colours.muted)
        self._page.block(fmt, chars)
        self._page.cursor.insertText(text, chars)

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
        self._page.block(fmt, chars)
        self._page.cursor.insertText(text, chars)

    def _field(self, key: str, value: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(2))
        label = self._page.muted(9.5)
        self._page.block(fmt, label)
        self._page.cursor.insertText(f"{field_label(key)}: ", label)
        value_format = self._page.muted(9.5)
        value_format.setForeground(self._colours.text)
        self._page.cursor.insertText(value, value_format)

    def _notice(self, text: str, *, error: bool) -> None:
        colours = self._colours
        frame = QTextFrameFormat()
        frame.setBackground(colours.error_background if error else colours.warning_background)
        frame.setPadding(self._scale(8))
        frame.setTopMargin(self._scale(12))
        frame.setBottomMargin(self._scale(16))
        frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        self._page.open_frame(frame)
        chars = self._page.chars(families=UI_FAMILIES, points=10)
        self._page.cursor.setBlockCharFormat(chars)
        self._page.cursor.insertText(text, chars)
        self._page.close_frame()

    def _paragraph(self, text: str) -> None:
        chars = self._page.chars()
        self._page.block(self._page.paragraph_format(), chars)
        self._page.cursor.insertText(text, chars)


def _derived_note(article: Article) -> str:
    """Says which values the viewer worked out, so they are not taken for the file's own."""
    notes = []
    if "title" in article.derived:
        stem = display_path(os.path.splitext(os.path.basename(article.path))[0])
        notes.append("Title from " + ("the file name" if article.title == stem else "the text"))
    if "published" in article.derived:
        notes.append("date from the file's name or folder")
    if not notes:
        return ""
    text = "; ".join(notes) + " (not given in the file)"
    return text[:1].upper() + text[1:]


def mark(cursor: QTextCursor, background: QColor, text: QColor) -> QTextEdit.ExtraSelection:
    """A mark over a match: its own background, with text of a colour that reads on it."""
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format.setBackground(background)
    selection.format.setForeground(text)
    return selection


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


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
