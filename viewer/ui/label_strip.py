"""The labels of the article on show, as coloured chips over the reading pane."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from viewer.core.colour_contrast import BLACK, WHITE, contrast_ratio, parse_hex


class LabelStrip(QWidget):
    """A row of chips, one a label, and a label set's suggestion under review (Accept, Reject);
    hidden while there is neither."""

    acceptRequested = Signal()
    rejectRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelStrip")
        self.setAccessibleName("Labels of the article")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 4, 12, 4)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("labelSuggestion")
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_button = QPushButton("&Accept")
        self.accept_button.setToolTip("Take the set's labels as yours (A)")
        self.accept_button.clicked.connect(self.acceptRequested)
        self.reject_button = QPushButton("Re&ject")
        self.reject_button.setToolTip("Dismiss the set's labels for this article (X)")
        self.reject_button.clicked.connect(self.rejectRequested)
        for widget in (self.suggestion, self.accept_button, self.reject_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys A and X do it from the list
            self._layout.addWidget(widget)
            widget.hide()
        self.chips: list[QLabel] = []
        self.hide()

    def show_suggestion(self, set_name: str | None, names: Sequence[str]) -> None:
        """A set's labels for the article (None: no set is under review)."""
        suggesting = set_name is not None
        if suggesting:
            said = ", ".join(names) if names else "no suggestion for this article"
            self.suggestion.setText(f"{set_name}: {said}")
        self.suggestion.setVisible(suggesting)
        for button in (self.accept_button, self.reject_button):
            button.setVisible(suggesting)
            button.setEnabled(bool(names))
        self._update_visible()

    def _update_visible(self) -> None:
        self.setVisible(bool(self.chips) or not self.suggestion.isHidden())

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
        self._update_visible()

    def texts(self) -> list[str]:
        """The chips' names, in order."""
        return [chip.text() for chip in self.chips]
