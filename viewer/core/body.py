"""The body of an article: title repeats, paragraphs, and reflowing hard-wrapped text (no Qt)."""

from __future__ import annotations

import operator
import re
from itertools import compress

# Hard-wrapped text (plain-text mail, old archives) breaks lines at 60-80 columns; a block whose
# longest line is past this is one paragraph per line.
_MAX_WRAP_WIDTH = 100
_MIN_WRAP_WIDTH = 30
_WIDTH_SLACK = 10  # lines a little past the wrap column still belong to the wrapped text
_CLOSERS = " \t'\"’”»)]"
_SENTENCE_ENDS = (".", "!", "?", ":", "…")  # a line ending ";" goes on
_STARTS_ITEM = re.compile(r"\s*(?:[-*•–]\s|\d{1,3}[.)]\s|[A-Z]\)\s)")


def collapse(text: str) -> str:
    """Fold runs of white space to one space, for comparing lines."""
    # What replacing each run of \s and stripping gives (both know the same white space),
    # four times faster.
    return " ".join(text.split())


def drop_title_repeats(lines: list[str], start: int, title: str) -> int:
    """Skip lines at ``start`` that only repeat the title (scraped image captions)."""
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if line and line != title and not same_title(line, title):
            break
        i += 1
    return i


def same_title(line: str, title: str) -> bool:
    if abs(len(line) - len(title)) > len(title) // 2 + 4:
        return False  # cheap: most first body lines are nothing like the title
    # A Markdown heading "# Title" repeats the title as much as the bare line does.
    return collapse(line.lstrip("# ")).casefold() == collapse(title).casefold()


def paragraphs(lines: list[str]) -> list[str]:
    """Join the body's lines into paragraphs: one per line, or one per hard-wrapped block."""
    stripped = [line.strip() for line in lines]
    filled = list(map(bool, stripped))
    # Hard wrapping needs a block of two or more lines; text with a blank line after every
    # line has none. These checks run in C-level loops.
    joined = list(map(operator.and_, filled, filled[1:]))
    if not any(joined):
        return list(filter(None, stripped))
    ends = list(compress(range(len(joined)), joined))  # lines another line follows
    return _paragraphs_by_block(lines, stripped, _wrap_width(lines, stripped, ends))


def _wrap_width(lines: list[str], stripped: list[str], ends: list[int]) -> int | None:
    """The column the whole text is hard-wrapped at, or None when it is not wrapped;
    ``ends`` are the lines that another line follows in the same block.

    Judged over every line break of the text, not block by block: a paragraph whose breaks
    all fall at sentence ends is wrapped as its neighbours are, which it alone cannot show.
    """
    lengths = list(map(len, map(str.rstrip, map(lines.__getitem__, ends))))
    # A high percentile rather than the longest line: one long address in a mail must not
    # make every other line look short.
    width = sorted(lengths)[len(lengths) - 1 - len(lengths) // 10]
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return None  # one paragraph a line, as most articles are written: decided in C
    forced = mid_sentence = 0
    for length, i in zip(lengths, ends, strict=True):
        following = stripped[i + 1]
        if length + 1 + _first_word(following) > width:
            forced += 1
            mid_sentence = mid_sentence or _mid_sentence(stripped[i], following)
    return width if mid_sentence and 2 * forced >= len(lengths) else None


def _first_word(line: str) -> int:
    space = line.find(" ")
    return len(line) if space < 0 else space


def _mid_sentence(line: str, following: str) -> bool:
    return not line.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) or following[:1].islower()


def _paragraphs_by_block(lines: list[str], stripped: list[str], width: int | None) -> list[str]:
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
            _add_block(lines[start:stop], stripped[start:stop], width, result)
        start = stop + 1
    return result


def _add_block(block: list[str], stripped: list[str], width: int | None, result: list[str]) -> None:
    """Add the paragraphs of a block of non-blank lines (``stripped``: the same, stripped);
    ``width`` is the text's wrap column, if the text as a whole is wrapped."""
    forced = _forced_breaks(block, stripped, width)
    if forced is None:
        result.extend(stripped)  # each line is a paragraph of its own
        return
    indents = [len(line) - len(line.lstrip()) for line in block]
    # A list has two items or more: one line that opens with "12. " is a wrapped sentence.
    items = [bool(_STARTS_ITEM.match(line)) for line in block]
    if sum(items) < 2:
        items = [False] * len(block)
    paragraph = [stripped[0]]
    for i in range(1, len(block)):
        if forced[i - 1] and not items[i] and not _indented_start(indents, i):
            paragraph.append(stripped[i])
        else:
            result.append(_join(paragraph))
            paragraph = [stripped[i]]
    result.append(_join(paragraph))


def _indented_start(indents: list[int], i: int) -> bool:
    """True for a line indented past the lines around it: a paragraph's first-line indent."""
    return indents[i] > indents[i - 1] and (i + 1 == len(indents) or indents[i] > indents[i + 1])


def _forced_breaks(block: list[str], stripped: list[str], width: int | None) -> list[bool] | None:
    """Which line breaks the width forced, or None when the block is not hard-wrapped.

    A break was forced when the next line's first word would not have fitted on the line.
    Without a wrap width for the whole text, the block is wrapped when most of its breaks were
    forced at its own longest line and at least one fell mid-sentence.
    """
    own = width is None
    if width is None:
        width = max(map(len, block))
        if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
            return None
    elif min(map(len, block)) > width + _WIDTH_SLACK:
        return None  # lines longer than the text's wrapping: one paragraph each
    forced: list[bool] = []
    mid_sentence = False
    for i in range(1, len(block)):
        was_forced = len(block[i - 1].rstrip()) + 1 + _first_word(stripped[i]) > width
        forced.append(was_forced)
        if was_forced and not mid_sentence:
            mid_sentence = _mid_sentence(stripped[i - 1], stripped[i])
    if own and (not mid_sentence or 2 * sum(forced) < len(forced)):
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
