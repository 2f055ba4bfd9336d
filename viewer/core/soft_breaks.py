"""Long paragraphs typeset in pieces: where to break them, and the text as it reads (no Qt).

Qt lays a paragraph out in time that grows faster than its length, and a very long one not at
all well. The typeset document therefore holds no block much longer than ``MAX_BLOCK``
characters: a longer paragraph is set as several blocks, broken at a line break inside it,
else at a sentence's end, else between words, else (a line with no spaces) between two
characters. The article keeps its paragraphs whole; ``SoftBreaks`` remembers where the
document breaks one, so that finding, copying and places read the text as written. Positions
are the document's (UTF-16 units).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Final

MAX_BLOCK: Final = 2000  # characters a typeset block aims to hold at most
_SLACK: Final = MAX_BLOCK // 2  # how far before or past that a break may fall
# A sentence ends at . ! ? … before white space (after any closing quotes), or at an
# ideographic full stop, which needs none.
_SENTENCE_END = re.compile(r"[.!?…][\"'’”»)\]]*(\s)|[。！？][」』”）]*")
_SPACE = re.compile(r"\s")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# What a block break reads as, for the character it stands for (Qt reads NBSP as a space).
_READS_AS: Final = {"\u2028": "\n", "\xa0": " "}


def break_point(text: str, start: int, room: int) -> tuple[int, int] | None:
    """Where to end the piece of ``text`` from ``start`` when its block has ``room`` left:
    (end, 1) for a break in place of the white space at ``end``, (end, 0) for a break between
    two characters; None when the rest fits well enough."""
    if len(text) - start <= room + _SLACK:
        return None
    lo, hi = max(start + 1, start + room - _SLACK), start + room + _SLACK
    line = text.rfind("\u2028", lo, hi)  # a line break inside the paragraph (code, verse)
    if line >= 0:
        return line, 1
    last = None
    for found in _SENTENCE_END.finditer(text, lo, hi):
        last = found
    if last is not None:
        return (last.start(1), 1) if last.group(1) else (last.end(), 0)
    space = text.rfind(" ", lo, hi)
    if space < 0:
        for found in _SPACE.finditer(text, lo, hi):
            space = found.start()
    if space >= 0:
        return space, 1
    return _between_characters(text, max(start + 1, start + room)), 0


def _between_characters(text: str, end: int) -> int:
    """A break at ``end`` or a little before, not inside a character and its marks."""
    for _ in range(32):
        char, before = text[end], text[end - 1]
        joined = char in "\u200d\ufe0e\ufe0f" or before == "\u200d"
        if not (joined or unicodedata.combining(char) or "\U0001f3fb" <= char <= "\U0001f3ff"):
            break
        end -= 1
    return end


class SoftBreaks:
    """The block breaks the document has where the text has none (or only white space)."""

    def __init__(self) -> None:
        self.positions: list[int] = []  # of each break's paragraph separator, ascending
        self.stands_for: list[str] = []  # what it reads as: "" or a space (or a line break)

    def add(self, position: int, replaced: str) -> None:
        """Note a break at ``position``, standing for ``replaced`` ("" when it stands for
        nothing)."""
        self.positions.append(position)
        self.stands_for.append(_READS_AS.get(replaced, replaced))

    def shift(self, after: int, delta: int) -> None:
        """Text was inserted (or taken out) at ``after``: later breaks move with it."""
        first = bisect_right(self.positions, after)
        self.positions[first:] = [p + delta for p in self.positions[first:]]

    def between(self, start: int, end: int) -> bool:
        """True when a break lies in ``[start, end)``."""
        first = bisect_left(self.positions, start)
        return first < len(self.positions) and self.positions[first] < end

    def reading(self, plain: str) -> ReadingText:
        """The text as written, from the document's plain text (``toPlainText()``)."""
        return ReadingText(plain, self)


class ReadingText:
    """A document's text with its soft breaks undone, and the way between the two's offsets.

    ``text`` counts Python characters; a document counts UTF-16 units, in which a character
    past U+FFFF (an emoji) counts twice.
    """

    def __init__(self, plain: str, breaks: SoftBreaks) -> None:
        astral = [] if plain.isascii() else [m.start() for m in _ASTRAL.finditer(plain)]
        self._astral = astral  # Python indices in the plain text
        self._astral16 = [index + n for n, index in enumerate(astral)]  # document positions
        pieces = []
        previous = 0
        self._removed: list[int] = []  # plain-text indices of breaks that stand for nothing
        self._removed_at: list[int] = []  # the offsets in ``text`` where they were
        for position, reads in zip(breaks.positions, breaks.stands_for, strict=True):
            index = self._index(position)
            pieces.append(plain[previous:index])
            pieces.append(reads)
            if not reads:
                self._removed_at.append(index - len(self._removed))
                self._removed.append(index)
            previous = index + 1
        pieces.append(plain[previous:])
        self.text = "".join(pieces)

    def _index(self, position: int) -> int:
        """The Python index in the plain text of a document position."""
        return position - bisect_left(self._astral16, position)

    def to_reading(self, position: int) -> int:
        """The offset in ``text`` of a document position."""
        index = self._index(position)
        return index - bisect_left(self._removed, index)

    def to_document(self, offset: int, *, end: bool = False) -> int:
        """The document position of an offset in ``text``; ``end``: of a span's end, so that a
        span ending where a break stands for nothing does not take the break in."""
        removed = self._removed_at
        index = offset + (bisect_left(removed, offset) if end else bisect_right(removed, offset))
        return index + bisect_left(self._astral, index)
