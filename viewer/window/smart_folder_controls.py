"""The smart folders in the window: the sidebar, saving the search, opening a folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from viewer.core.smart_folders import SmartFolder, default_name, new_folder
from viewer.library.folder_counts import FolderCounts
from viewer.library.read_marks import ReadMarks
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.library.smart_folder_model import SmartFolderModel
from viewer.ui.list_pane import FILTER_MODE, ListPane
from viewer.ui.smart_folder_dialog import SmartFolderDialog
from viewer.ui.smart_folder_list import SmartFolderList
from viewer.window.search_controls import SearchControls

FOLDERS_SHOWN: Final = "view/smart_folders"  # the sidebar was open at the last quit


class SmartFolderControls(QObject):
    """Keeps the folders, their counts and the sidebar; opens a folder in the list."""

    message = Signal(str, int)  # text, milliseconds
    shownChanged = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        list_pane: ListPane,
        search: SearchControls,
        shown: ShownArticles,
        session: LibrarySession,
        marks: ReadMarks,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.list_pane = list_pane
        self.search = search
        self.shown = shown
        self.settings = settings
        self.model = SmartFolderModel(marks.state, self)
        self.counts = FolderCounts(shown, session, lambda: marks.state.read_keys, self)
        self.counts.counted.connect(self.model.set_counts)
        marks.readChanged.connect(lambda _keys: self.counts.count_soon())
        self.sidebar: SmartFolderList | None = None
        self.dock: QDockWidget | None = None
        self.dialog: SmartFolderDialog | None = None
        wanted = settings.value(FOLDERS_SHOWN, True)
        if self.model.rowCount() and wanted not in (False, "false"):
            self.set_shown(True)

    # --- the sidebar ---------------------------------------------------------------------------

    def set_shown(self, on: bool) -> None:
        """Show or hide the sidebar (made on first use)."""
        if on and self.dock is None:
            self._make_dock()
        if self.dock is not None:
            self.dock.setVisible(on)
            if on:
                self.dock.raise_()
                self._recount()

    def is_shown(self) -> bool:
        """True while the sidebar is on screen."""
        return self.dock is not None and self.dock.isVisible()

    def focus(self) -> None:
        """Show the sidebar and put the keyboard in it."""
        self.set_shown(True)
        assert self.sidebar is not None
        self.sidebar.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _make_dock(self) -> None:
        sidebar = self.sidebar = SmartFolderList()
        sidebar.set_model(self.model)
        sidebar.openRequested.connect(self.open_folder)
        sidebar.saveRequested.connect(self.save_search)
        sidebar.editRequested.connect(self.edit)
        sidebar.deleteRequested.connect(self.delete)
        sidebar.moveRequested.connect(self.move)
        dock = self.dock = QDockWidget("Smart Folders", self.window)
        dock.setObjectName("smartFoldersDock")
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        dock.setWidget(sidebar)
        self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.window.resizeDocks([dock], [230], Qt.Orientation.Horizontal)
        dock.visibilityChanged.connect(self._visibility)

    def _visibility(self, visible: bool) -> None:
        self.shownChanged.emit(visible)
        if visible:
            self._recount()

    def _recount(self) -> None:
        self.counts.set_folders(self.model.folders() if self.is_shown() else [])

    # --- the folders ---------------------------------------------------------------------------

    def save_search(self) -> None:
        """Ask for a name, then keep the current search, section and filter as a folder."""
        pane = self.list_pane
        query, section = pane.search_text(), pane.section_box.currentData()
        filter_text = pane.filter_text()
        name = default_name(query, section, filter_text)
        draft = new_folder(name, query, section, filter_text, 0.0)
        self._ask(draft, "Save as Smart Folder", self._add)

    def edit(self, key: str) -> None:
        """Change a folder's name, search, section or filter."""
        folder = self.model.folder(key)
        if folder is not None:
            self._ask(folder, "Edit Smart Folder", self._changed)

    def _ask(self, folder: SmartFolder, title: str, done: Callable[[SmartFolder], None]) -> None:
        if self.dialog is not None:
            self.dialog.close()
        sections = sorted(self.shown.section_counts(), key=str.casefold)
        dialog = self.dialog = SmartFolderDialog(folder, sections, title, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: done(dialog.folder()))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def _add(self, draft: SmartFolder) -> None:
        folder = self.model.add(draft.name, draft.query, draft.section, draft.filter)
        self.set_shown(True)
        self._recount()
        assert self.sidebar is not None
        self.sidebar.select_key(folder.key)
        self.message.emit(f"Saved the smart folder “{folder.name}”.", 5000)

    def _changed(self, folder: SmartFolder) -> None:
        self.model.update(folder)
        self._recount()

    def delete(self, key: str) -> None:
        """Ask, then delete a folder (its articles are not touched)."""
        folder = self.model.folder(key)
        if folder is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete Smart Folder",
            f"Delete the smart folder “{folder.name}”? Its articles stay where they are.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("deleteSmartFolder")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name is the reader's own text
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(
            lambda button: box.standardButton(button) == yes and self._delete(key)
        )
        box.open()

    def _delete(self, key: str) -> bool:
        gone = self.model.remove(key)
        if gone is not None:
            self._recount()
            self.message.emit(f"Deleted the smart folder “{gone.name}”.", 5000)
        return gone is not None

    def move(self, key: str, step: int) -> None:
        """Move a folder up (-1) or down (1) the sidebar."""
        self.model.move(key, step)

    def open_folder(self, key: str) -> None:
        """Show the folder's articles: its search, section and filter take the list's place."""
        folder = self.model.folder(key)
        if folder is None:
            return
        pane = self.list_pane
        pane.set_mode(FILTER_MODE)
        pane.filter_edit.setText(folder.filter)
        pane.choose_section(folder.section)
        self.search.search(folder.query)
        if self.sidebar is not None:
            self.sidebar.select_key(key)

    def shut_down(self) -> None:
        """Stop counting, and remember whether the sidebar was open (before the close hides
        it)."""
        self.settings.setValue(FOLDERS_SHOWN, self.is_shown())
        self.counts.stop()
