"""The status bar's report on background work: listing progress with a Stop button, indexing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


class LoadingStatus(QWidget):
    """ "Listing 12,000 of 48,000 files" with a progress bar and Stop; then the text index."""

    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # As wide as the longest text it shows, so the bar and Stop do not shift as it counts.
        self.label.setMinimumWidth(
            self.label.fontMetrics().horizontalAdvance("Listing 000,000 of 000,000 files…")
        )
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.stop = QToolButton()
        self.stop.setText("Stop")
        self.stop.setToolTip("Stop listing (Escape); what is listed stays")
        self.stop.clicked.connect(self.stopRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)
        self._loading = False
        self._verb = "Listing"
        self._show_parts(label=False, bar=False, stop=False)

    def started(self, verb: str = "Listing") -> None:
        """A listing began (``verb``: "Checking", when the files are checked against the index
        behind a list it serves)."""
        self._loading = True
        self._verb = verb
        self.bar.setRange(0, 0)  # busy until the first count comes
        self.label.setText(f"{verb} files…")
        self._show_parts(label=True, bar=True, stop=True)

    def progress(self, listed: int, found: int) -> None:
        """Files of this open listed so far, of those found so far."""
        if not self._loading:
            return
        if not found:
            self.bar.setRange(0, 0)  # busy: still looking
            self.label.setText(f"{self._verb} files…")
            return
        self.bar.setRange(0, found)
        self.bar.setValue(listed)
        self.label.setText(f"{self._verb} {listed:,} of {found:,} files…")

    def finished(self) -> None:
        """The listing ended."""
        self._loading = False
        self._show_parts(label=False, bar=False, stop=False)

    def text_progress(self, done: int, total: int) -> None:
        """Article texts indexed for search, of those to index."""
        if self._loading:
            return
        if total == 0 or done >= total:
            self._show_parts(label=False, bar=False, stop=False)
            return
        self.label.setText(f"Indexing text for search: {done:,} of {total:,}")
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self._show_parts(label=True, bar=True, stop=False)

    def _show_parts(self, *, label: bool, bar: bool, stop: bool) -> None:
        self.label.setVisible(label)
        self.bar.setVisible(bar)
        self.stop.setVisible(stop)
