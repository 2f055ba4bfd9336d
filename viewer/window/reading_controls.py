"""The reader's own settings and commands: theme and type, read marks, positions, output."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from viewer.core import settings_keys as keys
from viewer.core.article import Article
from viewer.core.article_files import display_path
from viewer.core.state.store import Unkept
from viewer.library.read_marks import MARK_POLICIES, ReadTracker
from viewer.library.settings import read_str
from viewer.ui.reading_pane import LINE_WIDTHS
from viewer.ui.theme import THEMES, ThemeManager

if TYPE_CHECKING:
    from viewer.ui.article_output import CsvExport
    from viewer.window.main_window import MainWindow


class ReaderControls(QObject):
    """Everything about reading that is the reader's choice, for one window."""

    def __init__(self, window: MainWindow, state_folder: Path | None) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.themes = ThemeManager(app)
        self.reads = ReadTracker(state_folder, self)
        window.model.set_read_keys(self.reads.read_keys)
        self.reads.readChanged.connect(self._read_changed)
        window.model.contentKeyChanged.connect(self.reads.carry_over)
        self.reads.savingChanged.connect(self._saving_changed)
        self.reads.notice.connect(lambda text: window.statusBar().showMessage(text, 20000))
        self.reads.take_news()  # a damaged file set aside at the start, say
        self._export: CsvExport | None = None

    # --- settings --------------------------------------------------------------------------

    def restore(self, settings: QSettings) -> None:
        """Bring back theme, type, line width, read-mark policy and hidden read articles."""
        self.set_theme(read_str(settings, keys.THEME) or "system")
        family = read_str(settings, keys.READING_FONT_FAMILY) or None
        size = settings.value(keys.READING_FONT_SIZE)
        try:
            points = float(str(size)) if size not in (None, "") else None
        except (TypeError, ValueError):
            points = None
        self._window.reading_pane.set_reading_font(family, points)
        self.set_line_width(read_str(settings, keys.LINE_WIDTH) or "medium")
        self.set_mark_policy(read_str(settings, keys.MARK_READ) or "shown")
        self.set_hide_read(read_str(settings, keys.HIDE_READ) == "true")

    def save(self, settings: QSettings) -> None:
        """Keep the reader's choices."""
        pane = self._window.reading_pane
        settings.setValue(keys.THEME, self.themes.theme)
        font = pane.reading_font()
        families = font.families()
        settings.setValue(keys.READING_FONT_FAMILY, families[0] if families else "")
        settings.setValue(keys.READING_FONT_SIZE, font.pointSizeF())
        settings.setValue(keys.LINE_WIDTH, pane.line_width())
        settings.setValue(keys.MARK_READ, self.reads.policy)
        settings.setValue(keys.HIDE_READ, "true" if self._window.proxy.hide_read() else "false")

    # --- theme and type --------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        """System, Light, Dark or Sepia."""
        self.themes.apply(theme if theme in THEMES else "system")
        self._window.actions_.check_theme(self.themes.theme)

    def choose_font(self) -> None:
        """View ▸ Reading Font…: family and size of the body text."""
        from PySide6.QtWidgets import QFontDialog  # here: start-up need not set up dialogs

        pane = self._window.reading_pane
        ok, font = QFontDialog.getFont(pane.reading_font(), self._window, "Reading Font")
        if ok:
            families = font.families()
            pane.set_reading_font(families[0] if families else None, font.pointSizeF())

    def set_line_width(self, width: str) -> None:
        """Narrow, medium or wide lines."""
        width = width if width in LINE_WIDTHS else "medium"
        self._window.reading_pane.set_line_width(width)
        self._window.actions_.check_line_width(width)

    # --- read marks ------------------------------------------------------------------------

    def set_mark_policy(self, policy: str) -> None:
        """When an article counts as read: when shown, after a few seconds, or by hand."""
        self.reads.set_policy(policy if policy in MARK_POLICIES else "shown")
        self._window.actions_.check_mark_policy(self.reads.policy)

    def set_hide_read(self, hide: bool) -> None:
        """View ▸ Hide Read Articles."""
        window = self._window
        shown = window.reading_pane.article()
        window.proxy.set_pinned_path(shown.path if shown else None)
        window.proxy.set_hide_read(hide)
        window.actions_.hide_read.setChecked(hide)
        window.after_refilter()

    def toggle_read(self) -> None:
        """M: mark the selected articles read, or unread when all of them are read."""
        self.reads.toggle(self._window.selected_articles())

    def next_unread(self) -> bool:
        """+: the next unread article in the list, wrapping round to the top."""
        window = self._window
        proxy, model = window.proxy, window.model
        start = window.list_view.currentIndex().row()
        count = proxy.rowCount()
        for step in range(1, count + 1):
            row = (start + step) % count
            source = proxy.mapToSource(proxy.index(row, 0)).row()
            if not model.is_read(source):
                window.select_row(row)
                return True
        window.statusBar().showMessage("No unread articles", 3000)
        return False

    def _saving_changed(self, warning: str) -> None:
        """Changes cannot be saved (``warning`` says why), or can again (""): the mark says so
        as long as it lasts, the status bar once when it starts."""
        if warning and self._window.state_mark.isHidden():
            self._window.statusBar().showMessage(warning, 10000)
        self._window.state_mark.show_trouble(warning)

    def _read_changed(self, changed: list[str]) -> None:
        self._window.model.read_changed(changed)
        self._window.update_count()

    # --- the article on show ---------------------------------------------------------------

    def leaving(self, article: Article | None) -> None:
        """The reader moves away from ``article``: keep their place in it."""
        if article is not None and article.ok:
            self.reads.remember_position(article, self._window.reading_pane.scroll_fraction())

    def opening(self, path: str) -> None:
        """An article is about to be read and typeset."""
        self.reads.opening(path)

    def shown(self, article: Article, *, restore_position: bool, mark: bool = True) -> None:
        """An article is on show: go back to where the reader was, and (``mark``) maybe mark
        it read."""
        self.reads.opening(None)
        self._window.proxy.set_pinned_path(article.path)
        if restore_position:
            fraction = self.reads.position(article)
            if fraction:
                self._window.reading_pane.set_scroll_fraction(fraction)
        if mark:
            self.reads.shown(article)
        self._window.actions_.encoding.refresh()

    def unsaved(self) -> Unkept | None:
        """Keep the place in the article on show and try to save everything now: None when it
        is all kept (in the state file or a pending file), else what is not, to be asked about
        before the window goes."""
        self.leaving(self._window.reading_pane.article())
        return self.reads.save_now()

    def close(self) -> None:
        """Keep the place in the article on show and close the read-state database."""
        self.leaving(self._window.reading_pane.article())
        self.reads.close()

    # --- output ----------------------------------------------------------------------------

    def print_article(self) -> None:
        """File ▸ Print…, with a preview."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from viewer.ui.article_output import print_to  # printing loads on first use

        if self._window.reading_pane.article() is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(printer, self._window)
        preview.setWindowTitle("Print Article")
        preview.paintRequested.connect(lambda p: print_to(p, self._window.reading_pane))
        preview.exec()

    def export_pdf(self) -> None:
        """File ▸ Export as PDF…"""
        from viewer.ui.article_output import export_pdf, suggested_file_name

        article = self._window.reading_pane.article()
        if article is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = os.path.join(folder, suggested_file_name(article, ".pdf"))
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self._window, "Export as PDF", suggested, "PDF documents (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            export_pdf(self._window.reading_pane, path)
            self._window.statusBar().showMessage(f"Exported to {display_path(path)}", 5000)

    def copy_article(self, *, markdown: bool = False) -> None:
        """Edit ▸ Copy Article (plain text) or Copy Article as Markdown."""
        from viewer.ui.article_output import copy_article

        article = self._window.reading_pane.article()
        if article is not None and article.ok:
            copy_article(article, markdown=markdown)
            kind = "as Markdown" if markdown else "as text"
            self._window.statusBar().showMessage(f"Copied the article {kind}", 3000)

    def open_default(self) -> None:
        """File ▸ Open in Default Application."""
        from viewer.ui.article_output import open_in_default_application

        article = self._window.current_article()
        if article is not None and not open_in_default_application(article.path):
            self._window.statusBar().showMessage("No application opens this file", 5000)

    def show_in_folder(self) -> None:
        """File ▸ Show in Folder."""
        from viewer.ui.article_output import show_in_folder

        article = self._window.current_article()
        if article is not None and not show_in_folder(article.path):
            self._window.statusBar().showMessage("The folder could not be shown", 5000)

    def export_csv(self) -> None:
        """File ▸ Export List as CSV…: the listed (filtered) articles, in list order."""
        from viewer.ui.article_output import CsvExport

        window = self._window
        if self._export is not None and self._export.isRunning():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            window, "Export List as CSV", os.path.join(folder, "articles.csv"), "CSV (*.csv)"
        )
        if not path:
            return
        articles = window.listed_articles()
        export = CsvExport(articles, Path(path), self)
        export.progress.connect(
            lambda done, total: window.statusBar().showMessage(
                f"Exporting {done:,} of {total:,} articles…"
            )
        )
        export.done.connect(lambda rows, error: self._exported(path, rows, error))
        self._export = export
        export.start()

    def _exported(self, path: str, rows: int, error: str) -> None:
        if self._export is not None:
            self._export.wait()
        if error:
            self._window.statusBar().showMessage(f"Could not export: {display_path(error)}", 8000)
        else:
            shown = display_path(path)
            self._window.statusBar().showMessage(f"Exported {rows:,} articles to {shown}", 5000)
        self._window.csvExported.emit(path, rows, error)

    def stop(self) -> None:
        """Wait for a running export."""
        if self._export is not None:
            self._export.cancel()
            self._export.wait()
