"""A small cache of fully parsed articles, checked against the file before each use (no Qt)."""

from __future__ import annotations

import os
from collections import OrderedDict

from viewer.article import Article
from viewer.parser import parse_file


class ArticleCache:
    """Keeps the last few shown articles; a file that changed on disk is parsed again."""

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._entries: OrderedDict[str, tuple[tuple[int, int], Article]] = OrderedDict()

    def load(self, path: str) -> Article:
        """The fully parsed article at ``path``, from the cache while the file is unchanged."""
        try:
            info = os.stat(path)
            stamp = (info.st_size, info.st_mtime_ns)
        except OSError:
            self._entries.pop(path, None)
            return parse_file(path)  # reports the error in the reader's words
        cached = self._entries.get(path)
        if cached is not None and cached[0] == stamp:
            self._entries.move_to_end(path)
            return cached[1]
        article = parse_file(path)
        if article.ok:
            self._entries[path] = (stamp, article)
            self._entries.move_to_end(path)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return article

    def forget(self, path: str | None = None) -> None:
        """Drop one path, or everything."""
        if path is None:
            self._entries.clear()
        else:
            self._entries.pop(path, None)
