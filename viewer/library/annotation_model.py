"""Every highlight and note of the library as a table: quote, note, article, date, labels."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from viewer.core.annotations import Annotation
from viewer.library.article_annotations import ArticleAnnotations
from viewer.library.plain_text import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS: Final = ("Passage", "Note", "Article", "Date", "Labels")
QUOTE, NOTE, ARTICLE, DATE, LABELS = range(len(HEADERS))
ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 2  # what a column sorts by: dates as times
_SHOWN_CHARS: Final = 200  # of a long passage, what its cell shows


class AnnotationModel(QAbstractTableModel):
    """The annotations, newest first; notes can be edited in place."""

    def __init__(
        self,
        store: ArticleAnnotations,
        labels_of: Callable[[str | None], tuple[str, ...]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._labels_of = labels_of
        self._rows: list[Annotation] = []
        self.orphaned: set[str] = set()  # ids of annotations whose quote was not found
        store.changed.connect(lambda _keys: self.reload())
        self.reload()

    def reload(self) -> None:
        """Read the annotations again."""
        self.beginResetModel()
        self._rows = sorted(self._store.all(), key=lambda a: -a.modified)
        self.endResetModel()

    def annotation(self, row: int) -> Annotation | None:
        """The annotation of a row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One row an annotation."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Passage, note, article, date, labels."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The note can be edited (F2)."""
        flags = super().flags(index)
        if index.isValid() and index.column() == NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cells, as plain text."""
        annotation = self.annotation(index.row()) if index.isValid() else None
        if annotation is None:
            return None
        if role == ID_ROLE:
            return annotation.id
        column = index.column()
        if role == SORT_ROLE:
            if column == DATE:
                return annotation.modified
            return str(self.data(index, Qt.ItemDataRole.DisplayRole) or "").casefold()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == QUOTE:
                quote = " ".join(annotation.exact.split())
                shown = quote if len(quote) <= _SHOWN_CHARS else quote[:_SHOWN_CHARS] + "…"
                return f"{shown} (not found)" if annotation.id in self.orphaned else shown
            if column == NOTE:
                return (
                    annotation.note if role == Qt.ItemDataRole.EditRole else _line(annotation.note)
                )
            if column == ARTICLE:
                return annotation.title or annotation.path
            if column == DATE:
                return time.strftime("%d %b %Y", time.localtime(annotation.modified))
            return ", ".join(self._labels_of(annotation.key))
        if role == Qt.ItemDataRole.ToolTipRole and column in (QUOTE, NOTE):
            return plain_tooltip(annotation.exact if column == QUOTE else annotation.note)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A note edited in place is kept."""
        annotation = self.annotation(index.row()) if index.isValid() else None
        if annotation is None or index.column() != NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        from viewer.core.annotations import edited

        self._store.keep(edited(annotation, note=str(value).strip()))
        return True


def _line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_CHARS else flat[:_SHOWN_CHARS] + "…"
