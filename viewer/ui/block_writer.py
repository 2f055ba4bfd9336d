"""Typesetting an article's blocks (Markdown, mail): formats and ``insertText`` only, no markup."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableCellFormat,
    QTextTableFormat,
)

from viewer.core.blocks import (
    CODE,
    CODE_SPAN,
    EMPHASIS,
    HEADING,
    IMAGE,
    ITEM,
    QUOTE,
    RULE,
    SIGNATURE,
    STRIKE,
    STRONG,
    Block,
    Span,
)
from viewer.core.soft_breaks import MAX_BLOCK, SoftBreaks, break_point
from viewer.library.plain_text import plain_tooltip
from viewer.ui.reading_colours import ReadingColours

MONO_FAMILIES: Final = ["Noto Sans Mono", "DejaVu Sans Mono", "Liberation Mono", "monospace"]
UI_FAMILIES: Final = ["Noto Sans", "Cantarell", "Segoe UI", "DejaVu Sans", "sans-serif"]
HEADING_POINTS: Final = {1: 19.0, 2: 16.5, 3: 14.5, 4: 13.0, 5: 12.5, 6: 12.5}
INDENT: Final = 24.0  # points a list or quote level steps in
_HANG: Final = INDENT  # room for a marker left of its item's text
# A line break inside a block (a hard break, a line of code) keeps the block one block, so its
# margins and background hold together.
LINE_SEPARATOR: Final = "\u2028"
ProportionalHeight: Final = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


class Page:
    """A cursor writing into a document, with the reader's type sizes and the colours.

    Text goes in through ``write`` (or ``pieces``): a block never grows much past
    ``MAX_BLOCK`` characters, and ``breaks`` keeps where one went on in the next.
    """

    def __init__(
        self,
        document: QTextDocument,
        colours: ReadingColours,
        scale: Callable[[float], float],
        breaks: SoftBreaks | None = None,
    ) -> None:
        self.cursor = QTextCursor(document)
        self.colours = colours
        self.scale = scale
        self.breaks = SoftBreaks() if breaks is None else breaks
        self.fresh = True  # the block under the cursor is empty and takes the next line
        self._run = 0  # characters in the block under the cursor

    def block(self, fmt: QTextBlockFormat, chars: QTextCharFormat) -> None:
        """Start a block with these formats."""
        if self.fresh:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(chars)
            self.fresh = False
        else:
            self.cursor.insertBlock(fmt, chars)
        self._run = 0

    def text(self, text: str, chars: QTextCharFormat) -> None:
        """Insert plain text; line breaks in it stay inside the block."""
        self.write(text.replace("\n", LINE_SEPARATOR), chars)

    def write(self, text: str, chars: QTextCharFormat) -> None:
        """Insert plain text without line breaks (see ``pieces``)."""
        for _ in self.pieces(text, chars):
            pass

    def pieces(self, text: str, chars: QTextCharFormat) -> Iterator[int]:
        """Insert plain text, going on in a block like this one at a sentence's end or a
        word's when the block grows too long; yield the length of each piece as it goes in."""
        start = 0
        while (cut := break_point(text, start, max(1, MAX_BLOCK - self._run))) is not None:
            end, skip = cut
            self.cursor.insertText(text[start:end], chars)
            self.breaks.add(self.cursor.position(), text[end] if skip else "")
            self._go_on()
            yield end - start
            start = end + skip
        rest = text[start:] if start else text
        self.cursor.insertText(rest, chars)
        self._run += len(rest)
        yield len(rest)

    def _go_on(self) -> None:
        """End the block here and go on in one of the same kind, as if no break were there:
        no gap between the two, and no first-line indent or marker."""
        here = self.cursor.blockFormat()
        after = QTextBlockFormat(here)
        after.setTopMargin(0)
        after.setTextIndent(0)
        here.setBottomMargin(0)
        self.cursor.setBlockFormat(here)
        self.cursor.insertBlock(after, self.cursor.blockCharFormat())
        self._run = 0

    def open_frame(self, fmt: QTextFrameFormat) -> None:
        """Start a frame (a notice, code); the cursor is in its first block."""
        self.fresh = False
        self.cursor.insertFrame(fmt)
        self._run = 0

    def close_frame(self) -> None:
        """Leave the frame: the empty block after it takes the next line."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.fresh = True
        self._run = 0

    def chars(self, *, families: list[str] | None = None, points: float = 0) -> QTextCharFormat:
        """A character format in the text colour (explicit, so paper prints dark on white)."""
        chars = QTextCharFormat()
        if families:
            chars.setFontFamilies(families)
        if points:
            chars.setFontPointSize(self.scale(points))
        chars.setForeground(self.colours.text)
        return chars

    def muted(self, points: float) -> QTextCharFormat:
        """Small secondary text in the interface font."""
        chars = self.chars(families=UI_FAMILIES, points=points)
        chars.setForeground(self.colours.muted)
        return chars

    def rule(self) -> None:
        """A hairline: an empty block one pixel high, filled with the quiet colour."""
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.scale(14))
        fmt.setBottomMargin(self.scale(16))
        fmt.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        fmt.setBackground(self.colours.rule)
        chars = self.chars()
        chars.setFontPointSize(1)
        self.block(fmt, chars)

    def paragraph_format(self) -> QTextBlockFormat:
        """The body paragraph's spacing: airy lines, a gap below."""
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self.scale(11))
        fmt.setLineHeight(150, ProportionalHeight)
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
        return fmt


def write_blocks(page: Page, blocks: tuple[Block, ...]) -> None:
    """Set each block in its own way."""
    previous = ""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == QUOTE:
            end = index
            while end < len(blocks) and blocks[end].kind == QUOTE:
                end += 1
            _quotes(page, blocks[index:end], after_rule=previous == RULE)
            index, previous = end, QUOTE
            continue
        if block.kind == RULE:
            page.rule()
        elif block.kind == CODE:
            _code(page, block, after_rule=previous == RULE)
        elif block.kind == HEADING:
            _heading(page, block)
        elif block.kind == ITEM:
            _indented(page, block, first=previous != ITEM)
        elif block.kind == SIGNATURE:
            fmt = QTextBlockFormat()
            fmt.setTopMargin(page.scale(6))
            fmt.setBottomMargin(page.scale(4))
            fmt.setLineHeight(135, ProportionalHeight)
            chars = page.muted(10.5)
            page.block(fmt, chars)
            write_spans(page, block.spans, chars)
        else:
            fmt = page.paragraph_format()
            if previous == ITEM:
                fmt.setTopMargin(page.scale(6))
            chars = page.chars()
            page.block(fmt, chars)
            write_spans(page, block.spans, chars)
        previous = block.kind
        index += 1


def _heading(page: Page, block: Block) -> None:
    level = max(1, min(6, block.level))
    fmt = QTextBlockFormat()
    fmt.setTopMargin(page.scale(20 if level <= 2 else 14))
    fmt.setBottomMargin(page.scale(6))
    fmt.setLineHeight(120, ProportionalHeight)
    fmt.setHeadingLevel(level)
    chars = page.chars(points=HEADING_POINTS[level])
    chars.setFontWeight(QFont.Weight.Bold)
    page.block(fmt, chars)
    write_spans(page, block.spans, chars)


def _quotes(page: Page, blocks: tuple[Block, ...], *, after_rule: bool) -> None:
    """A run of quoted paragraphs in one cell with a quiet bar down its left side."""
    table = QTextTableFormat()
    table.setBorder(0)
    table.setBorderCollapse(True)  # lets the cell draw a border on one side only
    table.setCellPadding(0)
    table.setCellSpacing(0)
    table.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table.setTopMargin(page.scale(16 if after_rule else 4))
    table.setBottomMargin(page.scale(12))
    page.fresh = False
    cell = page.cursor.insertTable(1, 1, table).cellAt(0, 0)
    cell_format = QTextTableCellFormat()
    cell_format.setLeftBorder(page.scale(3))
    cell_format.setLeftBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    cell_format.setLeftBorderBrush(page.colours.quote_marker)
    cell_format.setTopBorder(0)
    cell_format.setRightBorder(0)
    cell_format.setBottomBorder(0)
    cell_format.setLeftPadding(page.scale(14))
    cell_format.setTopPadding(page.scale(2))
    page.fresh = True  # the cell's first block
    for number, block in enumerate(blocks):
        _indented(page, block, first=number == 0, last=number == len(blocks) - 1)
    # Last: a cell keeps its format in its first block's character format, which the first
    # paragraph has just set.
    cell.setFormat(cell_format)
    page.close_frame()


def _indented(page: Page, block: Block, *, first: bool, last: bool = False) -> None:
    """A list item or a quoted paragraph: stepped in by its level, a marker hanging left."""
    quote = block.kind == QUOTE
    # Level 1 hangs its markers at the body's edge; inside its bar, a quote's first level is
    # where the bar puts it.
    steps = max(1, block.level) - 1
    fmt = QTextBlockFormat()
    fmt.setLeftMargin(page.scale(INDENT * steps + (_HANG if block.marker or not quote else 0)))
    fmt.setTopMargin(page.scale(4) if first and not quote else 0)
    fmt.setBottomMargin(0 if quote and last else page.scale(8 if quote else 5))
    fmt.setLineHeight(145, ProportionalHeight)
    chars = page.chars()
    if quote:
        chars.setFontItalic(True)
        chars.setForeground(page.colours.quote_text)
    if block.marker:
        hang = page.scale(_HANG)
        fmt.setTextIndent(-hang)
        # Tab positions count from where the line starts (the hanging marker): a tab one
        # hang along puts the text at the margin, whatever the marker's width.
        fmt.setTabPositions([QTextOption.Tab(hang, QTextOption.TabType.LeftTab)])
    page.block(fmt, chars)
    if block.marker:
        marker = QTextCharFormat(chars)
        marker.setForeground(page.colours.muted if quote else page.colours.text)
        page.text(f"{block.marker}\t", marker)
    write_spans(page, block.spans, chars)


def _code(page: Page, block: Block, *, after_rule: bool) -> None:
    """Preformatted text in a tinted box, line breaks kept."""
    frame = QTextFrameFormat()
    frame.setBackground(page.colours.code_background)
    frame.setPadding(page.scale(8))
    frame.setBorder(0)
    frame.setLeftMargin(page.scale(INDENT * block.level))
    frame.setTopMargin(page.scale(16 if after_rule else 2))
    frame.setBottomMargin(page.scale(12))
    frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    page.open_frame(frame)
    fmt = QTextBlockFormat()
    fmt.setLineHeight(125, ProportionalHeight)
    chars = page.chars(families=MONO_FAMILIES, points=10.5)
    chars.setFontFixedPitch(True)
    page.cursor.setBlockFormat(fmt)
    page.cursor.setBlockCharFormat(chars)
    write_spans(page, block.spans, chars)
    page.close_frame()


def write_spans(page: Page, spans: tuple[Span, ...], base: QTextCharFormat) -> None:
    """Each span's text in ``base`` with its style, as plain text."""
    colours = page.colours
    for span in spans:
        chars = QTextCharFormat(base)
        style = span.style
        text = span.text
        if style & EMPHASIS:
            chars.setFontItalic(not base.fontItalic())  # emphasis in a quote stands upright
        if style & STRONG:
            chars.setFontWeight(QFont.Weight.Bold)
        if style & STRIKE:
            chars.setFontStrikeOut(True)
        if style & CODE_SPAN and not base.fontFixedPitch():
            chars.setFontFamilies(MONO_FAMILIES)
            chars.setFontFixedPitch(True)
            size = base.fontPointSize() or page.scale(12.5)
            chars.setFontPointSize(size * 0.88)
            chars.setBackground(colours.code_background)
        if style & IMAGE:
            text = "[image]" if text == "image" else f"[image: {text}]"
            chars.setForeground(colours.muted)
            chars.setToolTip(plain_tooltip(f"An image, not loaded: {span.href or 'no address'}"))
        elif span.href:
            chars.setAnchor(True)
            chars.setAnchorHref(span.href)
            chars.setForeground(colours.link)
            chars.setFontUnderline(True)
            chars.setToolTip(plain_tooltip(span.href))
        page.text(text, chars)
