"""Where text occurs: the find bar's text and the search terms, looked for all at once or, in a
long body, a step at a time (no Qt).

Looking through ten megabytes for a word in any case takes a tenth of a second, a search term's
whole words a quarter: too long to hold the window. ``SpanSearch`` finds the same matches as
one ``finditer`` over the whole text, a stretch of it at a time: each stretch is searched with a
little of the text after it in view, so that a match across its end is found whole, and the
next one starts after the last match taken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # a search's terms: the query's module comes with the first search
    from viewer.core.search_query import Term

# More marks than this make painting slow and say nothing more; past it, the rest are not
# looked for (the find bar then says "10,000+").
MAX_HITS: Final = 10_000
STEP_CHARS: Final = 256 * 1024  # looked through in a step: 3 to 6 ms, any case
_MARGIN: Final = 4096  # text after a stretch seen with it, so a match across its end is whole

Span = tuple[int, int]


def find_patterns(text: str, *, case_sensitive: bool) -> list[re.Pattern[str]]:
    """What the find bar looks for: ``text`` as written, in any case unless told."""
    flags = 0 if case_sensitive else re.IGNORECASE
    return [re.compile(re.escape(text), flags)] if text else []


def term_patterns(terms: Sequence[Term]) -> list[re.Pattern[str]]:
    """What the search terms look for: whole words (or words starting so), in any case and
    with or without diacritics, as the index matched them (see ``query_fold``)."""
    from viewer.core.query_fold import term_pattern  # with the first search, as the terms

    patterns = []
    for term in terms:
        pattern = term_pattern(term.text, prefix=term.prefix)
        if pattern is not None:
            patterns.append(pattern)
    return patterns


def spans(patterns: Sequence[re.Pattern[str]], text: str) -> list[Span]:
    """Where the patterns occur in ``text``, in order, at most ``MAX_HITS``: all at once."""
    search = SpanSearch(patterns, text)
    while not search.step(len(text) + 1):
        pass
    return search.spans()


class SpanSearch:
    """Where the patterns occur in a text, found a step at a time (see ``step``): the matches
    one ``finditer`` over the whole text finds, each pattern's first ``MAX_HITS``."""

    def __init__(self, patterns: Sequence[re.Pattern[str]], text: str) -> None:
        self._patterns = list(patterns)
        self._text = text
        self._pattern = 0  # the one being looked for, and where in the text
        self._position = 0
        self._count = 0  # its matches so far
        self._found: list[Span] = []

    def done(self) -> bool:
        """True once all of the text has been looked through."""
        return self._pattern >= len(self._patterns)

    def step(self, chars: int = STEP_CHARS) -> bool:
        """Look through about ``chars`` more characters; True once all are looked through."""
        if self.done():
            return True
        pattern, text = self._patterns[self._pattern], self._text
        start = self._position
        cut = min(len(text), start + chars)
        end = min(len(text), cut + _MARGIN + len(pattern.pattern))
        position = cut
        for match in pattern.finditer(text, start, end):
            begin, finish = match.span()
            if begin >= cut:
                break
            if finish >= end and end < len(text):
                # It may go on past what was in view (a word's ending, more white space):
                # match it with all of the text in view.
                whole = pattern.match(text, begin)
                if whole is None:
                    continue
                finish = whole.end()
            if finish > begin:
                self._found.append((begin, finish))
                self._count += 1
                position = max(position, finish)
                if self._count >= MAX_HITS:
                    position = len(text)
                    break
        self._position = position
        if position >= len(text):
            self._pattern += 1
            self._position = self._count = 0
        return self.done()

    def spans(self) -> list[Span]:
        """The matches found so far, in order, at most ``MAX_HITS``."""
        if len(self._patterns) > 1:
            return sorted(self._found)[:MAX_HITS]
        return self._found[:MAX_HITS]
