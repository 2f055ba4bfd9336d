"""The pages of a served list's view held for the window, and the thread that reads the next
ones before the list needs them.

A repaint asks for the rows in sight; a page the window does not hold is read there and
then, in its thread (a few milliseconds of SQLite). Scrolling on from a page asks
``PageReader`` for its neighbours, which reads them in a thread of its own (SQLite lets the
interpreter go while it looks), so that a key moving down the list finds its rows at hand.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
from collections import OrderedDict
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QThread, Signal

from viewer.core.article import Article
from viewer.core.index_rows import article_from_row
from viewer.core.view_tables import ViewReader

log = logging.getLogger("viewer")

PAGE_ROWS: Final = 128
KEPT_PAGES: Final = 64  # pages of records held: 8,192 rows, whatever the library's size
AHEAD: Final = (1, -1)  # the pages read ahead of one the list comes to: below it, above it

Page = list[Article | None]


def read_page(reader: ViewReader, name: str, number: int) -> Page:
    """Page ``number`` of view ``name``: None for a row whose file went from the index."""
    rows = reader.page(name, number * PAGE_ROWS, PAGE_ROWS)
    return [None if record is None else article_from_row(record) for _r, _p, record in rows]


class PageReader(QThread):
    """Reads the pages asked for, in order, with its own connection; ``read`` hands each
    over (the window's thread takes it if its view is still the one shown)."""

    read = Signal(str, int, object)  # view table, page number, Page

    def __init__(self, index_path: str, scratch: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index_path = index_path
        self._scratch = scratch
        self._asked: queue.SimpleQueue[tuple[str, int] | None] = queue.SimpleQueue()

    def ask(self, name: str, number: int) -> None:
        """Read page ``number`` of view ``name``."""
        self._asked.put((name, number))

    def stop(self) -> None:
        """End the thread (waiting for the page under way)."""
        self._asked.put(None)
        self.wait()

    def run(self) -> None:
        """Read what is asked until stopped."""
        try:
            reader = ViewReader(self._index_path, self._scratch)
        except sqlite3.Error as exc:
            log.warning("cannot read the list ahead: %s", exc)
            return
        try:
            while (asked := self._asked.get()) is not None:
                name, number = asked
                try:
                    page = read_page(reader, name, number)
                except sqlite3.Error:
                    continue  # the view went meanwhile (a newer one is shown): nobody waits
                self.read.emit(name, number, page)
        finally:
            reader.close()


class ViewPages(QObject):
    """The records of the view shown, a page at a time: at most ``KEPT_PAGES`` of them."""

    def __init__(self, reader: ViewReader, scratch: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._name: str | None = None
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._last: tuple[int, Page] = (-1, [])  # the page last asked for
        self._rows = 0
        self._asked: set[tuple[str, int]] = set()  # pages being read ahead
        self._ahead = PageReader(reader.index_path, scratch, self)
        self._ahead.read.connect(self._take)
        self._ahead.start()

    def __len__(self) -> int:
        """Pages held."""
        return len(self._pages)

    def close(self) -> None:
        """Stop reading ahead."""
        self._ahead.stop()

    def show(self, name: str | None, rows: int = 0) -> None:
        """The view's table ``name`` of ``rows`` rows is shown now (None: none): the pages held
        are forgotten."""
        self._name, self._rows = name, rows
        self._pages = OrderedDict()
        self._last = (-1, [])
        self._asked = set()  # what is read of another view is dropped as it comes

    def record(self, row: int) -> Article | None:
        """The record of ``row`` of the view shown; None when its file went."""
        number, offset = divmod(row, PAGE_ROWS)
        # A repaint asks for one page's rows a hundred times over: the last page is at hand.
        if number == self._last[0]:
            page = self._last[1]
        else:
            page = self._page(number)
            self._last = (number, page)
            self._read_ahead(number)
        return page[offset] if offset < len(page) else None

    def _page(self, number: int) -> Page:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        assert self._name is not None
        try:
            page = read_page(self._reader, self._name, number)
        except sqlite3.Error as exc:  # the index went or is damaged: the rows show nothing
            log.warning("cannot read the list from the index: %s", exc)
            page = []
        self._keep(number, page)
        return page

    def _keep(self, number: int, page: Page) -> None:
        self._pages[number] = page
        if len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)

    def _read_ahead(self, number: int) -> None:
        """Have the pages beside ``number`` read in the background, unless they are held."""
        name = self._name
        assert name is not None
        for step in AHEAD:
            ahead = number + step
            wanted = (name, ahead)
            held = ahead in self._pages or wanted in self._asked
            if 0 <= ahead * PAGE_ROWS < self._rows and not held:
                self._asked.add(wanted)
                self._ahead.ask(name, ahead)

    def _take(self, name: str, number: int, page: Page) -> None:
        self._asked.discard((name, number))
        if name == self._name and number not in self._pages:
            self._keep(number, page)
