"""The status bar's mark while read marks cannot be saved: a warning sign and a few words on an
amber ground, set apart from the counts before it, the reason in the tooltip; gone once
everything is written."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from viewer.core.colour_contrast import RGB
from viewer.library.plain_text import plain_tooltip
from viewer.ui.reading_colours import WarningColours, qcolor, rgb, warning_colours

MARK_TEXT: Final = "Read marks not saved"
GAP: Final = 12  # pixels between the mark and what comes before it in the status bar


class StateMark(QWidget):
    """Shown while changes to the reading state wait to be written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateMark")
        self.icon = QLabel()
        self.icon.setObjectName("stateMarkIcon")
        self.label = QLabel(MARK_TEXT)
        self.label.setObjectName("stateMarkText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(GAP + 6, 2, 8, 2)
        layout.setSpacing(5)
        layout.addWidget(self.icon)
        layout.addWidget(self.label)
        self.setAccessibleName(MARK_TEXT)
        self._recolour()
        self.hide()

    def text(self) -> str:
        """The words the mark shows."""
        return self.label.text()

    def show_trouble(self, text: str) -> None:
        """Show the mark with ``text`` (plain) as its tooltip; hide it for no text."""
        self.setToolTip(plain_tooltip(text))
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def colours(self) -> tuple[RGB, RGB]:
        """The mark's ground and the colour of its words, as painted."""
        look = self._look()
        return look.ground, rgb(self.label.palette().color(self.label.foregroundRole()))

    def changeEvent(self, event: QEvent) -> None:
        """Take the new theme's colours and the new style's warning sign."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._recolour()

    def paintEvent(self, event: QPaintEvent) -> None:
        """An amber ground with rounded corners behind the sign and the words."""
        from PySide6.QtGui import QPainter, QPen  # here: the mark is seldom shown, and at no start

        look = self._look()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(qcolor(look.edge), 1))
        painter.setBrush(qcolor(look.ground))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(GAP + 0.5, 0.5, -0.5, -0.5), 4, 4)

    def _look(self) -> WarningColours:
        return warning_colours(rgb(self.palette().color(self.backgroundRole())))

    def _recolour(self) -> None:
        # The children's palettes, not this widget's: that would come back here as a change.
        palette = self.label.palette()
        palette.setColor(self.label.foregroundRole(), qcolor(self._look().text))
        self.label.setPalette(palette)
        side = self.label.fontMetrics().height()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(QSize(side, side), self.devicePixelRatioF()))
