"""Highlights and notes in the reading pane: H highlights the selection, N puts a note on it,
the passages are marked in the article and a note shows on hover."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QInputDialog, QMainWindow, QTextEdit, QToolTip

from viewer.core.annotations import COLOURS, Annotation, anchor, edited, made
from viewer.core.article import Article
from viewer.core.state.store import ReadingState
from viewer.library.article_annotations import ArticleAnnotations
from viewer.library.article_model import ArticleTableModel
from viewer.library.plain_text import plain_tooltip
from viewer.ui.reading_pane import ReadingPane

KEYS: Final = {Qt.Key.Key_H: "highlight", Qt.Key.Key_N: "note"}
_INK: Final = QColor("#000000")  # on the light shades, in every theme


class AnnotationControls(QObject):
    """The annotations of the article on show, placed in its text, and the keys that make them."""

    message = Signal(str, int)  # text, milliseconds
    orphansFound = Signal(object)  # list[str]: ids of annotations whose quote is gone

    def __init__(
        self,
        window: QMainWindow,
        state: ReadingState,
        pane: ReadingPane,
        model: ArticleTableModel,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = ArticleAnnotations(state, self)
        self.pane = pane
        self.colour = "yellow"
        self._placed: list[tuple[Annotation, int, int]] = []
        self.orphans: list[Annotation] = []  # of the article on show: their quotes are gone
        self._told: str | None = None  # the article whose orphans were told of
        # Injectable, so tests type a note without a dialog: the quote → the note (None: none).
        self.ask_note: Callable[[str, str], str | None] = self._ask_note
        model.contentKeyChanged.connect(self.store.rekey)
        self.store.changed.connect(self._changed)
        pane.set_extra_marks(self._marks)
        pane.installEventFilter(self)
        pane.viewport().installEventFilter(self)

    # --- making them ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """H and N with text selected in the pane; a note on hover."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and event.key() in KEYS and self.pane.textCursor().hasSelection():
                event.accept()  # N is Next Article, but not with text selected
                if kind == QEvent.Type.KeyPress:
                    self.highlight() if KEYS[Qt.Key(event.key())] == "highlight" else self.note()
                return True
        if kind == QEvent.Type.ToolTip and watched is self.pane.viewport():
            assert isinstance(event, QHelpEvent)
            found = self.at(self.pane.cursorForPosition(event.pos()).position())
            if found is not None and found.is_note:
                QToolTip.showText(event.globalPos(), plain_tooltip(found.note), self.pane)
                return True
        return super().eventFilter(watched, event)

    def highlight(self, *, note: str = "") -> Annotation | None:
        """Highlight the selection in the article's body (with a note, when given)."""
        article = self.pane.article()
        cursor = self.pane.textCursor()
        if article is None or not article.content_key or not cursor.hasSelection():
            self.message.emit("Select some of the article's text first.", 4000)
            return None
        base = self.pane.body_start()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if start < base:
            self.message.emit("Highlights and notes go on the article's text.", 4000)
            return None
        existing = self.at(start)
        body = self.pane.document().toPlainText()[base:]
        if existing is not None and note and (start, end) == self._span_of(existing):
            self.store.keep(edited(existing, note=note))
            return existing
        annotation = made(
            article.content_key,
            body,
            start - base,
            end - base,
            colour=self.colour,
            note=note,
            path=article.path,
            title=article.title,
        )
        self.store.keep(annotation)
        return annotation

    def note(self) -> Annotation | None:
        """Put a note on the selection (or change the note of the highlight it is)."""
        cursor = self.pane.textCursor()
        if not cursor.hasSelection():
            self.message.emit("Select some of the article's text first.", 4000)
            return None
        quote = cursor.selectedText().replace("\u2029", "\n")
        existing = self.at(cursor.selectionStart())
        text = self.ask_note(quote, existing.note if existing is not None else "")
        if text is None or not text.strip():
            return None
        return self.highlight(note=text.strip())

    def _ask_note(self, quote: str, note: str) -> str | None:
        shown = " ".join(quote.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        text, ok = QInputDialog.getMultiLineText(self.window, "Note", f"Note on “{shown}”:", note)
        return text if ok else None

    # --- showing them --------------------------------------------------------------------------

    def at(self, position: int) -> Annotation | None:
        """The annotation placed over this document position, if any (the latest)."""
        found = [a for a, start, end in self._placed if start <= position < end]
        return max(found, key=lambda a: a.created) if found else None

    def placed(self) -> list[tuple[Annotation, int, int]]:
        """The annotations of the article on show, with their document positions."""
        return list(self._placed)

    def article_shown(self, article: Article) -> None:
        """An article is on show: its orphaned annotations are told of once."""
        self._place(article)
        if self.orphans:
            self.orphansFound.emit([a.id for a in self.orphans])
        if self.orphans and self._told != article.path:
            count = len(self.orphans)
            noun = "highlight or note" if count == 1 else "highlights and notes"
            self.message.emit(
                f"{count} {noun} of this article could not be placed: its text changed. "
                "View ▸ Annotations lists them.",
                10000,
            )
        self._told = article.path

    def select(self, annotation: Annotation) -> bool:
        """Select the annotation's passage in the article on show and bring it into view;
        False when it cannot be placed."""
        self._place(self.pane.article())
        span = self._span_of(annotation)
        if span is None:
            return False
        cursor = QTextCursor(self.pane.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.pane.setTextCursor(cursor)
        self.pane.ensureCursorVisible()
        return True

    def _span_of(self, annotation: Annotation) -> tuple[int, int] | None:
        return next(((s, e) for a, s, e in self._placed if a.id == annotation.id), None)

    def _place(self, article: Article | None) -> None:
        """Anchor the article's annotations in the document on show."""
        self._placed, self.orphans = [], []
        if article is None or not article.content_key or self.pane.showing_source():
            return
        base = self.pane.body_start()
        body = self.pane.document().toPlainText()[base:]
        for annotation in self.store.of(article.content_key):
            span = anchor(body, annotation)
            if span is None:
                self.orphans.append(annotation)
            else:
                self._placed.append((annotation, base + span[0], base + span[1]))

    def _marks(self) -> list[QTextEdit.ExtraSelection]:
        self._place(self.pane.article())
        marks = []
        document = self.pane.document()
        for annotation, start, end in self._placed:
            mark = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            chars = QTextCharFormat()
            chars.setBackground(QColor(COLOURS.get(annotation.colour, COLOURS["yellow"])))
            chars.setForeground(_INK)
            if annotation.is_note:
                chars.setFontUnderline(True)  # a note: hover to read it
                chars.setToolTip(plain_tooltip(annotation.note))
            mark.cursor = cursor
            mark.format = chars
            marks.append(mark)
        return marks

    def _changed(self, keys: list[str]) -> None:
        article = self.pane.article()
        if article is not None and article.content_key in keys:
            self.pane.set_extra_marks(self._marks)
