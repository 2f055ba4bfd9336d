"""Paging through a list served from the index: keys pressed in quick succession show the row
they land on once they pause, and hold background reading off meanwhile."""

from conftest import open_and_wait, wait_for_text_index
from PySide6.QtCore import Qt


def write_library(folder, count):
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(
            f"Report {n:03}\n\nWorld\n\nPublished: 2021-01-{n % 28 + 1:02} 10:00\n\n"
            f"Story number {n}.\n"
        )


def served_window(qtbot, make_window, folder):
    """A window opening a new folder of 60 articles a second time, with the index serving its
    list, the list's focus given."""
    write_library(folder, 60)
    first = make_window()
    open_and_wait(qtbot, first, [folder])
    wait_for_text_index(qtbot, first)  # its writes done: the index is free to look into
    first.close()
    window = make_window()
    window.session.served.big_library = 50
    window.open_paths([folder])
    assert window.shown.served_from_index()
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.total() > 0, timeout=20000)
    window.list_view.setFocus()
    return window


def shown_path(window):
    article = window.reading_pane.article()
    return None if article is None else article.path


def test_keys_in_quick_succession_show_the_row_they_land_on_once_they_pause(
    qtbot, make_window, tmp_path
):
    window = served_window(qtbot, make_window, tmp_path / "news")
    window.navigation.settle_ms = 2000  # longer than the keys below take
    view = window.list_view
    qtbot.keyClick(view, Qt.Key.Key_Down)  # from nothing chosen: the top row, shown at once
    first = window.current_article().path
    assert shown_path(window) == first
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    landed = window.current_article().path
    assert window.navigation.current_row() == 3
    assert shown_path(window) == first  # flown over: nothing shown yet
    qtbot.waitUntil(lambda: shown_path(window) == landed)
    shown = window.shown
    assert shown.is_read_at(0) and shown.is_read_at(3)
    assert not shown.is_read_at(1) and not shown.is_read_at(2)  # never shown, still unread


def test_a_command_or_a_click_shows_at_once_while_keys_settle(qtbot, make_window, tmp_path):
    window = served_window(qtbot, make_window, tmp_path / "news")
    window.navigation.settle_ms = 2000
    view = window.list_view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    window.navigation.select_row(10)  # J, +, Space at an article's end, a search hit
    assert shown_path(window) == window.current_article().path
    index = window.shown.index(20)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert window.navigation.current_row() == 20
    assert shown_path(window) == window.current_article().path


def test_a_key_after_a_pause_shows_at_once(qtbot, make_window, tmp_path):
    window = served_window(qtbot, make_window, tmp_path / "news")
    window.navigation.settle_ms = 0  # every key comes after a pause
    view = window.list_view
    for row in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert window.navigation.current_row() == row
        assert shown_path(window) == window.current_article().path


def test_a_key_in_the_list_holds_background_reading_off_until_a_moment_after(
    qtbot, make_window, tmp_path
):
    window = served_window(qtbot, make_window, tmp_path / "news")
    gate = window.session.paint_gate
    qtbot.waitUntil(gate.is_set)
    qtbot.keyClick(window.list_view, Qt.Key.Key_PageDown)
    assert not gate.is_set()
    window.list_view.viewport().repaint()
    assert not gate.is_set()  # a paint meanwhile leaves it held
    qtbot.waitUntil(gate.is_set)
