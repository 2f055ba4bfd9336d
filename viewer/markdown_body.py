"""Markdown bodies: blocks and styled spans from a CommonMark text (no Qt)."""

from __future__ import annotations

from viewer.blocks import PARAGRAPH, Block, plain_block
from viewer.body import paragraphs


def markdown_blocks(lines: list[str]) -> tuple[Block, ...]:
    """The blocks of a Markdown body, given as its lines."""
    return tuple(plain_block(PARAGRAPH, text) for text in paragraphs(lines))
