"""Highlights and notes in the window: H and N on a selection, marks in the article, a note on
hover, kept over restarts, re-anchored or orphaned after an edit, the Annotations view, and its
exports read back as they were."""

import json

import pytest
from conftest import open_and_wait
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from viewer.core.annotations import from_w3c
from viewer.library.annotation_model import NOTE, QUOTE, AnnotationModel

BODY = "The harbour gates closed at dawn.\n\nFishermen watched from the old pier all morning.\n"


@pytest.fixture
def annotating(qtbot, library_window, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Gates close\n\nWorld\n\nPublished: 2024-05-01\n\n{BODY}")
    (folder / "b.txt").write_text("Other story\n\nWorld\n\nPublished: 2024-04-01\n\nQuiet.\n")
    window = library_window
    open_and_wait(qtbot, window, [folder])
    window.finish()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    show(qtbot, window, folder / "a.txt")
    return window, folder


def show(qtbot, window, path):
    assert window.select_path(str(path))
    pane = window.reading_pane
    qtbot.waitUntil(lambda: pane.article() is not None and pane.article().path == str(path))
    qtbot.waitUntil(lambda: not pane.typesetting())


def select(window, words):
    pane = window.reading_pane
    cursor = pane.document().find(words)
    assert not cursor.isNull(), words
    pane.setTextCursor(cursor)
    pane.setFocus()


def marked(window):
    """The texts the pane marks as highlights (their background is a highlight's)."""
    pane = window.reading_pane
    return [
        s.cursor.selectedText()
        for s in pane.extraSelections()
        if s.format.foreground().color().name() == "#000000"
    ]


def test_h_highlights_and_n_notes_the_selection_and_they_are_kept(qtbot, annotating, make_window):
    window, folder = annotating
    pane = window.reading_pane
    select(window, "gates closed at dawn")
    qtbot.keyClick(pane, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: marked(window) == ["gates closed at dawn"])
    window.annotations.ask_note = lambda quote, note: f"seen: {quote}"
    select(window, "old pier")
    qtbot.keyClick(pane, Qt.Key.Key_N)  # with text selected, N is a note, not Next Article
    qtbot.waitUntil(lambda: len(marked(window)) == 2)
    assert pane.article().path == str(folder / "a.txt")
    [note] = [a for a in window.annotations.store.all() if a.is_note]
    assert (note.exact, note.note) == ("old pier", "seen: old pier")
    assert window.annotations.at(pane.document().find("old pier").selectionStart()) == note
    # Without a selection, N goes on to the next article, as it always has.
    cursor = pane.textCursor()
    cursor.clearSelection()
    pane.setTextCursor(cursor)
    window.list_view.setFocus()
    before = window.navigation.current_row()
    qtbot.keyClick(window.list_view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.navigation.current_row() != before)
    window.close()
    again = make_window()
    open_and_wait(qtbot, again, [folder])
    again.finish()
    show(qtbot, again, folder / "a.txt")
    qtbot.waitUntil(lambda: sorted(marked(again)) == ["gates closed at dawn", "old pier"])


def test_after_an_edit_a_passage_moves_only_to_a_single_quote(qtbot, annotating):
    window, folder = annotating
    for words in ("gates closed at dawn", "old pier"):
        select(window, words)
        window.annotations.highlight()
    path = folder / "a.txt"
    # Text put before both, and "old pier" now twice: one is found, one orphaned.
    edited = BODY.replace("The harbour", "At last the harbour") + "\nA new old pier was built.\n"
    path.write_text(f"Gates close\n\nWorld\n\nPublished: 2024-05-01\n\n{edited}")
    qtbot.waitUntil(lambda: "At last" in window.reading_pane.plain_text(), timeout=20000)
    qtbot.waitUntil(lambda: marked(window) == ["gates closed at dawn"])
    assert [a.exact for a in window.annotations.orphans] == ["old pier"]
    assert len(window.annotations.store.all()) == 2  # kept, never dropped or moved by a guess


def test_the_annotations_view_lists_opens_edits_deletes_and_exports(
    qtbot, annotating, tmp_path, monkeypatch, qtmodeltester
):
    window, folder = annotating
    select(window, "Fishermen watched")
    window.annotations.highlight(note="who were they?")
    select(window, "harbour gates")
    window.annotations.highlight()
    show(qtbot, window, folder / "b.txt")
    window.menu_actions.annotations.trigger()
    view = window.annotations_view
    qtbot.waitUntil(lambda: view.dock is not None and view.dock.isVisible())
    table = view.table
    qtmodeltester.check(view.model)
    assert view.proxy.rowCount() == 2
    view.filter.setText("who were")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert view.proxy.index(0, QUOTE).data() == "Fishermen watched"
    table.setCurrentIndex(view.proxy.index(0, QUOTE))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    pane = window.reading_pane
    qtbot.waitUntil(lambda: pane.textCursor().selectedText() == "Fishermen watched")
    assert pane.article().path == str(folder / "a.txt")
    # F2 on the note edits it in place.
    table.setFocus()
    table.setCurrentIndex(view.proxy.index(0, NOTE))
    assert view.model.setData(view.model.index(0, NOTE), "fishing crews")
    assert any(a.note == "fishing crews" for a in window.annotations.store.all())
    # Export: W3C JSON-LD reads back into the same annotations; Markdown has the notes.
    target = tmp_path / "notes.jsonld"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    view.export_jsonld()
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 2
    back = sorted((from_w3c(item) for item in collection["items"]), key=lambda a: a.id)
    kept = sorted(window.annotations.store.all(), key=lambda a: a.id)
    assert [(a.id, a.key, a.exact, a.start, a.end, a.note, a.path) for a in back] == [
        (a.id, a.key, a.exact, a.start, a.end, a.note, a.path) for a in kept
    ]
    target = tmp_path / "notes.md"
    view.export_markdown()
    assert "> Fishermen watched" in target.read_text() and "fishing crews" in target.read_text()
    # Delete in the view deletes the highlight chosen, not an article.
    view.filter.clear()
    table.setFocus()
    table.setCurrentIndex(view.proxy.index(0, QUOTE))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert window.shown.total() == 2


def test_the_model_is_sound_and_says_what_could_not_be_placed(qtmodeltester, tmp_path):
    from viewer.core.annotations import made
    from viewer.core.state.store import ReadingState
    from viewer.library.article_annotations import ArticleAnnotations

    state = ReadingState(tmp_path / "state.sqlite3")
    store = ArticleAnnotations(state)
    gone = made("k", "a passage <b>bold</b>", 0, 21, note="<img src=x>")
    store.keep(gone)
    model = AnnotationModel(store, lambda _key: ("Relevant",))
    model.orphaned.add(gone.id)
    qtmodeltester.check(model)
    assert model.index(0, QUOTE).data() == "a passage <b>bold</b> (not found)"
    tip = model.index(0, NOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tip and "<img" not in tip  # shown as written, never loaded
    assert model.index(0, 4).data() == "Relevant"
    state.close()


def test_exported_annotations_imported_into_an_empty_state_are_the_same(
    qtbot, annotating, tmp_path, monkeypatch
):
    from viewer.window.main_window import MainWindow

    window, _folder = annotating
    select(window, "gates closed at dawn")
    window.annotations.highlight()
    window.annotations.colour = "blue"
    select(window, "old pier")
    window.annotations.highlight(note="a note, with “quotes” and <tags>")
    target = tmp_path / "out.jsonld"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    window.annotations_view.export_jsonld()
    fresh = MainWindow(index_path=tmp_path / "other-index", state_folder=tmp_path / "empty-state")
    qtbot.addWidget(fresh)
    fresh.finish()
    assert fresh.annotations.store.all() == []
    assert fresh.annotations_view.import_file(str(target)) == 2
    assert fresh.annotations.store.all() == window.annotations.store.all()
    fresh.close()
    again = MainWindow(index_path=tmp_path / "other-index", state_folder=tmp_path / "empty-state")
    qtbot.addWidget(again)
    again.finish()
    assert again.annotations.store.all() == window.annotations.store.all()  # kept, too
