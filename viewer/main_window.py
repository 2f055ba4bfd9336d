"""The main window: the file list pane beside the reading pane, menus, and opening files."""

from __future__ import annotations

import os
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
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer import settings_keys as keys
from viewer.appinfo import APP_NAME
from viewer.article import Article
from viewer.article_cache import ArticleCache
from viewer.article_files import expand_paths
from viewer.article_list import DEFAULT_SORT, ArticleListView
from viewer.article_model import (
    ARTICLE_ROLE,
    COL_TITLE,
    ArticleTableModel,
)
from viewer.article_proxy import ArticleFilterProxy
from viewer.parser import parse_file
from viewer.reading_pane import ReadingPane
from viewer.recent_files import add_recent, prune_missing
from viewer.settings_access import read_int, read_str_list
from viewer.window_actions import WindowActions

FILE_DIALOG_FILTERS = "Articles (*.txt *.text *.md *.markdown);;All files (*)"


class MainWindow(QMainWindow):
    """The reader's one window."""

    def __init__(self, parent: QWidget | None = None) -> None:
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

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText("Filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)

        self.list_view = ArticleListView()
        self.list_view.setModel(self.proxy)
        self.list_view.size_columns()
        self.list_view.sortByColumn(*DEFAULT_SORT)
        self.list_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list_view.activated.connect(lambda _index: self.focus_reading_pane())

        self.reading_pane = ReadingPane()

        list_pane = QWidget()
        list_pane.setObjectName("listPane")
        layout = QVBoxLayout(list_pane)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(list_pane)
        self.splitter.addWidget(self.reading_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 640])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._update_count()

        QWidget.setTabOrder(self.list_view, self.reading_pane)
        QWidget.setTabOrder(self.reading_pane, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.list_view)
        for widget in (self.list_view, self.reading_pane, self.filter_edit):
            widget.installEventFilter(self)

        self.actions_ = WindowActions(self)
        self.list_view.setFocus()

    # --- opening -------------------------------------------------------------------------

    def open_paths(self, paths: Iterable[str | Path], *, remember: bool = True) -> None:
        """Open files and folders (folders recursively); returns once they are listed.

        A path that is already listed is selected instead of added again. The first file
        named is selected and shown; otherwise the newest article is, if none was.
        """
        roots = [os.path.abspath(os.fspath(p)) for p in paths]
        if not roots:
            return
        self.statusBar().showMessage("Opening…")
        new: list[Article] = []
        first_file: str | None = None
        for path in expand_paths(roots):
            if first_file is None and path in roots:
                first_file = path
            if self.model.row_of(path) is None:
                new.append(parse_file(path, header_only=True))
        self.model.add_articles(new)
        for root in roots:
            if root not in self._roots:
                self._roots.append(root)
        if remember:
            self._remember_recent(roots)
        self.statusBar().clearMessage()
        if first_file is not None:
            self.select_path(first_file)
        elif not self.list_view.currentIndex().isValid():
            self.select_row(0)
        unreadable = sum(1 for article in new if not article.ok)
        if unreadable:
            noun = "file" if unreadable == 1 else "files"
            self.statusBar().showMessage(f"{unreadable} {noun} could not be read", 5000)

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
        """Read every listed file again, and the article on show."""
        current = self.current_article()
        self._cache.forget()
        paths = [article.path for article in self.model.articles()]
        for path in paths:
            self.model.update_article(parse_file(path, header_only=True))
        # Files that appeared in opened folders since are listed too.
        folders = [root for root in self._roots if os.path.isdir(root)]
        fresh = [p for p in expand_paths(folders) if self.model.row_of(p) is None]
        self.model.add_articles(parse_file(p, header_only=True) for p in fresh)
        if current is not None:
            self.select_path(current.path)
            self._show_path(current.path)
        self.statusBar().showMessage(f"Reloaded {len(paths) + len(fresh)} files", 3000)

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
            self.filter_edit.clear()
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
        """Space: page down, and from the end of an article on to the next one."""
        if self.reading_pane.at_end():
            self.next_article()
        else:
            self.reading_pane.page_down()

    def page_back(self) -> None:
        """Shift+Space: page up."""
        self.reading_pane.page_up()

    def _make_current(self, index: QModelIndex) -> None:
        selection = self.list_view.selectionModel()
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list_view.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        article = current.data(ARTICLE_ROLE)
        if isinstance(article, Article):
            self._show_path(article.path)

    def _show_path(self, path: str) -> None:
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
        self.reading_pane.show_article(article)

    # --- focus ---------------------------------------------------------------------------

    def focus_filter(self) -> None:
        """Put the cursor in the filter field, its text selected."""
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

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
                    self.filter_edit.clear()
                    self.focus_list()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.focus_list()
                    if not self.list_view.currentIndex().isValid():
                        self.select_row(0)
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
        self.proxy.set_filter_text(text)
        self._update_count()
        if not self.list_view.currentIndex().isValid() and self.proxy.rowCount():
            self.select_row(0)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        noun = "article" if total == 1 else "articles"
        if shown == total:
            self.count_label.setText(f"{total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} shown")

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

    def save_settings(self) -> None:
        """Keep geometry, layout, zoom and the session for the next start."""
        settings = self.settings
        settings.setValue(keys.GEOMETRY, self.saveGeometry())
        settings.setValue(keys.WINDOW_STATE, self.saveState())
        settings.setValue(keys.SPLITTER, self.splitter.saveState())
        settings.setValue(keys.LIST_HEADER, self.list_view.header().saveState())
        settings.setValue(keys.ZOOM, self.reading_pane.zoom())
        settings.setValue(keys.SESSION_PATHS, self._roots)
        current = self.current_article()
        settings.setValue(keys.SESSION_CURRENT, current.path if current else "")
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save settings on the way out."""
        self.save_settings()
        super().closeEvent(event)


def _listing_record(article: Article) -> Article:
    """The list keeps headers only: drop the body of a fully parsed record."""
    return replace(article, paragraphs=(), has_body=False)
