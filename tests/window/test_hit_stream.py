"""F3 through a search's hits across articles, in list order, saying where one is."""

from conftest import open_and_wait, wait_for_text_index
from PySide6.QtCore import Qt

# Newest first, as the list sorts: the order F3 goes through them.
ARTICLES = [
    ("c.txt", "Third report", "2023-01-01", "A river here.\n\nAnd the river there."),
    ("b.txt", "Second report", "2022-01-01", "Only one river in this one."),
    ("a.txt", "First report", "2021-01-01", "The river rose.\n\nThe river fell."),
    ("z.txt", "Dry report", "2020-01-01", "Nothing wet at all."),
]


def searched(qtbot, window, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, title, date, body in ARTICLES:
        (folder / name).write_text(f"{title}\n\nWorld\n\nPublished: {date} 10:00\n\n{body}\n")
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    window.search("river")
    qtbot.waitUntil(lambda: window.shown.row_count() == 3)
    window.select_path(str(folder / "c.txt"))
    qtbot.waitUntil(lambda: window.reading_pane.article() is not None)


def press(qtbot, window, action):
    action.trigger()
    pane = window.reading_pane
    return (
        pane.article().title,
        pane.textCursor().selectedText(),
        window.statusBar().currentMessage(),
    )


def test_f3_goes_on_into_the_next_article_found_and_back(qtbot, library_window, tmp_path):
    window = library_window
    searched(qtbot, window, tmp_path)
    forward, back = window.menu_actions.next_hit, window.menu_actions.previous_hit
    assert press(qtbot, window, forward) == ("Third report", "river", "Hit 1 of 2 · article 1 of 3")
    assert press(qtbot, window, forward)[2] == "Hit 2 of 2 · article 1 of 3"
    forward.trigger()  # past the last hit: the next article, at its first
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Hit 1 of 1 · article 2 of 3")
    assert window.current_article().title == "Second report"
    assert window.reading_pane.textCursor().selectedText() == "river"
    back.trigger()  # before the first: the previous article, at its last
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Hit 2 of 2 · article 1 of 3")
    assert window.current_article().title == "Third report"
    cursor = window.reading_pane.textCursor()
    assert window.reading_pane.toPlainText()[cursor.selectionEnd() :].startswith(" there")


def test_past_the_last_hit_of_the_last_article_it_says_so(qtbot, library_window, tmp_path):
    window = library_window
    searched(qtbot, window, tmp_path)
    forward = window.menu_actions.next_hit
    for expected in ("1 of 2 · article 1", "2 of 2 · article 1", "1 of 1 · article 2",
                     "1 of 2 · article 3", "2 of 2 · article 3"):  # fmt: skip
        forward.trigger()
        said = f"Hit {expected} of 3"
        qtbot.waitUntil(lambda said=said: window.statusBar().currentMessage() == said)
    forward.trigger()
    assert window.statusBar().currentMessage() == "No more hits: this is the last article found"
    assert window.current_article().title == "First report"


def test_enter_in_the_find_bar_at_its_last_match_goes_on_to_the_next_article(
    qtbot, library_window, tmp_path
):
    window = library_window
    searched(qtbot, window, tmp_path)
    window.menu_actions.find.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.edit, "river")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 2")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_article().title == "Second report")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1")
    assert window.reading_pane.textCursor().selectedText() == "river"


def test_without_a_search_f3_goes_round_the_article(qtbot, library_window, tmp_path):
    window = library_window
    searched(qtbot, window, tmp_path)
    window.search("")
    qtbot.waitUntil(lambda: window.shown.row_count() == 4)
    window.menu_actions.find.trigger()
    qtbot.keyClicks(window.find_bar.edit, "river")
    qtbot.waitUntil(lambda: window.find_bar.count.text() == "1 of 2")
    for expected in ("2 of 2", "1 of 2"):
        qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
        assert window.find_bar.count.text() == expected
    assert window.current_article().title == "Third report"
