"""F3 and Shift+F3 through a search's hits across articles: past the last hit of one article,
on to the first of the next that matches, in list order (and back), saying where one is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.ui.reading_pane import ReadingPane

if TYPE_CHECKING:  # made after the first paint
    from viewer.ui.find_bar import FindBar


class HitStream(QObject):
    """Steps through the search hits (or the find bar's matches) of the articles listed."""

    message = Signal(str, int)  # text, milliseconds

    def __init__(self, pane: ReadingPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._find_bar: FindBar | None = None  # given once made (see set_find_bar)
        self.searching = False  # a search is active: its articles are the list's
        # The row of the article on show from 1 (0: none), and how many the list shows.
        self.where: Callable[[], tuple[int, int]] = lambda: (0, 0)
        # On to the next article in the list (True: the previous one); False when none.
        self.move: Callable[[bool], bool] = lambda _backwards: False
        self._aim: tuple[bool, bool] | None = None  # crossing: (backwards, in the find bar)

    def set_find_bar(self, find_bar: FindBar) -> None:
        """The find bar, whose Enter at its last match goes on into the next article too."""
        self._find_bar = find_bar
        find_bar.cross = self._find_cross

    def step(self, *, backwards: bool) -> None:
        """F3 (Shift+F3): the next (previous) find match when the find bar is open, else the
        next search hit; past the article's last, into the next article that matches."""
        bar = self._find_bar
        if bar is not None and bar.active():
            if backwards:
                bar.previous()
            else:
                bar.next()
            return
        if not self.searching:
            if not self._pane.next_highlight(backwards=backwards):
                self.message.emit("No search hits in this article", 2000)
            return
        found = self._pane.step_highlight(backwards=backwards)
        if found is None:
            self._cross(backwards, find=False)
        elif found != (0, 0):
            self._say(*found)

    def _find_cross(self, backwards: bool) -> bool:
        if not self.searching:
            return False  # round to the first match, as without a search
        self._cross(backwards, find=True)
        return True

    def _cross(self, backwards: bool, *, find: bool) -> None:
        self._aim = (backwards, find)
        if not self.move(backwards):
            self._aim = None
            where = "first" if backwards else "last"
            self.message.emit(f"No more hits: this is the {where} article found", 3000)

    def article_shown(self) -> None:
        """An article is on show: at its first hit (or last), if it was crossed into."""
        if self._aim is not None:
            QTimer.singleShot(0, self._arrive)  # once the pane has marked its hits

    def _arrive(self) -> None:
        aim, self._aim = self._aim, None
        if aim is None:
            return
        backwards, find = aim
        if find:  # the find bar looked again in it, and is at its first match
            if backwards and self._find_bar is not None:
                self._find_bar.previous()
            return
        found = self._pane.go_to_highlight(-1 if backwards else 0)
        if found is None:
            self.message.emit("No search hits to show in this article", 3000)
        elif found != (0, 0):
            self._say(*found)

    def _say(self, number: int, total: int) -> None:
        row, rows = self.where()
        self.message.emit(f"Hit {number} of {total} · article {row:,} of {rows:,}", 4000)
