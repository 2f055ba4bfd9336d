"""The published and updated dates of every row of the in-memory list, as arrays of sort keys
kept up as rows come, change and go: the timeline counts them without asking each record."""

from __future__ import annotations

from array import array

from PySide6.QtCore import QModelIndex, QObject, Qt

from viewer.core.article import Article
from viewer.core.date_format import sort_key
from viewer.library.article_model import ArticleTableModel

_NONE = float("nan")  # the key of a row with no date


def _key(value: object) -> float:
    key = sort_key(value) if value is not None else None  # type: ignore[arg-type]
    return _NONE if key is None else key


class MemoryDates(QObject):
    """Source row → sort key of its published and its updated date (NaN: none)."""

    def __init__(self, model: ArticleTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.version = 0  # goes up with every change, so that counts know they are behind
        self._keys = {"published": array("d"), "updated": array("d")}
        self._reset()
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._removed)
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self._reset)

    def keys(self, field: str) -> array[float]:
        """The sort keys of ``field`` ("published" or "updated"), a row each."""
        return self._keys["updated" if field == "updated" else "published"]

    def _append(self, articles: list[Article]) -> None:
        self._keys["published"].extend([_key(a.published) for a in articles])
        self._keys["updated"].extend([_key(a.updated) for a in articles])
        self.version += 1

    def _reset(self) -> None:
        for keys in self._keys.values():
            del keys[:]
        self._append(list(self.model.articles()))

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if first != len(self._keys["published"]):  # the model only appends; else start again
            self._reset()
            return
        self._append(self.model.articles_in(first, last))

    def _removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        for keys in self._keys.values():
            del keys[first : last + 1]
        self.version += 1

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int]) -> None:
        if roles == [Qt.ItemDataRole.FontRole]:
            return  # a read mark: the dates are as they were
        published, updated = self._keys["published"], self._keys["updated"]
        for row in range(top_left.row(), min(bottom_right.row() + 1, len(published))):
            article = self.model.article(row)
            published[row], updated[row] = _key(article.published), _key(article.updated)
        self.version += 1
