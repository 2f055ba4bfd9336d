"""The question before the window goes while changes to the reading state can be kept
nowhere: quit anyway, losing them, or keep the viewer open and try again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer.core.appinfo import APP_NAME

KEEP_OPEN = "Keep Open"
QUIT_ANYWAY = "Quit Anyway"


def quit_question(parent: QWidget | None, unkept: str, details: str = "") -> QMessageBox:
    """The question, not shown yet: ``unkept`` says what could not be saved and why (plain
    text, as ``details``, the places tried). Keep Open is the default and Escape's answer."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a reason can hold a file's name
    box.setText(f"{unkept}. Quit anyway, or keep the viewer open and try again?")
    if details:
        box.setDetailedText(details)  # always plain
    keep = box.addButton(KEEP_OPEN, QMessageBox.ButtonRole.RejectRole)
    box.addButton(QUIT_ANYWAY, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return box


def quit_anyway(parent: QWidget | None, unkept: str, details: str = "") -> bool:
    """Ask (modal) whether to quit although ``unkept``; True for Quit Anyway."""
    box = quit_question(parent, unkept, details)
    box.exec()
    clicked = box.clickedButton()
    # By role, not by text: a desktop's theme may add accelerators to a button's text.
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole
