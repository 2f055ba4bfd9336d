"""A very long article read in parts: which paragraphs (or lines) each part holds (no Qt).

Qt lays a document out no taller than 8,388,607 pixels (``QFIXED_MAX``): past that, text is
neither laid out nor painted where it belongs. A million short lines, or a 32 MB paragraph at a
large zoom, is taller than that, so such an article is typeset one part at a time, each well
under the limit at any zoom and column width, and quick to lay out again when the window
changes. Offsets are "global": characters into the body's units joined by one separator each.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

from viewer.core.article import Article
from viewer.core.soft_breaks import break_point

# Characters a part holds, about: 1.5 million pixels at 300% in a 40-character column, and
# laid out again in a tenth of a second when the window is resized (Qt lays out up to the
# line kept at the top at once).
PART_COST: Final = 600_000
UNIT_COST: Final = 64  # a paragraph or line costs this many characters more: its gap, its end
# A body costing more is typeset a slice at a time, as plain paragraphs; it is as far as
# Markdown is read as such (``markdown_body.MAX_CHARS``).
CHUNK_COST: Final = 200_000
# Counting a character's words costs about a twenty-fifth of typesetting it; the steps of
# counting say so, so that slices take as long either way.
_COUNT_SHARE: Final = 25
_COUNT_STEP: Final = 1_000_000  # characters counted in a step
_COUNT_BATCH: Final = 4096  # units counted in a step, when they are short
_SPACE = re.compile(r"\s")
_MADE_KEPT: Final = 3
_made: list[tuple[Article, bool, Parts | None]] = []
_made_lock = threading.Lock()


def body_cost(units: Sequence[str]) -> int:
    """What typesetting the units costs, in characters."""
    return sum(map(len, units)) + UNIT_COST * len(units)


def long_parts(article: Article, *, source: bool = False) -> Parts | None:
    """The parts of the article's body (or of its file's lines, for ``source``) when it is
    long enough to be typeset a slice at a time; None for most articles.

    The last few are kept, for the very record they were made of: a big article's are made
    in the thread that read it, and the window then finds them made (a million lines take
    70 ms to plan).
    """
    with _made_lock:
        for made, made_source, parts in _made:
            if made is article and made_source == source:
                return parts
    parts = _long_parts(article, source=source)
    with _made_lock:
        _made.append((article, source, parts))
        del _made[:-_MADE_KEPT]
    return parts


def _long_parts(article: Article, *, source: bool) -> Parts | None:
    if source:
        text = article.source
        if len(text) + UNIT_COST * text.count("\n") <= CHUNK_COST:
            return None
        return Parts(text.split("\n"))
    if body_cost(article.paragraphs) <= CHUNK_COST:
        return None
    return Parts(article.paragraphs)


class Part(NamedTuple):
    """A run of units: from ``offset`` into unit ``first`` to ``end`` into unit ``last``."""

    first: int
    offset: int
    last: int
    end: int
    start: int  # global offsets
    stop: int


class Parts:
    """The parts of a body made of units (paragraphs, or a file's lines)."""

    def __init__(self, units: Sequence[str], part_cost: int = PART_COST) -> None:
        self.units = units
        self.total = sum(map(len, units)) + len(units)  # global offsets run to here
        self.words: int | None = None  # once counted (see ``count_words``)
        self._joined: str | None = None
        self.parts = self._plan(part_cost)
        self._starts = [part.start for part in self.parts]

    def part_at(self, offset: int) -> int:
        """The number of the part that holds a global offset (from 0)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def joined(self) -> str:
        """The whole body as one text, its units joined by line breaks (global offsets)."""
        if self._joined is None:
            self._joined = "\n".join(self.units)
        return self._joined

    def count_words(self) -> Iterator[int]:
        """Count the body's words (as ``Article.word_count`` does) into ``words``, a step at a
        time; yield each step's cost."""
        words = 0
        units = self.units
        for first in range(0, len(units), _COUNT_BATCH):
            batch = units[first : first + _COUNT_BATCH]
            size = sum(map(len, batch))
            if size <= _COUNT_STEP:  # the usual case, counted in C
                words += sum(map(len, map(str.split, batch)))
                yield size // _COUNT_SHARE
                continue
            for unit in batch:
                start = 0
                while start < len(unit):  # cut at white space: no word is counted in two
                    space = _SPACE.search(unit, start + _COUNT_STEP)
                    end = space.start() if space else len(unit)
                    words += len(unit[start:end].split())
                    yield (end - start) // _COUNT_SHARE
                    start = end
        self.words = words

    def _plan(self, budget: int) -> list[Part]:
        # Found in the joined text with C-level searches (each stretch counted once): a
        # million units are planned in tens of milliseconds, where a loop over them would
        # take a third of a second.
        text, units = self.joined(), self.units
        parts: list[Part] = []
        start, first, offset = 0, 0, 0  # where the next part starts: globally, and in a unit
        guess = budget  # characters a part takes: as many as the last one did, at first
        while True:  # a part each time round, the last one ending at the text's end
            end, breaks = self._fill(start, min(len(text), start + guess), budget)
            if end < len(text):
                newline = text.rfind("\n", start, end + 1)
                if newline >= start and end - newline <= budget // 2:
                    breaks -= text.count("\n", newline, end)
                    end = newline  # the part ends with a unit
                else:  # in a long unit: break it where the part is full
                    unit, within, begin = first, offset, start
                    if newline >= start:
                        unit, within = first + text.count("\n", start, newline + 1), 0
                        begin = newline + 1
                    cut = break_point(units[unit], within, end - begin)
                    moved = begin + (len(units[unit]) if cut is None else cut[0]) - within
                    breaks += text.count("\n", end, moved) - text.count("\n", moved, end)
                    end = moved
            before = text.rfind("\n", start, end)
            stop = offset + end - start if before < 0 else end - before - 1
            last = first + breaks
            parts.append(Part(first, offset, last, stop, start, end))
            if end >= len(text):
                return parts
            guess = max(budget // 8, min(budget, end - start))
            if text[end] == "\n":
                start, first, offset = end + 1, last + 1, 0
            else:  # inside a unit, after the white space the break stands for
                skip = 1 if text[end].isspace() else 0
                start, first, offset = end + skip, last, stop + skip

    def _fill(self, start: int, end: int, budget: int) -> tuple[int, int]:
        """Move ``end`` to where the text from ``start`` costs about ``budget`` (each unit
        costs its gap too); return it and how many unit breaks come before it."""
        text = self.joined()
        breaks = text.count("\n", start, end)
        for _ in range(8):
            cost = end - start + UNIT_COST * breaks
            if cost > budget:
                moved = start + (end - start) * budget // cost
                breaks -= text.count("\n", moved, end)
            elif end < len(text) and budget - cost > budget // 32:  # room for more
                moved = min(len(text), end + (budget - cost) * (end - start) // max(1, cost))
                breaks += text.count("\n", end, moved)
            else:
                break
            end = moved
        return end, breaks
