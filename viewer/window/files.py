"""Opening files and folders: the dialogs, Open Recent, Reload and Remove from List."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from viewer.core import settings_keys as keys
from viewer.library.session import LibrarySession
from viewer.library.settings import read_path_list, write_path_list
from viewer.library.shown_articles import ShownArticles
from viewer.ui.reading_pane import ReadingPane
from viewer.window.navigation import Navigation
from viewer.window.recent_files import add_recent, prune_missing
from viewer.window.showing import ArticleShowing

FILE_DIALOG_FILTERS = "Articles (*.txt *.text *.md *.markdown);;All files (*)"
FIRST_FILE = object()  # open_paths(show=...) not given: the first file named


class FileControls(QObject):
    """What is opened, and what is to be shown once it is listed."""

    message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        settings: QSettings,
        session: LibrarySession,
        shown: ShownArticles,
        navigation: Navigation,
        showing: ArticleShowing,
        pane: ReadingPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._session = session
        self._shown = shown
        self._navigation = navigation
        self._showing = showing
        self._pane = pane
        self.roots: list[str] = []  # files and folders opened, for the session
        self._select_when_listed: str | None = None
        shown.model.rowsInserted.connect(self.rows_arrived)
        shown.viewReady.connect(self.rows_arrived)

    def open_paths(
        self,
        paths: Iterable[str | Path],
        *,
        remember: bool = True,
        show: str | object | None = FIRST_FILE,
        restore: bool = False,
    ) -> None:
        """Open files and folders (folders recursively); see ``MainWindow.open_paths``."""
        roots = [os.path.abspath(os.fspath(p)) for p in paths]
        if not roots:
            return
        for root in roots:
            if root not in self.roots:
                self.roots.append(root)
        if remember:
            recent = add_recent(read_path_list(self._settings, keys.RECENT), roots)
            write_path_list(self._settings, keys.RECENT, recent)
        if show is FIRST_FILE:
            show = next((r for r in roots if not os.path.isdir(r)), None)
        wanted = os.path.abspath(show) if isinstance(show, str) else None
        self._select_when_listed = wanted
        self._showing.restoring = wanted if restore else None
        if wanted is not None and self._shown.is_listed(wanted):
            self._select_when_listed = None
            self._navigation.select_path(wanted)
        self._session.open(roots)

    def rows_arrived(self) -> None:
        """Rows came: the article to show once listed may be among them."""
        wanted = self._select_when_listed
        if wanted is not None and self._shown.is_listed(wanted):
            self._select_when_listed = None
            self._navigation.select_path(wanted)

    def listing_done(self) -> None:
        """The listing is over: what was to be shown and is not listed is given up."""
        self.rows_arrived()
        self._select_when_listed = None

    def open_files_dialog(self) -> None:
        """File ▸ Open…: pick one or more article files."""
        from PySide6.QtWidgets import QFileDialog  # here: start-up need not set it up

        paths, _ = QFileDialog.getOpenFileNames(
            self._dialog_parent(), "Open Articles", self._dialog_folder(), FILE_DIALOG_FILTERS
        )
        if paths:
            self.open_paths(paths)

    def open_folder_dialog(self) -> None:
        """File ▸ Open Folder…: pick a folder to open with everything below it."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self._dialog_parent(), "Open Folder", self._dialog_folder()
        )
        if folder:
            self.open_paths([folder])

    def _dialog_parent(self) -> QWidget:
        return self._pane.window()

    def _dialog_folder(self) -> str:
        article = self._navigation.current_article()
        if article is not None:
            return os.path.dirname(article.path)
        return self.roots[-1] if self.roots else str(Path.home())

    def reload(self) -> None:
        """Bring the list in line with the disk (in the background), and read the article on
        show again."""
        self._session.refresh()  # says when it is done
        self._showing.reload()
        self.message.emit(f"Reloading {self._shown.total():,} articles…", 0)

    def remove_selected(self) -> None:
        """Edit ▸ Remove from List: the files on disk are left alone."""
        rows = self._navigation.selected_rows()
        articles = self._navigation.selected_articles() if rows else []
        paths = [a.path for a in articles]
        if not paths:
            return
        self._session.remove_paths(paths)
        self.roots = [root for root in self.roots if root not in paths]
        if self._shown.row_count() == 0 and self._shown.view_known():
            self._pane.show_message("No articles", "Open a file or a folder to read.")
        else:
            self._navigation.select_row_when_known(rows[0])

    def recent_paths(self) -> list[str]:
        """Recently opened files and folders that still exist, most recent first."""
        stored = read_path_list(self._settings, keys.RECENT)
        recent = prune_missing(stored)
        if recent != stored:
            write_path_list(self._settings, keys.RECENT, recent)
        return recent

    def clear_recent(self) -> None:
        """Forget the recent files list."""
        self._settings.setValue(keys.RECENT, [])
