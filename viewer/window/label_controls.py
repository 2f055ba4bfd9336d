"""Labelling from the keyboard: the label keys, undo, advancing, the Labels column and the chips
over the reading pane."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from viewer.core.article import Article
from viewer.core.labels import KEYS
from viewer.core.state.store import ReadingState
from viewer.library.article_labels import ArticleLabels
from viewer.library.article_model import COL_LABELS
from viewer.library.shown_articles import ShownArticles
from viewer.ui.article_list import ArticleListView
from viewer.ui.label_strip import LabelStrip
from viewer.window.label_review import LabelReview
from viewer.window.navigation import Navigation

ADVANCE: Final = "labels/advance"  # move to the next article after a label key


class LabelControls(QObject):
    """The label keys (``1``–``9``, ``0``) on the selected articles, and what shows them."""

    message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        window: QMainWindow,
        state: ReadingState,
        navigation: Navigation,
        shown: ShownArticles,
        list_view: ArticleListView,
        strip: LabelStrip,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.labels = ArticleLabels(state, self)
        self.navigation = navigation
        self.shown = shown
        self.list_view = list_view
        self.strip = strip
        self.settings = settings
        self._article: Article | None = None
        self._key_actions: list[QAction] = []
        self._menu: QMenu | None = None
        shown.set_label_source(self.labels)
        shown.model.contentKeyChanged.connect(self.labels.carry_over)
        self.labels.changed.connect(self._labels_changed)
        self.labels.defsChanged.connect(self._defs_changed)
        self.advance = QAction("&Advance After Labelling", window)
        self.advance.setCheckable(True)
        self.advance.setChecked(settings.value(ADVANCE, False) in (True, "true"))
        self.advance.toggled.connect(lambda on: settings.setValue(ADVANCE, on))
        self.undo = QAction("&Undo Label Change", window)
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo.triggered.connect(self.undo_last)
        window.addAction(self.undo)
        self.edit = QAction("&Edit Labels…", window)
        self.edit.triggered.connect(self.edit_labels)
        self.export = QAction("Export La&bels…", window)
        self.export.setToolTip("The labelled articles of the list, as JSON Lines")
        self.export.triggered.connect(self.export_labels)
        for key in KEYS:  # the keys work whether or not a label has them yet (first use)
            action = QAction(window)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, k=key: self.key_pressed(k))
            window.addAction(action)
            self._key_actions.append(action)
        self.review = LabelReview(window, self.labels, navigation, shown, strip)
        self.review.message.connect(self.message)
        self._show_column()

    def fill_menu(self, menu: QMenu) -> None:
        """The Labels menu: a label an entry (with its key), undo, advancing, editing."""
        self._menu = menu
        menu.aboutToShow.connect(self._refill)
        self._refill()

    def _refill(self) -> None:
        menu = self._menu
        if menu is None:
            return
        menu.clear()
        for label in self.labels.defs():
            text = label.name.replace("&", "&&")
            entry = menu.addAction(f"{text}\t{label.key}" if label.key else text)
            entry.triggered.connect(lambda _checked=False, n=label.name: self.toggle(n))
        if not self.labels.defs():
            empty = menu.addAction("No labels yet: press 1 to start with a starter set")
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.undo)
        menu.addAction(self.advance)
        menu.addAction(self.edit)
        menu.addAction(self.review.importing)
        menu.addAction(self.review.open)

    # --- labelling -------------------------------------------------------------------------------

    def key_pressed(self, key: str) -> None:
        """A label key: its label on the selected articles (a starter set on first use)."""
        if self.labels.offer_starter():
            names = ", ".join(f"{d.key} {d.name}" for d in self.labels.defs())
            self.message.emit(
                f"Labels set up: {names}. Edit ▸ Labels ▸ Edit Labels… changes them.", 10000
            )
        label = self.labels.by_key(key)
        if label is None:
            self.message.emit(f"No label has the key {key}: Edit ▸ Labels ▸ Edit Labels…", 5000)
            return
        self.toggle(label.name)

    def toggle(self, name: str) -> None:
        """Put the label on the selected articles, or take it off when they all have it."""
        articles = self.navigation.selected_articles()
        keys = [a.content_key for a in articles if a.content_key]
        if not keys:
            why = "Choose an article first." if not articles else "It could not be read."
            self.message.emit(f"Nothing to label: {why}", 4000)
            return
        changed = self.labels.toggle(keys, name)
        on = changed and name in self.labels.of(changed[0])
        count = len(articles)
        noun = "article" if count == 1 else f"{count:,} articles"
        verb = "Labelled" if on else "Took the label off"
        self.message.emit(f"{verb} {noun}: {name}", 3000)
        if self.advance.isChecked():
            self.navigation.next_article()

    def undo_last(self) -> None:
        """Ctrl+Z: take back the last label change."""
        if not self.labels.undo():
            self.message.emit("No label change to undo.", 3000)
        else:
            self.message.emit("Label change undone.", 3000)

    def export_labels(self) -> None:
        """The labelled articles the list shows, as JSON Lines (path, sha256, title,
        published, labels), as the command line's ``labels export`` writes them."""
        import os

        from PySide6.QtWidgets import QFileDialog

        from viewer.core.label_io import export_record, file_sha256, jsonl_line

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export Labels",
            os.path.join(os.path.expanduser("~"), "labels.jsonl"),
            "JSON Lines (*.jsonl)",
        )
        if not path:
            return
        articles, _total = self.shown.for_export()
        count = 0
        try:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as out:
                for article in articles:
                    names = self.labels.of(article.content_key)
                    if not names:
                        continue
                    published = article.published.isoformat() if article.published else None
                    sha = file_sha256(article.path)
                    out.write(
                        jsonl_line(
                            export_record(article.path, sha, article.title, published, names)
                        )
                    )
                    count += 1
        except OSError as exc:
            self.message.emit(f"Could not write {path}: {exc.strerror or exc}", 10000)
            return
        self.message.emit(f"Exported the labels of {count:,} articles to {path}.", 6000)

    def edit_labels(self) -> None:
        """Edit the label set in a dialog."""
        from viewer.ui.label_set_dialog import LabelSetDialog

        dialog = LabelSetDialog(self.labels.defs(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.labels.set_defs(dialog.labels(), dialog.renamed()))
        dialog.open()

    # --- showing -----------------------------------------------------------------------------

    def article_shown(self, article: Article) -> None:
        """The article on show: its chips over the pane."""
        self._article = article
        self._show_strip()
        self.review.article_shown(article)

    def _labels_changed(self, keys: list[str]) -> None:
        self.shown.labels_changed(keys)
        self._show_column()
        if self._article is not None and self._article.content_key in keys:
            self._show_strip()

    def _defs_changed(self) -> None:
        self.shown.labels_changed([])
        self.shown.model.labels_changed(list(self.labels.mapping()))
        self._show_strip()

    def _show_strip(self) -> None:
        key = self._article.content_key if self._article is not None else None
        self.strip.show_labels(self.labels.of(key), self.labels.colour)

    def _show_column(self) -> None:
        if self.labels.mapping():
            self.list_view.horizontalHeader().setSectionHidden(COL_LABELS, False)
