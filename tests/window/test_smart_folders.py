"""Smart folders: a search saved with its section and filter, listed in a sidebar with live
counts, opened, renamed, edited, reordered, deleted, and kept across restarts."""

import re

import pytest
from conftest import open_and_wait, wait_for_text_index
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from test_served_library import served_window, shown_titles, write_library

from viewer.library.smart_folder_model import COUNT_COLUMN, NAME_COLUMN, SmartFolderModel

NEWS = {
    "a.txt": ("River rises", "World", "The river rose at the mill."),
    "b.txt": ("Bridge closed", "World", "The river bridge shut for repairs."),
    "c.txt": ("Market day", "Business", "A river of shoppers came to the market."),
    "d.txt": ("Quiet day", "World", "Nothing happened anywhere."),
}


def write_news(folder, news=NEWS):
    folder.mkdir(exist_ok=True)
    for name, (title, section, body) in news.items():
        header = f"{title}\n\n{section}\n\nPublished: 2024-05-01 10:00\n\n"
        (folder / name).write_text(f"{header}{body}\n")


def matching(folder, word, section=None):
    """The files of ``folder`` whose body has ``word``, of ``section``: counted apart."""
    found = []
    for path in sorted(folder.iterdir()):
        lines = path.read_text().split("\n")
        if re.search(rf"\b{word}\b", lines[-2], re.IGNORECASE) and section in (None, lines[2]):
            found.append(path)
    return found


@pytest.fixture
def news_window(qtbot, library_window, tmp_path):
    write_news(tmp_path / "news")
    open_and_wait(qtbot, library_window, [tmp_path / "news"])
    wait_for_text_index(qtbot, library_window)
    library_window.finish()
    return library_window


def choose_section(qtbot, window, section):
    box = window.list_pane.section_box
    qtbot.waitUntil(lambda: box.findData(section) >= 0)  # the box is filled as rows come
    window.list_pane.choose_section(section)


def save_folder(qtbot, window, name=None):
    """Save the current search with Ctrl+D's dialog; return the dialog's folder."""
    window.menu_actions.save_folder.trigger()
    qtbot.waitUntil(lambda: window.folders.dialog is not None and window.folders.dialog.isVisible())
    dialog = window.folders.dialog
    if name is not None:
        dialog.name_edit.setText(name)
    before = window.folders.model.rowCount()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.folders.model.rowCount() == before + 1)
    return window.folders.model.folders()[-1]


def sidebar_rows(window):
    """What the sidebar shows: (name, counts) a row."""
    model = window.folders.sidebar.view.model()
    return [
        (model.index(r, NAME_COLUMN).data(), model.index(r, COUNT_COLUMN).data())
        for r in range(model.rowCount())
    ]


def counted(window, text):
    return lambda: window.folders.sidebar is not None and sidebar_rows(window) == text


def test_a_saved_search_keeps_its_section_and_counts_what_it_matches(qtbot, news_window, tmp_path):
    window = news_window
    folder = tmp_path / "news"
    window.search("river")
    choose_section(qtbot, window, "World")
    qtbot.waitUntil(lambda: window.shown.row_count() == 2)
    saved = save_folder(qtbot, window)
    assert (saved.name, saved.query, saved.section) == ("river", "river", "World")
    assert window.folders.dock.isVisible() and window.menu_actions.smart_folders.isChecked()
    expected = len(matching(folder, "river", "World"))
    qtbot.waitUntil(counted(window, [("river", f"{expected} · {expected} unread")]))
    # Read one (shown, it counts as read): the unread count follows.
    assert window.select_path(str(folder / "a.txt"))
    qtbot.waitUntil(counted(window, [("river", f"{expected} · {expected - 1} unread")]))
    # Files come and go: the counts follow (the folder is watched).
    (folder / "e.txt").write_text("River walk\n\nWorld\n\nPublished: 2024-06-01\n\nA river.\n")
    (folder / "b.txt").unlink()
    expected = len(matching(folder, "river", "World"))
    after = [("river", f"{expected} · {expected - 1} unread")]
    qtbot.waitUntil(counted(window, after), timeout=20000)


def test_opening_a_folder_shows_its_articles_whatever_the_list_showed(qtbot, news_window, tmp_path):
    window = news_window
    window.search("market")
    qtbot.waitUntil(lambda: window.shown.row_count() == 1)
    save_folder(qtbot, window, "Markets")
    window.search("river")
    save_folder(qtbot, window, "Rivers")
    window.search("")
    window.list_pane.set_mode(0)
    window.filter_edit.setText("bridge")  # a filter that hides the market's article
    qtbot.waitUntil(lambda: shown_titles(window) == ["Bridge closed"])
    view = window.folders.sidebar.view
    rect = view.visualRect(view.model().index(0, NAME_COLUMN))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: sorted(shown_titles(window)) == ["Market day"])
    assert window.list_pane.search_text() == "market"
    assert window.list_pane.filter_text() == ""  # the folder's filter: none
    # The keyboard alone: into the sidebar, down to the next folder, Enter.
    window.folders.focus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    river = {p.name for p in matching(tmp_path / "news", "river")}
    titles = {NEWS[name][0] for name in river}
    qtbot.waitUntil(lambda: set(shown_titles(window)) == titles)


def test_folders_are_renamed_edited_moved_and_deleted_and_kept_over_restarts(
    qtbot, news_window, make_window, tmp_path
):
    window = news_window
    for word in ("river", "market", "bridge"):
        window.search(word)
        save_folder(qtbot, window, word.title())
    folders = window.folders
    view = folders.sidebar.view
    qtbot.waitUntil(lambda: [n for n, _c in sidebar_rows(window)] == ["River", "Market", "Bridge"])
    # F2 renames in place.
    folders.focus()
    view.setCurrentIndex(view.model().index(1, NAME_COLUMN))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Shops")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sidebar_rows(window)[1][0] == "Shops")
    # Edit… changes the search; a search that cannot be read cannot be saved.
    folders.sidebar.edit_button.click()
    qtbot.waitUntil(lambda: folders.dialog is not None and folders.dialog.isVisible())
    dialog = folders.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.query_edit.setText('"unclosed')
    assert not ok.isEnabled() and dialog.problem.isVisible() and dialog.problem.text()
    dialog.query_edit.setText("nothing")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: sidebar_rows(window)[1] == ("Shops", "1 · 1 unread"))
    # Ctrl+Up moves it up; Delete asks, then deletes.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [n for n, _c in sidebar_rows(window)] == ["Shops", "River", "Bridge"])
    window.search("")
    assert window.select_path(str(tmp_path / "news" / "a.txt"))  # Delete in the list removes it
    view.setFocus()
    view.setCurrentIndex(view.model().index(2, NAME_COLUMN))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox, "deleteSmartFolder")
    qtbot.waitUntil(lambda: box.isVisible())
    assert "Bridge" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: [n for n, _c in sidebar_rows(window)] == ["Shops", "River"])
    assert window.shown.total() == len(NEWS)  # the sidebar's Delete is its own
    window.close()
    # A restart with the index gone: the folders are the reader's, not the index's.
    (tmp_path / "index.sqlite3").unlink()
    again = make_window()
    again.finish()
    assert again.folders.dock is not None and again.folders.dock.isVisible()
    kept = [(f.name, f.query) for f in again.folders.model.folders()]
    assert kept == [("Shops", "nothing"), ("River", "river")]


def test_the_sidebar_says_how_to_start_and_can_be_hidden(qtbot, news_window):
    window = news_window
    window.menu_actions.smart_folders.trigger()
    folders = window.folders
    qtbot.waitUntil(lambda: folders.dock is not None and folders.dock.isVisible())
    assert folders.sidebar.empty.isVisible() and "Ctrl+D" in folders.sidebar.empty.text()
    assert not folders.sidebar.delete_button.isEnabled()
    window.menu_actions.smart_folders.trigger()
    qtbot.waitUntil(lambda: not folders.dock.isVisible())
    assert not window.menu_actions.smart_folders.isChecked()


def test_a_served_list_counts_its_folders_from_the_index(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 90)
    window = served_window(qtbot, make_window, folder)
    window.finish()
    window.search("zebra river")
    choose_section(qtbot, window, "World")
    qtbot.waitUntil(lambda: window.shown.view_known())
    save_folder(qtbot, window, "Zebras")
    expected = sum(
        1
        for n in range(90)
        if ["harbour", "council", "river", "market", "storm"][n % 5] == "river" and n % 3 == 0
    )
    assert expected == window.shown.passing()
    qtbot.waitUntil(counted(window, [("Zebras", f"{expected} · {expected} unread")]), timeout=20000)
    window.list_pane.clear_all()
    window.list_pane.choose_section(None)
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.passing() == 90)
    view = window.folders.sidebar.view
    view.setCurrentIndex(view.model().index(0, NAME_COLUMN))
    view.activated.emit(view.currentIndex())
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.passing() == expected)
    assert all(t.startswith("River report") for t in shown_titles(window))


def test_the_folder_model_is_a_sound_model(qtmodeltester, tmp_path):
    from viewer.core.state.store import ReadingState

    state = ReadingState(tmp_path / "state.sqlite3")
    model = SmartFolderModel(state)
    model.add("One", "river", None, "")
    model.add("Two", "market", "World", "day")
    model.set_counts(model.folders()[0].key, (3, 1))
    model.set_counts(model.folders()[1].key, "The search cannot be read")
    qtmodeltester.check(model)
    assert model.index(0, COUNT_COLUMN).data() == "3 · 1 unread"
    assert model.index(1, COUNT_COLUMN).data() == "!"
    assert "cannot be read" in model.index(1, NAME_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    state.close()
