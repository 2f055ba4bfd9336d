"""What the reading pane shows: a typeset document, set a slice at a time when it is long, and
places in a long article still to be reached once the part that holds them is set.

A long article is typeset plainly and read in parts (see ``article_parts``): Page Down or Space
at a part's end goes on to the next one, Page Up at its top back to the one before, and
Ctrl+End and Ctrl+Home go to the end and the start of the whole article.

A long article's place is a global offset into its body (see ``article_parts``): the share of
the body before the top line, whatever part holds it. Going to a place in another part shows
that part first; a place not set yet is shown once it is, unless the reader scrolls meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QAbstractSlider, QTextEdit

from viewer.core.article import Article
from viewer.core.article_parts import Parts, long_parts
from viewer.ui.chunked_typesetting import ChunkedTypesetting
from viewer.ui.pane_hits import Hit, ShownText, cursor
from viewer.ui.reading_place import ReadingPlace
from viewer.ui.typeset import Typeset

# Where to go: a global offset (or END), and the end of a match to select there, or None to
# put the offset's line at the top of the view.
Aim = tuple[int, int | None]
END: Final = -1
_AHEAD: Final = 20_000  # characters set past a place before it is put at the top


class PaneTypesetting:
    """The document on show, its slices still to come, and a place still to be reached."""

    def __init__(
        self,
        view: QTextEdit,
        place: ReadingPlace,
        show_part: Callable[[int, Aim], None],
        finished: Callable[[], None],
    ) -> None:
        self.typeset = Typeset(view.document())
        self.shown = ShownText(self.typeset)
        self.aim: Aim | None = None
        self._long: tuple[Article, bool, Parts | None] | None = None  # the last one's parts
        self._view = view
        self._place = place
        self._show_part = show_part  # typesets a part, then aims there
        self._finished = finished
        self.build = ChunkedTypesetting(view)
        self.build.grew.connect(self._grew)
        self.build.finished.connect(self._done)
        view.verticalScrollBar().actionTriggered.connect(self._reader_scrolled)

    def begin(self, made: Typeset) -> None:
        """Take ``made`` to show: all of it now, or a long one's first screens and then the
        rest in slices (a part set before is dropped)."""
        self.build.stop()
        self.aim = None
        if made.parts is None:
            made.finish()
        else:
            self.build.start(made.document, made.steps)
        self.typeset = made
        self.shown = ShownText(made)

    def parts(self) -> Parts | None:
        """The long body's parts, or None."""
        return self.typeset.parts

    def parts_for(self, article: Article | None, source: bool) -> Parts | None:
        """The parts of the article's body (or, ``source``, of its file) when it is long;
        those of the last one asked for are kept."""
        if article is None or not article.ok:
            return None
        known = self._long
        if known is None or known[0] is not article or known[1] != source:
            known = self._long = (article, source, long_parts(article, source=source))
        return known[2]

    def more(self) -> bool:
        """True while there is more of a long article than is set here: the rest of this part
        (still being set) or other parts after it."""
        parts = self.typeset.parts
        following = self.typeset.part + 1
        return parts is not None and (self.build.running() or following < len(parts.parts))

    # --- places --------------------------------------------------------------------------

    def fraction(self) -> float:
        """How far into the article the top of the view is (or the place still aimed at):
        ``ReadingPlace``'s share of the document, or the share of a long body before it."""
        parts = self.typeset.parts
        if parts is None:
            return self._place.fraction()
        if self.aim is not None:  # not reached yet: the place is still where it was
            offset = parts.parts[self.typeset.part].stop if self.aim[0] == END else self.aim[0]
        else:
            part = parts.parts[self.typeset.part]
            below = max(0, self._place.top() - self.typeset.body_start)
            offset = min(part.stop, part.start + below)
        return min(1.0, offset / max(1, parts.total))

    def go_to(self, fraction: float) -> None:
        """Put the place ``fraction`` of the way into the article at the top of the view."""
        parts = self.typeset.parts
        if parts is None:
            self._place.go_to(fraction)
            return
        offset = round(max(0.0, min(1.0, fraction)) * parts.total)
        self.aim_at(parts.part_at(offset), (offset, None))

    def show_part(self, number: int, *, at_end: bool = False) -> None:
        """Show part ``number`` (from 0) from its top, or at its end."""
        parts = self.typeset.parts
        if parts is not None:
            number = max(0, min(len(parts.parts) - 1, number))
            self.aim_at(number, (END, None) if at_end else (parts.parts[number].start, None))

    def aim_at(self, number: int, aim: Aim) -> None:
        """Go to ``aim`` in part ``number``: at once, or once it is set."""
        if number != self.typeset.part:
            self._show_part(number, aim)  # which comes back here for the new part
            return
        self.aim = aim
        self.reach()

    def press(self, event: QKeyEvent) -> bool:
        """Take Ctrl+Home and Ctrl+End (the whole article's edges), Page Down and Page Up (on
        to another part from a part's edge); False for any other key, the view's to take."""
        key, modifiers = event.key(), event.modifiers()
        home, end = Qt.Key.Key_Home, Qt.Key.Key_End
        if key in (home, end) and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.to_edge(end=key == end)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and not modifiers:
            self.page(down=key == Qt.Key.Key_PageDown)
        else:
            return False
        return True

    def page(self, *, down: bool) -> None:
        """Scroll a screen down (or up), less two lines kept for context; past a part's end
        (or top), on to the next part (or to the end of the one before)."""
        view = self._view
        step = max(1, view.viewport().height() - view.fontMetrics().lineSpacing() * 2)
        step = step if down else -step
        bar = view.verticalScrollBar()
        number = self.typeset.part
        if step > 0 and bar.value() >= bar.maximum() and self.more() and not self.build.running():
            self.show_part(number + 1)
        elif step < 0 and bar.value() <= 0 and number > 0:
            self.show_part(number - 1, at_end=True)
        else:
            bar.setValue(bar.value() + step)

    def to_edge(self, *, end: bool) -> None:
        """Go to the start or the end of the whole article (Ctrl+Home, Ctrl+End)."""
        parts = self.typeset.parts
        if parts is not None:
            self.show_part(len(parts.parts) - 1 if end else 0, at_end=end)
            return
        action = QAbstractSlider.SliderAction
        bar = self._view.verticalScrollBar()
        bar.triggerAction(action.SliderToMaximum if end else action.SliderToMinimum)

    def follow_end(self) -> None:
        """Keep the end of the part in view while the rest of it is set."""
        if self.build.running():
            self.aim = (END, None)

    def go_to_hit(self, hit: Hit) -> None:
        """Select a match and scroll to it; in another part, show that part first."""
        place = self.shown.place(hit)
        if place is not None:
            show_match(self._view, cursor(self.shown, *place))
        else:
            self.aim_at(hit.part, (hit.start, hit.end))

    def reach(self) -> None:
        """Show the place aimed at, if the part is set that far."""
        aim, parts = self.aim, self.typeset.parts
        if aim is None or parts is None:
            return
        start, end = aim
        building = self.build.running()
        if start == END:
            bar = self._view.verticalScrollBar()
            bar.setValue(bar.maximum())  # again after each slice, while there are slices
            self.aim = aim if building else None
            return
        if end is not None:
            place = self.shown.place(Hit((1, start), start, end, self.typeset.part))
            if place is not None:
                show_match(self._view, cursor(self.shown, *place))
            if place is not None or not building:
                self.aim = None
            return
        part = parts.parts[self.typeset.part]
        position = 0 if start <= part.start else self.typeset.body_start + start - part.start
        if building and self.typeset.document.characterCount() < position + _AHEAD:
            return
        self._place.go_to_position(position)
        self.aim = None

    def _grew(self) -> None:
        self.shown.grew()
        self.reach()

    def _done(self) -> None:
        self.shown.grew()
        self._finished()
        self.reach()

    def _reader_scrolled(self, _action: int) -> None:
        self.aim = None  # the reader moved: no place is to be reached any more


def show_match(view: QTextEdit, selected: QTextCursor) -> None:
    """Select a match and show it with the text around it, as a browser does: left where it is
    when it is well inside the view, else about a third of the way down."""
    view.setTextCursor(selected)
    start = QTextCursor(selected)
    start.setPosition(selected.selectionStart())
    first = view.cursorRect(start)
    top, line = first.top(), first.height()
    bottom = view.cursorRect(selected).bottom()
    height = view.viewport().height()
    if line <= top and bottom <= height - line:  # a line of the text around it in view
        return
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + top - height // 3)


def centre_column(
    document: QTextDocument, width: int, chars: int, padding: int, top: float, bottom: float
) -> None:
    """Give the document's root frame margins that centre a column of ``chars`` characters
    (at most) in a view ``width`` pixels wide, ``top`` and ``bottom`` pixels above and below."""
    frame = document.rootFrame()
    char_width = QFontMetricsF(QFont(document.defaultFont())).averageCharWidth()
    column = min(width - 2 * padding, round(char_width * chars))
    side = max(padding, (width - column) // 2)
    fmt = frame.frameFormat()
    if fmt.leftMargin() == side and fmt.rightMargin() == side:
        return
    fmt.setLeftMargin(side)
    fmt.setRightMargin(side)
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    frame.setFrameFormat(fmt)
