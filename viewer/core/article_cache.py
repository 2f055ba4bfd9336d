"""A small cache of fully parsed articles, checked against the file before each use (no Qt)."""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Mapping
from typing import Final

from viewer.core.article import Article

_NO_CHOICES: Mapping[str, str] = {}


# Files of this many bytes in all, at most, are kept parsed: their text takes two to four
# times as much memory, and a few 32 MB files must not take gigabytes.
CACHE_BYTES: Final = 64 * 1024 * 1024


class ArticleCache:
    """Keeps the last few shown articles; a file that changed on disk is parsed again, and so
    is one whose encoding the reader chose since."""

    def __init__(self, size: int = 16, max_bytes: int = CACHE_BYTES) -> None:
        self._size = size
        self._max_bytes = max_bytes
        # path → (the file's size and mtime, the encoding chosen then, the article)
        self._entries: OrderedDict[str, tuple[tuple[int, int], str | None, Article]] = OrderedDict()
        self.encodings: Mapping[str, str] = _NO_CHOICES  # content key → the reader's codec

    def load(self, path: str, listed: Article | None = None) -> Article:
        """The fully parsed article at ``path``, from the cache while the file is unchanged
        (``listed``: the list's record of it, see ``read_article``)."""
        held = self.held(path)
        if held is not None:
            return held
        stamp, article = read_article(path, self.encodings, listed)
        self.keep(stamp, article)
        return article

    def held(self, path: str) -> Article | None:
        """The article at ``path`` if the cache holds it as the file is now, else None."""
        try:
            info = os.stat(path)
        except OSError:
            self._entries.pop(path, None)
            return None
        cached = self._entries.get(path)
        if cached is None or cached[0] != (info.st_size, info.st_mtime_ns):
            return None
        article = cached[2]
        if article.content_key is not None and self.encodings.get(article.content_key) != cached[1]:
            return None  # the reader chose another encoding since
        self._entries.move_to_end(path)
        return article

    def keep(self, stamp: tuple[int, int] | None, article: Article) -> None:
        """Hold ``article``, read when its file had ``stamp`` (see ``read_article``)."""
        if stamp is None or not article.ok:
            return
        key = article.content_key
        chosen = self.encodings.get(key) if key is not None else None
        self._entries[article.path] = (stamp, chosen, article)
        self._entries.move_to_end(article.path)
        held = sum(entry[2].size for entry in self._entries.values())
        while len(self._entries) > self._size or (
            held > self._max_bytes and len(self._entries) > 1
        ):
            held -= self._entries.popitem(last=False)[1][2].size

    def forget(self, path: str | None = None) -> None:
        """Drop one path, or everything."""
        if path is None:
            self._entries.clear()
        else:
            self._entries.pop(path, None)


def read_article(
    path: str, encodings: Mapping[str, str], listed: Article | None = None
) -> tuple[tuple[int, int] | None, Article]:
    """Read and parse ``path`` in full, with the file's (size, mtime) as read (None when it
    could not be): the work of opening an article, in any thread. ``listed``, the list's
    record of the file, spares parsing its header again while the file is unchanged."""
    from viewer.core.listed_reading import read_listed  # here: the parser comes with it

    return read_listed(path, listed, encodings)
