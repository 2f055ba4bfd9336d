"""The smart folders sidebar: the reader's saved searches with their counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.library.smart_folder_model import (
    COUNT_COLUMN,
    KEY_ROLE,
    NAME_COLUMN,
    SmartFolderModel,
)

EMPTY_TEXT = (
    "No smart folders yet. Search the text (Ctrl+K), then save the search here with "
    "Ctrl+D: it keeps its section and filter, and counts its articles as files come and go."
)


class FolderView(QTreeView):
    """The folders, a row each: Enter opens one, F2 renames it, Delete deletes it,
    Ctrl+Up and Ctrl+Down move it."""

    deleteRequested = Signal()
    moveRequested = Signal(int)

    def event(self, event: QEvent) -> bool:
        """The sidebar's keys are its own, not the window's (Delete removes an article there)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down)
            if event.key() == Qt.Key.Key_Delete or (control and event.key() in arrows):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The sidebar's own keys."""
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.deleteRequested.emit()
        elif control and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveRequested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)


class SmartFolderList(QWidget):
    """The sidebar: the folders, and buttons to save, edit, move and delete them."""

    openRequested = Signal(str)  # a folder's id: show its articles
    saveRequested = Signal()  # keep the current search as a new folder
    editRequested = Signal(str)
    deleteRequested = Signal(str)
    moveRequested = Signal(str, int)  # a folder's id, and -1 (up) or 1 (down)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smartFolders")
        self.view = FolderView()
        self.view.setObjectName("smartFolderView")
        self.view.setRootIsDecorated(False)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.activated.connect(self._open)
        self.view.clicked.connect(self._open)
        self.view.deleteRequested.connect(lambda: self._for_current(self.deleteRequested.emit))
        self.view.moveRequested.connect(self._move)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("smartFoldersEmpty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setMargin(6)

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.save_button = self._button("+", "Save the search as a smart folder (Ctrl+D)")
        self.save_button.clicked.connect(self.saveRequested)
        self.edit_button = self._button("Edit…", "Change the folder's name, search or filters")
        self.edit_button.clicked.connect(lambda: self._for_current(self.editRequested.emit))
        self.up_button = self._button("↑", "Move the folder up (Ctrl+Up)")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = self._button("↓", "Move the folder down (Ctrl+Down)")
        self.down_button.clicked.connect(lambda: self._move(1))
        self.delete_button = self._button("−", "Delete the folder (Delete); its articles stay")
        self.delete_button.clicked.connect(lambda: self._for_current(self.deleteRequested.emit))
        for button in (
            self.save_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)

    def set_model(self, model: SmartFolderModel) -> None:
        """Show this model's folders."""
        self.view.setModel(model)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_empty)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_empty()

    def current_key(self) -> str | None:
        """The id of the folder with the focus, if any."""
        index = self.view.currentIndex()
        key = index.data(KEY_ROLE) if index.isValid() else None
        return key if isinstance(key, str) else None

    def select_key(self, key: str) -> None:
        """Make the folder with this id the current one."""
        model = self.view.model()
        for row in range(model.rowCount() if model is not None else 0):
            index = model.index(row, NAME_COLUMN)
            if index.data(KEY_ROLE) == key:
                self.view.setCurrentIndex(index)
                return

    def rename(self, key: str) -> None:
        """Edit the folder's name in place."""
        self.select_key(key)
        self.view.edit(self.view.currentIndex().siblingAtColumn(NAME_COLUMN))

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do it from the list
        return button

    def _update_empty(self, *_args: object) -> None:
        model = self.view.model()
        empty = model is None or model.rowCount() == 0
        self.view.setVisible(not empty)
        self.empty.setVisible(empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_key() is not None
        for button in (self.edit_button, self.up_button, self.down_button, self.delete_button):
            button.setEnabled(chosen)

    def _open(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if isinstance(key, str):
            self.openRequested.emit(key)

    def _for_current(self, emit: Callable[[str], object]) -> None:
        key = self.current_key()
        if key is not None:
            emit(key)

    def _move(self, step: int) -> None:
        key = self.current_key()
        if key is not None:
            self.moveRequested.emit(key, step)
            self.select_key(key)

    def _menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        menu = QMenu(self)
        if index.isValid():
            self.view.setCurrentIndex(index)
            key = str(index.data(KEY_ROLE))
            entries: list[tuple[str, Callable[[], object], str]] = [
                ("&Open", lambda: self.openRequested.emit(key), ""),
                ("&Rename", lambda: self.rename(key), "F2"),
                ("&Edit…", lambda: self.editRequested.emit(key), ""),
                ("Move &Up", lambda: self._move(-1), "Ctrl+Up"),
                ("Move Dow&n", lambda: self._move(1), "Ctrl+Down"),
                ("&Delete", lambda: self.deleteRequested.emit(key), "Del"),
            ]
            for text, slot, keys in entries:
                action = QAction(text, menu)
                if keys:
                    action.setShortcut(QKeySequence(keys))  # shown; the view handles the key
                action.triggered.connect(slot)
                menu.addAction(action)
            menu.addSeparator()
        menu.addAction("&Save the Search as a Smart Folder…", self.saveRequested.emit)
        menu.exec(self.view.viewport().mapToGlobal(point))
