"""The timeline: bars of articles per period that follow the list, narrow it to a range dragged
across or clicked, compare searches and export; over a list in memory and one the index serves."""

import csv
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

import pytest
from conftest import open_and_wait, wait_for_text_index
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from viewer.library.timeline_model import VALUE_ROLE

WORDS = ("river", "harbour", "market")


def write_news(folder, count=40):
    """Articles over five months, a word each in turn, and two without a date."""
    folder.mkdir()
    for n in range(count):
        day = date(2024, 1 + n % 5, 1 + (n * 7) % 28)
        word = WORDS[n % 3]
        (folder / f"{n:03}.txt").write_text(
            f"Story {n:03}\n\n{'World' if n % 2 else 'Arts'}\n\n"
            f"Published: {day.isoformat()} 10:00\n"
            f"Updated: {date(2025, 1 + n % 3, 2).isoformat()} 08:00\n\n"
            f"The {word} story number {n}.\n"
        )
    for n in range(2):
        (folder / f"undated{n}.txt").write_text(f"Undated {n}\n\nArts\n\nThe river again.\n")


def written(folder):
    """Each file's (published month, updated month, section, word) read back from the text."""
    found = []
    for path in sorted(folder.iterdir()):
        text = path.read_text()
        published = re.search(r"Published: (\d{4})-(\d\d)", text)
        updated = re.search(r"Updated: (\d{4})-(\d\d)", text)
        found.append(
            (
                date(int(published[1]), int(published[2]), 1) if published else None,
                date(int(updated[1]), int(updated[2]), 1) if updated else None,
                text.split("\n")[2],
                next((w for w in WORDS if f"The {w}" in text), None),
            )
        )
    return found


def table(window):
    """The counts model as (period, total, series values…) rows, numbers as numbers."""
    model = window.timeline.controls.model
    return [
        tuple(model.index(r, c).data(VALUE_ROLE) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def by_month(pairs):
    """Month label → count, from (month start or None) values, as the timeline labels them."""
    counts = Counter(f"{d:%b} {d.year}" if d else "no date" for d in pairs)
    return dict(counts)


def show_timeline(qtbot, window, period="month"):
    window.menu_actions.timeline.trigger()
    qtbot.waitUntil(lambda: window.timeline.controls is not None)  # made a moment later
    controls = window.timeline.controls
    assert controls.dock.isVisible()
    assert window.menu_actions.timeline.isChecked()
    box = controls.pane.period_box
    box.setCurrentIndex(box.findData(period))
    settle(qtbot, window)
    return controls


def settle(qtbot, window):
    controls = window.timeline.controls
    qtbot.waitUntil(lambda: not controls.counting.busy() and controls.model.rowCount() > 0)


def bar_point(chart, x, y_fraction=0.5):
    """The chart's viewport point over bar ``x`` at ``y_fraction`` of the plot's height."""
    box = chart.getPlotItem().getViewBox()
    (low, high) = box.viewRange()[1]
    scene = box.mapViewToScene(QPointF(x, low + (high - low) * y_fraction))
    return chart.mapFromScene(scene)


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    write_news(folder)
    return folder


@pytest.fixture
def news_window(qtbot, library_window, news):
    open_and_wait(qtbot, library_window, [news])
    wait_for_text_index(qtbot, library_window)
    library_window.finish()
    return library_window


def test_the_timeline_counts_every_article_per_month_and_those_with_no_date(
    qtbot, news_window, news
):
    controls = show_timeline(qtbot, news_window)
    expected = by_month(p for p, _u, _s, _w in written(news))
    rows = table(news_window)
    assert {period: total for period, total in rows if total} == expected
    assert rows[-1] == ("no date", 2)
    assert sum(total for _p, total in rows) == len(list(news.iterdir()))
    assert controls.chart.bar_count() == len(rows) - 1
    # By updated date: other periods, and every article without one in "no date".
    controls.pane.field_box.setCurrentIndex(controls.pane.field_box.findData("updated"))
    qtbot.waitUntil(lambda: table(news_window)[0][0] == "Jan 2025")
    expected = by_month(u for _p, u, _s, _w in written(news))
    assert {p: t for p, t in table(news_window) if t} == expected


def test_a_filter_shows_as_the_matching_share_of_each_period(qtbot, news_window, news):
    controls = show_timeline(qtbot, news_window)
    box = news_window.list_pane.section_box
    qtbot.waitUntil(lambda: box.findData("World") >= 0)  # the box is filled as rows come
    news_window.list_pane.choose_section("World")
    qtbot.waitUntil(lambda: controls.model.columnCount() == 4)
    settle(qtbot, news_window)
    files = written(news)
    totals = by_month(p for p, _u, _s, _w in files)
    world = by_month(p for p, _u, s, _w in files if s == "World")
    assert controls.model.headerData(2, Qt.Orientation.Horizontal) == "Shown in the list"
    for period, total, matched, share in table(news_window):
        if total:
            assert matched == world.get(period, 0)
            assert share == pytest.approx(100.0 * world.get(period, 0) / totals[period])
    controls.pane.share_button.click()
    assert controls.chart.getPlotItem().getAxis("left").labelText == "% of the period"
    # The hover line names the period, its count and the share, as plain text.
    chart = controls.chart
    QTest.mouseMove(chart.viewport(), bar_point(chart, 0))
    first = table(news_window)[0]
    qtbot.waitUntil(lambda: controls.pane.status.text().startswith(f"{first[0]}: {first[1]} "))
    assert f"Shown in the list: {first[2]} ({first[3]:.1f} %)" in controls.pane.status.text()


def test_a_drag_across_the_bars_narrows_the_list_and_the_chip_clears_it(qtbot, news_window, news):
    controls = show_timeline(qtbot, news_window)
    chart = controls.chart
    months = [p for p, _t in table(news_window)]
    viewport = chart.viewport()
    QTest.mousePress(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar_point(chart, 1)
    )
    for x in (1.3, 1.8, 2.4, 3.0):
        QTest.mouseMove(viewport, bar_point(chart, x))
    assert chart.selection() == (1, 3)
    assert news_window.proxy.rowCount() == len(list(news.iterdir()))  # not before the release
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar_point(chart, 3)
    )
    inside = {months[1], months[2], months[3]}
    expected = sum(1 for p, _u, _s, _w in written(news) if p and f"{p:%b} {p.year}" in inside)
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == expected)
    chip = controls.pane.range_chip
    assert chip.isVisible() and chip.text() == f"Published: {months[1]} – {months[3]}  ✕"
    assert f"{expected} of " in news_window.count_label.text()
    # The range and a search combine.
    news_window.search("river")
    river = sum(
        1 for p, _u, _s, w in written(news) if w == "river" and p and f"{p:%b} {p.year}" in inside
    )
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == river)
    chip.click()
    assert not chip.isVisible() and chart.selection() is None
    rivers = sum(1 for *_rest, w in written(news) if w == "river")  # the undated ones too
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == rivers)


def test_a_click_on_a_bar_shows_its_period_and_a_click_beside_or_escape_clears(
    qtbot, news_window, news
):
    controls = show_timeline(qtbot, news_window)
    chart, viewport = controls.chart, controls.chart.viewport()
    rows = table(news_window)
    QTest.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        bar_point(chart, 2, 0.02),
    )
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == rows[2][1])
    assert controls.pane.range_chip.text() == f"Published: {rows[2][0]}  ✕"
    # Beside the bars (between two of them): every date again.
    QTest.mouseClick(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar_point(chart, -0.55)
    )
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == len(list(news.iterdir())))
    assert not controls.pane.range_chip.isVisible()
    # The "no date" bar shows the articles without one; Escape in the chart clears.
    QTest.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        bar_point(chart, chart.undated_x(), 0.02),
    )
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == 2)
    titles = {news_window.proxy.index(r, 0).data() for r in range(2)}
    assert titles == {"Undated 0", "Undated 1"}
    QTest.keyClick(chart, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == len(list(news.iterdir())))
    # Closing the timeline never leaves the list narrowed unseen.
    controls.pick_bars(0, 0)
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == rows[0][1])
    news_window.menu_actions.timeline.trigger()
    assert not controls.dock.isVisible()
    qtbot.waitUntil(lambda: news_window.proxy.rowCount() == len(list(news.iterdir())))


def test_searches_compared_are_series_of_their_own_and_export_as_csv(
    qtbot, news_window, news, tmp_path
):
    controls = show_timeline(qtbot, news_window)
    pane = controls.pane
    for word in ("river", "market"):
        pane.compare_edit.setText(word)
        QTest.keyClick(pane.compare_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controls.model.columnCount() == 6)
    settle(qtbot, news_window)
    assert list(pane.query_chips()) == ["river", "market"]
    files = written(news)
    river = by_month(p for p, _u, _s, w in files if w == "river")
    market = by_month(p for p, _u, _s, w in files if w == "market")
    rows = table(news_window)
    for period, _total, rivers, _share, markets, _mshare in rows[:-1]:
        assert (rivers, markets) == (river.get(period, 0), market.get(period, 0))
    assert rows[-1][:3] == ("no date", 2, 2)  # the undated articles say "river"
    out = tmp_path / "timeline.csv"
    assert controls.export_to(out, "csv")
    with out.open(encoding="utf-8", newline="") as read:
        lines = list(csv.reader(read))
    header = ["period start", "total", "river count", "river share %"]
    assert lines[0] == [*header, "market count", "market share %"]
    assert len(lines) == len(rows) + 1
    starts = [date.fromisoformat(line[0]) for line in lines[1:-1]]
    assert [f"{d:%b} {d.year}" for d in starts] == [r[0] for r in rows[:-1]]
    for line, row in zip(lines[1:-1], rows[:-1], strict=True):
        assert [int(line[1]), int(line[2]), int(line[4])] == [row[1], row[2], row[4]]
        assert float(line[3]) == pytest.approx(row[3], abs=0.01)
    assert lines[-1][:3] == ["no date", "2", "2"]
    # Six are too many; a chip's ✕ takes one away.
    for word in ("harbour", "story", "number", "again"):
        pane.compare_edit.setText(word)
        QTest.keyClick(pane.compare_edit, Qt.Key.Key_Return)
    assert len(controls.counting.queries) == 5
    pane.query_chips()["river"].click()
    qtbot.waitUntil(lambda: "river" not in pane.query_chips())
    settle(qtbot, news_window)
    assert controls.model.headerData(2, Qt.Orientation.Horizontal) == "market"


def test_a_query_is_text_everywhere(qtbot, news_window):
    controls = show_timeline(qtbot, news_window)
    controls.add_query("<b>river</b>")
    qtbot.waitUntil(lambda: controls.model.columnCount() == 4)
    chip = controls.pane.query_chips()["<b>river</b>"]
    assert chip.text().startswith("<b>river</b>")
    legend = controls.chart._legend
    assert legend is not None
    assert any("&lt;b&gt;" in label.text for _sample, label in legend.items)


def test_the_chart_exports_as_png_and_svg(qtbot, news_window, tmp_path):
    controls = show_timeline(qtbot, news_window)
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    assert controls.export_to(png, "png") and controls.export_to(svg, "svg")
    image = QImage(str(png))
    ratio = controls.chart.devicePixelRatioF()
    assert not image.isNull()
    assert (image.width(), image.height()) == (
        round(controls.chart.width() * ratio),
        round(controls.chart.height() * ratio),
    )
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert any(el.text == "no date" for el in root.iter() if el.text)
    # A folder that cannot be written: a message, no file, no half file.
    blocked = tmp_path / "missing" / "chart.png"
    messages = []
    controls.message.connect(lambda text, _ms: messages.append(text))
    assert not controls.export_to(blocked, "png")
    assert messages and messages[-1].startswith("Could not export")
    assert not blocked.parent.exists()


def test_the_chart_follows_the_theme(qtbot, news_window):
    controls = show_timeline(qtbot, news_window)
    chart = controls.chart
    for theme in ("dark", "sepia", "light"):
        news_window.reading.set_theme(theme)
        QApplication.processEvents()
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        assert chart.backgroundBrush().color() == base
        axis = chart.getPlotItem().getAxis("bottom")
        assert axis.textPen().color() == QApplication.palette().color(QPalette.ColorRole.Text)


def test_the_timeline_follows_files_that_come_and_go(qtbot, news_window, news):
    controls = show_timeline(qtbot, news_window)
    before = dict((p, t) for p, t in table(news_window))
    (news / "new.txt").write_text("New one\n\nArts\n\nPublished: 2024-02-10 10:00\n\nText.\n")
    (news / "000.txt").unlink()  # January
    qtbot.waitUntil(
        lambda: dict(table(news_window)).get("Feb 2024") == before["Feb 2024"] + 1, timeout=20000
    )
    qtbot.waitUntil(lambda: dict(table(news_window)).get("Jan 2024") == before["Jan 2024"] - 1)
    assert controls.chart.bar_count() == len(table(news_window)) - 1


def test_the_counts_model_is_a_sound_model(qtbot, qtmodeltester, news_window):
    controls = show_timeline(qtbot, news_window)
    controls.add_query("river")
    qtbot.waitUntil(lambda: controls.model.columnCount() == 4)
    qtmodeltester.check(controls.model)


def test_start_up_loads_neither_pyqtgraph_nor_numpy(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from viewer.window import MainWindow\n"
        "window = MainWindow(index_path=None, state_folder=None)\n"
        "window.finish()\n"
        "print(sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    import os

    env = {**os.environ, **env}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_ctrl_t_shows_and_hides_the_timeline(qtbot, news_window):
    news_window.activateWindow()
    QTest.keyClick(news_window.list_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: news_window.timeline.controls is not None)
    controls = news_window.timeline.controls
    qtbot.waitUntil(controls.dock.isVisible)
    QTest.keyClick(news_window.list_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not controls.dock.isVisible())
    assert not news_window.menu_actions.timeline.isChecked()


def test_the_timeline_counts_rows_as_they_stream_in(qtbot, library_window, tmp_path):
    folder = tmp_path / "many"
    write_news(folder, count=600)  # more than are listed at once: they stream in
    library_window.finish()
    library_window.menu_actions.timeline.trigger()
    qtbot.waitUntil(lambda: library_window.timeline.controls is not None)
    controls = library_window.timeline.controls
    box = controls.pane.period_box
    box.setCurrentIndex(box.findData("month"))
    drawn = []
    controls.counting.counted.connect(
        lambda: drawn.append(sum(t for _p, t in table(library_window)))
    )
    open_and_wait(qtbot, library_window, [folder])
    expected = by_month(p for p, _u, _s, _w in written(folder))
    qtbot.waitUntil(lambda: {p: t for p, t in table(library_window) if t} == expected)
    assert drawn and drawn[-1] == len(list(folder.iterdir()))
    assert drawn == sorted(drawn)  # it only grew


def compare_folder(qtbot, window, controls, name):
    """Choose the smart folder ``name`` from the strip's Folders menu."""
    menu = controls.pane.folders_menu
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text() == name)
    action.trigger()
    qtbot.waitUntil(lambda: name in controls.pane.query_chips())
    settle(qtbot, window)


def test_a_smart_folder_compared_keeps_its_section(qtbot, news_window, news):
    news_window.folders.model.add("World rivers", "river", "World", "")
    controls = show_timeline(qtbot, news_window)
    compare_folder(qtbot, news_window, controls, "World rivers")
    files = written(news)
    expected = by_month(p for p, _u, s, w in files if w == "river" and s == "World")
    got = {p: m for p, _t, m, _s in table(news_window)[:-1] if m}
    assert got == expected and expected
