"""Help ▸ About: the version, Qt and PySide versions, and where settings and cache live."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import QSettings, QStandardPaths, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer.core.appinfo import APP_NAME, VERSION


def about_text() -> str:
    """The About box's text, plain."""
    settings = QSettings().fileName()
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return (
        f"{APP_NAME} {VERSION}\n"
        "A reader for folders of saved article text files.\n\n"
        f"Qt {qVersion()}, PySide {PySide6.__version__}\n\n"
        f"Settings: {settings}\n"
        f"Cache: {cache}"
    )


def show_about(parent: QWidget) -> None:
    """Show the About box."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_NAME}")
    box.setTextFormat(PySide6.QtCore.Qt.TextFormat.PlainText)
    box.setText(about_text())
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
