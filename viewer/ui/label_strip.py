"""The labels of the article on show, as coloured chips over the reading pane."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from viewer.core.colour_contrast import BLACK, WHITE, contrast_ratio, parse_hex


class LabelStrip(QWidget):
    """A row of chips, one a label; hidden while the article has none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelStrip")
        self.setAccessibleName("Labels of the article")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 4, 12, 4)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.chips: list[QLabel] = []
        self.hide()

    def show_labels(self, names: Sequence[str], colour: Callable[[str], str | None]) -> None:
        """Show these labels (none: hide the strip)."""
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for n, name in enumerate(names):
            chip = QLabel(name)
            chip.setObjectName("labelChip")
            chip.setTextFormat(Qt.TextFormat.PlainText)  # a name is the reader's own text
            background = colour(name) or "#9e9e9e"
            rgb = parse_hex(background)
            text = WHITE if contrast_ratio(WHITE, rgb) >= contrast_ratio(BLACK, rgb) else BLACK
            palette = chip.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(background))
            palette.setColor(QPalette.ColorRole.WindowText, QColor(*text))
            chip.setPalette(palette)
            chip.setAutoFillBackground(True)
            chip.setMargin(3)
            chip.setAccessibleName(f"Label {name}")
            self._layout.insertWidget(n, chip)
            self.chips.append(chip)
        self.setVisible(bool(names))

    def texts(self) -> list[str]:
        """The chips' names, in order."""
        return [chip.text() for chip in self.chips]
