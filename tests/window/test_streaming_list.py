"""A big listing reads true and holds still: counts, order, the row under the pointer."""

import re

from conftest import titles
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCursor

from viewer.library.article_model import COL_TITLE


def make_folder(folder, count, *, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        # Titles that sort in a different order from the file names, so rows keep moving.
        (folder / f"{n:05d}.txt").write_text(
            f"{(n * 7919) % 10007:05d} story\n\nWorld\n\nPublished: 2021-01-01\n\nBody {n}.\n"
        )
    return folder


def sort_by_title(qtbot, window):
    header = window.list_view.header()
    x = header.sectionViewportPosition(COL_TITLE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_the_status_counts_files_of_this_open(qtbot, library_window, tmp_path):
    window = library_window
    make_folder(tmp_path / "first", 400)
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([tmp_path / "first"])
    seen: list[tuple[str, int]] = []

    def look():
        if window.loading_status.label.isVisible():
            seen.append((window.loading_status.label.text(), window.model.rowCount() - 400))

    window.session.loadingProgress.connect(lambda *_: look())
    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(5)
    with qtbot.waitSignal(window.loadingFinished, timeout=120000):
        window.open_paths([make_folder(tmp_path / "second", 6000, start=400)])
    timer.stop()
    counted = [re.fullmatch(r"Listing ([\d,]+) of ([\d,]+) files…", text) for text, _ in seen]
    assert seen and all(
        m is not None or text == "Listing files…"
        for m, (text, _) in zip(counted, seen, strict=True)
    )
    for match, (_text, rows) in zip(counted, seen, strict=True):
        if match is None:
            continue
        listed, found = (int(g.replace(",", "")) for g in match.groups())
        assert 0 < found <= 6000 and listed <= found
        assert listed == rows  # the rows of this open the list holds, not rows in hand
    assert window.model.rowCount() == 6400


def test_rows_under_a_sort_arrow_are_always_in_order(qtbot, library_window, tmp_path):
    window = library_window
    sort_by_title(qtbot, window)
    descending = window.list_view.header().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    checks: list[bool] = []

    def check():
        shown = titles(window)
        checks.append(shown == sorted(shown, reverse=descending))

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(3)  # whenever the event loop is free, which is when the list can be painted
    with qtbot.waitSignal(window.loadingFinished, timeout=120000):
        window.open_paths([make_folder(tmp_path / "big", 8000)])
    timer.stop()
    check()
    assert len(checks) > 5 and all(checks)


def test_the_row_scrolled_to_stays_while_rows_stream_in(qtbot, library_window, tmp_path):
    window = library_window
    view = window.list_view
    sort_by_title(qtbot, window)
    # Rows to scroll in first, then many more that sort in among them: however fast the
    # listing is, the second open sorts rows into place at least once.
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([make_folder(tmp_path / "first", 1500)])
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    top = view.indexAt(QPoint(5, 0)).data()
    moves = []
    window.proxy.layoutChanged.connect(lambda *_: moves.append(view.indexAt(QPoint(5, 0)).data()))
    with qtbot.waitSignal(window.loadingFinished, timeout=120000):
        window.open_paths([make_folder(tmp_path / "second", 8000, start=1500)])
    assert window.model.rowCount() == 9500
    assert moves, "rows were sorted into place while the reader looked"
    assert set(moves) == {top}


def test_a_click_while_rows_stream_in_opens_the_row_that_was_clicked(
    qtbot, library_window, tmp_path
):
    window = library_window
    view = window.list_view
    sort_by_title(qtbot, window)
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([make_folder(tmp_path / "first", 1500)])
    point = QPoint(40, view.viewport().height() // 2)
    QCursor.setPos(view.viewport().mapToGlobal(point))
    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(view.viewport().underMouse, timeout=5000)
    seen = view.indexAt(point).data()  # what the reader sees under the pointer...
    resorts = []
    window.proxy.layoutChanged.connect(lambda *_: resorts.append(1))
    window.open_paths([make_folder(tmp_path / "second", 20000, start=1500)])
    # Rows that sort in among those on show: the first batch is sorted into place at once.
    qtbot.waitUntil(lambda: len(resorts) >= 1, timeout=60000)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)  # ...and clicks
    assert window.reading_pane.article().title == seen
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=120000)
    assert window.current_article().title == seen
