"""Getting articles out: printing, PDF, the clipboard, other applications, and CSV."""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QThread, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from viewer.core.article import Article
from viewer.core.article_export import article_markdown, article_plain_text, write_csv
from viewer.core.parser import parse_file
from viewer.library.file_urls import url_of_path
from viewer.ui.reading_pane import ReadingPane

_UNSAFE_NAME = re.compile(r"[^\w\s.,()-]+")


def suggested_file_name(article: Article, suffix: str) -> str:
    """A file name made from the title, safe on every file system."""
    stem = _UNSAFE_NAME.sub("", article.title).strip()[:80] or "article"
    return f"{stem}{suffix}"


def set_up_printer(printer: QPrinter, title: str) -> None:
    """A4 or the locale's paper, with margins a book would have."""
    printer.setDocName(title)
    printer.setPageMargins(QMarginsF(22, 20, 22, 22), QPageLayout.Unit.Millimeter)
    if printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Custom:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))


def print_to(printer: QPrinter, pane: ReadingPane) -> None:
    """Print the article on show: dark text on white paper, whatever the theme."""
    article = pane.article()
    set_up_printer(printer, article.title if article else "Article")
    pane.print_document().print_(printer)


def export_pdf(pane: ReadingPane, path: str) -> None:
    """Write the article on show to a PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    print_to(printer, pane)


def copy_article(article: Article, *, markdown: bool) -> None:
    """Put the whole article on the clipboard, as plain text or as Markdown with its metadata."""
    text = article_markdown(article) if markdown else article_plain_text(article)
    QGuiApplication.clipboard().setText(text)


def open_in_default_application(path: str) -> bool:
    """Open the file with the desktop's application for it."""
    return QDesktopServices.openUrl(url_of_path(path))


def show_in_folder(path: str) -> bool:
    """Open the folder that holds the file in the file manager."""
    return QDesktopServices.openUrl(url_of_path(os.path.dirname(path) or "."))


class CsvExport(QThread):
    """Writes the listed articles' metadata to CSV, reading each file for its word count."""

    progress = Signal(int, int)  # rows written, rows to write
    done = Signal(int, str)  # rows written, an error message or ""

    def __init__(
        self,
        articles: Iterable[Article],
        path: Path,
        parent: QObject | None = None,
        *,
        total: int,
        labels: Callable[[str | None], Iterable[str]] = lambda _key: (),
    ) -> None:
        """``total``: how many ``articles`` gives; it is read in the export's thread (a list
        served from the index reads its rows there). ``labels``: an article's labels by its
        content key."""
        super().__init__(parent)
        self._labels = labels
        self._articles = articles
        self._total = total
        self._path = path
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop; the file then holds the rows written so far."""
        self._cancelled.set()

    def run(self) -> None:
        """Write the file (to a temporary name first, so a failure leaves no half file)."""
        total = self._total
        temporary = self._path.with_name(self._path.name + ".part")
        try:
            # surrogateescape: a path that is not valid UTF-8 is written as its own bytes, so
            # the column names the file exactly (titles and the rest are text already).
            with open(
                temporary, "w", encoding="utf-8", errors="surrogateescape", newline=""
            ) as out:
                rows = write_csv(
                    (a if a.has_body or not a.ok else parse_file(a.path) for a in self._articles),
                    out,
                    progress=lambda n: self.progress.emit(n, total),
                    stop=self._cancelled.is_set,
                    labels=self._labels,
                )
            os.replace(temporary, self._path)
        except OSError as exc:
            self.done.emit(0, exc.strerror or str(exc))
            return
        except ValueError as exc:  # text that cannot be written (no file system gives it)
            with contextlib.suppress(OSError):
                os.remove(temporary)
            self.done.emit(0, f"a value could not be written ({exc.__class__.__name__}: {exc})")
            return
        self.done.emit(rows, "")
