"""The reader's smart folders as a table model: name and counts, kept in the reading state."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from viewer.core.smart_folders import (
    SmartFolder,
    clean_name,
    encode,
    moved,
    new_folder,
    ordered,
    renumbered,
)
from viewer.core.state.store import ReadingState
from viewer.library.plain_text import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
NAME_COLUMN: Final = 0
COUNT_COLUMN: Final = 1
KEY_ROLE: Final = Qt.ItemDataRole.UserRole + 1  # the folder's id
Counts = tuple[int, int] | str  # (matching, unread), or why the folder cannot be counted


class SmartFolderModel(QAbstractTableModel):
    """The smart folders in their order, each with its counts once they are known."""

    def __init__(self, state: ReadingState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._folders: list[SmartFolder] = ordered(state.folder_specs())
        self._counts: dict[str, Counts] = {}

    # --- reading -----------------------------------------------------------------------------

    def folders(self) -> list[SmartFolder]:
        """Every folder, in order."""
        return list(self._folders)

    def folder(self, key: str) -> SmartFolder | None:
        """The folder with this id, if there is one."""
        return next((f for f in self._folders if f.key == key), None)

    def row_of(self, key: str) -> int | None:
        """The row of the folder with this id."""
        return next((n for n, f in enumerate(self._folders) if f.key == key), None)

    def counts(self, key: str) -> Counts | None:
        """The folder's counts (None: not counted yet)."""
        return self._counts.get(key)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One row a folder."""
        return 0 if parent.isValid() else len(self._folders)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The name, and the counts."""
        return 0 if parent.isValid() else 2

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Names can be edited in place (F2)."""
        flags = super().flags(index)
        if index.isValid() and index.column() == NAME_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The name, the counts ("240 · 12 unread"), and a tooltip of what the folder shows."""
        if not index.isValid() or not 0 <= index.row() < len(self._folders):
            return None
        folder = self._folders[index.row()]
        counts = self._counts.get(folder.key)
        if role == KEY_ROLE:
            return folder.key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == NAME_COLUMN:
                return folder.name
            return count_text(counts)
        if role == Qt.ItemDataRole.ToolTipRole:
            why = f"\n{counts}" if isinstance(counts, str) else ""
            return plain_tooltip(f"{folder.name}\n{folder.describe()}{why}")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{folder.name}, {count_text(counts)}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles, for screen readers (the sidebar hides its header)."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Folder", "Articles")[section] if 0 <= section < 2 else None
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A name edited in place renames the folder."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        if not isinstance(value, str) or not 0 <= index.row() < len(self._folders):
            return False
        self.rename(self._folders[index.row()].key, value)
        return True

    # --- changing (each change is kept in the reading state at once) --------------------------

    def add(self, name: str, query: str, section: str | None, filter_text: str) -> SmartFolder:
        """Keep a new folder, last in the list."""
        position = max((f.position for f in self._folders), default=-1.0) + 1.0
        folder = new_folder(name, query, section, filter_text, position)
        row = len(self._folders)
        self.beginInsertRows(QModelIndex(), row, row)
        self._folders.append(folder)
        self.endInsertRows()
        self._keep(folder)
        return folder

    def update(self, folder: SmartFolder) -> None:
        """Keep a changed folder (its name, query or filters)."""
        row = self.row_of(folder.key)
        if row is None:
            return
        folder = replace(folder, name=clean_name(folder.name))
        self._folders[row] = folder
        self._counts.pop(folder.key, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 1))
        self._keep(folder)

    def rename(self, key: str, name: str) -> None:
        """Give a folder a new name."""
        folder = self.folder(key)
        if folder is not None and clean_name(name) != folder.name:
            self.update(replace(folder, name=name))

    def remove(self, key: str) -> SmartFolder | None:
        """Delete a folder; the folder deleted, if there was one."""
        row = self.row_of(key)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        folder = self._folders.pop(row)
        self._counts.pop(key, None)
        self.endRemoveRows()
        self._state.set_folder_spec(key, None)
        return folder

    def move(self, key: str, step: int) -> None:
        """Move a folder ``step`` places up (negative) or down."""
        order = moved(self._folders, key, step)
        if [f.key for f in order] == [f.key for f in self._folders]:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        rows = {f.key: n for n, f in enumerate(order)}
        new = [self.index(rows[self._folders[i.row()].key], i.column()) for i in old]
        self._folders = order
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        for folder in renumbered(order):
            self._keep(folder)

    def set_counts(self, key: str, counts: Counts) -> None:
        """The counts of a folder, as they were just made."""
        row = self.row_of(key)
        if row is None or self._counts.get(key) == counts:
            return
        self._counts[key] = counts
        self.dataChanged.emit(self.index(row, COUNT_COLUMN), self.index(row, COUNT_COLUMN))

    def _keep(self, folder: SmartFolder) -> None:
        self._state.set_folder_spec(folder.key, encode(folder))


def count_text(counts: Counts | None) -> str:
    """A folder's counts as the sidebar shows them."""
    if counts is None:
        return "…"
    if isinstance(counts, str):
        return "!"
    matching, unread = counts
    return f"{matching:,} · {unread:,} unread" if unread else f"{matching:,}"
