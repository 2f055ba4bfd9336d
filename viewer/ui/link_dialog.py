"""Asking before a link in an article is followed; every text here is shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox, QWidget

WEB_SCHEMES: Final = ("http", "https")
MAIL_SCHEME: Final = "mailto"


def link_question(url: QUrl) -> str | None:
    """What to ask before opening ``url``, or None when links of its kind never open."""
    scheme = url.scheme().lower()
    address = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    if not url.isValid():
        return None
    if scheme in WEB_SCHEMES and url.host():
        return f"Open this link in your browser?\n\n{address}"
    if scheme == MAIL_SCHEME and url.path():
        return f"Open this link in your mail program?\n\n{address}"
    return None


def open_link(
    url: QUrl,
    ask: Callable[[str], bool],
    tell: Callable[[str], None],
    open_url: Callable[[QUrl], bool],
) -> bool:
    """Open ``url`` (a web or mail link) once ``ask`` says the reader agrees; for a link of any
    other kind, ``tell`` why it is not opened. True when it was opened."""
    question = link_question(url)
    if question is None:
        tell(refusal(url))
        return False
    return ask(question) and bool(open_url(url))


def refusal(url: QUrl) -> str:
    """Why a link was not opened."""
    shown = url.toString(QUrl.ComponentFormattingOption.FullyEncoded) or "(no address)"
    return (
        f"This link was not opened: {shown}\n\n"
        "Only web (http, https) and mail (mailto) links open from an article."
    )


def _box(parent: QWidget, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    box = QMessageBox(icon, "Open Link", "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the address is the file's text, not markup
    box.setText(text)
    return box


def ask_to_open(parent: QWidget, text: str) -> bool:
    """Ask the question; True when the reader chooses to open the link."""
    box = _box(parent, QMessageBox.Icon.Question, text)
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Open


def tell_refused(parent: QWidget, text: str) -> None:
    """Say that a link was not opened, and why."""
    box = _box(parent, QMessageBox.Icon.Information, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
