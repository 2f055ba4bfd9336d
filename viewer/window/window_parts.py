"""The parts of the main window its mixins work with, named once for the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow

from viewer.core.article import Article
from viewer.core.article_cache import ArticleCache
from viewer.core.search_query import Term
from viewer.library.article_model import ArticleTableModel
from viewer.library.article_proxy import ArticleFilterProxy
from viewer.library.session import LibrarySession
from viewer.ui.article_list import ArticleListView
from viewer.ui.find_bar import FindBar
from viewer.ui.list_pane import ListPane
from viewer.ui.reading_pane import ReadingPane

if TYPE_CHECKING:
    from viewer.window.reading_controls import ReaderControls

    _Window = QMainWindow
else:
    _Window = object  # at run time MainWindow brings QMainWindow itself


class WindowParts(_Window):
    """What MainWindow.__init__ builds, and the methods the mixins call on each other."""

    model: ArticleTableModel
    proxy: ArticleFilterProxy
    list_pane: ListPane
    list_view: ArticleListView
    filter_edit: QLineEdit
    reading_pane: ReadingPane
    find_bar: FindBar
    session: LibrarySession
    reader: ReaderControls
    count_label: QLabel
    _count_timer: QTimer
    _sections: QTimer
    _cache: ArticleCache
    _search_terms: tuple[Term, ...]
    _restoring: str | None  # the article a restart brings back: shown, not marked read

    if TYPE_CHECKING:

        def cancel_loading(self) -> None: ...
        def current_article(self) -> Article | None: ...
        def select_row(self, row: int) -> None: ...
        def _make_current(self, index: QModelIndex, *, show: bool = True) -> None: ...
        def follow_shown(self) -> None: ...
        def update_placeholder(self) -> None: ...
