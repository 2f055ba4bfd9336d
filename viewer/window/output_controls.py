"""Getting articles out: print, PDF, copying, the desktop's applications, CSV of the list."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal

from viewer.core.article_files import display_path
from viewer.ui.reading_pane import ReadingPane
from viewer.window.navigation import Navigation

if TYPE_CHECKING:
    from viewer.ui.article_output import CsvExport


class OutputControls(QObject):
    """The article on show and the list, out of the viewer."""

    message = Signal(str, int)  # text, milliseconds (0: until the next)
    csvExported = Signal(str, int, str)  # path, rows, error message or ""

    def __init__(
        self, pane: ReadingPane, navigation: Navigation, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pane = pane
        self._navigation = navigation
        self._export: CsvExport | None = None
        # An article's labels by content key, for the CSV's labels column (set once labels are).
        self.labels_of: Callable[[str | None], Iterable[str]] = lambda _key: ()

    def print_article(self) -> None:
        """File ▸ Print…, with a preview."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from viewer.ui.article_output import print_to  # printing loads on first use

        if self._pane.article() is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(printer, self._pane.window())
        preview.setWindowTitle("Print Article")
        preview.paintRequested.connect(lambda p: print_to(p, self._pane))
        preview.exec()

    def export_pdf(self) -> None:
        """File ▸ Export as PDF…"""
        from PySide6.QtWidgets import QFileDialog

        from viewer.ui.article_output import export_pdf, suggested_file_name

        article = self._pane.article()
        if article is None:
            return
        suggested = os.path.join(_documents(), suggested_file_name(article, ".pdf"))
        path, _ = QFileDialog.getSaveFileName(
            self._pane.window(), "Export as PDF", suggested, "PDF documents (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            export_pdf(self._pane, path)
            self.message.emit(f"Exported to {display_path(path)}", 5000)

    def copy_article(self, *, markdown: bool = False) -> None:
        """Edit ▸ Copy Article (plain text) or Copy Article as Markdown."""
        from viewer.ui.article_output import copy_article

        article = self._pane.article()
        if article is not None and article.ok:
            copy_article(article, markdown=markdown)
            kind = "as Markdown" if markdown else "as text"
            self.message.emit(f"Copied the article {kind}", 3000)

    def open_default(self) -> None:
        """File ▸ Open in Default Application."""
        from viewer.ui.article_output import open_in_default_application

        article = self._navigation.current_article()
        if article is not None and not open_in_default_application(article.path):
            self.message.emit("No application opens this file", 5000)

    def show_in_folder(self) -> None:
        """File ▸ Show in Folder."""
        from viewer.ui.article_output import show_in_folder

        article = self._navigation.current_article()
        if article is not None and not show_in_folder(article.path):
            self.message.emit("The folder could not be shown", 5000)

    def export_csv(self) -> None:
        """File ▸ Export List as CSV…: the listed (filtered) articles, in list order."""
        from PySide6.QtWidgets import QFileDialog

        from viewer.ui.article_output import CsvExport

        if self._export is not None and self._export.isRunning():
            return
        path, _ = QFileDialog.getSaveFileName(
            self._pane.window(),
            "Export List as CSV",
            os.path.join(_documents(), "articles.csv"),
            "CSV (*.csv)",
        )
        if not path:
            return
        articles, total = self._navigation.articles_for_export()
        export = CsvExport(articles, Path(path), self, total=total, labels=self.labels_of)
        export.progress.connect(
            lambda done, total: self.message.emit(f"Exporting {done:,} of {total:,} articles…", 0)
        )
        export.done.connect(lambda rows, error: self._exported(path, rows, error))
        self._export = export
        export.start()

    def _exported(self, path: str, rows: int, error: str) -> None:
        if self._export is not None:
            self._export.wait()
        if error:
            self.message.emit(f"Could not export: {display_path(error)}", 8000)
        else:
            self.message.emit(f"Exported {rows:,} articles to {display_path(path)}", 5000)
        self.csvExported.emit(path, rows, error)

    def stop(self) -> None:
        """Wait for a running export."""
        if self._export is not None:
            self._export.cancel()
            self._export.wait()


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
