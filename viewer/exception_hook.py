"""The last line of defence: log an unexpected exception, show it once, and carry on."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

log = logging.getLogger("viewer")


class ExceptionHook:
    """Replaces ``sys.excepthook``; one dialog at a time, and only on the GUI thread."""

    def __init__(self) -> None:
        self._showing = False

    def install(self) -> None:
        """Become the hook for the main thread and for worker threads."""
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """Log the traceback; show a dialog when on the GUI thread and none is open."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Unexpected error:\n%s", text.rstrip())
        if threading.current_thread() is not threading.main_thread() or self._showing:
            return
        self._show(exc, text)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            text = "".join(
                traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
            )
            log.error("Unexpected error in a worker thread:\n%s", text.rstrip())

    def _show(self, exc: BaseException, details: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("Something went wrong")
            # The error's words may quote a file: plain text, never markup.
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(
                "An unexpected error occurred. The viewer carries on, but what you did last "
                f"may not have finished.\n\n{type(exc).__name__}: {exc}"
            )
            box.setDetailedText(details)
            box.exec()
        finally:
            self._showing = False
