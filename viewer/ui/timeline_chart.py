"""The timeline's chart: bars of articles per period (pyqtgraph), a drag or a click picks a range.

Bar ``i`` stands at x = ``i``; the "no date" bar stands apart, two places after the last one.
The pointer's presses, moves and releases are taken here, before pyqtgraph would pan or zoom
with them: a drag across bars picks them, a click picks one, a click beside them clears.
"""

from __future__ import annotations

import html
from typing import Final

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QWidget

from viewer.core.timeline_counts import Counts, short_label

# Colours told apart by those who see colour differently (Okabe and Ito), a series each.
SERIES_COLOURS: Final = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9")
_DARK_SERIES: Final = ("#56b4e9", "#e69f00", "#2fc29b", "#e08dc0", "#f07c3a", "#9fd3f2")
_BAR_WIDTH: Final = 0.84
_LEGEND_ROOM: Final = 1.35  # the height above the tallest bar, with a legend to show there
_DRAG_PIXELS: Final = 4  # a press that moves less than this is a click
_LABEL_EMS: Final = 9  # the room a period's label takes on the axis, in widths of an "M"

Selection = tuple[int, int] | None  # first and last bar picked (-1, -1: the "no date" bar)


class TimelineChart(pg.PlotWidget):
    """Bars per period: every article, and each series over them (or each series' share)."""

    rangePicked = Signal(int, int)  # first and last bar, dragged across or clicked
    undatedPicked = Signal()  # the "no date" bar was clicked
    cleared = Signal()  # a click beside the bars, or Escape
    hovered = Signal(int)  # the bar under the pointer (-1: the "no date" bar; -2: none)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._built = False  # pyqtgraph changes the palette while it builds the widget
        super().__init__(parent, background=None)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(120)
        self.viewport().setMouseTracking(True)
        plot = self.getPlotItem()
        plot.showGrid(x=False, y=True, alpha=0.25)
        self._counts: Counts | None = None
        self._names: tuple[str, ...] = ()
        self._share = False
        self._selection: Selection = None
        self._anchor: float | None = None  # where a press began, in bars
        self._press: QPoint | None = None
        self._dragging = False
        self._items: list[pg.GraphicsObject] = []
        self._legend: pg.LegendItem | None = None
        self._region = pg.LinearRegionItem(movable=False)
        self._region.setZValue(-10)
        self._region.hide()
        plot.addItem(self._region, ignoreBounds=True)
        self._built = True
        self._colour()

    # --- drawing -------------------------------------------------------------------------------

    def show_counts(
        self, counts: Counts, names: tuple[str, ...], share: bool, selection: Selection
    ) -> None:
        """Draw ``counts`` (``share``: each series as a percentage of its period's articles)."""
        self._counts, self._names, self._share = counts, names, share and bool(names)
        self._selection = selection
        self._draw()

    def bar_count(self) -> int:
        """The period bars drawn (the "no date" bar aside)."""
        return 0 if self._counts is None else len(self._counts)

    def undated_x(self) -> int:
        """Where the "no date" bar stands."""
        return self.bar_count() + 1

    def _draw(self) -> None:
        if not self._built:
            return  # taken down (see shut_down): nothing to draw on
        plot = self.getPlotItem()
        for item in self._items:
            plot.removeItem(item)
        self._items = []
        if self._legend is not None:
            scene = self._legend.scene()
            if scene is not None:
                scene.removeItem(self._legend)
            self._legend = None
        counts = self._counts
        if counts is None:
            return
        bars = len(counts)
        xs = np.append(np.arange(bars, dtype=np.float64), self.undated_x())
        totals = np.append(counts.totals, counts.undated).astype(np.float64)
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        colours = _DARK_SERIES if dark else SERIES_COLOURS
        series = len(self._names)
        if series:
            # In a row along the top, over a backing of the chart's own colour, above the bars
            # (the range below leaves it room).
            backing = QColor(palette.color(QPalette.ColorRole.Base))
            backing.setAlpha(225)
            self._legend = pg.LegendItem(
                offset=(8, 2),
                labelTextColor=self._text,
                colCount=series + (0 if self._share else 1),
                brush=backing,
                pen=pg.mkPen(palette.color(QPalette.ColorRole.Mid)),
                verSpacing=-6,
            )
            self._legend.setParentItem(plot.getViewBox())
        if not self._share:
            # Every article of the period: the pale bar behind (or the only bar, unfiltered).
            behind = self._total_colour if series else QColor(colours[0])
            item = pg.BarGraphItem(
                x=xs, height=totals, width=_BAR_WIDTH, brush=behind, pen=pg.mkPen(None)
            )
            self._add(item)
            if self._legend is not None:
                self._legend.addItem(item, "All articles")
        width = _BAR_WIDTH / max(series, 1)
        tallest = float(max(totals.max(initial=0), 1))
        if self._share:
            tallest = 1.0
        for number, name in enumerate(self._names):
            values = np.append(counts.series[number], counts.series_undated[number])
            values = values.astype(np.float64)
            if self._share:
                values = np.where(totals > 0, values * 100.0 / np.maximum(totals, 1), 0.0)
            tallest = max(tallest, float(values.max(initial=0)) if self._share else tallest)
            offset = -_BAR_WIDTH / 2 + width * (number + 0.5)
            item = pg.BarGraphItem(
                x=xs + offset,
                height=values,
                width=width * 0.92,
                brush=QColor(colours[number % len(colours)]),
                pen=pg.mkPen(None),
            )
            self._add(item)
            assert self._legend is not None
            self._legend.addItem(item, html.escape(name))  # a query is text, never markup
        self._ticks(counts)
        plot.setLabel("left", "% of the period" if self._share else "articles")
        plot.setYRange(0, tallest * (_LEGEND_ROOM if series else 1.08), padding=0)
        plot.setXRange(-0.6, self.undated_x() + 0.6, padding=0)
        self._show_selection()

    def _add(self, item: pg.GraphicsObject) -> None:
        self.getPlotItem().addItem(item)
        self._items.append(item)

    def _ticks(self, counts: Counts) -> None:
        bars = len(counts)
        room = self.fontMetrics().horizontalAdvance("M") * _LABEL_EMS
        fits = max(2, self.width() // max(room, 1) - 1)  # the "no date" label takes one
        step = max(1, int(np.ceil(bars / fits)))
        major = [(i, short_label(counts.first + i, counts.period)) for i in range(0, bars, step)]
        major.append((self.undated_x(), "no date"))
        axis = self.getPlotItem().getAxis("bottom")
        axis.setTicks([major, []])

    def _show_selection(self) -> None:
        chosen = self._selection
        if chosen is None:
            self._region.hide()
            return
        first, last = sorted(chosen)
        if first < 0:
            first = last = self.undated_x()
        self._region.setRegion((first - 0.5, last + 0.5))
        self._region.show()

    def selection(self) -> Selection:
        """The bars marked as the range (None: none)."""
        return self._selection

    def set_selection(self, selection: Selection) -> None:
        """Mark bars ``selection`` as the range the list shows (None: no range)."""
        self._selection = selection
        self._show_selection()

    # --- the theme -----------------------------------------------------------------------------

    def _colour(self) -> None:
        """Take the window's palette: background, text, grid and the pale "all" bars."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        self._text = palette.color(QPalette.ColorRole.Text)
        self._total_colour = QColor(palette.color(QPalette.ColorRole.Mid))
        self.setBackground(base)
        plot = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(self._text))
            axis.setTextPen(pg.mkPen(self._text))
            axis.setStyle(tickFont=self.font())
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(70)
        self._region.setBrush(highlight)
        for line in self._region.lines:
            line.setPen(pg.mkPen(palette.color(QPalette.ColorRole.Highlight)))

    def changeEvent(self, event: QEvent) -> None:
        """Follow the theme and the font."""
        super().changeEvent(event)
        if self._built and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._colour()
            self._draw()

    # --- the pointer and keys ------------------------------------------------------------------

    def _bar_at(self, position: QPoint) -> float:
        return float(self.getPlotItem().getViewBox().mapSceneToView(self.mapToScene(position)).x())

    def _bar_index(self, x: float) -> int:
        """The bar at ``x``: a period bar, -1 for the "no date" bar, -2 for none."""
        bar = round(x)
        if abs(x - bar) > 0.5:
            return -2
        if 0 <= bar < self.bar_count():
            return bar
        return -1 if bar == self.undated_x() else -2

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A left press starts a drag or a click."""
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press = event.position().toPoint()
        self._anchor = self._bar_at(self._press)
        self._dragging = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Dragging marks the bars crossed; otherwise the bar under the pointer is told."""
        position = event.position().toPoint()
        x = self._bar_at(position)
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self.hovered.emit(self._bar_index(x))
            return
        if not self._dragging and (position - self._press).manhattanLength() < _DRAG_PIXELS:
            return
        self._dragging = True
        self._selection = self._dragged(x)
        self._show_selection()
        self.hovered.emit(self._bar_index(x))

    def _dragged(self, x: float) -> Selection:
        assert self._anchor is not None
        last = self.bar_count() - 1
        if last < 0:
            return None
        ends = sorted(int(min(max(round(v), 0), last)) for v in (self._anchor, x))
        return ends[0], ends[1]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """The end of a drag picks its bars; a click picks a bar, or clears beside them."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        x = self._bar_at(event.position().toPoint())
        dragged, self._press, self._dragging = self._dragging, None, False
        if dragged:
            chosen = self._dragged(x)
            if chosen is not None:
                self.rangePicked.emit(*chosen)
            return
        bar = self._bar_index(x)
        if bar >= 0:
            self.rangePicked.emit(bar, bar)
        elif bar == -1:
            self.undatedPicked.emit()
        else:
            self.cleared.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """As many period labels as the width has room for."""
        super().resizeEvent(event)
        if self._built and self._counts is not None:
            self._ticks(self._counts)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double click is two clicks, nothing more (pyqtgraph would reset the view)."""

    def wheelEvent(self, event: object) -> None:
        """The wheel scrolls the window, not the chart's scale."""

    def leaveEvent(self, event: QEvent) -> None:
        """The pointer left: nothing is under it."""
        super().leaveEvent(event)
        self.hovered.emit(-2)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape clears the range."""
        if event.key() == Qt.Key.Key_Escape:
            self.cleared.emit()
            return
        super().keyPressEvent(event)

    def shut_down(self) -> None:
        """Take every item off the scene, and let go of them, before the widget goes."""
        plot = self.getPlotItem()
        for item in self._items:
            plot.removeItem(item)
        self._items = []
        if self._legend is not None and self._legend.scene() is not None:
            self._legend.scene().removeItem(self._legend)
        self._legend = None
        self._counts = None
        self._built = False  # a palette change from now on finds nothing to colour
        self.close()

    # --- export --------------------------------------------------------------------------------

    def render_to(self, painter: QPainter) -> None:
        """Paint the chart as shown, legend and axes included (for PNG and SVG)."""
        QWidget.render(self, painter, QPoint())  # pyqtgraph's render takes other arguments
