"""Reviewing an imported label set: its agreement with the reader's labels, accepting or
rejecting its suggestions one article at a time or all at once, and its disagreements."""

from __future__ import annotations

import csv
import os

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow

from viewer.core.agreement import disagreements
from viewer.core.article import Article
from viewer.core.article_export import inert_cell
from viewer.library.article_labels import ArticleLabels
from viewer.library.shown_articles import ShownArticles
from viewer.ui.label_strip import LabelStrip
from viewer.window.navigation import Navigation


class LabelReview(QObject):
    """The set under review, and what the reader does with its suggestions."""

    message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        window: QMainWindow,
        labels: ArticleLabels,
        navigation: Navigation,
        shown: ShownArticles,
        strip: LabelStrip,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.labels = labels
        self.navigation = navigation
        self.shown = shown
        self.strip = strip
        self.reviewing: str | None = None  # the set whose suggestions show over the pane
        self._article: Article | None = None
        self.open = QAction("&Review Imported Labels…", window)
        self.open.triggered.connect(self.open_dialog)
        self.importing = QAction("&Import Labels…", window)
        self.importing.setToolTip('JSON Lines of {"path" or "sha256", "labels"}')
        self.importing.triggered.connect(self.import_dialog)
        self.accept_key = self._key("A", self.accept_current)
        self.reject_key = self._key("X", self.reject_current)
        strip.acceptRequested.connect(self.accept_current)
        strip.rejectRequested.connect(self.reject_current)

    def _key(self, key: str, slot: object) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(key))
        action.setEnabled(False)  # only while a set is under review
        assert callable(slot)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def open_dialog(self) -> None:
        """The review dialog: the sets, their agreement, and what to do."""
        from viewer.ui.review_dialog import ReviewDialog

        dialog = ReviewDialog(self.labels.review_sets(), self.labels.mapping(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reviewRequested.connect(self.review)
        dialog.acceptRequested.connect(self.accept_all)
        dialog.disagreementsRequested.connect(self.export_disagreements)
        dialog.dropRequested.connect(self.drop)
        for done in (dialog.reviewRequested, dialog.acceptRequested, dialog.dropRequested):
            done.connect(dialog.accept)
        dialog.open()

    def import_dialog(self) -> None:
        """Choose a JSON Lines file, then whether it goes into your labels or a named set."""
        from PySide6.QtWidgets import QInputDialog

        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import Labels", os.path.expanduser("~"), "JSON Lines (*.jsonl *.json)"
        )
        if not path:
            return
        name, ok = QInputDialog.getText(
            self.window,
            "Import Labels",
            "Keep them as a set of this name, to review (leave empty to add them to yours):",
        )
        if ok:
            self.import_file(path, name.strip() or None)

    def import_file(self, path: str, set_name: str | None) -> int:
        """Import a JSON Lines file of labels; how many articles it labelled."""
        from viewer.core.label_io import Labelling, Unused, file_sha256, read_labellings
        from viewer.core.parser import content_key

        try:
            with open(path, encoding="utf-8", errors="replace") as source:
                items = list(read_labellings(source))
        except OSError as exc:
            self.message.emit(f"Could not read {path}: {exc.strerror or exc}", 10000)
            return 0
        by_sha: dict[str, str] = {}
        if any(isinstance(i, Labelling) and i.path is None for i in items):
            articles, _total = self.shown.for_export()
            for article in articles:
                sha = file_sha256(article.path) if article.content_key else None
                if sha is not None and article.content_key:
                    by_sha[sha] = article.content_key
        given: dict[str, set[str]] = {}
        unused = [i for i in items if isinstance(i, Unused)]
        for item in items:
            if not isinstance(item, Labelling):
                continue
            key = by_sha.get(item.sha256 or "")
            if item.path is not None:
                try:
                    with open(item.path, "rb") as file:
                        key = content_key(file.read(1024))
                except OSError:
                    key = None
            if key is None:
                unused.append(Unused(item.line, "no such article"))
                continue
            given.setdefault(key, set()).update(item.labels)
        self.labels.add_labels(given, set_name)
        where = f"the set “{set_name}”" if set_name else "your labels"
        skipped = ""
        if unused:
            first = min(unused, key=lambda u: u.line)
            skipped = (
                f"; {len(unused):,} lines could not be used "
                f"(the first, line {first.line}: {first.why})"
            )
        self.message.emit(f"Imported {len(given):,} articles into {where}{skipped}.", 10000)
        return len(given)

    # --- one article at a time -------------------------------------------------------------------

    def review(self, name: str | None) -> None:
        """Show the set's suggestions over each article from now on (None: stop)."""
        self.reviewing = name
        for action in (self.accept_key, self.reject_key):
            action.setEnabled(name is not None)
        self._show()
        if name is not None:
            self.message.emit(
                f"Reviewing “{name}”: A takes its labels for the article, X dismisses them.", 8000
            )

    def article_shown(self, article: Article) -> None:
        """The article on show: its suggestion, if a set is under review."""
        self._article = article
        self._show()

    def accept_current(self) -> None:
        """A: the set's labels become the article's."""
        key = self._key_shown()
        if self.reviewing is None or key is None:
            return
        self.labels.accept(self.reviewing, [key])
        self.labels.dismiss(self.reviewing, [key])
        self._show()
        self.message.emit("Accepted the set's labels.", 3000)

    def reject_current(self) -> None:
        """X: the set's labels for the article are dismissed; the reader's stay."""
        key = self._key_shown()
        if self.reviewing is None or key is None:
            return
        self.labels.dismiss(self.reviewing, [key])
        self._show()
        self.message.emit("Dismissed the set's labels.", 3000)

    def _key_shown(self) -> str | None:
        return self._article.content_key if self._article is not None else None

    def _show(self) -> None:
        key = self._key_shown()
        names: tuple[str, ...] = ()
        if self.reviewing is not None and key is not None:
            names = self.labels.review_sets().get(self.reviewing, {}).get(key, ())
        self.strip.show_suggestion(self.reviewing, names)

    # --- the whole set ---------------------------------------------------------------------------

    def accept_all(self, name: str, only_unlabelled: bool) -> None:
        """Take the set's labels for all its articles (or those the reader has not labelled)."""
        suggested = self.labels.review_sets().get(name, {})
        keys = [k for k in suggested if not (only_unlabelled and self.labels.of(k))]
        changed = self.labels.accept(name, keys)
        self.labels.dismiss(name, keys)
        self.message.emit(f"Took the labels of {changed:,} articles from “{name}”.", 6000)

    def drop(self, name: str) -> None:
        """Forget the set (the reader's labels stay)."""
        self.labels.drop_set(name)
        if self.reviewing == name:
            self.review(None)
        self.message.emit(f"Deleted the label set “{name}”.", 5000)

    def export_disagreements(self, name: str) -> None:
        """The articles the set and the reader label differently, as CSV."""
        theirs = self.labels.review_sets().get(name, {})
        keys = set(disagreements(self.labels.mapping(), theirs))
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export Disagreements",
            os.path.join(os.path.expanduser("~"), "disagreements.csv"),
            "CSV (*.csv)",
        )
        if not path:
            return
        articles, _total = self.shown.for_export()
        try:
            with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["path", "title", "yours", name])
                for article in articles:
                    key = article.content_key
                    if key in keys:
                        writer.writerow(
                            [
                                inert_cell(article.path),
                                inert_cell(article.title),
                                inert_cell("; ".join(self.labels.of(key))),
                                inert_cell("; ".join(theirs[key or ""])),
                            ]
                        )
        except OSError as exc:
            self.message.emit(f"Could not write {path}: {exc.strerror or exc}", 10000)
            return
        self.message.emit(f"Wrote the disagreements to {path}.", 6000)
