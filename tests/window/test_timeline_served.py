"""The timeline over a library the index serves: its counts, its range and a smart folder
compared, read from the index in the counting thread."""

from collections import Counter
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_served_library import served_window, write_library
from test_timeline import bar_point, compare_folder, settle, show_timeline, table


def test_the_timeline_and_its_range_over_a_served_library(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 90)  # published 2021-MM-DD, month n % 12 + 1
    window = served_window(qtbot, make_window, folder)
    window.finish()
    controls = show_timeline(qtbot, window)
    expected = Counter(f"{date(2021, n % 12 + 1, 1):%b} 2021" for n in range(90))
    assert {p: t for p, t in table(window) if t} == dict(expected)
    assert table(window)[-1] == ("no date", 0)
    window.search("harbour")  # WORDS[n % 5] == "harbour": n % 5 == 0
    qtbot.waitUntil(lambda: controls.model.columnCount() == 4)
    settle(qtbot, window)
    harbour = Counter(f"{date(2021, n % 12 + 1, 1):%b} 2021" for n in range(0, 90, 5))
    assert {p: m for p, t, m, _s in table(window) if m} == dict(harbour)
    # A click on March: the served list shows March's harbour reports.
    chart = controls.chart
    march = [p for p, *_ in table(window)].index("Mar 2021")
    QTest.mouseClick(
        chart.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        bar_point(chart, march, 0.02),
    )
    qtbot.waitUntil(
        lambda: window.shown.view_known() and window.shown.row_count() == harbour["Mar 2021"]
    )
    model = window.list_view.model()
    titles = sorted(model.index(r, 0).data() for r in range(model.rowCount()))
    wanted = sorted(f"Harbour report {n:03}" for n in range(0, 90, 5) if n % 12 == 2)
    assert titles == wanted
    controls.pane.range_chip.click()
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.row_count() == 18)


def test_a_smart_folder_compared_over_a_served_library(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 90)
    window = served_window(qtbot, make_window, folder)
    window.finish()
    window.folders.model.add("Arts storms", "storm", "Arts", "")
    controls = show_timeline(qtbot, window)
    compare_folder(qtbot, window, controls, "Arts storms")
    # WORDS[n % 5] == "storm" and SECTIONS[n % 3] == "Arts"
    expected = Counter(
        f"{date(2021, n % 12 + 1, 1):%b} 2021" for n in range(90) if n % 5 == 4 and n % 3 == 1
    )
    assert {p: m for p, _t, m, _s in table(window)[:-1] if m} == dict(expected)
