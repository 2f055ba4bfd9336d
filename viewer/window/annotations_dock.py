"""View ▸ Annotations: every highlight and note of the library, filterable, opened at its
passage, edited, deleted and exported."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.core.annotations import Annotation, from_w3c, markdown_notes, source_of, to_w3c
from viewer.library.annotation_model import DATE, ID_ROLE, SORT_ROLE, AnnotationModel
from viewer.window.annotation_controls import AnnotationControls

OPEN_WAIT_MS = 50  # between looks for the article asked for, until it is on show


class AnnotationsDock(QObject):
    """The dock, made on first use, and going from a row to its passage."""

    openRequested = Signal(str)  # the path of an article to show
    message = Signal(str, int)
    shownChanged = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        controls: AnnotationControls,
        labels_of: Callable[[str | None], tuple[str, ...]],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controls = controls
        self.model = AnnotationModel(controls.store, labels_of, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SORT_ROLE)
        self.dock: QDockWidget | None = None
        self.table: QTableView | None = None
        self.filter: QLineEdit | None = None
        self._going: Annotation | None = None
        self._tries = 0
        self._wait = QTimer(self)
        self._wait.setInterval(OPEN_WAIT_MS)
        self._wait.timeout.connect(self._select_passage)
        controls.orphansFound.connect(self._orphans)

    def set_shown(self, on: bool) -> None:
        """Show or hide the view."""
        if on and self.dock is None:
            self._make()
        if self.dock is not None:
            self.dock.setVisible(on)
            if on and self.table is not None:
                self.dock.raise_()
                self.table.setFocus()

    def _make(self) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter passages, notes and articles")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        table = self.table = QTableView()
        table.setObjectName("annotationsView")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)  # the newest first
        table.setWordWrap(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.activated.connect(lambda index: self.open_row(index.row()))
        table.installEventFilter(self)
        buttons = QHBoxLayout()
        for text, slot in (
            ("&Import…", self.import_jsonld),
            ("Export as W3C &JSON-LD…", self.export_jsonld),
            ("Export as &Markdown…", self.export_markdown),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.filter)
        layout.addWidget(table, 1)
        layout.addLayout(buttons)
        dock = self.dock = QDockWidget("Annotations", self.window)
        dock.setObjectName("annotationsDock")
        dock.setWidget(box)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.visibilityChanged.connect(self.shownChanged)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete deletes the annotation chosen; the window's Delete removes an article."""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if (
                event.type() == QEvent.Type.KeyPress
                and self.table.state() != self.table.State.EditingState
            ):
                self.delete_current()
                return True
        return super().eventFilter(watched, event)

    def current(self) -> Annotation | None:
        """The annotation of the row with the focus."""
        if self.table is None:
            return None
        identity = self.table.currentIndex().data(ID_ROLE)
        return self.controls.store.get(identity) if isinstance(identity, str) else None

    def delete_current(self) -> None:
        """Delete the annotation chosen."""
        annotation = self.current()
        if annotation is not None:
            self.controls.store.remove(annotation.id)
            self.message.emit("Deleted the highlight.", 3000)

    def open_row(self, row: int) -> None:
        """Show the row's article, at its passage, selected."""
        identity = self.proxy.index(row, 0).data(ID_ROLE)
        annotation = self.controls.store.get(identity) if isinstance(identity, str) else None
        if annotation is None:
            return
        self._going, self._tries = annotation, 0
        self.openRequested.emit(annotation.path)
        self._wait.start()

    def _select_passage(self) -> None:
        going = self._going
        self._tries += 1
        if going is None or self._tries > 200:
            self._wait.stop()
            return
        article = self.controls.pane.article()
        if article is None or article.content_key != going.key or self.controls.pane.typesetting():
            return
        self._wait.stop()
        self._going = None
        if not self.controls.select(going):
            self.message.emit("Its passage is no longer in the article: it changed.", 6000)

    def _orphans(self, identities: list[str]) -> None:
        self.model.orphaned.update(identities)

    # --- exports ---------------------------------------------------------------------------------

    def export_jsonld(self) -> None:
        """Every annotation as a W3C Web Annotation collection (JSON-LD)."""
        items = [to_w3c(a, source_of(a.path)) for a in self.controls.store.all()]
        collection = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "total": len(items),
            "items": items,
        }
        self._write(
            "annotations.jsonld",
            "JSON-LD (*.jsonld *.json)",
            json.dumps(collection, ensure_ascii=False, indent=2),
        )

    def import_jsonld(self) -> None:
        """Read W3C Web Annotations (a collection, a list of them, or one) into the library's."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import Annotations", os.path.expanduser("~"), "JSON-LD (*.jsonld *.json)"
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> int:
        """Import the annotations of a JSON-LD file; how many were taken in."""
        try:
            with open(path, encoding="utf-8", errors="replace") as source:
                data = json.load(source)
        except (OSError, ValueError, RecursionError) as exc:
            self.message.emit(f"Could not read {path}: {exc}", 10000)
            return 0
        items = data.get("items", []) if isinstance(data, dict) and "items" in data else data
        items = items if isinstance(items, list) else [items]
        found = [a for item in items if isinstance(item, dict) and (a := from_w3c(item))]
        self.controls.store.keep_all(found)
        skipped = len(items) - len(found)
        extra = f"; {skipped:,} entries were not annotations of this viewer" if skipped else ""
        self.message.emit(f"Imported {len(found):,} annotations{extra}.", 8000)
        return len(found)

    def export_markdown(self) -> None:
        """Every highlight and note as Markdown, grouped by article."""
        self._write("notes.md", "Markdown (*.md)", markdown_notes(self.controls.store.all()))

    def _write(self, name: str, kinds: str, text: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export Annotations", os.path.join(os.path.expanduser("~"), name), kinds
        )
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as out:
                out.write(text)
        except OSError as exc:
            self.message.emit(f"Could not write {path}: {exc.strerror or exc}", 10000)
            return
        self.message.emit(f"Wrote the annotations to {path}.", 6000)
