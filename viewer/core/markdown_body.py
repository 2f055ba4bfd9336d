"""Markdown bodies: blocks and styled spans from a CommonMark text (no Qt).

markdown-it-py reads the text (CommonMark with tables and strikethrough; raw HTML is off, so
it stays text). Nothing is rendered: its tokens become the blocks of ``viewer.core.blocks``. Text
that is too big or too deeply nested to read as Markdown quickly and faithfully is read as
plain paragraphs instead, so a hostile file costs formatting, never words or time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Final

from viewer.core.blocks import (
    CODE,
    CODE_SPAN,
    EMPHASIS,
    HEADING,
    IMAGE,
    ITEM,
    PARAGRAPH,
    QUOTE,
    RULE,
    STRIKE,
    STRONG,
    Block,
    Span,
    plain_block,
)
from viewer.core.body import paragraphs

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BULLET: Final = "•"
CELL_SEPARATOR: Final = " │ "
# markdown-it takes about a microsecond a character on prose, but up to twenty on runs of
# brackets or emphasis marks; past these limits a body is read as plain paragraphs.
MAX_CHARS: Final = 200_000
MAX_DELIMITERS: Final = 10_000
_DELIMITERS: Final = "[*_~`<"
# A title's setext underline ("Title" over "=====") is where the body's lines begin.
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_STYLE_OF_TAG: Final = {"em": EMPHASIS, "strong": STRONG, "s": STRIKE}


class _TooDeep(Exception):
    """Nesting past markdown-it's limit, where it would silently drop the rest of the text."""


@cache
def _parser() -> MarkdownIt:
    """The one MarkdownIt of the process, made on first use (start-up and workers that list
    files need not import it)."""
    from markdown_it import MarkdownIt
    from markdown_it.parser_block import ParserBlock
    from markdown_it.rules_block import StateBlock

    class GuardedBlockParser(ParserBlock):
        """markdown-it's block parser, raising where it would skip text nested too deeply."""

        def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
            """Tokenize the lines, unless their nesting is past the limit."""
            if state.level >= state.md.options.maxNesting:
                line = state.skipEmptyLines(startLine)
                if line < endLine and state.sCount[line] >= state.blkIndent:
                    raise _TooDeep
            super().tokenize(state, startLine, endLine)

    markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    guarded = GuardedBlockParser()
    guarded.ruler = markdown.block.ruler  # keeps the rules just enabled
    markdown.block = guarded
    return markdown


def markdown_blocks(lines: list[str]) -> tuple[Block, ...]:
    """The blocks of a Markdown body, given as its lines; never raises."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _UNDERLINE.fullmatch(lines[start]):
        start += 1
    lines = lines[start:]
    text = "\n".join(lines)
    if len(text) > MAX_CHARS or sum(map(text.count, _DELIMITERS)) > MAX_DELIMITERS:
        return _plain(lines)
    try:
        return _BlockBuilder().build(_parser().parse(text))
    except Exception:  # RecursionError, _TooDeep, a bug in either parser: the words stay
        return _plain(lines)


def inline_text(text: str) -> str:
    """A line of Markdown as plain text (a title: ``Harbour *notes*`` → ``Harbour notes``)."""
    if not any(mark in text for mark in "*_`[\\<&~"):
        return text
    try:
        tokens = _parser().parseInline(text)
        spans = _spans(tokens[0].children or []) if tokens else ()
    except Exception:  # as for a body: the words stay, as written
        return text
    return " ".join("".join(span.text for span in spans).split()) or text


def _plain(lines: list[str]) -> tuple[Block, ...]:
    return tuple(plain_block(PARAGRAPH, text) for text in paragraphs(lines))


@dataclass
class _List:
    ordered: bool
    number: int = 1
    delimiter: str = "."


@dataclass
class _Item:
    depth: int  # how many lists it sits in
    marker: str
    marker_used: bool = False


@dataclass
class _Quote:
    pass


@dataclass
class _Table:
    rows: list[list[list[Span]]] = field(default_factory=list)
    header_rows: int = 0


class _BlockBuilder:
    """Turns markdown-it's token stream into blocks, without recursion (nesting is data)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.containers: list[_Item | _Quote] = []
        self.lists: list[_List] = []
        self.quote_depth = 0
        self.heading = 0
        self.table: _Table | None = None
        self.in_header = False

    def build(self, tokens: list[Token]) -> tuple[Block, ...]:
        for token in tokens:
            self._token(token)
        return tuple(self.blocks)

    def _token(self, token: Token) -> None:
        kind = token.type
        if kind == "inline":
            self._inline(_spans(token.children or []))
        elif kind == "heading_open":
            self.heading = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind == "heading_close":
            self.heading = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = token.attrs.get("start", 1)
            number = start if isinstance(start, int) else 1
            self.lists.append(_List(ordered, number, token.markup or "."))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if self.lists:
                self.lists.pop()
        elif kind == "list_item_open":
            self._flush_marker()
            current = self.lists[-1] if self.lists else _List(False)
            marker = f"{current.number}{current.delimiter}" if current.ordered else BULLET
            current.number += 1
            self.containers.append(_Item(len(self.lists), marker))
        elif kind == "list_item_close":
            self._flush_marker()
            if self.containers and isinstance(self.containers[-1], _Item):
                self.containers.pop()
        elif kind == "blockquote_open":
            self.containers.append(_Quote())
            self.quote_depth += 1
        elif kind == "blockquote_close":
            if self.containers and isinstance(self.containers[-1], _Quote):
                self.containers.pop()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif kind in ("fence", "code_block"):
            self._flush_marker()
            code = token.content.rstrip("\n")
            if code.strip():
                self.blocks.append(plain_block(CODE, code, self._item_depth()))
        elif kind == "hr":
            self._flush_marker()
            self.blocks.append(Block(RULE))
        elif kind == "html_block":  # only with raw HTML on; shown as the text it is
            self._inline((Span(token.content.strip()),))
        elif kind == "table_open":
            self._flush_marker()
            self.table = _Table()
        elif kind == "thead_open":
            self.in_header = True
        elif kind == "thead_close":
            self.in_header = False
        elif kind == "tr_open" and self.table is not None:
            self.table.rows.append([])
            self.table.header_rows += self.in_header
        elif kind in ("th_open", "td_open") and self.table is not None and self.table.rows:
            self.table.rows[-1].append([])
        elif kind == "table_close" and self.table is not None:
            table, self.table = self.table, None
            if table.rows:
                self.blocks.append(_table_block(table, self._item_depth()))

    def _inline(self, spans: tuple[Span, ...]) -> None:
        if self.table is not None:
            if self.table.rows and self.table.rows[-1]:
                self.table.rows[-1][-1].extend(spans)
            return
        if self.heading and self.containers:
            spans = tuple(span._replace(style=span.style | STRONG) for span in spans)
        item = self._innermost_item()
        marker = ""
        if item is not None and not item.marker_used:
            marker, item.marker_used = item.marker, True
        # Quoted lists are set as quotes with their markers: a quote is what a reader sees.
        if self.quote_depth:
            self.blocks.append(Block(QUOTE, spans, self.quote_depth, marker))
        elif item is not None:
            self.blocks.append(Block(ITEM, spans, item.depth, marker))
        elif self.heading:
            self.blocks.append(Block(HEADING, spans, self.heading))
        else:
            self.blocks.append(Block(PARAGRAPH, spans))

    def _innermost_item(self) -> _Item | None:
        for container in reversed(self.containers):
            if isinstance(container, _Item):
                return container
        return None

    def _item_depth(self) -> int:
        item = self._innermost_item()
        return item.depth if item is not None else 0

    def _flush_marker(self) -> None:
        """An item whose first content is not text (a list, code) shows its marker alone."""
        item = self._innermost_item()
        if item is not None and not item.marker_used:
            item.marker_used = True
            if self.quote_depth:
                self.blocks.append(Block(QUOTE, (), self.quote_depth, item.marker))
            else:
                self.blocks.append(Block(ITEM, (), item.depth, item.marker))


def _spans(children: list[Token]) -> tuple[Span, ...]:
    """The styled spans of an inline token's children."""
    spans: list[Span] = []
    depth = {EMPHASIS: 0, STRONG: 0, STRIKE: 0}
    links: list[tuple[str, int]] = []  # each open link's target, and where its text began

    def style() -> int:
        return sum(bit for bit, count in depth.items() if count)

    def add(text: str, extra: int = 0, href: str | None = None) -> None:
        if not text:
            return
        href = href if href is not None else (links[-1][0] if links else None)
        span = Span(text, style() | extra, href)
        last = spans[-1] if spans else None
        if last is not None and (last.style, last.href) == (span.style, span.href):
            spans[-1] = last._replace(text=last.text + text)
        else:
            spans.append(span)

    for child in children:
        kind = child.type
        if kind in ("text", "html_inline"):
            add(child.content)
        elif kind == "code_inline":
            add(child.content, CODE_SPAN)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind.endswith("_open") and child.tag in _STYLE_OF_TAG:
            depth[_STYLE_OF_TAG[child.tag]] += 1
        elif kind.endswith("_close") and child.tag in _STYLE_OF_TAG:
            bit = _STYLE_OF_TAG[child.tag]
            depth[bit] = max(0, depth[bit] - 1)
        elif kind == "link_open":
            href = child.attrs.get("href", "")
            links.append((str(href), len(spans)))
        elif kind == "link_close" and links:
            href, began = links.pop()
            if len(spans) == began and href:
                add(href, href=href)  # a link with no text shows its address
        elif kind == "image":
            src = child.attrs.get("src", "")
            alt = " ".join(_plain_text(child.children or []).split())
            add(alt or "image", IMAGE, str(src))
    return tuple(spans)


def _plain_text(children: list[Token]) -> str:
    """The text of inline tokens without their styles: an image's alternative text."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain_text(child.children or []))
    return "".join(parts)


def _table_block(table: _Table, level: int) -> Block:
    """A table as one preformatted block: cells padded into columns, " │ " between them."""
    widths: list[int] = []
    for row in table.rows:
        for column, cell in enumerate(row):
            width = sum(len(span.text) for span in cell)
            if column < len(widths):
                widths[column] = max(widths[column], width)
            else:
                widths.append(width)
    spans: list[Span] = []
    for number, row in enumerate(table.rows):
        if number:
            spans.append(Span("\n"))
        header = number < table.header_rows
        for column, cell in enumerate(row):
            if column:
                spans.append(Span(CELL_SEPARATOR))
            for span in cell:
                spans.append(span._replace(style=span.style | STRONG) if header else span)
            if column < len(row) - 1:
                padding = widths[column] - sum(len(span.text) for span in cell)
                if padding:
                    spans.append(Span(" " * padding))
    return Block(CODE, tuple(spans), level)
