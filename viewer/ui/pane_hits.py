"""Search hits and find matches in the article on show, found in its text as written.

They are looked for in the text as the reader has it, not block by block, so a match may run
across a place where a long paragraph goes on in the next block. In a long article read in
parts, the body's matches are looked for in the whole body, a slice at a time so that the window
keeps answering (see ``text_search``): the find bar counts them all, and going to one in another
part shows that part. Past ``MARK_ALL`` matches only those near the view are marked, and those
marked follow the view as it scrolls.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QTextEdit

from viewer.core.article_parts import Parts
from viewer.core.soft_breaks import ReadingText
from viewer.core.text_search import (
    MAX_HITS,
    SpanSearch,
    find_patterns,
    spans,
    term_patterns,
)
from viewer.ui.reading_colours import ReadingColours
from viewer.ui.typeset import Typeset

if TYPE_CHECKING:  # a search's terms: the query's module comes with the first search
    from viewer.core.search_query import Term

MARK_ALL: Final = 500  # up to this many matches are all marked; past it, those near the view
SLICE_SECONDS: Final = 0.02  # a long body is looked through this long at a time

Patterns = Sequence[re.Pattern[str]]


class Hit(NamedTuple):
    """A match: document positions (``part`` -1), or a long body's global offsets."""

    key: tuple[int, int]  # its place in the article: (0, position) in the head, (1, offset)
    start: int
    end: int
    part: int


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

    def hits(self, patterns: Patterns) -> list[Hit]:
        """Every match of the patterns in the document, in its order; in a long article, only
        those in its head (its title, metadata, notices): see ``body_search``."""
        reading = self.reading()
        head = reading.text
        if self.typeset.parts is not None:
            head = head[: reading.to_reading(self.typeset.body_start)]
        found = []
        for start, end in spans(patterns, head):
            start, end = reading.to_document(start), reading.to_document(end, end=True)
            found.append(Hit((0, start), start, end, -1))
        return found

    def body_search(self, patterns: Patterns) -> BodySearch | None:
        """A long article's body looked through for the patterns, a step at a time; None for an
        article typeset whole."""
        parts = self.typeset.parts
        return None if parts is None or not patterns else BodySearch(patterns, parts)

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


class BodySearch:
    """A long body's matches, looked for a step at a time in all its parts."""

    def __init__(self, patterns: Patterns, parts: Parts) -> None:
        self._search = SpanSearch(patterns, parts.joined())
        self._parts = parts

    def step(self) -> bool:
        """Look through a little more; True once all of the body is looked through."""
        return self._search.step()

    def hits(self) -> list[Hit]:
        """The matches, in order, each with the part that holds it."""
        part_at = self._parts.part_at
        return [Hit((1, s), s, e, part_at(s)) for s, e in self._search.spans()]


class Look:
    """The matches of one thing looked for (the search terms, or the find bar's text): those in
    the document, found at once, and those in a long body, found a step at a time."""

    def __init__(self, patterns: Patterns = ()) -> None:
        self.patterns = list(patterns)
        self.head: list[Hit] = []
        self.body: list[Hit] = []
        self.pending: BodySearch | None = None  # the body, while it is being looked through
        self._hits: list[Hit] | None = None

    def look(self, shown: ShownText, *, body: bool = True) -> None:
        """Look in the document again; with ``body``, in a long body again too (in steps)."""
        self.head = shown.hits(self.patterns) if self.patterns else []
        if body:
            self.body = []
            self.pending = shown.body_search(self.patterns)
        self._hits = None

    def step(self) -> bool:
        """Look through a little more of the body; True when that was the last of it."""
        if self.pending is None or not self.pending.step():
            return False
        self.body, self.pending = self.pending.hits(), None
        self._hits = None
        return True

    def finish(self) -> None:
        """Look through the rest of the body at once."""
        while self.pending is not None:
            self.step()

    def hits(self) -> list[Hit]:
        """The matches found so far, in the article's order, at most ``MAX_HITS``."""
        if self._hits is None:
            self._hits = (self.head + self.body)[:MAX_HITS]
        return self._hits


def near(hits: list[Hit], low: tuple[int, int], high: tuple[int, int]) -> list[Hit]:
    """The hits that start from ``low`` to ``high`` (places in the article, see ``key``)."""
    return hits[bisect_left(hits, low, key=_key) : bisect_right(hits, high, key=_key)]


def _key(hit: Hit) -> tuple[int, int]:
    return hit.key


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
    shown: ShownText,
    search: list[Hit],
    found: list[Hit],
    current: Hit | None,
    colours: ReadingColours,
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
    if current is not None:
        mark = selection(shown, current, colours.find_current, colours.find_current_text)
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


class Matches(QObject):
    """The search hits and find matches of the article on show, and which match is current; a
    long body's are looked for in slices, from the event loop."""

    searched = Signal()  # the search terms' hits in a long body are all found
    found_all = Signal()  # and the find bar's

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.terms: tuple[Term, ...] = ()
        self.search = Look()
        self.find = Look()  # the find bar's text
        self.current = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def found(self) -> list[Hit]:
        """The find bar's matches found so far."""
        return self.find.hits()

    def set_terms(self, terms: Sequence[Term], shown: ShownText) -> None:
        """Look for the search terms (in a long body, in slices: see ``searched``)."""
        self.terms = tuple(terms)
        self.search = Look(term_patterns(self.terms))
        self.search.look(shown)
        self._go_on()

    def set_find(self, text: str, shown: ShownText, *, case_sensitive: bool) -> None:
        """Look for the find bar's text (none: ""; in a long body, in slices: see
        ``found_all``)."""
        self.find = Look(find_patterns(text, case_sensitive=case_sensitive))
        self.find.look(shown)
        self.current = -1
        self._go_on()

    def forget_find(self) -> None:
        """Another article is shown: the find bar looks again."""
        self.find, self.current = Look(), -1

    def again(self, shown: ShownText, *, head_only: bool = False) -> None:
        """Look again in a new document; with ``head_only`` a long body's matches are kept,
        as the body is the same (another part of it, another zoom)."""
        self.search.look(shown, body=not head_only)
        self.find.look(shown, body=not head_only)
        if self.current >= len(self.found):
            self.current = -1
        self._go_on()

    def looking(self) -> bool:
        """True while a long body is still being looked through."""
        return self.search.pending is not None or self.find.pending is not None

    def finish(self) -> None:
        """Look through the rest at once."""
        self._timer.stop()
        find, search = self.find.pending is not None, self.search.pending is not None
        self.find.finish()
        self.search.finish()
        if search:
            self.searched.emit()
        if find:
            self.found_all.emit()

    def _go_on(self) -> None:
        if self.looking():
            self._timer.start()
        else:
            self._timer.stop()

    def _slice(self) -> None:
        started = time.perf_counter()
        while self.looking() and time.perf_counter() - started < SLICE_SECONDS:
            # The find bar's text first: the reader is waiting for it.
            if self.find.pending is not None:
                if self.find.step():
                    self.found_all.emit()
            elif self.search.step():
                self.searched.emit()
        self._go_on()

    def next_search(self, shown: ShownText, position: int, *, backwards: bool) -> Hit | None:
        """The search hit after the document position (or before it)."""
        hits = self.search.hits()
        if not hits:
            return None
        return hits[next_hit(hits, shown.key(position), backwards=backwards)]

    def step(self, shown: ShownText, position: int, *, backwards: bool) -> Hit | None:
        """Make the next (or previous) find match current, the first one after ``position``
        when none is yet; return it."""
        found = self.found
        count = len(found)
        if not count:
            return None
        if self.current < 0:
            later = next_hit(found, shown.key(position), backwards=False)
            self.current = (later - (1 if backwards else 0)) % count
        else:
            self.current = (self.current + (-1 if backwards else 1)) % count
        return found[self.current]

    def marks(
        self, shown: ShownText, colours: ReadingColours, view: tuple[int, int]
    ) -> tuple[list[QTextEdit.ExtraSelection], bool]:
        """The marks to show in the document; past ``MARK_ALL`` matches, only those from
        document position ``view[0]`` to ``view[1]`` (and the current one). True with them
        when some were left out."""
        search, found = self.search.hits(), self.found
        current = found[self.current] if 0 <= self.current < len(found) else None
        some = len(search) + len(found) > MARK_ALL
        if some:
            low, high = shown.key(view[0]), shown.key(view[1])
            search, found = near(search, low, high), near(found, low, high)
        return marks(shown, search, found, current, colours), some
