"""Typesetting an article into a ``QTextDocument``: plain text and formats, never markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import QObject, QRegularExpression, Qt
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

from viewer.article import Article
from viewer.article_export import meta_line
from viewer.search_query import Term

BODY_POINT_SIZE: Final = 12.5
READING_FAMILIES: Final = ["Noto Serif", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"]
UI_FAMILIES: Final = ["Noto Sans", "Cantarell", "Segoe UI", "DejaVu Sans", "sans-serif"]


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
    document = QTextDocument(parent)
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(typography.body_font())
    document.setDocumentMargin(0)
    writer = _DocumentWriter(document, palette, typography)
    if article is not None:
        writer.article(article, deleted=deleted)
    elif message is not None:
        writer.message(*message)
    return document


class _DocumentWriter:
    """Writes an article into a ``QTextDocument`` with ``insertText`` only, so no markup runs."""

    def __init__(self, document: QTextDocument, palette: QPalette, typography: Typography) -> None:
        self._cursor = QTextCursor(document)
        self._palette = palette
        self._typography = typography
        self._scale: Callable[[float], float] = typography.scale
        self._first_block = True

    def article(self, article: Article, *, deleted: bool = False) -> None:
        if deleted:
            self._first_block = False
            self._notice("This file has been deleted. What you see is what it held.", error=True)
            self._line("", self._muted(4))
        self._title(article.title)
        meta = meta_line(article)
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
        chars.setFontFamilies(self._typography.families)
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
        # Most of the way to the background reads as secondary in light and dark alike.
        return _mix(self._palette.color(QPalette.ColorRole.Text), self._base(), 0.6)

    def _base(self) -> QColor:
        return self._palette.color(QPalette.ColorRole.Base)

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
        frame.setBackground(_mix(tint, self._base(), 0.15))
        frame.setPadding(self._scale(8))
        frame.setTopMargin(self._scale(12))
        frame.setBottomMargin(self._scale(16))
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
        self._first_block = True  # the empty block after the frame takes the next line

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
        return _mix(self._palette.color(QPalette.ColorRole.Text), self._base(), 0.2)

    def _paragraph(self, text: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(11))
        fmt.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
        chars = QTextCharFormat()
        self._block(fmt, chars)
        self._cursor.insertText(text, chars)


def _mix(colour: QColor, base: QColor, share: float) -> QColor:
    """``share`` of ``colour`` over ``base``."""
    return QColor(
        round(colour.red() * share + base.red() * (1 - share)),
        round(colour.green() * share + base.green() * (1 - share)),
        round(colour.blue() * share + base.blue() * (1 - share)),
    )


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
