"""Reading from article to article as a newcomer does: marks, places, keys, the list's order."""

import os
import time
from datetime import datetime, timedelta, timezone

from conftest import open_and_wait
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableWidget

from viewer.core.date_format import long_date
from viewer.core.parser import parse_file
from viewer.library.article_model import COL_TITLE


def write(folder, name, title, date, body="A few words of body text."):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n\nWorld\n\nPublished: {date}\n\n{body}\n")
    return path


def bold(window, title):
    for row in range(window.proxy.rowCount()):
        index = window.proxy.index(row, COL_TITLE)
        if index.data() == title:
            font = index.data(Qt.ItemDataRole.FontRole)
            return font is not None and font.bold()
    raise AssertionError(f"{title} is not listed")


def test_an_edit_to_the_article_being_read_keeps_it_read(qtbot, library_window, tmp_path):
    window = library_window
    path = write(tmp_path / "news", "a.txt", "Harbour opens", "2024-01-02")
    write(tmp_path / "news", "b.txt", "Rail strike", "2024-01-01")
    window.open_paths([tmp_path / "news"])
    window.select_path(str(path))
    assert window.model.unread_count() == 1
    # An edit near the top gives the file a new content key.
    path.write_text("Harbour opens at last\n\nWorld\n\nPublished: 2024-01-02\n\nEdited.\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    qtbot.waitUntil(lambda: "Edited." in window.reading_pane.plain_text(), timeout=10000)
    assert not bold(window, "Harbour opens at last")
    assert window.model.unread_count() == 1


def test_a_restart_does_not_mark_read_what_the_reader_marked_unread(qtbot, make_window, tmp_path):
    from viewer.app import start_session

    path = write(tmp_path / "news", "a.txt", "Harbour opens", "2024-01-02")
    first = make_window()
    start_session(first, [str(tmp_path / "news")])
    first.select_path(str(path))
    first.reading.toggle_read()  # M: unread again, to come back to
    assert first.model.unread_count() == 1
    first.close()
    second = make_window()
    start_session(second, [])
    assert second.reading_pane.article().title == "Harbour opens"
    assert second.model.unread_count() == 1


def test_sorting_with_nothing_chosen_shows_the_top_of_the_new_order(
    qtbot, library_window, tmp_path
):
    window = library_window
    for n in range(300):
        write(tmp_path / "many", f"{n:03d}.txt", f"Story {n:03d}", f"2020-01-{n % 28 + 1:02d}")
    open_and_wait(qtbot, window, [tmp_path / "many"])
    view = window.list_view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    header = view.header()
    x = header.sectionViewportPosition(COL_TITLE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert view.verticalScrollBar().value() == 0
    assert view.indexAt(QPoint(5, 2)).data() == window.proxy.index(0, COL_TITLE).data()


def test_a_deleted_article_leaves_the_list_once_the_reader_moves_on(qtbot, window, tmp_path):
    gone = write(tmp_path / "news", "a.txt", "Harbour opens", "2024-01-02")
    write(tmp_path / "news", "b.txt", "Rail strike", "2024-01-01")
    window.open_paths([tmp_path / "news"])
    window.select_path(str(gone))
    gone.unlink()
    qtbot.waitUntil(lambda: "deleted" in window.reading_pane.plain_text(), timeout=10000)
    assert window.model.rowCount() == 2  # still there while it is read
    window.navigation.next_article()
    assert window.reading_pane.article().title == "Rail strike"
    assert window.model.rowCount() == 1
    assert window.count_label.text() == "1 article"


def test_the_arrows_home_and_end_scroll_the_article(qtbot, window, tmp_path):
    body = "\n".join(f"Paragraph {n} " + "word " * 40 for n in range(80))
    path = write(tmp_path / "news", "long.txt", "A long read", "2024-01-02", body)
    window.open_paths([path])
    pane = window.reading_pane
    pane.setFocus()
    bar = pane.verticalScrollBar()
    qtbot.keyClick(pane, Qt.Key.Key_Down)
    assert bar.value() > 0
    qtbot.keyClick(pane, Qt.Key.Key_End)
    assert pane.at_end()
    qtbot.keyClick(pane, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_the_shortcuts_table_takes_the_keyboard(qtbot, window):
    from viewer.ui.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(window.menu_actions.all_actions(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    qtbot.waitUntil(table.hasFocus)
    bar = table.verticalScrollBar()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.maximum() == 0 or bar.value() == bar.maximum()


def test_dates_say_their_zone():
    edt = timezone(timedelta(hours=-4))
    assert long_date(datetime(2024, 4, 16, 8, 40, tzinfo=edt)) == "16 April 2024, 08:40 UTC−04:00"
    assert long_date(datetime(2024, 4, 16, 8, 40)) == "16 April 2024, 08:40"


def test_front_matter_keeps_what_the_article_says_not_how_the_site_builds_it(write_article):
    text = (
        "---\ntitle: Spring fair\nlayout: post\npublished: false\ncategories: [Local]\n"
        "author: Jo\n---\nStalls open at nine.\n"
    )
    article = parse_file(str(write_article(text, "2024-04-27-spring-fair.md")))
    assert article.fields == {"author": "Jo"}
    assert article.section == "Local"
    assert article.published == datetime(2024, 4, 27)  # from the name: "false" is no date
    assert article.warnings == ()


def test_the_pane_counts_what_a_search_shows(qtbot, library_window, tmp_path):
    window = library_window
    write(tmp_path / "news", "a.txt", "Harbour opens", "2024-01-02")
    write(tmp_path / "news", "b.txt", "Rail strike", "2024-01-01")
    window.open_paths([tmp_path / "news"])
    window.keyboard.focus_filter()
    qtbot.keyClicks(window.filter_edit, "harbour")
    assert "1 of 2 articles match" in window.reading_pane.plain_text()
    qtbot.keyClicks(window.filter_edit, "zzz")
    assert window.reading_pane.plain_text().startswith("No article matches")
