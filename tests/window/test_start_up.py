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
