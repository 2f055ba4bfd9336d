"""The main window: the file list pane beside the reading pane, menus, and opening files."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer import settings_keys as keys
from viewer.appinfo import APP_NAME
from viewer.article import Article
from viewer.article_cache import ArticleCache
from viewer.article_list import DEFAULT_SORT
from viewer.article_model import (
    ARTICLE_ROLE,
    COL_TITLE,
    ArticleTableModel,
)
from viewer.article_proxy import ArticleFilterProxy
from viewer.find_bar import FindBar
from viewer.library_loader import LoadOutcome
from viewer.library_session import LibrarySession, default_index_path
from viewer.list_pane import FILTER_MODE, SEARCH_MODE, ListPane
from viewer.loading_status import LoadingStatus
from viewer.parser import parse_file
from viewer.read_tracker import default_state_folder
from viewer.reader_controls import ReaderControls
from viewer.reading_pane import ReadingPane
from viewer.recent_files import add_recent, prune_missing
from viewer.search_query import SearchQueryError, Term
from viewer.settings_access import read_int, read_str_list
from viewer.window_actions import WindowActions

FILE_DIALOG_FILTERS = "Articles (*.txt *.text *.md *.markdown);;All files (*)"
_DEFAULT = object()  # MainWindow(index_path=...) not given: the cache folder's index


class MainWindow(QMainWindow):
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
        self.statusBar().addPermanentWidget(self.count_label)

        QWidget.setTabOrder(self.list_view, self.reading_pane)
        QWidget.setTabOrder(self.reading_pane, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.list_view)
        for widget in (self.list_view, self.reading_pane, self.filter_edit):
            widget.installEventFilter(self)

        chosen = default_index_path() if index_path is _DEFAULT else index_path
        self.session = LibrarySession(
            self.model, chosen if isinstance(chosen, Path) else None, self
        )
        self.session.loadingStarted.connect(self.loading_status.started)
        self.session.loadingStarted.connect(lambda: self.proxy.set_deferred_sorting(True))
        self.session.loadingProgress.connect(self.loading_status.progress)
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
        # Counting unread articles walks the whole list: while rows stream in, a few times a
        # second is enough.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)
        self._count_timer.timeout.connect(self.update_count)
        self.update_count()
        self._select_when_listed: str | None = None
        self._auto_select = True
        self._search_terms: tuple[Term, ...] = ()

        chosen_state = default_state_folder() if state_folder is _DEFAULT else state_folder
        state = chosen_state if isinstance(chosen_state, Path) else None
        self.reader = ReaderControls(self, state)
        self._sections = QTimer(self)
        self._sections.setSingleShot(True)
        self._sections.setInterval(400)
        self._sections.timeout.connect(self._refresh_sections)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(lambda *_: self._sections.start())
        self.list_pane.sectionChanged.connect(self._section_chosen)

        self.actions_ = WindowActions(self)
        self.list_view.setFocus()

    # --- opening -------------------------------------------------------------------------

    def open_paths(
        self, paths: Iterable[str | Path], *, remember: bool = True, select: bool = True
    ) -> None:
        """Open files and folders (folders recursively).

        A few hundred files are listed before this returns; a larger folder is listed in the
        background, its rows arriving in batches, and ``loadingFinished`` says when it is done.
        A path that is already listed is selected instead of added again. The first file named
        is selected and shown; otherwise the newest article is, if none was (unless ``select``
        is False: then nothing is selected for the reader).
        """
        self._auto_select = select
        roots = [os.path.abspath(os.fspath(p)) for p in paths]
        if not roots:
            return
        for root in roots:
            if root not in self._roots:
                self._roots.append(root)
        if remember:
            self._remember_recent(roots)
        first_file = next((r for r in roots if not os.path.isdir(r)), None)
        self._select_when_listed = first_file
        if first_file is not None and self.model.row_of(first_file) is not None:
            self._select_when_listed = None
            self.select_path(first_file)
        self.session.open(roots)

    def _rows_arrived(self) -> None:
        wanted = self._select_when_listed
        if wanted is not None and self.model.row_of(wanted) is not None:
            self._select_when_listed = None
            self.select_path(wanted)
        elif wanted is None and self._auto_select and not self.list_view.currentIndex().isValid():
            self.select_row(0)

    def _loading_finished(self, outcome: LoadOutcome) -> None:
        self.proxy.set_deferred_sorting(False)
        self.loading_status.finished()
        self._rows_arrived()
        self._select_when_listed = None
        unreadable = sum(1 for article in self.model.articles() if not article.ok)
        parts = []
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
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open Articles", self._dialog_folder(), FILE_DIALOG_FILTERS
        )
        if paths:
            self.open_paths(paths)

    def open_folder_dialog(self) -> None:
        """File ▸ Open Folder…: pick a folder to open with everything below it."""
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
            self.model.update_article(parse_file(path, header_only=True))
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

    def open_roots(self) -> list[str]:
        """The files and folders opened in this session."""
        return list(self._roots)

    # --- selection and navigation --------------------------------------------------------

    def current_article(self) -> Article | None:
        """The article whose row is current in the list."""
        index = self.list_view.currentIndex()
        if not index.isValid():
            return None
        article = index.data(ARTICLE_ROLE)
        return article if isinstance(article, Article) else None

    def select_path(self, path: str) -> bool:
        """Make the article of ``path`` current, clearing the filter if it hides it."""
        row = self.model.row_of(os.path.abspath(path))
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.list_pane.clear_all()  # the filter or a search hides it: show everything
            self.proxy.set_section(None)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._make_current(index)
        return True

    def select_row(self, row: int) -> None:
        """Make the row at ``row`` in the list's order current."""
        if 0 <= row < self.proxy.rowCount():
            self._make_current(self.proxy.index(row, 0))

    def next_article(self) -> bool:
        """Go to the next article in the list; False at the end."""
        return self._step(1)

    def previous_article(self) -> bool:
        """Go to the previous article in the list; False at the start."""
        return self._step(-1)

    def _step(self, delta: int) -> bool:
        current = self.list_view.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        if not 0 <= row < self.proxy.rowCount():
            where = "last" if delta > 0 else "first"
            self.statusBar().showMessage(f"This is the {where} article", 2000)
            return False
        self.select_row(row)
        return True

    def page_forward(self) -> None:
        """Space: page down, and from the end of an article on to the next unread one."""
        if self.reading_pane.at_end():
            self.reader.next_unread()
        else:
            self.reading_pane.page_down()

    def selected_articles(self) -> list[Article]:
        """The articles selected in the list (the current one when none is)."""
        rows = self.list_view.selectionModel().selectedRows()
        articles = [index.data(ARTICLE_ROLE) for index in rows]
        found = [a for a in articles if isinstance(a, Article)]
        current = self.current_article()
        return found or ([current] if current is not None else [])

    def listed_articles(self) -> list[Article]:
        """The articles the list shows, in its order."""
        proxy = self.proxy
        return [proxy.index(row, 0).data(ARTICLE_ROLE) for row in range(proxy.rowCount())]

    def page_back(self) -> None:
        """Shift+Space: page up."""
        self.reading_pane.page_up()

    def _make_current(self, index: QModelIndex, *, show: bool = True) -> None:
        selection = self.list_view.selectionModel()
        if not show:
            selection.blockSignals(True)  # the article is on show already
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.list_view.scrollTo(index)
        self.list_view.viewport().update()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        article = current.data(ARTICLE_ROLE)
        if isinstance(article, Article):
            shown = self.reading_pane.article()
            if shown is not None and shown.path != article.path:
                self.reader.leaving(shown)
            self._show_path(article.path)

    def _show_path(self, path: str, *, keep_position: bool = False) -> None:
        self.reader.opening(path)
        article = self._cache.load(path)
        row = self.model.row_of(path)
        if row is not None:
            listed = self.model.article(row)
            if (listed.error, listed.title, listed.warnings) != (
                article.error,
                article.title,
                article.warnings,
            ):
                # The file changed, vanished or grew unreadable since it was listed.
                self.model.update_article(_listing_record(article))
        self.reading_pane.show_article(article, keep_position=keep_position)
        self.reading_pane.set_highlights(self._search_terms)
        self.find_bar.refresh()
        self.session.watcher.watch_file(path if article.ok else None)
        self.reader.shown(article, restore_position=not keep_position)

    def _articles_changed(self, paths: list[str]) -> None:
        current = self.reading_pane.article()
        if current is not None and current.path in paths:
            self._cache.forget(current.path)
            self._show_path(current.path, keep_position=True)

    def _articles_vanished(self, paths: list[str]) -> None:
        shown = self.reading_pane.article()
        keep = shown.path if shown is not None and shown.path in paths else None
        self.model.remove_paths(p for p in paths if p != keep)
        if shown is not None and keep is not None:
            # The article being read stays in view, marked, until the reader moves on.
            self._cache.forget(keep)
            self.model.update_article(replace(_listing_record(shown), error="file deleted"))
            self.reading_pane.mark_deleted()

    # --- focus ---------------------------------------------------------------------------

    def focus_filter(self) -> None:
        """Put the cursor in the filter field, its text selected."""
        self.list_pane.set_mode(FILTER_MODE)
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def focus_search(self) -> None:
        """Put the cursor in the search field (the field in its search mode)."""
        self.list_pane.set_mode(SEARCH_MODE)
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def focus_sections(self) -> None:
        """Open the section box, to pick a section with the keyboard."""
        self.list_pane.section_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_pane.section_box.showPopup()

    def focus_list(self) -> None:
        """Give the list the keyboard focus."""
        self.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_reading_pane(self) -> None:
        """Give the reading pane the keyboard focus."""
        self.reading_pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle_focus(self, step: int = 1) -> None:
        """F6: list → reading pane → filter → list."""
        order: list[QWidget] = [self.list_view, self.reading_pane, self.filter_edit]
        focused = self.focusWidget()
        index = order.index(focused) if focused in order else -1
        order[(index + step) % len(order)].setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys that mean one thing wherever they are pressed: Space, Escape, Enter."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if watched is self.filter_edit:
                if key == Qt.Key.Key_Escape:
                    if not self.filter_edit.text() and self.session.is_loading():
                        self.cancel_loading()
                    self.filter_edit.clear()
                    self.list_pane.run_search()
                    self.focus_list()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.focus_list()
                    if not self.list_view.currentIndex().isValid():
                        self.select_row(0)
                    return True
            elif key == Qt.Key.Key_Escape and self.find_bar.isVisible():
                self.find_bar.close_bar()
                return True
            elif key == Qt.Key.Key_Escape and self.session.is_loading():
                self.cancel_loading()
                return True
            elif key == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.NoModifier:
                self.page_forward()
                return True
            elif key == Qt.Key.Key_Space and modifiers == Qt.KeyboardModifier.ShiftModifier:
                self.page_back()
                return True
        return super().eventFilter(watched, event)

    # --- filter and status ---------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        current = self.current_article()
        self.proxy.set_filter_text(text)
        self.after_refilter(current)

    def after_refilter(self, previous: Article | None) -> None:
        """Keep the article in view selected when it still shows, else select the first."""
        self.update_count()
        row = self.model.row_of(previous.path) if previous is not None else None
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self._make_current(index, show=False)
                return
        if self.proxy.rowCount():
            self.select_row(0)

    def search(self, text: str) -> None:
        """Search the text of every article; the list then shows the hits."""
        self.list_pane.set_mode(SEARCH_MODE)
        self.filter_edit.setText(text)
        self.list_pane.run_search()

    def _search(self, text: str) -> None:
        current = self.current_article()
        try:
            query, paths = self.session.search(text)
        except SearchQueryError as exc:
            self.list_pane.show_note(str(exc), error=True)
            return
        self._search_terms = query.terms
        self.proxy.set_allowed_paths(paths)
        self.after_refilter(current)
        self.reading_pane.set_highlights(self._search_terms)
        if paths is None:
            self.list_pane.show_note("")
            return
        shown = self.proxy.rowCount()
        note = f"{shown:,} {'article matches' if shown == 1 else 'articles match'}"
        indexing = self.session.indexing_text()
        if indexing is not None and query.match is not None:
            done, total = indexing
            note += f" so far: the text of {total - done:,} articles is still being indexed"
        self.list_pane.show_note(note + ".")

    def _search_again(self) -> None:
        if self.list_pane.search_text().strip():
            self._search(self.list_pane.search_text())

    def next_hit(self) -> None:
        """F3: the next find match (find bar open) or search hit in the article on show."""
        if self.find_bar.active():
            self.find_bar.next()
        elif not self.reading_pane.next_highlight():
            self.statusBar().showMessage("No search hits in this article", 2000)

    def previous_hit(self) -> None:
        """Shift+F3: the previous find match or search hit."""
        if self.find_bar.active():
            self.find_bar.previous()
        elif not self.reading_pane.next_highlight(backwards=True):
            self.statusBar().showMessage("No search hits in this article", 2000)

    def _refresh_sections(self) -> None:
        counts = Counter(a.section for a in self.model.articles() if a.section)
        self.list_pane.set_sections(counts, self.model.rowCount())

    def _section_chosen(self, section: str | None) -> None:
        current = self.current_article()
        self.proxy.set_section(section)
        self.after_refilter(current)

    def _count_soon(self) -> None:
        if self.session.is_loading():
            if not self._count_timer.isActive():
                self._count_timer.start()
        else:
            self.update_count()

    def update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        noun = "article" if total == 1 else "articles"
        text = f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} shown"
        unread = self.model.unread_count()
        self.count_label.setText(f"{text} · {unread:,} unread" if unread else text)

    # --- recent files --------------------------------------------------------------------

    def recent_paths(self) -> list[str]:
        """Recently opened files and folders that still exist, most recent first."""
        stored = read_str_list(self.settings, keys.RECENT)
        recent = prune_missing(stored)
        if recent != stored:
            self.settings.setValue(keys.RECENT, recent)
        return recent

    def clear_recent(self) -> None:
        """Forget the recent files list."""
        self.settings.setValue(keys.RECENT, [])

    def _remember_recent(self, roots: list[str]) -> None:
        recent = add_recent(read_str_list(self.settings, keys.RECENT), roots)
        self.settings.setValue(keys.RECENT, recent)

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept local files and folders."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open what was dropped."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
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
        settings.setValue(keys.SESSION_PATHS, self._roots)
        current = self.current_article()
        settings.setValue(keys.SESSION_CURRENT, current.path if current else "")
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save settings and stop background work on the way out."""
        self.save_settings()
        self.reader.close()
        self.reader.stop()
        self.session.shut_down()
        super().closeEvent(event)


def _listing_record(article: Article) -> Article:
    """The list keeps headers only: drop the body of a fully parsed record."""
    return replace(article, paragraphs=(), has_body=False)
