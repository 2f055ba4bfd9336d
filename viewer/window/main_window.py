"""The main window: the file list pane beside the reading pane, menus, and opening files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer.core import settings_keys as keys
from viewer.core.appinfo import APP_NAME
from viewer.core.article_cache import ArticleCache
from viewer.core.parser import parse_file
from viewer.core.search_query import Term
from viewer.library.article_model import (
    ARTICLE_ROLE,
    COL_TITLE,
    ArticleTableModel,
)
from viewer.library.article_proxy import ArticleFilterProxy
from viewer.library.file_urls import path_of_url
from viewer.library.loader import LoadOutcome
from viewer.library.read_marks import default_state_folder
from viewer.library.session import LibrarySession, default_index_path
from viewer.library.settings import read_int, read_path_list, write_path, write_path_list
from viewer.ui.article_list import DEFAULT_SORT
from viewer.ui.find_bar import FindBar
from viewer.ui.list_pane import ListPane
from viewer.ui.loading_status import LoadingStatus
from viewer.ui.quit_question import quit_anyway
from viewer.ui.reading_pane import ReadingPane
from viewer.ui.state_mark import StateMark
from viewer.window.actions import WindowActions
from viewer.window.navigation import NavigationMixin
from viewer.window.reading_controls import ReaderControls
from viewer.window.recent_files import add_recent, prune_missing
from viewer.window.search_controls import SearchMixin

FILE_DIALOG_FILTERS = "Articles (*.txt *.text *.md *.markdown);;All files (*)"
_DEFAULT = object()  # MainWindow(index_path=...) not given: the cache folder's index
FIRST_FILE = object()  # open_paths(show=...) not given: the first file named


class MainWindow(NavigationMixin, SearchMixin, QMainWindow):
    """The reader's one window."""

    loadingFinished = Signal()
    csvExported = Signal(str, int, str)  # path, rows, error message or ""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        index_path: Path | object | None = _DEFAULT,
        state_folder: Path | object | None = _DEFAULT,
    ) -> None:
        """Build the window without showing it.

        ``index_path`` and ``state_folder`` place the library index and the reading state;
        None keeps them in memory only.
        """
        super().__init__(parent)
        self._shut = False  # closed: settings saved, background work stopped
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1180, 760)
        # One settings object for the window's life: each QSettings writes its file when it
        # is destroyed, and a write per opened file would cost more than the opening.
        self.settings = QSettings(self)
        self._roots: list[str] = []  # files and folders opened, for the session
        self._cache = ArticleCache()

        self.model = ArticleTableModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.list_pane = ListPane()
        self.filter_edit = self.list_pane.filter_edit
        self.list_view = self.list_pane.list_view
        self.list_view.setModel(self.proxy)
        self.list_view.size_columns()
        self.list_view.sortByColumn(*DEFAULT_SORT)
        self.list_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list_view.activated.connect(lambda _index: self.focus_reading_pane())
        self.list_pane.filterChanged.connect(self._filter_changed)
        self.list_pane.searchRequested.connect(self._search)

        self.reading_pane = ReadingPane()
        # Where a link goes, when the pointer or Tab is on it, as browsers show it.
        self.reading_pane.highlighted.connect(
            lambda url: self.statusBar().showMessage(url.toString(), 5000)
        )
        # Names for screen readers: what each part is, not what it is made of.
        self.list_view.setAccessibleName("Articles")
        self.reading_pane.setAccessibleName("Article")
        self.filter_edit.setAccessibleName("Filter or search")
        self.find_bar = FindBar(self.reading_pane)
        reading_side = QWidget()
        reading_side.setObjectName("readingSide")
        side_layout = QVBoxLayout(reading_side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.reading_pane, 1)
        side_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(reading_side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 640])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.loading_status = LoadingStatus()
        self.loading_status.stopRequested.connect(self.cancel_loading)
        self.statusBar().addPermanentWidget(self.loading_status)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.count_label)
        self.state_mark = StateMark()  # while read marks cannot be saved
        self.statusBar().addPermanentWidget(self.state_mark)

        QWidget.setTabOrder(self.list_view, self.reading_pane)
        QWidget.setTabOrder(self.reading_pane, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.list_view)
        for widget in (self.list_view, self.reading_pane, self.filter_edit):
            widget.installEventFilter(self)

        chosen = default_index_path() if index_path is _DEFAULT else index_path
        self.session = LibrarySession(
            self.model, chosen if isinstance(chosen, Path) else None, self
        )
        self.list_view.paint_gate = self.reading_pane.paint_gate = self.session.quiet
        self.session.loadingStarted.connect(self.loading_status.started)
        self.session.loadingStarted.connect(lambda: self.proxy.set_deferred_sorting(True))
        self.session.loadingProgress.connect(self.loading_status.progress)
        # The count beside the progress changes with it, so that the two always agree.
        self.session.loadingProgress.connect(lambda *_: self.update_count())
        self.session.loadingFinished.connect(self._loading_finished)
        self.session.textProgress.connect(self.loading_status.text_progress)
        self.session.searchResultsChanged.connect(self._search_again)
        self.session.articlesChanged.connect(self._articles_changed)
        self.session.articlesVanished.connect(self._articles_vanished)
        self.session.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.model.rowsInserted.connect(self._rows_arrived)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._count_soon)
        # The proxy drops removed rows before the model has: count again once the model has.
        self.model.rowsRemoved.connect(self._count_soon)
        # A reset (a filter, a search, rows refiltered as they change) forgets the current
        # row: the article on show is selected again.
        self.proxy.modelReset.connect(self.follow_shown)
        # Counting unread articles walks the whole list: while rows stream in, a few times a
        # second is enough.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)
        self._count_timer.timeout.connect(self.update_count)
        self.update_count()
        self._select_when_listed: str | None = None
        self._restoring: str | None = None
        self._search_terms: tuple[Term, ...] = ()

        chosen_state = default_state_folder() if state_folder is _DEFAULT else state_folder
        state = chosen_state if isinstance(chosen_state, Path) else None
        self.reader = ReaderControls(self, state)
        # The reader's encoding choices hold wherever an article is read.
        self.session.set_encodings(self.reader.reads.encodings)
        self._cache.encodings = self.reader.reads.encodings
        self._sections = QTimer(self)
        self._sections.setSingleShot(True)
        self._sections.setInterval(400)
        self._sections.timeout.connect(self._refresh_sections)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(lambda *_: self._sections_soon())
        self.list_pane.sectionChanged.connect(self._section_chosen)

        self.actions_ = WindowActions(self)
        self.list_view.setFocus()

    # --- opening -------------------------------------------------------------------------

    def open_paths(
        self,
        paths: Iterable[str | Path],
        *,
        remember: bool = True,
        show: str | object | None = FIRST_FILE,
        restore: bool = False,
    ) -> None:
        """Open files and folders (folders recursively).

        A few hundred files are listed before this returns; a larger folder is listed in the
        background, its rows arriving in batches, and ``loadingFinished`` says when it is done.
        A path that is already listed is selected instead of added again. ``show`` is the
        article to show once it is listed: by default the first file named; None shows
        nothing. Opening a folder shows nothing by itself: the reader chooses what to read.
        ``restore``: ``show`` is the article a restart brings back, which is not marked read
        again (the reader may have marked it unread).
        """
        roots = [os.path.abspath(os.fspath(p)) for p in paths]
        if not roots:
            return
        for root in roots:
            if root not in self._roots:
                self._roots.append(root)
        if remember:
            self._remember_recent(roots)
        if show is FIRST_FILE:
            show = next((r for r in roots if not os.path.isdir(r)), None)
        wanted = os.path.abspath(show) if isinstance(show, str) else None
        self._select_when_listed = wanted
        self._restoring = wanted if restore else None
        if wanted is not None and self.model.row_of(wanted) is not None:
            self._select_when_listed = None
            self.select_path(wanted)
        self.session.open(roots)
        self.update_placeholder()

    def _rows_arrived(self) -> None:
        wanted = self._select_when_listed
        if wanted is not None and self.model.row_of(wanted) is not None:
            self._select_when_listed = None
            self.select_path(wanted)

    def _loading_finished(self, outcome: LoadOutcome) -> None:
        self.proxy.set_deferred_sorting(False)
        self.loading_status.finished()
        self._rows_arrived()
        self._select_when_listed = None
        unreadable = sum(1 for article in self.model.articles() if not article.ok)
        # One message, so that no part of it hides another: a warning, then what is missing.
        parts = [outcome.warning] if outcome.warning else []
        if outcome.cancelled:
            parts.append(f"Stopped: {outcome.listed:,} of the files found are listed")
        if unreadable:
            parts.append(
                f"{unreadable:,} {'file' if unreadable == 1 else 'files'} could not be read"
            )
        if parts:
            self.statusBar().showMessage("; ".join(parts), 8000)
        self.loadingFinished.emit()

    def is_loading(self) -> bool:
        """True while a folder is being listed in the background."""
        return self.session.is_loading()

    def cancel_loading(self) -> None:
        """Stop listing (Escape, or the status bar's Stop button); listed rows stay."""
        if self.session.is_loading():
            self.session.cancel_loading()
            self.statusBar().showMessage("Stopping…", 2000)

    def receive_paths(self, paths: list[str]) -> None:
        """Paths handed over by a second start (a double-click): show them, and come forward."""
        if paths:
            self.open_paths(paths)
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def open_files_dialog(self) -> None:
        """File ▸ Open…: pick one or more article files."""
        from PySide6.QtWidgets import QFileDialog  # here: start-up need not set it up

        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open Articles", self._dialog_folder(), FILE_DIALOG_FILTERS
        )
        if paths:
            self.open_paths(paths)

    def open_folder_dialog(self) -> None:
        """File ▸ Open Folder…: pick a folder to open with everything below it."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Open Folder", self._dialog_folder())
        if folder:
            self.open_paths([folder])

    def _dialog_folder(self) -> str:
        article = self.current_article()
        if article is not None:
            return os.path.dirname(article.path)
        return self._roots[-1] if self._roots else str(Path.home())

    def reload(self) -> None:
        """Bring the list in line with the disk, and read the article on show again."""
        current = self.current_article()
        self._cache.forget()
        for folder in sorted(self.session.watcher.watched_folders()):
            self.session.rescan_folder(folder)
        loose = [
            a.path
            for a in self.model.articles()
            if os.path.dirname(a.path) not in self.session.watcher.watched_folders()
        ]
        for path in loose:
            self.model.update_article(
                parse_file(path, header_only=True, encodings=self.session.encodings)
            )
        if current is not None:
            self._show_path(current.path, keep_position=True)
        self.statusBar().showMessage(f"Reloaded {self.model.rowCount():,} articles", 3000)

    def remove_selected(self) -> None:
        """Edit ▸ Remove from List: the files on disk are left alone."""
        rows = self.list_view.selectionModel().selectedRows()
        paths = [self.proxy.mapToSource(index).data(ARTICLE_ROLE).path for index in rows]
        if not paths:
            return
        next_row = min(index.row() for index in rows)
        self.model.remove_paths(paths)
        self._roots = [root for root in self._roots if root not in paths]
        if self.proxy.rowCount() == 0:
            self.reading_pane.show_message("No articles", "Open a file or a folder to read.")
        else:
            self.select_row(min(next_row, self.proxy.rowCount() - 1))

    # --- recent files --------------------------------------------------------------------

    def recent_paths(self) -> list[str]:
        """Recently opened files and folders that still exist, most recent first."""
        stored = read_path_list(self.settings, keys.RECENT)
        recent = prune_missing(stored)
        if recent != stored:
            write_path_list(self.settings, keys.RECENT, recent)
        return recent

    def clear_recent(self) -> None:
        """Forget the recent files list."""
        self.settings.setValue(keys.RECENT, [])

    def _remember_recent(self, roots: list[str]) -> None:
        recent = add_recent(read_path_list(self.settings, keys.RECENT), roots)
        write_path_list(self.settings, keys.RECENT, recent)

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept local files and folders."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open what was dropped."""
        paths = [path_of_url(url) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            # Opening after the drop returns keeps the dragging application responsive.
            QTimer.singleShot(0, lambda: self.open_paths(paths))

    # --- settings ------------------------------------------------------------------------

    def restore_ui_state(self) -> None:
        """Bring back geometry, splitter, columns, sort and zoom from the settings."""
        settings = self.settings
        geometry = settings.value(keys.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value(keys.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = settings.value(keys.SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = settings.value(keys.LIST_HEADER)
        if header is not None:
            self.list_view.header().restoreState(header)
            self.list_view.header().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.reading_pane.set_zoom(read_int(settings, keys.ZOOM, 100))
        self.reader.restore(settings)

    def save_settings(self) -> None:
        """Keep geometry, layout, zoom and the session for the next start."""
        settings = self.settings
        settings.setValue(keys.GEOMETRY, self.saveGeometry())
        settings.setValue(keys.WINDOW_STATE, self.saveState())
        settings.setValue(keys.SPLITTER, self.splitter.saveState())
        settings.setValue(keys.LIST_HEADER, self.list_view.header().saveState())
        settings.setValue(keys.ZOOM, self.reading_pane.zoom())
        self.reader.save(settings)
        write_path_list(settings, keys.SESSION_PATHS, self._roots)
        current = self.current_article()
        write_path(settings, keys.SESSION_CURRENT, current.path if current else "")
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save settings and stop background work on the way out (once: a closed window can be
        told to close again, and its reading state is closed by then)."""
        # Reading-state changes that can be kept nowhere: ask before going (Keep Open stays).
        unkept = None if self._shut else self.reader.unsaved()
        if unkept is not None and not quit_anyway(self, unkept.text, unkept.details):
            event.ignore()
            return
        if not self._shut:
            self._shut = True
            self.save_settings()
            self.reader.close()
            self.reader.stop()
            self.session.shut_down()
        super().closeEvent(event)
