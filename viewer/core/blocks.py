"""The structure of an article's body, for layouts that have one: Markdown, mail (no Qt).

A plain-text article is a list of paragraphs. A Markdown file or a mail message says more: this
is a heading, that a quotation, these words are emphasised, that one is a link. The parser keeps
that as blocks of spans; the reading pane sets each kind in its own way, and everything else
(search, word counts, ``--dump``) reads the plain text of the same blocks, the paragraphs.
"""

from __future__ import annotations

from typing import Final, NamedTuple

# Block kinds.
PARAGRAPH: Final = "paragraph"
HEADING: Final = "heading"  # ``level`` 1 to 6
QUOTE: Final = "quote"  # a quoted paragraph; ``level`` is how deeply it is quoted
ITEM: Final = "item"  # a list item; ``level`` is its nesting depth, from 1; ``marker`` its bullet
CODE: Final = "code"  # preformatted text, line breaks kept; ``level``: the list depth it is in
RULE: Final = "rule"  # a thematic break; no text
SIGNATURE: Final = "signature"  # a mail signature, below its "-- " line
BLOCK_KINDS: Final = frozenset({PARAGRAPH, HEADING, QUOTE, ITEM, CODE, RULE, SIGNATURE})

# Span styles, combined as bits.
EMPHASIS: Final = 1
STRONG: Final = 2
CODE_SPAN: Final = 4
STRIKE: Final = 8
IMAGE: Final = 16  # an image's alternative text; ``href`` is its address, never loaded


class Span(NamedTuple):
    """A run of text in one style; a link's target in ``href`` (shown, followed only on a
    click the reader confirms)."""

    text: str
    style: int = 0
    href: str | None = None


class Block(NamedTuple):
    """One block of the body: its kind, its spans, and where it sits."""

    kind: str
    spans: tuple[Span, ...] = ()
    level: int = 0
    marker: str = ""

    @property
    def text(self) -> str:
        """The block's plain text."""
        return "".join(span.text for span in self.spans)


def plain_block(kind: str, text: str, level: int = 0, marker: str = "") -> Block:
    """A block of one unstyled span."""
    return Block(kind, (Span(text),) if text else (), level, marker)


def paragraphs_of(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """The plain text of each block that has some: the article's paragraphs."""
    texts = (block.text.strip() for block in blocks)
    return tuple(text for text in texts if text)
