"""The file list pane: the filter or search field above the list of articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.library.plain_text import plain_tooltip
from viewer.ui.article_list import ArticleListView
from viewer.ui.reading_colours import error_colour, qcolor, rgb

FILTER_MODE: Final = 0
SEARCH_MODE: Final = 1
SEARCH_DELAY_MS: Final = 250  # search once typing pauses, not on every key
FACET_LABELS: Final = {"author": "All authors", "source": "All sources", "label": "All labels"}
FACET_LIMIT: Final = 300  # values a facet's box lists: the most common ones
PLACEHOLDERS: Final = (
    "Filter by title, section or file name",
    'Search the text: words, "phrases", elect*, section:…',  # the README has the rest
)


def _fill(
    box: QComboBox,
    everything: str,
    counts: Mapping[str, int],
    total: int,
    *,
    with_count: bool = True,
) -> bool:
    """Fill a filter's box with "everything (total)" then each value and its count, keeping
    the choice; True when the value chosen is gone."""
    chosen = box.currentData()
    wanted = [(everything, None, total)] + [
        (name, name, count) for name, count in sorted(counts.items(), key=lambda i: i[0].casefold())
    ]
    box.blockSignals(True)
    box.clear()
    for label, data, count in wanted:
        box.addItem(f"{label} ({count:,})" if with_count or data else label, data)
    index = box.findData(chosen) if chosen is not None else 0
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(False)
    return chosen is not None and index < 0


class ListPane(QWidget):
    """The field (filtering titles, or searching the full text) over the article list."""

    filterChanged = Signal(str)  # filter mode: the text, as typed
    sectionChanged = Signal(object)  # a section name, or None for all
    facetChanged = Signal(str, object)  # a facet ("author", "source"), and a value or None
    searchRequested = Signal(str)  # search mode: the query, once typing pauses or on Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listPane")
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("fieldMode")
        self.mode_box.addItems(["Filter", "Search"])
        self.mode_box.setToolTip("Filter the list by title (Ctrl+L), or search the text (Ctrl+K)")
        self.mode_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field → list
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.section_box = QComboBox()
        self.section_box.setObjectName("sectionBox")
        self.section_box.setToolTip("Show one section")
        self.section_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Out of the Tab cycle (list → reading pane → field); Ctrl+Shift+S reaches it.
        self.section_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.section_box.addItem("All sections", None)
        self.section_box.currentIndexChanged.connect(
            lambda _i: self.sectionChanged.emit(self.section_box.currentData())
        )
        # Beside sections, the author and source fields, on a row of their own that shows only
        # when the files have them.
        self.facet_boxes: dict[str, QComboBox] = {}
        facet_row = QHBoxLayout()
        facet_row.setSpacing(4)
        for facet, label in FACET_LABELS.items():
            box = QComboBox()
            box.setObjectName(f"{facet}Box")
            box.setToolTip(f"Show the articles of one {facet}")
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            box.addItem(label, None)
            box.currentIndexChanged.connect(
                lambda _i, f=facet, b=box: self.facetChanged.emit(f, b.currentData())
            )
            box.hide()
            self.facet_boxes[facet] = box
            facet_row.addWidget(box, 1)
        self.note = QLabel()
        self.note.setObjectName("fieldNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self._note_error = False
        self.note.hide()
        self.list_view = ArticleListView()

        self.help_button = QToolButton()
        self.help_button.setObjectName("searchHelp")
        self.help_button.setText("?")
        self.help_button.setToolTip("The search syntax, with examples")
        self.help_button.setAccessibleName("Search syntax")
        self.help_button.clicked.connect(self.show_syntax_help)
        self._help: QWidget | None = None

        field_row = QHBoxLayout()
        field_row.setSpacing(4)
        field_row.addWidget(self.mode_box)
        field_row.addWidget(self.filter_edit, 1)
        field_row.addWidget(self.help_button)
        field_row.addWidget(self.section_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(field_row)
        layout.addLayout(facet_row)
        layout.addWidget(self.note)
        layout.addWidget(self.list_view, 1)

        self._texts = ["", ""]  # what each mode's field held, restored on switching back
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SEARCH_DELAY_MS)
        self._delay.timeout.connect(self.run_search)
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.filter_edit.textChanged.connect(self._text_changed)
        self.filter_edit.returnPressed.connect(self.run_search)
        self._mode_changed(FILTER_MODE)

    def set_sections(self, counts: Mapping[str, int], total: int) -> None:
        """Fill the section box: "All sections (120)", then "World (12)" and so on."""
        if _fill(self.section_box, "All sections", counts, total):
            self.sectionChanged.emit(None)  # the section went with its last article

    def set_facets(self, facet: str, counts: Mapping[str, int], total: int) -> None:
        """Fill a facet's box ("All authors (120)", "Jo Writer (12)"); shown when any article
        has a value, or one is chosen."""
        box = self.facet_boxes[facet]
        shown = dict(counts)
        if len(shown) > FACET_LIMIT:  # a box of 100,000 names helps nobody, and is slow to fill
            chosen = box.currentData()
            shown = dict(Counter(counts).most_common(FACET_LIMIT))
            if chosen in counts:
                shown[chosen] = counts[chosen]
        if _fill(box, FACET_LABELS[facet], shown, total, with_count=False):
            self.facetChanged.emit(facet, None)
        if len(shown) < len(counts):
            box.addItem(f'… {len(counts) - len(shown):,} more: search {facet}:"…"', None)
            item = box.model().index(box.count() - 1, 0)
            box.model().setData(item, 0, Qt.ItemDataRole.UserRole - 1)  # not to be chosen
        box.setVisible(bool(counts) or box.currentData() is not None)

    def choose_facet(self, facet: str, value: str | None) -> None:
        """Select a value in a facet's box (None: all)."""
        box = self.facet_boxes[facet]
        box.setCurrentIndex(max(box.findData(value) if value else 0, 0))

    def choose_section(self, section: str | None) -> None:
        """Select a section in the box (None: all)."""
        index = self.section_box.findData(section) if section else 0
        self.section_box.setCurrentIndex(max(index, 0))

    def mode(self) -> int:
        """``FILTER_MODE`` or ``SEARCH_MODE``."""
        return self.mode_box.currentIndex()

    def set_mode(self, mode: int) -> None:
        """Switch the field between filtering and searching."""
        self.mode_box.setCurrentIndex(mode)

    def search_text(self) -> str:
        """The search query, whichever mode the field is in."""
        return self.filter_edit.text() if self.mode() == SEARCH_MODE else self._texts[SEARCH_MODE]

    def filter_text(self) -> str:
        """The list filter's text, whichever mode the field is in."""
        return self.filter_edit.text() if self.mode() == FILTER_MODE else self._texts[FILTER_MODE]

    def run_search(self) -> None:
        """Search now (Enter, or typing paused)."""
        self._delay.stop()
        if self.mode() == SEARCH_MODE:
            self.searchRequested.emit(self.filter_edit.text())

    def show_syntax_help(self) -> None:
        """Show the search syntax in a window beside the field (made on first use)."""
        if self._help is None:
            from viewer.ui.syntax_help import SyntaxHelp

            self._help = SyntaxHelp(self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def show_note(self, text: str, *, error: bool = False) -> None:
        """A line under the field: search results, or what is wrong with a query."""
        self.note.setText(text)
        self._note_error = error
        self._colour_note()
        self.note.setVisible(bool(text))
        # The query is the reader's own text, but a tooltip that looks like markup is read as
        # markup: set it as plain text.
        self.filter_edit.setToolTip(plain_tooltip(text) if error else "")

    def changeEvent(self, event: QEvent) -> None:
        """Colour the note for the new theme."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_note()

    def _colour_note(self) -> None:
        error = self._note_error
        palette = self.note.palette()
        role = QPalette.ColorRole.WindowText
        colour = self.palette().color(role)
        if error:  # a red that reads on this theme's window colour (4.5:1), not a fixed one
            colour = qcolor(error_colour(rgb(self.palette().color(QPalette.ColorRole.Window))))
        palette.setColor(role, colour)
        self.note.setPalette(palette)

    def clear_all(self) -> None:
        """Empty both the filter and the search."""
        self._texts = ["", ""]
        self.filter_edit.clear()
        self.filterChanged.emit("")
        self.searchRequested.emit("")

    def _mode_changed(self, mode: int) -> None:
        # Each mode keeps its own text (kept current by _text_changed); both stay in force.
        self.filter_edit.blockSignals(True)
        self.filter_edit.setText(self._texts[mode])
        self.filter_edit.blockSignals(False)
        self.filter_edit.setPlaceholderText(PLACEHOLDERS[mode])
        self.help_button.setVisible(mode == SEARCH_MODE)  # the syntax is the search's

    def _text_changed(self, text: str) -> None:
        self._texts[self.mode()] = text
        if self.mode() == FILTER_MODE:
            self.filterChanged.emit(text)
        else:
            self._delay.start()
