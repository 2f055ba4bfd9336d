"""Typesetting an article into a ``QTextDocument``: plain text and formats, never markup."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
)

from viewer.core.article import EMPTY_FILE, WORDS_PER_MINUTE, Article
from viewer.core.article_export import field_label, meta_line
from viewer.core.article_files import display_path
from viewer.core.article_parts import Parts
from viewer.ui.block_writer import (
    MONO_FAMILIES,
    UI_FAMILIES,
    Page,
    ProportionalHeight,
    write_blocks,
)
from viewer.ui.part_writer import CountLine, part_line, write_part
from viewer.ui.reading_colours import ReadingColours, reading_colours
from viewer.ui.typeset import Typeset

BODY_POINT_SIZE: Final = 12.5
READING_FAMILIES: Final = ["Noto Serif", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"]
_SETTING: Final = "Setting this long article, and counting its words…"


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

    def reading_font(self) -> QFont:
        """The body font, at its unzoomed size."""
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(self.body_size)
        return font

    def choose(self, family: str | None, size: float | None) -> bool:
        """Take the body font's family (None: the default serif list) and size in points;
        False when they are what they were."""
        families = [family, *READING_FAMILIES] if family else list(READING_FAMILIES)
        body_size = max(6.0, min(48.0, size)) if size else BODY_POINT_SIZE
        if (families, body_size) == (self.families, self.body_size):
            return False
        self.families, self.body_size = families, body_size
        return True


def typeset(
    palette: QPalette,
    typography: Typography,
    *,
    article: Article | None = None,
    message: tuple[str, str] | None = None,
    deleted: bool = False,
    source: bool = False,
    parts: Parts | None = None,
    part: int = 0,
    parent: QObject | None = None,
) -> Typeset:
    """``article`` (or a short ``message``) to typeset in the palette's colours, or with
    ``source`` its file's text as written; a long one given its ``parts`` (of its paragraphs,
    or lines) is set plainly, part ``part`` of them."""
    if source and article is not None:
        return typeset_source(
            palette, typography, article.source, parts=parts, part=part, parent=parent
        )
    result = Typeset(_new_document(typography, parent), parts=parts, part=part)
    writer = _DocumentWriter(result, reading_colours(palette), typography)
    if article is not None:
        result.steps = writer.article(article, deleted=deleted)
    elif message is not None:
        result.steps = writer.message(*message)
    return result


def build_document(
    palette: QPalette,
    typography: Typography,
    *,
    article: Article | None = None,
    message: tuple[str, str] | None = None,
    deleted: bool = False,
    parts: Parts | None = None,
    part: int = 0,
    parent: QObject | None = None,
) -> QTextDocument:
    """A document showing ``article`` (or a short ``message``) in the palette's colours."""
    return typeset(
        palette,
        typography,
        article=article,
        message=message,
        deleted=deleted,
        parts=parts,
        part=part,
        parent=parent,
    ).finish()


def typeset_source(
    palette: QPalette,
    typography: Typography,
    source: str,
    *,
    parts: Parts | None = None,
    part: int = 0,
    parent: QObject | None = None,
) -> Typeset:
    """A file's text as written, plain, in a monospace font; a long one given its lines'
    ``parts``, part ``part`` of them."""
    result = Typeset(_new_document(typography, parent), parts=parts, part=part)
    font = QFont()
    font.setFamilies(MONO_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSizeF(typography.scale(10.5))
    result.document.setDefaultFont(font)
    page = Page(result.document, reading_colours(palette), typography.scale, result.breaks)
    result.steps = _source_steps(result, page, source)
    return result


def build_source_document(
    palette: QPalette, typography: Typography, source: str, parent: QObject | None = None
) -> QTextDocument:
    """A document showing a file's text as written: plain, in a monospace font."""
    return typeset_source(palette, typography, source, parent=parent).finish()


def _source_steps(result: Typeset, page: Page, source: str) -> Iterator[int]:
    fmt = QTextBlockFormat()
    fmt.setLineHeight(130, ProportionalHeight)
    chars = page.chars()
    if result.parts is None:
        page.block(fmt, chars)
        for line_number, line in enumerate(source.split("\n")):
            if line_number:
                page.block(fmt, chars)  # each line its own block, as in an editor
            page.write(line, chars)
        yield len(source)
        return
    if len(result.parts.parts) > 1:
        part_line(page, result.parts, result.part, lines=True)
    yield from write_part(result, page, lambda: QTextBlockFormat(fmt), chars)
    if len(result.parts.parts) > 1:
        part_line(page, result.parts, result.part, lines=True, at_end=True)


def _new_document(typography: Typography, parent: QObject | None) -> QTextDocument:
    document = QTextDocument(parent)
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(typography.body_font())
    document.setDocumentMargin(0)
    return document


class _DocumentWriter:
    """Writes an article into a ``QTextDocument`` with ``insertText`` only, so no markup runs."""

    def __init__(self, result: Typeset, colours: ReadingColours, typography: Typography) -> None:
        self._result = result
        self._page = Page(result.document, colours, typography.scale, result.breaks)
        self._colours = colours
        self._typography = typography
        self._scale: Callable[[float], float] = typography.scale

    def article(self, article: Article, *, deleted: bool = False) -> Iterator[int]:
        """Write the article: the head and a short body in one step, a long body in many."""
        page = self._page
        parts = self._result.parts
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
        counting = None
        if parts is not None:
            if parts.words is None:  # counted as the rest is set, then said
                self._line(_SETTING, page.muted(9.5), space_before=6)
                counting = CountLine(page)
            else:
                self._count(parts.words)
            if len(parts.parts) > 1:
                part_line(page, parts, self._result.part)
        elif article.ok and (words := article.word_count or 0):
            self._count(words)
        if article.error:
            self._notice(f"This file could not be read: {article.error}.", error=True)
            self._line(display_path(article.path), page.muted(9.5), space_before=6)
            return
        # An empty file says so in place of the text: not twice.
        warnings = [w for w in article.warnings if w != EMPTY_FILE]
        if warnings:
            self._notice("\n".join(_sentence(w) for w in warnings), error=False)
        page.rule()
        # Where the body starts: a concordance's n-th hit is the n-th one from here.
        self._result.body_start = page.cursor.position()
        if parts is not None:
            yield from write_part(self._result, page, page.paragraph_format, page.chars())
            if len(parts.parts) > 1:
                part_line(page, parts, self._result.part, at_end=True)
            if counting is not None:
                yield from parts.count_words()
                counting.say(count_words(parts.words or 0), self._result)
            return
        if not article.paragraphs:
            empty = article.size == 0 or (article.has_body and not article.source.strip())
            # Only the header read, as listed: the text is on its way.
            text = (
                "This file is empty."
                if empty
                else "This article has no text."
                if article.has_body
                else "Opening this article…"
            )
            self._line(text, page.muted(11), space_before=8)
        elif article.blocks:
            write_blocks(page, article.blocks)
        else:
            for paragraph in article.paragraphs:
                self._paragraph(paragraph)
        yield len(article.source)

    def message(self, title: str, text: str) -> Iterator[int]:
        """Write a short message in place of an article."""
        self._title(title, muted=True)
        self._line(text, self._page.muted(11), space_before=6)
        yield len(text)

    def _count(self, words: int) -> None:
        self._line(count_words(words), self._page.muted(9.5), space_before=6)

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
        self._page.write(text, chars)

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
        self._page.write(text, chars)

    def _field(self, key: str, value: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self._scale(2))
        label = self._page.muted(9.5)
        self._page.block(fmt, label)
        self._page.write(f"{field_label(key)}: ", label)
        value_format = self._page.muted(9.5)
        value_format.setForeground(self._colours.text)
        self._page.write(value, value_format)

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
        for number, line in enumerate(text.split("\n")):
            if number:
                self._page.cursor.insertBlock()
            self._page.write(line, chars)
        self._page.close_frame()

    def _paragraph(self, text: str) -> None:
        chars = self._page.chars()
        self._page.block(self._page.paragraph_format(), chars)
        self._page.write(text, chars)


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


def count_words(words: int) -> str:
    """ "1,234 words · 5 min read": the count, and the time it takes to read at a usual pace."""
    count = "1 word" if words == 1 else f"{words:,} words"
    # As ``Article.reading_minutes``, from a count made once: counting a long body takes long.
    minutes = max(1, round(words / WORDS_PER_MINUTE)) if words else 0
    if minutes < 60:
        read = f"{minutes} min read"
    elif minutes < 600:
        hours, rest = divmod(minutes, 60)
        read = f"{hours} h {rest} min read" if rest else f"{hours} h read"
    else:
        read = f"{round(minutes / 60):,} h read"
    return f"{count} · {read}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
