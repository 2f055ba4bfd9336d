"""The reader window, driven as a person would: open, read, move, filter, sort."""

import os

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
)

from viewer.library.article_model import COL_PUBLISHED, COL_TITLE


def titles(window):
    proxy = window.proxy
    return [proxy.index(r, COL_TITLE).data() for r in range(proxy.rowCount())]


def shown_title(window):
    return window.reading_pane.plain_text().split("\n", 1)[0]


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """Any message box is a failure: errors must show in place, never in a dialog."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dialog was opened")

    monkeypatch.setattr(QMessageBox, "exec", refuse)


def test_object_names_of_the_contract(window):
    assert isinstance(window.findChild(QAbstractItemView, "articleList"), QAbstractItemView)
    assert isinstance(window.findChild(QTextBrowser, "readingPane"), QTextBrowser)
    assert isinstance(window.findChild(QLineEdit, "filterEdit"), QLineEdit)


def test_open_folder_lists_newest_first_and_opens_nothing_by_itself(window, articles, qtbot):
    window.open_paths([articles])
    assert titles(window) == ["Newest story", "Middle story", "Oldest story", "Undated story"]
    # Nothing is opened or marked read that the reader did not choose.
    assert window.current_article() is None
    assert shown_title(window) == "Choose an article to read"
    assert "4 articles are listed" in window.reading_pane.plain_text()
    assert window.count_label.text() == "4 articles · 4 unread"
    rect = window.list_view.visualRect(window.proxy.index(1, COL_TITLE))
    qtbot.mouseClick(window.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown_title(window) == "Middle story"
    assert "Middle story paragraph 1" in window.reading_pane.plain_text()
    assert window.count_label.text() == "4 articles · 3 unread"


def test_first_named_file_is_selected_and_reopening_selects(window, articles):
    window.open_paths([articles / "c_middle.txt", articles / "a_oldest.txt"])
    assert shown_title(window) == "Middle story"
    window.open_paths([articles])
    assert window.model.rowCount() == 4
    window.open_paths([articles / "a_oldest.txt"])
    assert window.model.rowCount() == 4
    assert shown_title(window) == "Oldest story"


def test_command_line_paths_replace_the_session(window, articles, settings_dir):
    from viewer.app import start_session

    start_session(window, [str(articles / "b_newest.txt")])
    assert titles(window) == ["Newest story"]
    assert shown_title(window) == "Newest story"


def test_first_start_opens_the_bundled_samples(window):
    from viewer.app import start_session

    start_session(window, [])
    assert window.model.rowCount() >= 10
    assert window.current_article() is None
    assert shown_title(window) == "Choose an article to read"


def test_open_dialog(window, articles, monkeypatch):
    picked = [str(articles / "a_oldest.txt"), str(articles / "d_undated.txt")]
    seen = {}

    def fake_dialog(parent, caption, folder, filters):
        seen["filters"] = filters
        return picked, filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_dialog))
    window.menu_actions.open.trigger()
    assert sorted(titles(window)) == ["Oldest story", "Undated story"]
    assert "Articles (*.txt *.text *.md *.markdown)" in seen["filters"]
    assert "All files" in seen["filters"]


def test_open_folder_dialog(window, articles, monkeypatch):
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(articles))
    )
    window.menu_actions.open_folder.trigger()
    assert window.model.rowCount() == 4


def test_drag_and_drop(window, articles, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(articles / "c_middle.txt"))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert shown_title(window) == "Middle story"


def test_down_key_moves_and_shows(window, articles, qtbot):
    window.open_paths([articles])
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert shown_title(window) == "Newest story"  # from nothing chosen, the top of the list
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert shown_title(window) == "Middle story"
    qtbot.keyClick(window.list_view, Qt.Key.Key_End)
    assert shown_title(window) == "Undated story"


def test_j_and_k_from_the_list_and_the_reading_pane(window, articles, qtbot):
    window.open_paths([articles])
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_J)
    assert shown_title(window) == "Newest story"
    qtbot.keyClick(window.list_view, Qt.Key.Key_J)
    assert shown_title(window) == "Middle story"
    window.reading_pane.setFocus()
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_J)
    assert shown_title(window) == "Oldest story"
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_K)
    assert shown_title(window) == "Middle story"
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_N)
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_P)
    assert shown_title(window) == "Middle story"


def test_j_types_into_the_filter(window, articles, qtbot):
    window.open_paths([articles])
    window.keyboard.focus_filter()
    qtbot.keyClicks(window.filter_edit, "jk")
    assert window.filter_edit.text() == "jk"
    assert window.reading_pane.article() is None  # typed, not moved: nothing was opened


def test_space_pages_then_moves_to_the_next_article(window, tmp_path, qtbot):
    long_body = "\n".join(f"Paragraph {n} " + "word " * 60 for n in range(60))
    (tmp_path / "a.txt").write_text(f"Long one\n\nPublished: 2022-01-02\n\n{long_body}\n")
    (tmp_path / "b.txt").write_text("Short one\n\nPublished: 2022-01-01\n\nJust this.\n")
    window.open_paths([tmp_path])
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Space)  # nothing on show: the first unread
    assert shown_title(window) == "Long one"
    bar = window.reading_pane.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(window.list_view, Qt.Key.Key_Space)
    assert bar.value() > 0
    assert shown_title(window) == "Long one"
    qtbot.keyClick(window.list_view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == 0
    window.reading_pane.setFocus()
    for _ in range(100):
        if shown_title(window) != "Long one":
            break
        qtbot.keyClick(window.reading_pane, Qt.Key.Key_Space)
    assert shown_title(window) == "Short one"


def test_enter_moves_focus_to_the_reading_pane_and_f6_cycles(window, articles, qtbot):
    window.open_paths([articles])
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reading_pane.hasFocus())
    assert shown_title(window) == "Newest story"  # Enter with nothing chosen: the first one
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.filter_edit.hasFocus())
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.list_view.hasFocus())


def test_filter_narrows_and_escape_clears(window, articles, qtbot):
    window.open_paths([articles])
    qtbot.keyClick(window.list_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filter_edit.hasFocus())
    qtbot.keyClicks(window.filter_edit, "old")
    assert titles(window) == ["Oldest story"]
    assert window.count_label.text().startswith("1 of 4 shown")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == ""
    assert len(titles(window)) == 4
    assert window.list_view.hasFocus()


def test_click_on_header_sorts_by_date(window, articles, qtbot):
    window.open_paths([articles])
    header = window.list_view.header()
    x = header.sectionViewportPosition(COL_PUBLISHED) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = titles(window)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    second = titles(window)
    assert {tuple(first), tuple(second)} == {
        ("Oldest story", "Middle story", "Newest story", "Undated story"),
        ("Newest story", "Middle story", "Oldest story", "Undated story"),
    }


def test_markup_is_shown_literally(window, tmp_path):
    text = (
        '<b>Bold?</b> headline\n\n<img src="http://example.org/x.png"> '
        "<script>alert(1)</script> <a href='file:///etc/passwd'>link</a>\n"
    )
    (tmp_path / "m.txt").write_text(text)
    window.open_paths([tmp_path / "m.txt"])
    shown = window.reading_pane.plain_text()
    assert "<b>Bold?</b> headline" in shown
    assert '<img src="http://example.org/x.png">' in shown
    assert "<script>alert(1)</script>" in shown
    html = window.reading_pane.toHtml()
    assert "<img" not in html and "<script" not in html and "<a href" not in html


def test_bad_files_show_their_error_in_place(window, tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.txt").write_text("")
    missing = tmp_path / "missing.txt"
    window.open_paths([tmp_path / "binary.txt", tmp_path / "empty.txt", missing])
    assert window.model.rowCount() == 3
    window.select_path(str(tmp_path / "binary.txt"))
    assert "binary file" in window.reading_pane.plain_text()
    window.select_path(str(missing))
    assert "file not found" in window.reading_pane.plain_text()
    window.select_path(str(tmp_path / "empty.txt"))
    shown = window.reading_pane.plain_text()
    assert shown.startswith("empty")
    assert "This file is empty." in shown


def test_file_vanishing_after_listing_shows_its_error(window, articles):
    window.open_paths([articles / "a_oldest.txt", articles / "b_newest.txt"])
    os.remove(articles / "b_newest.txt")
    window.select_path(str(articles / "b_newest.txt"))
    assert "file not found" in window.reading_pane.plain_text()
    row = window.model.row_of(str(articles / "b_newest.txt"))
    assert "file not found" in window.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_remove_from_list_leaves_the_disk_alone(window, articles, qtbot):
    window.open_paths([articles])
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert window.model.rowCount() == 4  # nothing chosen, nothing removed
    qtbot.keyClick(window.list_view, Qt.Key.Key_Home)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Delete)
    assert window.model.rowCount() == 3
    assert (articles / "b_newest.txt").exists()
    assert "Newest story" not in titles(window)


def test_zoom_keys(window, articles, qtbot):
    window.open_paths([articles])
    qtbot.keyClick(window.list_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reading_pane.zoom() > 100
    qtbot.keyClick(window.list_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reading_pane.zoom() == 100
    qtbot.keyClick(window.list_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reading_pane.zoom() < 100


def test_settings_round_trip(qtbot, settings_dir, articles):
    from viewer.app import start_session
    from viewer.window.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.open_paths([articles])
    first.select_path(str(articles / "c_middle.txt"))
    first.reading_pane.set_zoom(125)
    first.list_view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    first.splitter.setSizes([300, 700])
    sizes = first.splitter.sizes()
    first.close()
    assert any(settings_dir.rglob("*.ini")), "settings were not written to the test folder"

    second = MainWindow()
    qtbot.addWidget(second)
    second.restore_ui_state()
    start_session(second, [])
    assert second.reading_pane.zoom() == 125
    assert second.list_view.header().sortIndicatorSection() == COL_TITLE
    assert second.model.rowCount() == 4
    assert shown_title(second) == "Middle story"
    assert second.splitter.sizes() == sizes
    assert str(articles) in second.files.recent_paths()


def test_recent_menu_prunes_missing_and_clears(window, articles, tmp_path):
    gone = tmp_path / "gone.txt"
    gone.write_text("Gone\n")
    window.open_paths([gone])
    window.open_paths([articles])
    gone.unlink()
    assert window.files.recent_paths() == [str(articles)]
    window.menu_actions.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions()]
    assert any(str(articles) in label for label in labels)
    window.files.clear_recent()
    assert window.files.recent_paths() == []


def test_shortcuts_dialog_lists_every_binding(window):
    from viewer.ui.shortcuts_dialog import shortcut_rows

    rows = dict(shortcut_rows(window.menu_actions.all_actions()))
    joined = " | ".join(f"{k}={v}" for k, v in rows.items())
    for expected in ("Ctrl+O", "Ctrl+Shift+O", "F5", "Ctrl+Q", "Del", "J, N", "K, P", "Space"):
        assert expected in joined, expected


def test_tab_cycles_list_pane_filter(window, articles, qtbot):
    window.open_paths([articles])
    window.list_view.setFocus()
    qtbot.waitUntil(window.list_view.hasFocus)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.reading_pane.hasFocus)
    qtbot.keyClick(window.reading_pane, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.filter_edit.hasFocus)
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.list_view.hasFocus)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.filter_edit.hasFocus)


def test_about_names_versions_and_places(window):
    import PySide6
    from PySide6.QtCore import qVersion

    from viewer.core.appinfo import VERSION
    from viewer.ui.about_dialog import about_text

    text = about_text()
    assert VERSION in text
    assert f"Qt {qVersion()}" in text
    assert f"PySide {PySide6.__version__}" in text
    assert "Settings: " in text and window.settings.fileName() in text
    assert "Cache: " in text


def test_handed_over_paths_are_shown(window, articles):
    window.open_paths([articles / "a_oldest.txt"])
    window.receive_paths([str(articles / "c_middle.txt")])
    assert shown_title(window) == "Middle story"
    assert window.isVisible()
