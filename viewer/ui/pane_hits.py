"""Search hits and find matches in the article on show, found in its text as written.

They are looked for in the text as the reader has it, not block by block, so a match may run
across a place where a long paragraph goes on in the next block. In a long article read in
parts, the body's matches are looked for in the whole body: the find bar counts them all, and
going to one in another part shows that part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QTextEdit

from viewer.core.search_query import Term
from viewer.core.soft_breaks import ReadingText
from viewer.ui.reading_colours import ReadingColours
from viewer.ui.typeset import Typeset

# More marks than this make painting slow and say nothing more; past it, the rest are not
# looked for (the find bar then says "10,000+").
MAX_HITS: Final = 10_000

Spans = Callable[[str], list[tuple[int, int]]]


class Hit(NamedTuple):
    """A match: document positions (``part`` -1), or a long body's global offsets."""

    key: tuple[int, int]  # its place in the article: (0, position) in the head, (1, offset)
    start: int
    end: int
    part: int


def text_spans(text: str, *, case_sensitive: bool) -> Spans:
    """Where ``text`` occurs, as the find bar looks for it."""
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = re.compile(re.escape(text), flags)
    return lambda within: _spans(pattern, within)


def term_spans(terms: Sequence[Term]) -> Spans:
    """Where the search terms occur: whole words (or words starting so), any case."""
    patterns = []
    for term in terms:
        words = [re.escape(word) for word in term.text.split()]
        if words:  # the words of a phrase stand apart by white space, not a paragraph's end
            end = r"\w*" if term.prefix else r"\b"
            patterns.append(re.compile(r"\b" + r"[^\S\n]+".join(words) + end, re.IGNORECASE))

    def spans(within: str) -> list[tuple[int, int]]:
        found = [span for pattern in patterns for span in _spans(pattern, within)]
        return sorted(found)[:MAX_HITS]

    return spans


def _spans(pattern: re.Pattern[str], within: str) -> list[tuple[int, int]]:
    found = []
    for match in pattern.finditer(within):
        if match.end() > match.start():
            found.append(match.span())
            if len(found) >= MAX_HITS:
                break
    return found


class ShownText:
    """The document on show read as written, and where a long body's parts are in it."""

    def __init__(self, typeset: Typeset) -> None:
        self.typeset = typeset
        self._reading: ReadingText | None = None

    def grew(self) -> None:
        """More text went in: read it again when asked."""
        self._reading = None

    def reading(self) -> ReadingText:
        """The document's text, soft breaks undone."""
        if self._reading is None:
            typeset = self.typeset
            self._reading = typeset.breaks.reading(typeset.document.toPlainText())
        return self._reading

    def copied(self, data: QMimeData, start: int, end: int) -> QMimeData:
        """What copying ``start`` to ``end`` gives (``data``, Qt's): across a paragraph set in
        pieces, its text as the one paragraph it is."""
        if not self.typeset.breaks.between(start, end):
            return data
        reading = self.reading()
        copied = QMimeData()
        copied.setHtml(data.html())
        copied.setText(reading.text[reading.to_reading(start) : reading.to_reading(end)])
        return copied

    def hits(self, spans: Spans, *, body: bool = True) -> list[Hit]:
        """Every match ``spans`` finds, in the article's order; without ``body``, only those in
        the head of a long article (its title, metadata, notices)."""
        reading = self.reading()
        parts = self.typeset.parts
        head = reading.text
        if parts is not None:
            head = head[: reading.to_reading(self.typeset.body_start)]
        found = []
        for start, end in spans(head):
            start, end = reading.to_document(start), reading.to_document(end, end=True)
            found.append(Hit((0, start), start, end, -1))
        if parts is not None and body:
            found += [Hit((1, s), s, e, parts.part_at(s)) for s, e in spans(parts.joined())]
        return found[:MAX_HITS]

    def place(self, hit: Hit) -> tuple[int, int] | None:
        """The document positions of a hit, when it is in the document and set already."""
        if hit.part < 0:
            return hit.start, hit.end
        typeset = self.typeset
        if typeset.parts is None or hit.part != typeset.part:
            return None
        part = typeset.parts.parts[typeset.part]
        reading = self.reading()
        body = reading.to_reading(typeset.body_start)
        start = body + hit.start - part.start
        end = body + min(hit.end, part.stop) - part.start
        if end > len(reading.text):
            return None
        return reading.to_document(start), reading.to_document(end, end=True)

    def key(self, position: int) -> tuple[int, int]:
        """The place in the article of a document position, to compare with hits' keys."""
        typeset = self.typeset
        if typeset.parts is None or position < typeset.body_start:
            return 0, position
        return 1, typeset.parts.parts[typeset.part].start + position - typeset.body_start


def selection(
    shown: ShownText, hit: Hit, background: QColor, text: QColor
) -> QTextEdit.ExtraSelection | None:
    """A mark over a hit in the document on show: its own background, with text of a colour
    that reads on it; None when the hit is elsewhere."""
    place = shown.place(hit)
    if place is None:
        return None
    mark = QTextEdit.ExtraSelection()
    mark.cursor = cursor(shown, *place)
    mark.format.setBackground(background)
    mark.format.setForeground(text)
    return mark


def cursor(shown: ShownText, start: int, end: int) -> QTextCursor:
    """A cursor selecting ``start`` to ``end`` in the document on show."""
    made = QTextCursor(shown.typeset.document)
    made.setPosition(start)
    made.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return made


def marks(
    shown: ShownText, search: list[Hit], found: list[Hit], current: int, colours: ReadingColours
) -> list[QTextEdit.ExtraSelection]:
    """The marks of the search hits, the find matches and the current match."""
    made = []
    for hits, background, text in (
        (search, colours.search_hit, colours.search_hit_text),
        (found, colours.find_match, colours.find_match_text),
    ):
        for hit in hits:
            if (mark := selection(shown, hit, background, text)) is not None:
                made.append(mark)
    if 0 <= current < len(found):
        mark = selection(shown, found[current], colours.find_current, colours.find_current_text)
        if mark is not None:
            made.append(mark)
    return made


def next_hit(hits: list[Hit], here: tuple[int, int], *, backwards: bool) -> int:
    """The number of the hit after ``here`` (or before it), wrapping round."""
    if backwards:
        earlier = [i for i, hit in enumerate(hits) if hit.key < here]
        return earlier[-1] if earlier else len(hits) - 1
    later = [i for i, hit in enumerate(hits) if hit.key >= here]
    return later[0] if later else 0


class Matches:
    """The search hits and find matches of the article on show, and which match is current."""

    def __init__(self) -> None:
        self.terms: tuple[Term, ...] = ()
        self.search: list[Hit] = []
        self.find: Spans | None = None  # the find bar's text, as a search
        self.found: list[Hit] = []
        self.current = -1

    def set_terms(self, terms: Sequence[Term], shown: ShownText) -> None:
        """Look for the search terms."""
        self.terms = tuple(terms)
        self.search = shown.hits(term_spans(self.terms)) if self.terms else []

    def set_find(self, text: str, shown: ShownText, *, case_sensitive: bool) -> int:
        """Look for the find bar's text (none: ""); return how many matches there are."""
        self.find = text_spans(text, case_sensitive=case_sensitive) if text else None
        self.found = shown.hits(self.find) if self.find else []
        self.current = -1
        return len(self.found)

    def forget_find(self) -> None:
        """Another article is shown: the find bar looks again."""
        self.find, self.found, self.current = None, [], -1

    def again(self, shown: ShownText, *, head_only: bool = False) -> None:
        """Look again in a new document; with ``head_only`` a long body's matches are kept,
        as the body is the same (another part of it, another zoom)."""
        search = [hit for hit in self.search if hit.part >= 0] if head_only else []
        found = [hit for hit in self.found if hit.part >= 0] if head_only else []
        body = not head_only
        self.search = (shown.hits(term_spans(self.terms), body=body) if self.terms else []) + search
        self.found = (shown.hits(self.find, body=body) if self.find else []) + found
        if self.current >= len(self.found):
            self.current = -1

    def next_search(self, shown: ShownText, position: int, *, backwards: bool) -> Hit | None:
        """The search hit after the document position (or before it)."""
        if not self.search:
            return None
        return self.search[next_hit(self.search, shown.key(position), backwards=backwards)]

    def step(self, shown: ShownText, position: int, *, backwards: bool) -> Hit | None:
        """Make the next (or previous) find match current, the first one after ``position``
        when none is yet; return it."""
        count = len(self.found)
        if not count:
            return None
        if self.current < 0:
            later = next_hit(self.found, shown.key(position), backwards=False)
            self.current = (later - (1 if backwards else 0)) % count
        else:
            self.current = (self.current + (-1 if backwards else 1)) % count
        return self.found[self.current]

    def marks(self, shown: ShownText, colours: ReadingColours) -> list[QTextEdit.ExtraSelection]:
        """The marks to show in the document."""
        return marks(shown, self.search, self.found, self.current, colours)
