"""Tooltips that show text as written (Qt reads a tooltip as markup when it looks like it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # Qt's namespace with the text functions


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` as written: ``<img src=…>`` is shown, never loaded."""
    # No wrapping: Qt would break an address at every "/" into a column of pieces.
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNoWrap) if text else ""
