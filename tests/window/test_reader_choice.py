"""Nothing opens or is marked read that the reader did not choose; what they read stays put."""

from PySide6.QtCore import QPoint, Qt

from viewer.library.article_model import COL_PUBLISHED, COL_TITLE
from viewer.library.session import SYNC_LIMIT


def make_folder(folder, count, *, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:05d}.txt").write_text(
            f"Story number {n}\n\nWorld\n\nPublished: 2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n\n"
            f"Body of story {n}, about the harbour{' and the bridge' if n % 2 else ''}.\n"
        )
    return folder


def unread(window):
    return window.model.unread_count()


def shown(window):
    article = window.reading_pane.article()
    return article.title if article is not None else None


def current(window):
    article = window.current_article()
    return article.title if article is not None else None


def test_loading_filtering_and_searching_open_and_mark_nothing(qtbot, library_window, tmp_path):
    window = library_window
    folder = make_folder(tmp_path / "big", SYNC_LIMIT * 10)
    window.open_paths([folder])
    assert window.is_loading()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=30000)
    window.keyboard.focus_filter()
    qtbot.keyClicks(window.filter_edit, "story")  # typed while rows arrive
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        pass
    assert shown(window) is None and current(window) is None
    total = window.model.rowCount()
    assert unread(window) == total
    qtbot.waitUntil(lambda: window.session.text_index_idle(), timeout=60000)
    for query in ("harbour", "bridge", "nothing-matches-this"):
        window.search(query)
        assert shown(window) is None
        assert unread(window) == total
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert shown(window) is None and current(window) is None  # no jump to the first article
    assert "Choose an article" in window.reading_pane.plain_text()


def test_the_article_being_read_stays_through_filters_sorts_and_loading(
    qtbot, library_window, tmp_path
):
    window = library_window
    make_folder(tmp_path / "few", 40)
    window.open_paths([tmp_path / "few"])
    window.select_path(str(tmp_path / "few" / "00007.txt"))
    assert shown(window) == current(window) == "Story number 7"
    marks = unread(window)

    window.keyboard.focus_filter()
    qtbot.keyClicks(window.filter_edit, "number 7")  # still listed: still selected
    assert current(window) == "Story number 7"
    qtbot.keyClicks(window.filter_edit, "0000")  # "number 70000" hides it: it stays on show
    assert window.proxy.rowCount() == 0
    assert shown(window) == "Story number 7" and current(window) is None
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert current(window) == shown(window) == "Story number 7"

    qtbot.waitUntil(lambda: window.session.text_index_idle(), timeout=60000)
    window.search("bridge")  # story 7 has a bridge: it stays selected
    assert current(window) == "Story number 7"
    window.search("")

    header = window.list_view.header()
    x = header.sectionViewportPosition(COL_TITLE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert current(window) == shown(window) == "Story number 7"

    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([make_folder(tmp_path / "more", SYNC_LIMIT * 4, start=100)])
    assert current(window) == shown(window) == "Story number 7"
    assert unread(window) == marks + SYNC_LIMIT * 4  # the new rows are unread, nothing else


def test_a_restart_brings_back_the_article_and_the_place(qtbot, settings_dir, tmp_path):
    from viewer.app import start_session
    from viewer.window.main_window import MainWindow

    folder = make_folder(tmp_path / "lib", SYNC_LIMIT * 3)
    target = folder / "00123.txt"
    target.write_text(
        "The long one\n\nWorld\n\nPublished: 2020-01-01\n\n"
        + "\n".join(f"Paragraph {n} " + "word " * 60 for n in range(80))
    )
    index = tmp_path / "index.sqlite3"
    state = tmp_path / "state"
    first = MainWindow(index_path=index, state_folder=state)
    qtbot.addWidget(first)
    first.show()
    with qtbot.waitSignal(first.loadingFinished, timeout=60000):
        start_session(first, [str(folder)])
    first.select_path(str(target))
    bar = first.reading_pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = top_paragraph(first)
    assert place > 10
    first.close()

    second = MainWindow(index_path=index, state_folder=state)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.loadingFinished, timeout=60000):
        start_session(second, [])  # no arguments: the last session, before the window shows
    second.show()  # as the app does: the pane gets its real size only now
    qtbot.waitExposed(second)
    assert shown(second) == current(second) == "The long one"
    assert abs(top_paragraph(second) - place) <= 1  # the same lines at the top of the view


def top_paragraph(window):
    """The number of the paragraph at the top of the reading pane."""
    pane = window.reading_pane
    text = pane.cursorForPosition(QPoint(pane.viewport().width() // 2, 0)).block().text()
    return int(text.split()[1])


def test_a_sort_keeps_the_article_in_view(qtbot, library_window, tmp_path):
    window = library_window
    make_folder(tmp_path / "many", 200)
    window.open_paths([tmp_path / "many"])
    window.select_path(str(tmp_path / "many" / "00150.txt"))
    header = window.list_view.header()
    x = header.sectionViewportPosition(COL_PUBLISHED) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    index = window.list_view.currentIndex()
    assert window.list_view.viewport().rect().contains(window.list_view.visualRect(index))


def test_coming_back_to_an_article_shows_the_same_lines(qtbot, library_window, tmp_path):
    window = library_window
    folder = tmp_path / "two"
    folder.mkdir()
    long_body = "\n".join(f"Paragraph {n} " + "word " * 60 for n in range(80))
    (folder / "a.txt").write_text(f"Long one\n\nPublished: 2022-01-02\n\n{long_body}\n")
    (folder / "b.txt").write_text("Short one\n\nPublished: 2022-01-01\n\nJust this.\n")
    window.open_paths([folder])
    window.navigation.select_row(0)
    bar = window.reading_pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    place = top_paragraph(window)
    for _ in range(4):
        window.navigation.next_article()
        window.navigation.previous_article()
        assert shown(window) == "Long one"
        assert top_paragraph(window) == place
