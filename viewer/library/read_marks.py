"""Read marks, reading positions and encoding choices for the window: when an article counts
as read, where the reader was in it, and how its bytes are to be read."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from viewer.core.appinfo import APP_ID
from viewer.core.article import Article
from viewer.core.state.pending_files import Unkept
from viewer.core.state.store import CLOSE_WAIT, STATE_FILE, ReadingState
from viewer.core.state.writer import StateWriter

MARK_POLICIES: Final = ("shown", "delay", "manual")
MARK_DELAY_MS: Final = 5000  # "after a few seconds": long enough to have started reading
OPENING_MARKER: Final = "opening"  # names the article being opened until it is on show
WATCH_MS: Final = 150  # how often the window looks for the writer's news while it works
SAVE_NOW_WAIT: Final = 0.5  # seconds ``save_now`` tries to write before a pending file is due


def default_state_folder() -> Path:
    """The user's data folder for the viewer (not the cache: this is the reader's record)."""
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data)


def fallback_folders() -> list[Path]:
    """Where changes go that the state's own folder cannot take, the first choice first: a
    folder in the cache, then one in the temporary folder; each made private (0700) and checked
    before use by the reading state."""
    folders = []
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    if cache:
        folders.append(Path(cache) / "unsaved-reading-state")
    temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    if temp and hasattr(os, "getuid"):  # the temporary folder is shared: named for the user
        folders.append(Path(temp) / f"{APP_ID}-{os.getuid()}-reading-state")
    return folders


class ReadMarks(QObject):
    """Marks articles read as the policy says, and remembers positions in them."""

    readChanged = Signal(object)  # content keys whose mark changed
    savingChanged = Signal(str)  # what to say while changes cannot be saved; "" once they are
    notice = Signal(str)  # a one-time message about the reading state (a damaged file)

    def __init__(
        self,
        folder: Path | None,
        parent: QObject | None = None,
        *,
        fallbacks: Sequence[Path] | None = None,
    ) -> None:
        """``folder`` holds the reading state (None: memory only); ``fallbacks`` are private
        folders for what cannot be written there (None: those of ``fallback_folders``)."""
        super().__init__(parent)
        self.folder = folder
        if folder is None:
            self.state = ReadingState(None)
        else:
            chosen = fallback_folders() if fallbacks is None else fallbacks
            self.state = ReadingState(folder / STATE_FILE, chosen)
        self._warning = ""  # the warning last told
        # While the writer is at work, a look now and then for what it found: no Qt object
        # is touched from its thread.
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._look)
        self._writer: StateWriter | None = None
        if folder is not None:
            self._writer = StateWriter(self.state)
            self.state.changed = self._state_changed
            self._writer.start()
            self._watch.start()
        # A live, read-only view: the listing, the index and the reading pane take it as is.
        self.encodings: Mapping[str, str] = self.state.encodings()
        self.policy = "shown"
        self._pending: Article | None = None
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(MARK_DELAY_MS)
        self._delay.timeout.connect(self._delay_done)

    def _state_changed(self) -> None:
        if self._writer is not None:
            self._writer.wake()
            if not self._watch.isActive():
                self._watch.start()

    def _look(self) -> None:
        self.take_news()
        if not self.state.busy() and not self.state.has_news():
            self._watch.stop()

    def take_news(self) -> None:
        """Pass on what the reading state has to say: notices, marks read late, and whether
        changes can be saved."""
        for text in self.state.take_notices():
            self.notice.emit(text)
        loaded = self.state.take_loaded()
        if loaded:
            self.readChanged.emit(loaded)
        warning = self.state.warning or ""
        if warning != self._warning:
            self._warning = warning
            self.savingChanged.emit(warning)

    @property
    def read_keys(self) -> set[str]:
        """The content keys of every article read (the set itself, shared with the list)."""
        return self.state.read_keys

    def set_policy(self, policy: str) -> None:
        """ "shown" marks an article read when it is shown, "delay" after a few seconds on
        show, "manual" only when asked."""
        self.policy = policy if policy in MARK_POLICIES else "shown"

    def shown(self, article: Article) -> None:
        """An article came on show."""
        self._delay.stop()
        self._pending = None
        if article.content_key is None or article.content_key in self.read_keys:
            return
        if self.policy == "shown":
            self.set_read([article.content_key], True)
        elif self.policy == "delay":
            self._pending = article
            self._delay.start()

    def is_read(self, article: Article) -> bool:
        """True when the article was read."""
        return self.state.is_read(article.content_key)

    def set_read(self, keys: Iterable[str | None], read: bool) -> None:
        """Mark articles read or unread."""
        changed = [k for k in keys if k and (k in self.read_keys) != read]
        if changed:
            self.state.set_read(changed, read)
            self.readChanged.emit(changed)

    def toggle(self, articles: list[Article]) -> None:
        """M: all read if any is unread, else all unread."""
        keys = [a.content_key for a in articles if a.content_key]
        if keys:
            self.set_read(keys, not all(k in self.read_keys for k in keys))

    def _delay_done(self) -> None:
        if self._pending is not None and self._pending.content_key:
            self.set_read([self._pending.content_key], True)
        self._pending = None

    # --- encodings -------------------------------------------------------------------------

    def encoding(self, article: Article) -> str | None:
        """The codec the reader chose for the article, None when it is detected."""
        return self.state.encoding(article.content_key)

    def set_encoding(self, article: Article, encoding: str | None) -> None:
        """Read the article (and its copies) in ``encoding`` from now on; None: detect it."""
        self.state.set_encoding(article.content_key, encoding)

    # --- positions and the crash guard ----------------------------------------------------

    def position(self, article: Article) -> float | None:
        """Where the reader left the article, as a fraction of its length."""
        return self.state.position(article.content_key)

    def carry_over(self, old: str, new: str) -> None:
        """A file changed in place (an edit near its start gives it a new content key): the
        read mark and the place stay with it, so that an edit does not make it unread."""
        if old in self.read_keys:
            self.set_read([new], True)
        fraction = self.state.position(old)
        if fraction and self.state.position(new) is None:
            self.state.set_position(new, fraction)

    def remember_position(self, article: Article | None, fraction: float) -> None:
        """Keep the reader's place in an article they are leaving."""
        if article is not None:
            self.state.set_position(article.content_key, fraction)

    def opening(self, path: str | None) -> None:
        """Note the article about to be shown (None: it is on show); a plain small file, so it
        is there after a crash or a forced quit."""
        if self.folder is None:
            return
        marker = self.folder / OPENING_MARKER
        # ValueError: a path that no file system gives (a stray surrogate) is not noted.
        with contextlib.suppress(OSError, ValueError):
            if path is None:
                marker.unlink(missing_ok=True)
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                # surrogateescape: a name that is not valid UTF-8 is written as its own bytes.
                marker.write_text(path, encoding="utf-8", errors="surrogateescape")

    def crashed_on(self) -> str | None:
        """The article that was being opened when the viewer last stopped without closing."""
        if self.folder is None:
            return None
        try:
            marker = self.folder / OPENING_MARKER
            text = marker.read_text(encoding="utf-8", errors="surrogateescape").strip()
        except OSError:
            return None
        return text or None

    def save_now(self, wait: float = SAVE_NOW_WAIT) -> Unkept | None:
        """Try to save everything now, for ``wait`` seconds at most, what cannot be written
        going to a pending file: None when everything is kept; else what is not, and why (to be
        told before the window goes). The viewer goes on as before either way."""
        unkept = self.state.keep(wait)
        self.take_news()
        return unkept

    def close(self) -> None:
        """Stop the timer, drop the opening note, write what is left (within a second; the rest
        goes to a pending file) and close the database."""
        self._delay.stop()
        self.opening(None)
        self.state.changed = _nothing  # from here the close writes what is left itself
        self._watch.stop()
        self.state.trim()
        until = time.monotonic() + CLOSE_WAIT
        if self._writer is not None:
            self._writer.stop(until)
        self.state.close(wait=max(until - time.monotonic(), 0.0))


def _nothing() -> None:
    pass
