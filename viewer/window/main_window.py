"""The main window: the file list pane beside the reading pane, menus, and opening files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import (
    QAbstractItemModel,
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
    QMenu,
    QMenuBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer.core import settings_keys as keys
from viewer.core.appinfo import APP_NAME
from viewer.core.article import Article
from viewer.core.state.pending_files import Unkept
from viewer.library.article_model import COL_TITLE, ArticleTableModel
from viewer.library.article_proxy import ArticleFilterProxy
from viewer.library.loader import LoadOutcome
from viewer.library.read_marks import ReadMarks, default_state_folder
from viewer.library.session import LibrarySession, default_index_path
from viewer.library.settings import read_int, write_path, write_path_list
from viewer.library.shown_articles import ShownArticles
from viewer.ui.article_list import DEFAULT_SORT
from viewer.ui.first_paint import after_first_paint
from viewer.ui.list_pane import ListPane
from viewer.ui.loading_status import LoadingStatus
from viewer.ui.reading_pane import ReadingPane
from viewer.window.before_input import BeforeInput
from viewer.window.concordance_dock import ConcordanceDock
from viewer.window.files import FIRST_FILE, FileControls
from viewer.window.navigation import Navigation
from viewer.window.reading_controls import ReadingControls
from viewer.window.search_controls import SearchControls
from viewer.window.showing import ArticleShowing
from viewer.window.timeline_dock import TimelineDock

if TYPE_CHECKING:  # the parts that no first frame shows come with the rest of the window
    from viewer.ui.find_bar import FindBar
    from viewer.ui.state_mark import StateMark
    from viewer.window.actions import WindowActions
    from viewer.window.annotation_controls import AnnotationControls
    from viewer.window.annotations_dock import AnnotationsDock
    from viewer.window.encoding_menu import EncodingMenu
    from viewer.window.keyboard import KeyboardControls
    from viewer.window.label_controls import LabelControls
    from viewer.window.output_controls import OutputControls
    from viewer.window.smart_folder_controls import SmartFolderControls

# The menu bar's titles are in the first frame (its height is part of the layout); what is in
# the menus is made with the rest of the window (see ``MainWindow.finish``).
MENU_TITLES: Final = ("&File", "&Edit", "&View", "&Go", "&Help")

_DEFAULT = object()  # MainWindow(index_path=...) not given: the cache folder's index


class MainWindow(QMainWindow):
    """The reader's one window: it builds the panes and the controllers, and wires them.

    What its first frame shows is built at once; the rest (the menus' entries and their
    shortcuts, the keys each pane handles, the find bar, output) once that frame is painted,
    before the first key the window takes, or when something asks for it (see ``finish``).
    """

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
        self._finished = False  # the rest of the window is built (see finish)
        self._find_bar: FindBar | None = None
        self._keyboard: KeyboardControls | None = None
        self._output: OutputControls | None = None
        self._menu_actions: WindowActions | None = None
        self.folders: SmartFolderControls | None = None  # made with the rest (see finish)
        self.labels: LabelControls | None = None
        self.annotations: AnnotationControls | None = None
        self.annotations_view: AnnotationsDock | None = None
        self._state_mark: StateMark | None = None
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1180, 760)
        # One settings object for the window's life: each QSettings writes its file when it
        # is destroyed, and a write per opened file would cost more than the opening.
        self.settings = QSettings(self)
        self._build_panes()
        chosen = default_index_path() if index_path is _DEFAULT else index_path
        self.session = LibrarySession(
            self.model, chosen if isinstance(chosen, Path) else None, self, shown=self.shown
        )
        self.list_view.paint_gate = self.reading_pane.paint_gate = self.session.paint_gate
        chosen_state = default_state_folder() if state_folder is _DEFAULT else state_folder
        self.marks = ReadMarks(chosen_state if isinstance(chosen_state, Path) else None, self)
        # The reader's encoding choices hold wherever an article is read.
        self.session.set_encodings(self.marks.encodings)
        self._build_controllers()
        self._wire()
        self.search_controls.update_count()
        self.marks.take_news()  # a damaged file set aside at the start, say
        self.list_view.setFocus()
        # The rest: before the first key (a shortcut pressed as the window appears works),
        # when a menu opens, and otherwise once the first frame is on screen.
        self._before_input = BeforeInput(
            (self, self.list_view, self.reading_pane, self.filter_edit, self.list_pane.section_box),
            self.finish,
            self,
        )
        for menu in self._menus:
            menu.aboutToShow.connect(self.finish)
        after_first_paint(self.reading_pane.viewport(), self.finish)

    def _build_panes(self) -> None:
        self.model = ArticleTableModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.shown = ShownArticles(self.model, self.proxy, self)

        self.list_pane = ListPane()
        self.filter_edit = self.list_pane.filter_edit
        self.list_view = self.list_pane.list_view
        self.list_view.setModel(self.proxy)
        self.list_view.size_columns()
        self.list_view.sortByColumn(*DEFAULT_SORT)

        self.reading_pane = ReadingPane()
        # Names for screen readers: what each part is, not what it is made of.
        self.list_view.setAccessibleName("Articles")
        self.reading_pane.setAccessibleName("Article")
        self.filter_edit.setAccessibleName("Filter or search")
        reading_side = QWidget()
        reading_side.setObjectName("readingSide")
        self._side_layout = side_layout = QVBoxLayout(reading_side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.reading_pane, 1)  # the find bar goes under it, hidden

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(reading_side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 640])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        bar = super().menuBar()
        self._menus = [bar.addMenu(title) for title in MENU_TITLES]

        self.loading_status = LoadingStatus()
        self.statusBar().addPermanentWidget(self.loading_status)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.count_label)
        # The mark shown while read marks cannot be saved comes after the count: made when it
        # is first shown, or with the rest of the window.

    def _build_controllers(self) -> None:
        session, model = self.session, self.model
        pane, marks = self.reading_pane, self.marks
        shown = self.shown
        self.navigation = Navigation(self.list_pane, shown, pane, self)
        self.showing = ArticleShowing(pane, session, marks, shown, self)
        self.search_controls = SearchControls(
            self.list_pane, shown, session, pane, self.count_label, self
        )
        self.reading = ReadingControls(pane, model, shown, marks, self.navigation, self)
        self.files = FileControls(
            self.settings, session, shown, self.navigation, self.showing, pane, self
        )
        self.concordance = ConcordanceDock(self, shown, session, pane)
        self.timeline = TimelineDock(
            self, shown, session, lambda: self.folders.model.folders() if self.folders else []
        )

    def _wire(self) -> None:
        """Connect the controllers to each other: each hears of the others only by signals."""
        session, nav, showing = self.session, self.navigation, self.showing
        search = self.search_controls
        # Where a link goes, when the pointer or Tab is on it, as browsers show it.
        self.reading_pane.highlighted.connect(lambda url: self.say(url.toString(), 5000))
        self.list_view.activated.connect(lambda _index: self.keyboard.focus_reading_pane())
        self.loading_status.stopRequested.connect(self.cancel_loading)
        session.loadingStarted.connect(
            lambda: self.loading_status.started(
                "Checking" if self.shown.served_from_index() else "Listing"
            )
        )
        session.loadingStarted.connect(lambda: self.shown.set_deferred_sorting(True))
        session.loadingProgress.connect(self.loading_status.progress)
        session.loadingFinished.connect(self._loading_finished)
        session.textProgress.connect(self.loading_status.text_progress)
        session.message.connect(lambda text: self.say(text, 8000))
        nav.chosen.connect(showing.show_chosen)
        showing.endReached.connect(nav.next_unread)
        # A reset (a filter, a search, rows refiltered as they change) forgets the current
        # row: the article on show is selected again.
        self.shown.reset.connect(nav.follow_shown)
        self.shown.modelChanged.connect(self._show_model)
        self.shown.trouble.connect(lambda text: self.say(text, 10000))
        search.refiltered.connect(nav.follow_shown)
        search.termsChanged.connect(showing.set_terms)
        hits = showing.hits  # F3 past an article's last hit: on to the next one found
        hits.where = lambda: (nav.current_row() + 1, self.shown.row_count())
        hits.move = lambda back: nav.previous_article() if back else nav.next_article()
        concordance = self.concordance
        search.termsChanged.connect(concordance.set_terms)
        search.refiltered.connect(concordance.rows_changed)
        showing.shown.connect(concordance.article_shown)
        concordance.openRequested.connect(self.select_path)
        self.reading.refiltered.connect(search.after_refilter)
        self.timeline.refiltered.connect(search.after_refilter)
        self.marks.readChanged.connect(lambda _keys: search.update_count())
        self.marks.savingChanged.connect(self._saving_changed)
        self.marks.notice.connect(lambda text: self.say(text, 20000))
        for controller in (nav, showing, self.files, concordance, self.timeline):
            controller.message.connect(self.say)

    # --- the rest of the window --------------------------------------------------------------

    def finish(self) -> None:
        """Build what the first frame does not show: the find bar, the keys each pane handles,
        output, the menus' entries and their shortcuts; and apply the desktop's own theme
        anew (see ``ReadingControls.restore``). Once; before the first key the window takes
        (see ``BeforeInput``), as a menu opens, or once the window has painted."""
        if self._finished or self._shut:
            return
        self._finished = True
        self._before_input.stop()
        from viewer.ui.find_bar import FindBar
        from viewer.ui.label_strip import LabelStrip
        from viewer.window.actions import Commands, WindowActions
        from viewer.window.annotation_controls import AnnotationControls
        from viewer.window.annotations_dock import AnnotationsDock
        from viewer.window.encoding_menu import EncodingMenu
        from viewer.window.keyboard import KeyboardControls
        from viewer.window.label_controls import LabelControls
        from viewer.window.output_controls import OutputControls
        from viewer.window.smart_folder_controls import SmartFolderControls

        session, model = self.session, self.model
        pane, marks, nav, showing = self.reading_pane, self.marks, self.navigation, self.showing
        find_bar = self._find_bar = FindBar(pane)
        self._side_layout.addWidget(find_bar)
        showing.set_find_bar(find_bar)
        keyboard = self._keyboard = KeyboardControls(
            self.list_pane, pane, find_bar, session.is_loading, self
        )
        output = self._output = OutputControls(pane, nav, self)
        if self._state_mark is None:
            self._make_state_mark()
        folders = self.folders = SmartFolderControls(
            self, self.list_pane, self.search_controls, self.shown, session, marks, self.settings
        )
        folders.message.connect(self.say)
        strip = LabelStrip()
        self._side_layout.insertWidget(0, strip)
        labels = self.labels = LabelControls(
            self, marks.state, nav, self.shown, self.list_view, strip, self.settings
        )
        labels.message.connect(self.say)
        labels.labels.changed.connect(lambda _keys: self.search_controls.labels_changed())
        output.labels_of = labels.labels.of
        showing.shown.connect(labels.article_shown)
        notes = self.annotations = AnnotationControls(self, marks.state, pane, model)
        notes.message.connect(self.say)
        showing.shown.connect(notes.article_shown)
        notes_view = self.annotations_view = AnnotationsDock(self, notes, labels.labels.of)
        notes_view.message.connect(self.say)
        notes_view.openRequested.connect(self.select_path)
        if (on_show := pane.article()) is not None:
            labels.article_shown(on_show)

        def encoding_menu(menu: QMenu) -> EncodingMenu:
            made = EncodingMenu(menu, pane, model, marks, showing, session, self)
            made.message.connect(self.say)
            return made

        actions = self._menu_actions = WindowActions(
            self,
            self._menus,
            Commands(
                pane=pane,
                find_bar=find_bar,
                files=self.files,
                navigation=nav,
                showing=showing,
                search=self.search_controls,
                keyboard=keyboard,
                reading=self.reading,
                output=output,
                encoding_menu=encoding_menu,
                show_concordance=self.concordance.show,
                show_timeline=self.timeline.show,
                folders=folders,
                labels=labels,
                annotations=notes_view,
            ),
        )
        folders.shownChanged.connect(actions.smart_folders.setChecked)
        notes_view.shownChanged.connect(actions.annotations.setChecked)
        actions.smart_folders.setChecked(folders.is_shown())
        self.concordance.shownChanged.connect(actions.concordance.setChecked)
        self.timeline.shownChanged.connect(actions.timeline.setChecked)
        showing.shown.connect(lambda _article: actions.encoding.refresh())
        keyboard.stopRequested.connect(self.cancel_loading)
        keyboard.topRequested.connect(nav.select_top)
        keyboard.pageForward.connect(showing.page_forward)
        keyboard.pageBack.connect(showing.page_back)
        output.csvExported.connect(self.csvExported)
        output.message.connect(self.say)
        self.reading.finish()  # the menus tick the choices restored

    def finished(self) -> bool:
        """True once the rest of the window is built (see ``finish``)."""
        return self._finished

    def menuBar(self) -> QMenuBar:
        """The menu bar, its menus filled (the rest of the window is built first)."""
        self.finish()
        return super().menuBar()

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the reading pane (the rest of the window is built first)."""
        self.finish()
        assert self._find_bar is not None
        return self._find_bar

    @property
    def keyboard(self) -> KeyboardControls:
        """The keys that mean one thing wherever they are pressed, and the focus."""
        self.finish()
        assert self._keyboard is not None
        return self._keyboard

    @property
    def output(self) -> OutputControls:
        """Print, export and copy."""
        self.finish()
        assert self._output is not None
        return self._output

    @property
    def menu_actions(self) -> WindowActions:
        """The menus' actions, by name."""
        self.finish()
        assert self._menu_actions is not None
        return self._menu_actions

    @property
    def state_mark(self) -> StateMark:
        """The status bar's mark while read marks cannot be saved (made when first needed:
        at the start, when they cannot be saved then)."""
        return self._make_state_mark() if self._state_mark is None else self._state_mark

    def _make_state_mark(self) -> StateMark:
        from viewer.ui.state_mark import StateMark

        mark = self._state_mark = StateMark()
        self.statusBar().addPermanentWidget(mark)  # after the count, as the last
        return mark

    def _show_model(self, model: QAbstractItemModel) -> None:
        """The list is served by another model now (a big library, from the index)."""
        header = self.list_view.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self.list_view.setModel(model)
        self.navigation.model_changed()
        self.list_view.sortByColumn(column, order)

    def say(self, text: str, milliseconds: int = 0) -> None:
        """Show ``text`` in the status bar (0 ms: until the next message)."""
        self.statusBar().showMessage(text, milliseconds)

    def _saving_changed(self, warning: str) -> None:
        """Changes cannot be saved (``warning`` says why), or can again (""): the mark says so
        as long as it lasts, the status bar once when it starts."""
        if warning and self.state_mark.isHidden():
            self.say(warning, 10000)
        self.state_mark.show_trouble(warning)

    # --- the window's own commands (the contract scripts and tests use) -------------------

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
        self.files.open_paths(paths, remember=remember, show=show, restore=restore)
        self.search_controls.update_placeholder()

    def select_path(self, path: str) -> bool:
        """Make the article of ``path`` current (and show it), clearing a filter that hides it."""
        return self.navigation.select_path(path)

    def current_article(self) -> Article | None:
        """The article whose row is current in the list."""
        return self.navigation.current_article()

    def search(self, text: str) -> None:
        """Search the text of every article; the list then shows the hits."""
        self.search_controls.search(text)

    def is_loading(self) -> bool:
        """True while a folder is being listed in the background."""
        return self.session.is_loading()

    def cancel_loading(self) -> None:
        """Stop listing (Escape, or the status bar's Stop button); listed rows stay."""
        if self.session.is_loading():
            self.session.cancel_loading()
            self.say("Stopping…", 2000)

    def receive_paths(self, paths: list[str]) -> None:
        """Paths handed over by a second start (a double-click): show them, and come forward."""
        if paths:
            self.open_paths(paths)
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _loading_finished(self, outcome: LoadOutcome) -> None:
        self.shown.set_deferred_sorting(False)
        self.loading_status.finished()
        self.files.listing_done()
        unreadable = self.shown.unreadable()
        # One message, so that no part of it hides another: a warning, then what is missing.
        parts = [outcome.warning] if outcome.warning else []
        if outcome.cancelled:
            parts.append(f"Stopped: {outcome.listed:,} of the files found are listed")
        if unreadable:
            parts.append(
                f"{unreadable:,} {'file' if unreadable == 1 else 'files'} could not be read"
            )
        if parts:
            self.say("; ".join(parts), 8000)
        self.loadingFinished.emit()

    # --- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept local files and folders."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open what was dropped."""
        from viewer.library.file_urls import path_of_url  # here: start-up need not load it

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
        self.reading.restore(settings)

    def save_settings(self) -> None:
        """Keep geometry, layout, zoom and the session for the next start."""
        settings = self.settings
        settings.setValue(keys.GEOMETRY, self.saveGeometry())
        settings.setValue(keys.WINDOW_STATE, self.saveState())
        settings.setValue(keys.SPLITTER, self.splitter.saveState())
        settings.setValue(keys.LIST_HEADER, self.list_view.header().saveState())
        settings.setValue(keys.ZOOM, self.reading_pane.zoom())
        self.reading.save(settings)
        write_path_list(settings, keys.SESSION_PATHS, self.files.roots)
        current = self.current_article()
        write_path(settings, keys.SESSION_CURRENT, current.path if current else "")
        settings.sync()

    def _unsaved(self) -> Unkept | None:
        """Keep the place in the article on show and try to save everything now: None when it
        is all kept (in the state file or a pending file), else what is not."""
        self.showing.leave(self.reading_pane.article())
        return self.marks.save_now()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save settings and stop background work on the way out (once: a closed window can be
        told to close again, and its reading state is closed by then)."""
        # Reading-state changes that can be kept nowhere: ask before going (Keep Open stays).
        unkept = None if self._shut else self._unsaved()
        if unkept is not None and not _quit_anyway(self, unkept.text, unkept.details):
            event.ignore()
            return
        if not self._shut:
            self._shut = True
            self.save_settings()
            self.showing.leave(self.reading_pane.article())  # keep the place in it
            self.showing.stop()
            self.marks.close()
            if self._output is not None:
                self._output.stop()
            self.concordance.shut_down()
            self.timeline.shut_down()
            if self.folders is not None:
                self.folders.shut_down()
            self.session.shut_down()
            self.shown.close()
        super().closeEvent(event)


def _quit_anyway(parent: QWidget, unkept: str, details: str) -> bool:
    """Ask whether to quit although ``unkept`` (see ``quit_anyway``), its message box set up
    only now, not at every start."""
    from viewer.ui.quit_question import quit_anyway

    return quit_anyway(parent, unkept, details)
