"""The main window's movement: which article is current, showing it, keys and focus."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from viewer.core.article import Article
from viewer.library.article_model import ARTICLE_ROLE
from viewer.ui.list_pane import FILTER_MODE, SEARCH_MODE
from viewer.window.window_parts import WindowParts


class NavigationMixin(WindowParts):
    """Selecting and showing articles, moving between them, and the keyboard focus."""

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

    def follow_shown(self) -> None:
        """Keep the list's current row on the article on show; none while a filter hides it
        (the article stays on show, and is selected again when it comes back)."""
        shown = self.reading_pane.article()
        row = self.model.row_of(shown.path) if shown is not None else None
        index = QModelIndex() if row is None else self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            if index.row() != self.list_view.currentIndex().row():
                self._make_current(index, show=False)
        elif self.list_view.currentIndex().isValid():
            selection = self.list_view.selectionModel()
            selection.blockSignals(True)  # nothing new is to be shown
            selection.clear()
            selection.blockSignals(False)
            self.list_view.viewport().update()

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
            gone = self.reading_pane.shows_deleted()
            if shown is not None and shown.path != article.path:
                self.reader.leaving(shown)
            self._show_path(article.path)
            if gone and shown is not None and shown.path != article.path:
                self.model.remove_paths([shown.path])  # its file went; the reader moved on

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
                self.model.update_article(listing_record(article))
        self.reading_pane.show_article(article, keep_position=keep_position)
        self.reading_pane.set_highlights(self._search_terms)
        self.find_bar.refresh()
        self.session.watcher.watch_file(path if article.ok else None)
        # Shown again in place (reloaded, changed on disk), or brought back at a restart, it is
        # not shown anew: its read mark and place stay as the reader left them.
        restored = path == self._restoring
        self._restoring = None
        mark = not keep_position and not restored
        self.reader.shown(article, restore_position=not keep_position, mark=mark)

    def show_again(self, path: str) -> None:
        """Read the article on show again, in place, keeping the reader's place in it (its
        encoding was chosen), and its row in the list with it."""
        self._cache.forget(path)
        self._show_path(path, keep_position=True)
        shown = self.reading_pane.article()
        if shown is not None and shown.path == path:
            self.model.update_article(listing_record(shown))

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
            self.model.update_article(listing_record(shown)._replace(error="file deleted"))
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
            elif (
                watched is self.list_view
                and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not self.list_view.currentIndex().isValid()
            ):
                self.select_row(0)  # Enter with nothing chosen reads the top of the list
                self.focus_reading_pane()
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


def listing_record(article: Article) -> Article:
    """The list keeps headers only: drop the body of a fully parsed record."""
    return article._replace(paragraphs=(), has_body=False, blocks=(), source="")
