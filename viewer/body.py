"""The body of an article: title repeats, paragraphs, and reflowing hard-wrapped text (no Qt)."""

from __future__ import annotations

import operator
import re

# Hard-wrapped text (plain-text mail, old archives) breaks lines at 60-80 columns; a block whose
# longest line is past this is one paragraph per line.
_MAX_WRAP_WIDTH = 100
_MIN_WRAP_WIDTH = 30
_CLOSERS = " \t'\"’”»)]"
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "…")
_STARTS_ITEM = re.compile(r"\s*(?:[-*•–]\s|\d{1,3}[.)]\s|[A-Z]\)\s)")
_SPACES = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Fold runs of white space to one space, for comparing lines."""
    return _SPACES.sub(" ", text).strip()


def drop_title_repeats(lines: list[str], start: int, title: str) -> int:
    """Skip lines at ``start`` that only repeat the title (scraped image captions)."""
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if line and line != title and not _same_title(line, title):
            break
        i += 1
    return i


def _same_title(line: str, title: str) -> bool:
    if abs(len(line) - len(title)) > len(title) // 2 + 4:
        return False  # cheap: most first body lines are nothing like the title
    # A Markdown heading "# Title" repeats the title as much as the bare line does.
    return collapse(line.lstrip("# ")).casefold() == collapse(title).casefold()


def paragraphs(lines: list[str]) -> list[str]:
    """Join the body's lines into paragraphs: one per line, or one per hard-wrapped block."""
    stripped = [line.strip() for line in lines]
    filled = list(map(bool, stripped))
    # Hard wrapping needs a block of two or more lines; text with a blank line after every
    # line has none. This check runs in C-level loops.
    if not any(map(operator.and_, filled, filled[1:])):
        return list(filter(None, stripped))
    return _paragraphs_by_block(lines, stripped)


def _paragraphs_by_block(lines: list[str], stripped: list[str]) -> list[str]:
    """Paragraphs of each block of non-blank lines (white space alone counts as blank)."""
    result: list[str] = []
    start, end = 0, len(lines)
    while start < end:
        try:
            stop = stripped.index("", start)  # the block's end, found in C
        except ValueError:
            stop = end
        if stop - start == 1:
            result.append(stripped[start])
        elif stop > start:
            _add_block(lines[start:stop], stripped[start:stop], result)
        start = stop + 1
    return result


def _add_block(block: list[str], stripped: list[str], result: list[str]) -> None:
    """Add the paragraphs of a block of non-blank lines (``stripped``: the same, stripped)."""
    width = max(map(len, block))
    if width > _MAX_WRAP_WIDTH or width < _MIN_WRAP_WIDTH:
        result.extend(stripped)  # each line is a paragraph of its own
        return
    forced = _forced_breaks(block, stripped, width)
    if forced is None:
        result.extend(stripped)
        return
    paragraph = [stripped[0]]
    for i in range(1, len(block)):
        if forced[i - 1] and not _STARTS_ITEM.match(block[i]):
            paragraph.append(stripped[i])
        else:
            result.append(_join(paragraph))
            paragraph = [stripped[i]]
    result.append(_join(paragraph))


def _forced_breaks(block: list[str], stripped: list[str], width: int) -> list[bool] | None:
    """Which line breaks the width forced, or None when the block is not hard-wrapped.

    A break was forced when the next line's first word would not have fitted on the line.
    The block is wrapped when most breaks were forced and at least one fell mid-sentence.
    """
    forced: list[bool] = []
    mid_sentence = False
    for i in range(1, len(block)):
        line = stripped[i]
        space = line.find(" ")
        first_word = len(line) if space < 0 else space
        was_forced = len(block[i - 1].rstrip()) + 1 + first_word > width
        forced.append(was_forced)
        if was_forced and not mid_sentence:
            prev = stripped[i - 1].rstrip(_CLOSERS)
            mid_sentence = not prev.endswith(_SENTENCE_ENDS) or line[:1].islower()
    if not mid_sentence or 2 * sum(forced) < len(forced):
        return None
    return forced


def _join(lines: list[str]) -> str:
    """Join wrapped lines; a word hyphenated at a line end keeps its hyphen but not the break."""
    text = lines[0]
    for more in lines[1:]:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and more[:1].islower():
            text += more
        else:
            text += " " + more
    return text
