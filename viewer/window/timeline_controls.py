"""The window's timeline: a dock above the panes, counted for the list as it is, narrowing the
list to the range of dates dragged across or clicked, and exporting its counts and chart."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QStandardPaths, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow

from viewer.core.article_files import display_path
from viewer.core.date_range import DateRange
from viewer.core.smart_folders import SmartFolder
from viewer.core.timeline_counts import bars_in, csv_rows, range_label
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.library.timeline_counting import MAX_QUERIES, Series, TimelineCounting
from viewer.ui.timeline_chart import Selection
from viewer.ui.timeline_pane import TimelinePane

STRIP_HEIGHT = 260  # pixels
_FILTERS = {"csv": "CSV (*.csv)", "png": "PNG image (*.png)", "svg": "SVG image (*.svg)"}


class TimelineControls(QObject):
    """Counts while the dock is shown; the range it sets narrows the list with the filters."""

    message = Signal(str, int)  # text, milliseconds
    shownChanged = Signal(bool)
    refiltered = Signal()  # the range changed: the list shows other rows

    def __init__(
        self,
        window: QMainWindow,
        shown: ShownArticles,
        session: LibrarySession,
        folders: Callable[[], list[SmartFolder]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._folders = folders
        self._shown = shown
        self.counting = TimelineCounting(shown, session, self)
        self.model = self.counting.model
        self.pane = TimelinePane()
        self.chart = self.pane.chart
        self.dock = QDockWidget("Timeline", window)
        self.dock.setObjectName("timelineDock")
        self.dock.setWidget(self.pane)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.TopDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, self.dock)
        # A strip, not a pane: the list and the article keep most of the window.
        window.resizeDocks([self.dock], [STRIP_HEIGHT], Qt.Orientation.Vertical)
        self.dock.hide()
        self.dock.toggleViewAction().toggled.connect(self._toggled)
        self._share = False
        self._range: DateRange | None = None
        self._bars: Selection = None  # the bars picked, until the counts change
        pane, counting = self.pane, self.counting
        pane.fieldChanged.connect(self._field_chosen)
        pane.periodChanged.connect(counting.set_period)
        pane.shareToggled.connect(self._share_toggled)
        pane.queryAdded.connect(self.add_query)
        pane.queryRemoved.connect(self.remove_query)
        pane.rangeRemoved.connect(self.clear_range)
        pane.exportRequested.connect(self.export)
        pane.folders_menu.aboutToShow.connect(self._fill_folders)
        self.chart.rangePicked.connect(self.pick_bars)
        self.chart.undatedPicked.connect(self.pick_undated)
        self.chart.cleared.connect(self.clear_range)
        self.chart.hovered.connect(self._hovered)
        counting.counted.connect(self._draw)
        counting.note.connect(pane.show_note)

    # --- shown or not ------------------------------------------------------------------------

    def set_shown(self, on: bool) -> None:
        """Show the timeline or close it."""
        self.dock.setVisible(on)
        if on:
            self.dock.raise_()

    def is_shown(self) -> bool:
        """True while the dock is shown."""
        return self.dock.isVisible()

    def _toggled(self, on: bool) -> None:
        self.shownChanged.emit(on)
        self.counting.set_active(on)
        if not on:
            self.clear_range()  # a range no one sees would hide articles without a word

    # --- the reader's choices ----------------------------------------------------------------

    def _field_chosen(self, field: str) -> None:
        self.clear_range()  # a range of one date says nothing of the other
        self.counting.set_field(field)

    def _share_toggled(self, on: bool) -> None:
        self._share = on
        self._draw()

    def add_query(self, text: str) -> None:
        """Compare a search as a series of its own."""
        if not self.counting.add_query(text):
            self.message.emit(f"At most {MAX_QUERIES} searches are compared at once", 5000)
            return
        self.pane.compare_edit.clear()
        self.pane.set_queries(self.counting.queries)

    def add_folder(self, folder: SmartFolder) -> None:
        """Compare a smart folder: its search, section and filter, under its name."""
        series = Series(folder.name, folder.query, folder.section, folder.filter)
        if not self.counting.add_series(series):
            self.message.emit(f"At most {MAX_QUERIES} searches are compared at once", 5000)
            return
        self.pane.set_queries(self.counting.queries)

    def _fill_folders(self) -> None:
        menu = self.pane.folders_menu
        menu.clear()
        folders = self._folders()
        for folder in folders:
            action = menu.addAction(folder.name.replace("&", "&&"))  # a lone & is a shortcut
            action.triggered.connect(lambda _c=False, f=folder: self.add_folder(f))
        if not folders:
            empty = menu.addAction("No smart folders (Edit ▸ Save Search as Smart Folder)")
            empty.setEnabled(False)

    def remove_query(self, text: str) -> None:
        """Compare a search no more."""
        self.counting.remove_query(text)
        self.pane.set_queries(self.counting.queries)

    # --- the range ---------------------------------------------------------------------------

    def pick_bars(self, first: int, last: int) -> None:
        """Narrow the list to the periods of bars ``first`` to ``last``."""
        counts = self.counting.counts()
        if not len(counts):
            return
        first, last = sorted((first, last))
        dates = self.counting.range_of(first, last)
        field = "Published" if dates.field == "published" else "Updated"
        self._set_range(dates, (first, last), f"{field}: {range_label(counts, first, last)}")

    def pick_undated(self) -> None:
        """Narrow the list to the articles with no date (of the field counted)."""
        dates = DateRange(self.counting.field, undated=True)
        self._set_range(dates, (-1, -1), f"No {self.counting.field} date")

    def clear_range(self) -> None:
        """Show every date again."""
        if self._range is None and self._bars is None:
            return
        self._set_range(None, None, None)

    def date_range(self) -> DateRange | None:
        """The range the list is narrowed to."""
        return self._range

    def _set_range(self, dates: DateRange | None, bars: Selection, text: str | None) -> None:
        self._range, self._bars = dates, bars
        self.chart.set_selection(bars)
        self.pane.set_range_text(text)
        due = self.counting.waiting()
        self._shown.set_dates(dates)
        self.counting.after_own_change(due)
        self.refiltered.emit()

    # --- drawing -----------------------------------------------------------------------------

    def _draw(self) -> None:
        result = self.model.result
        if self._range is not None and not self._range.undated:
            self._bars = bars_in(result.counts, self._range.low, self._range.high)
        self.chart.show_counts(result.counts, result.names, self._share, self._bars)

    def _hovered(self, bar: int) -> None:
        model = self.model
        rows = model.rowCount()
        if bar == -2 or not rows:
            self.pane.show_hover("")
            return
        row = rows - 1 if bar == -1 else bar
        total = model.value(row, 1)
        noun = "article" if total == 1 else "articles"
        parts = [f"{model.value(row, 0)}: {total:,} {noun}"]
        for number, name in enumerate(model.result.names):
            matched, share = model.value(row, 2 + 2 * number), model.value(row, 3 + 2 * number)
            parts.append(f"{name}: {matched:,} ({share:.1f} %)")
        self.pane.show_hover(" · ".join(parts))

    # --- export ------------------------------------------------------------------------------

    def export(self, kind: str) -> None:
        """Ask where, then save the counts (CSV) or the chart (PNG, SVG)."""
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        path, _chosen = QFileDialog.getSaveFileName(
            self._window,
            "Export Timeline",
            os.path.join(documents, f"timeline.{kind}"),
            _FILTERS.get(kind, _FILTERS["csv"]),
        )
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> bool:
        """Save to ``path`` (a temporary name first: a failure leaves no half file)."""
        temporary = path.with_name(path.name + ".part")
        try:
            if kind == "csv":
                result = self.model.result
                with open(temporary, "w", encoding="utf-8", newline="") as out:
                    csv.writer(out).writerows(csv_rows(result.counts, result.names))
            elif not self._paint(temporary, kind):
                raise OSError(f"the {kind.upper()} file could not be written")
            os.replace(temporary, path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            self.message.emit(f"Could not export: {exc.strerror or exc}", 8000)
            return False
        self.message.emit(f"Exported the timeline to {display_path(str(path))}", 5000)
        return True

    def _paint(self, path: Path, kind: str) -> bool:
        """Draw the chart into a PNG or an SVG file."""
        chart = self.chart
        if kind == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(chart.size())
            generator.setViewBox(QRect(0, 0, chart.width(), chart.height()))
            generator.setTitle("Timeline")
            painter = QPainter(generator)
            chart.render_to(painter)
            return painter.end()
        return chart.grab().save(str(path), "PNG")

    def shut_down(self) -> None:
        """Stop counting, and take the chart's items down while Qt still holds them (left to
        the collector, pyqtgraph's items outlived their scene and crashed it)."""
        self.counting.stop()
        self.chart.shut_down()
