"""The reading pane's marks: its search hits and find matches shown in the document, kept as
the view scrolls and the document is set again, and going from one match to the next.

The matches themselves are found by ``Matches`` (see ``pane_hits``); this puts them on show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QTextEdit

from viewer.ui.pane_hits import Matches
from viewer.ui.pane_typesetting import PaneTypesetting
from viewer.ui.reading_colours import reading_colours

if TYPE_CHECKING:  # a search's terms: the query's module comes with the first search
    from viewer.core.search_query import Term


class PaneMarks:
    """The marks in a text view over what ``PaneTypesetting`` shows, and which match is next."""

    def __init__(
        self, view: QTextEdit, typesetting: PaneTypesetting, found: Callable[[int], None]
    ) -> None:
        self._view = view
        self._set = typesetting
        self._found = found  # told how many find matches there are, once all are found
        self._matches = Matches(view)
        self._matches.found_all.connect(self._found_all)
        self._matches.searched.connect(self._searched)
        self._marked: tuple[int, int] | None = None  # where marks are, when not everywhere
        self._search_step: bool | None = None  # F3 pressed while hits were still looked for
        self._body_aim: int | None = None  # a body hit to go to once the hits are all found
        self._hit_aim: int | None = None  # a hit (-1: the last) to go to, likewise
        view.verticalScrollBar().valueChanged.connect(self.scrolled)
        # More marks to show with the matches: the reader's highlights, say.
        self.extra: Callable[[], list[QTextEdit.ExtraSelection]] = list

    # --- search hits ---------------------------------------------------------------------

    def set_terms(self, terms: Sequence[Term]) -> None:
        """Mark every occurrence of the search terms (in a long body, as they are found)."""
        self._search_step = None
        self._matches.set_terms(terms, self._set.shown)
        self.mark()

    def search_count(self) -> int:
        """How many search hits there are (of a long article, in all its parts)."""
        return len(self._matches.search.hits())

    def looking(self) -> bool:
        """True while a long body is still being looked through for hits or matches."""
        return self._matches.looking()

    def next_search(self, *, backwards: bool) -> bool:
        """Go to the next (or previous) search hit after the cursor; False when there is none.
        While a long body is still being looked through, go there once it is."""
        if self._matches.search.pending is not None:
            self._search_step = backwards
            return True
        selected = self._view.textCursor()
        here = selected.selectionStart() if backwards else selected.selectionEnd()
        hit = self._matches.next_search(self._set.shown, here, backwards=backwards)
        if hit is not None:
            self._set.go_to_hit(hit)
        return hit is not None

    def search_step(self, *, backwards: bool) -> tuple[int, int] | None:
        """Go to the next (or previous) search hit after the cursor, not round to the first;
        return (its number from 1, how many), or None when there is none that way. While a
        long body is still being looked through, (0, 0): it goes there once it is."""
        if self._matches.search.pending is not None:
            self._search_step = backwards
            return 0, 0
        hits = self._matches.search.hits()
        selected = self._view.textCursor()
        position = selected.selectionStart() if backwards else selected.selectionEnd()
        here = self._set.shown.key(position)
        if backwards:
            earlier = [number for number, hit in enumerate(hits) if hit.key < here]
            found = earlier[-1] if earlier else None
        else:
            found = next((number for number, hit in enumerate(hits) if hit.key >= here), None)
        if found is None:
            return None
        self._set.go_to_hit(hits[found])
        return found + 1, len(hits)

    def go_to_search_hit(self, number: int) -> tuple[int, int] | None:
        """Go to search hit ``number`` (from 0; -1: the last); return (its number from 1, how
        many), None when there are none; (0, 0) while a long body is looked through."""
        if self._matches.search.pending is not None:
            self._hit_aim = number
            return 0, 0
        self._hit_aim = None
        hits = self._matches.search.hits()
        if not hits:
            return None
        number = number % len(hits)
        self._set.go_to_hit(hits[number])
        return number + 1, len(hits)

    def go_to_body_hit(self, ordinal: int) -> bool:
        """Go to the ``ordinal``-th search hit in the body (from 0; past the last, the last);
        False when the body has none. While a long body is looked through, once it is."""
        if self._matches.search.pending is not None:
            self._body_aim = ordinal
            return True
        self._body_aim = None
        start = self._set.typeset.body_start
        body = [h for h in self._matches.search.hits() if h.part >= 0 or h.start >= start]
        if not body:
            return False
        self._set.go_to_hit(body[min(ordinal, len(body) - 1)])
        return True

    def _searched(self) -> None:
        self.mark()
        backwards, self._search_step = self._search_step, None
        if backwards is not None:
            self.next_search(backwards=backwards)
        if self._body_aim is not None:
            self.go_to_body_hit(self._body_aim)
        if self._hit_aim is not None:
            self.go_to_search_hit(self._hit_aim)

    # --- find matches --------------------------------------------------------------------

    def find(self, text: str, *, case_sensitive: bool) -> None:
        """Look for ``text`` and mark its matches; say how many there are once all are found."""
        self._matches.set_find(text, self._set.shown, case_sensitive=case_sensitive)
        self.mark()
        if self._matches.find.pending is None:
            self._found(len(self._matches.found))

    def find_all(self, text: str, *, case_sensitive: bool) -> int:
        """Mark every occurrence of ``text`` now, looking through all of a long body at once;
        return how many there are."""
        self._matches.set_find(text, self._set.shown, case_sensitive=case_sensitive)
        self._matches.find.finish()
        self.mark()
        return len(self._matches.found)

    def finding(self) -> bool:
        """True while a long body is still being looked through for the find bar's text."""
        return self._matches.find.pending is not None

    def _found_all(self) -> None:
        self.mark()
        self._found(len(self._matches.found))

    def find_step(self, *, backwards: bool) -> tuple[int, int]:
        """Go to the next (or previous) find match; return (its number from 1, how many)."""
        matches = self._matches
        here = self._view.textCursor().selectionStart()
        hit = matches.step(self._set.shown, here, backwards=backwards)
        if hit is None:
            return 0, 0
        self._set.go_to_hit(hit)
        self.mark()
        return matches.current + 1, len(matches.found)

    def find_position(self) -> tuple[int, int]:
        """(The current find match's number from 1, 0 for none yet; how many there are)."""
        return self._matches.current + 1, len(self._matches.found)

    def forget_find(self) -> None:
        """Another article (or its source) is shown: the find bar finds again."""
        self._matches.forget_find()

    # --- the marks in the document -------------------------------------------------------

    def drop(self) -> None:
        """The document is to be replaced: its marks go with it (none follow the view)."""
        self._marked = None

    def renew(self, *, head_only: bool) -> None:
        """Look again in the document on show and mark it; with ``head_only`` a long body's
        matches are kept, as the body is the same (another part, another zoom)."""
        self._matches.again(self._set.shown, head_only=head_only)
        self.mark()

    def mark(self) -> None:
        """Show the marks; past ``MARK_ALL`` matches, those from a screen above the view to a
        screen below it."""
        view = self._view
        viewport = view.viewport()
        height = viewport.height()
        top = view.cursorForPosition(QPoint(0, -height)).position()
        bottom = view.cursorForPosition(QPoint(viewport.width(), 2 * height)).position()
        colours = reading_colours(view.palette())
        made, some = self._matches.marks(self._set.shown, colours, (top, bottom))
        self._marked = (top, bottom) if some else None
        view.setExtraSelections([*self.extra(), *made])

    def scrolled(self, _value: int = 0) -> None:
        """Mark the matches coming into view, when not all are marked."""
        marked = self._marked
        if marked is None:
            return
        view = self._view
        viewport = view.viewport()
        top = view.cursorForPosition(QPoint(0, 0)).position()
        bottom = view.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        if top < marked[0] or bottom > marked[1]:
            self.mark()
