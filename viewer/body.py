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


def paragraphs(body: str) -> list[str]:
    """Split body text into paragraphs: one per line, or one per hard-wrapped block."""
    lines = body.split("\n")
    stripped = [line.strip() for line in lines]
    # Hard wrapping needs two short lines in a row; most articles have none, and then each
    # line is a paragraph. This check runs in C-level loops, and nearly every article ends here.
    short = [0 < len(line) <= _MAX_WRAP_WIDTH for line in lines]
    if not any(map(operator.and_, short, short[1:])):
        return [line for line in stripped if line]
    return _paragraphs_by_block(body)


def _paragraphs_by_block(body: str) -> list[str]:
    result: list[str] = []
    # Most blocks are a single line; only blocks of several lines need a closer look.
    for block in body.split("\n\n"):
        if "\n" not in block:
            if block and not block.isspace():
                result.append(block.strip())
            continue
        lines = block.split("\n")
        stripped = [line.strip() for line in lines]
        if "" not in stripped:
            _add_block(lines, stripped, result)
            continue
        # Lines holding only white space separate blocks as blank lines do.
        group: list[str] = []
        for line, bare in zip(lines, stripped, strict=True):
            if bare:
                group.append(line)
            elif group:
                _add_block(group, [g.strip() for g in group], result)
                group = []
        if group:
            _add_block(group, [g.strip() for g in group], result)
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
