"""Typesetting a long body one part at a time, a step at a time: its units and part lines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Final

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor

from viewer.core.article_parts import UNIT_COST, Parts
from viewer.ui.block_writer import UI_FAMILIES, Page

if TYPE_CHECKING:
    from viewer.ui.typeset import Typeset

PART_SCHEME: Final = "article-part"  # the links between parts: "article-part:3"


def part_link(number: int) -> str:
    """The address of a link to part ``number`` (from 0)."""
    return f"{PART_SCHEME}:{number}"


def write_part(
    result: Typeset,
    page: Page,
    block_format: Callable[[], QTextBlockFormat],
    chars: QTextCharFormat,
) -> Iterator[int]:
    """Write the units of the part, each a block of ``block_format``; yield each step's cost."""
    parts = result.parts
    assert parts is not None  # for mypy: only a long body has parts
    part = parts.parts[result.part]
    units = parts.units
    for index in range(part.first, part.last + 1):
        unit = units[index]
        start = part.offset if index == part.first else 0
        end = part.end if index == part.last else len(unit)
        page.block(block_format(), chars)
        if index == part.first:
            result.body_start = page.cursor.position()
        yield UNIT_COST
        yield from page.pieces(unit[start:end] if start or end < len(unit) else unit, chars)


def part_line(
    page: Page, parts: Parts, number: int, *, lines: bool = False, at_end: bool = False
) -> None:
    """Say which part this is, with links to the parts before and after it: "Part 2 of 17 ·
    ‹ Previous part · Next part ›" above it; below it "End of part 2 of 17 · Next part ›",
    and below the last "End of the article (part 17 of 17) · ‹ Previous part" (of a file's
    ``lines``, "End of the file")."""
    count = len(parts.parts)
    last = number + 1 == count
    fmt = QTextBlockFormat()
    fmt.setTopMargin(page.scale(16 if at_end else 6))
    # Above a file's lines, room before them: in the article a rule stands there.
    fmt.setBottomMargin(page.scale(12 if lines and not at_end else 2))
    chars = page.muted(9.5)
    page.block(fmt, chars)
    if not at_end:
        page.write(f"Part {number + 1} of {count}", chars)
    elif last:
        whole = "file" if lines else "article"
        page.write(f"End of the {whole} (part {number + 1} of {count})", chars)
    else:
        page.write(f"End of part {number + 1} of {count}", chars)
    links = []
    if number > 0 and (last or not at_end):
        links.append(("‹ Previous part", number - 1))
    if not last:
        links.append(("Next part ›", number + 1))
    for label, target in links:
        page.write(" · ", chars)
        link = QTextCharFormat(chars)
        link.setAnchor(True)
        link.setAnchorHref(part_link(target))
        link.setForeground(page.colours.link)
        link.setFontUnderline(True)
        link.setFontFamilies(UI_FAMILIES)
        page.write(label, link)


class CountLine:
    """The line under the cursor, to say the word count in once it is known."""

    def __init__(self, page: Page) -> None:
        self._block = page.cursor.block()
        self._chars = page.cursor.charFormat()

    def say(self, text: str, result: Typeset) -> None:
        """Put ``text`` in place of the line's; what comes after it moves along."""
        cursor = QTextCursor(self._block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        before = cursor.selectionEnd() - cursor.selectionStart()
        cursor.insertText(text, self._chars)
        delta = len(text) - before  # the texts are ASCII and Latin: as many UTF-16 units
        result.breaks.shift(self._block.position(), delta)
        result.body_start += delta
