"""Start-up paints the window first, with its list and article; what waits for that paint (the
text index) still comes, and comes even when the window is never painted."""

from conftest import titles


def test_the_first_paint_shows_the_list_and_the_article_then_the_text_is_indexed(
    qtbot, settings_dir, articles
):
    from PySide6.QtCore import QEvent, QObject

    from viewer.app import build_window

    chosen = articles / "c_middle.txt"
    _app, window = build_window([str(chosen), str(articles)], [])
    qtbot.addWidget(window)
    seen = []

    class Paint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not seen:
                shown = window.reading_pane.article()
                seen.append((len(titles(window)), shown.path if shown else None))
                seen.append(window.session.indexing_text())
            return False

    probe = Paint()
    window.reading_pane.viewport().installEventFilter(probe)
    # Built and shown, the article read and the list made: its text is indexed only later.
    assert window.session.indexing_text() == (0, 0)
    assert not window.session.text_index_idle()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen == [(4, str(chosen)), (0, 0)]  # the whole list and the article, at first paint
    qtbot.waitUntil(window.session.text_index_idle, timeout=60000)
    window.search("paragraph")  # words of the bodies: only the text index holds them
    assert len(titles(window)) == 4


def test_work_waiting_for_a_first_paint_runs_after_it(qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QTextBrowser

    from viewer.ui.first_paint import after_first_paint

    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setPlainText("words")
    order = []

    class Paint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                order.append("painted")
            return False

    probe = Paint()
    browser.viewport().installEventFilter(probe)
    after_first_paint(browser.viewport(), lambda: order.append("work"))
    browser.show()
    qtbot.waitUntil(lambda: "work" in order, timeout=5000)
    assert order[0] == "painted"
    qtbot.wait(50)
    assert order.count("work") == 1  # once, however often it paints


def test_work_waiting_for_a_first_paint_runs_when_none_comes(qtbot):
    from PySide6.QtWidgets import QWidget

    from viewer.ui.first_paint import PAINT_WAIT_MS, after_first_paint

    widget = QWidget()  # never shown: never painted
    qtbot.addWidget(widget)
    done = []
    after_first_paint(widget, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=PAINT_WAIT_MS + 5000)
    assert done == [True]


def test_a_window_closed_before_its_first_paint_never_starts_indexing(
    qtbot, settings_dir, articles
):
    from viewer.app import build_window

    _app, window = build_window([str(articles)], [])
    qtbot.addWidget(window)
    window.close()
    qtbot.wait(100)
    assert window.session.indexing_text() is None  # nothing held, nothing running
    assert window.session.text_index_idle()


# --- the rest of the window, after the first frame ---------------------------------------------


def _when(widget, kind, then):
    """Call ``then`` from inside the first event of ``kind`` that ``widget`` gets."""
    from PySide6.QtCore import QObject

    class Probe(QObject):
        def eventFilter(self, watched, event):
            if event.type() == kind:
                watched.removeEventFilter(self)
                then()
            return False

    probe = Probe(widget)
    widget.installEventFilter(probe)
    return probe


def test_the_first_frame_has_the_menu_titles_and_the_rest_comes_after_it(
    qtbot, settings_dir, articles
):
    from PySide6.QtCore import QEvent

    from viewer.app import build_window
    from viewer.window.main_window import MENU_TITLES

    _app, window = build_window([str(articles)], [])
    qtbot.addWidget(window)
    assert not window.finished()
    seen = []

    def painting():
        # What the paint shows: the bar with its titles (its height is in the layout), the
        # list, the count; the menus' entries are not made yet.
        bar = super(type(window), window).menuBar()
        seen.append(window.finished())
        seen.append([action.text() for action in bar.actions()])
        seen.append(window.count_label.text())

    _when(window.reading_pane.viewport(), QEvent.Type.Paint, painting)
    qtbot.waitUntil(window.finished, timeout=5000)
    assert seen == [False, list(MENU_TITLES), "4 articles · 4 unread"]
    assert window.menu_actions.open.shortcuts()  # the entries and their shortcuts, now
    assert window.find_bar.isHidden()


def test_a_shortcut_pressed_as_the_window_takes_keys_works(qtbot, settings_dir, articles):
    from PySide6.QtCore import QEvent, Qt

    from viewer.app import build_window

    _app, window = build_window([str(articles)], [])
    qtbot.addWidget(window)
    pressed = []

    def focused():
        # The window is active and its list has the keys, before the window has painted.
        pressed.append(window.finished())
        qtbot.keyClick(window.list_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        pressed.append(window.reading_pane.zoom())  # View ▸ Zoom In, by its shortcut
        qtbot.keyClick(window.list_view, Qt.Key.Key_Space)  # a key the list's pane takes
        shown = window.current_article()
        pressed.append(shown.title if shown else None)

    _when(window.list_view, QEvent.Type.FocusIn, focused)
    window.activateWindow()
    qtbot.waitUntil(lambda: len(pressed) == 3, timeout=5000)
    assert pressed[0] is False  # pressed before the rest of the window was built
    assert pressed[1] > 100
    assert pressed[2] == "Newest story"  # Space with nothing on show: the first unread


def test_a_menu_opened_before_the_paint_has_its_entries(qtbot, settings_dir, articles):
    from viewer.window.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    go = super(MainWindow, window).menuBar().actions()[3].menu()
    assert go.isEmpty() and not window.finished()
    go.aboutToShow.emit()  # as it opens
    assert "&Next Article" in [action.text() for action in go.actions()]


def test_the_first_frame_looks_as_the_finished_window(qtbot, settings_dir, articles):
    from PySide6.QtCore import QEvent, QTimer

    from viewer.app import build_window

    window_and_app = build_window([str(articles / "c_middle.txt"), str(articles)], [])
    window = window_and_app[1]
    qtbot.addWidget(window)
    frames = []

    def grab():
        frames.append((window.finished(), window.grab().toImage()))

    # Posted at the paint ahead of the rest of the window, so it grabs the first frame.
    _when(window.reading_pane.viewport(), QEvent.Type.Paint, lambda: QTimer.singleShot(0, grab))
    qtbot.waitUntil(window.finished, timeout=5000)
    assert window.menu_actions.themes["system"].isChecked()
    finished = window.grab().toImage()
    assert frames[0][0] is False
    assert frames[0][1] == finished  # pixel for pixel


def test_a_window_closed_before_its_first_paint_builds_no_more(qtbot, settings_dir, articles):
    from viewer.window.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_paths([articles])
    window.close()
    qtbot.wait(1200)  # past the wait for a paint that never comes
    assert not window.finished()
