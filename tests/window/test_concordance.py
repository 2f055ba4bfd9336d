"""The concordance pane: the search's words in context across the listed articles, sorted,
opened at their hit, exported, and stopped."""

import csv
import re

import pytest
from conftest import open_and_wait, wait_for_text_index
from PySide6.QtCore import Qt

from viewer.library.concordance_model import HIT, LEFT, RIGHT, TITLE

BODIES = {
    "a.txt": ("Mill report", "2021-03-01", "The river rose at the mill.\nA river barge sank."),
    "b.txt": ("Bridge news", "2022-07-09", "Nobody crossed the River Lane bridge today."),
    "c.txt": ("Quiet day", "2020-01-02", "Nothing happened anywhere near the water."),
    "d.txt": (
        "Flood watch",
        "2023-11-30",
        "Rivers are high; the river wardens walk the river path.",
    ),
}


def write_news(folder):
    folder.mkdir()
    for name, (title, date, body) in BODIES.items():
        (folder / name).write_text(f"{title}\n\nWorld\n\nPublished: {date} 10:00\n\n{body}\n")


def independent_hits():
    """(title, the hit, the text after it) of every "river" as a whole word, any case."""
    found = []
    for title, _date, body in BODIES.values():
        for match in re.finditer(r"\briver\b", body, re.IGNORECASE):
            found.append((title, match.group(), body[match.end() :].replace("\n", " ")))
    return found


def concordance_of(qtbot, window, query, rows=3):
    window.search(query)
    qtbot.waitUntil(lambda: window.shown.row_count() == rows)
    window.menu_actions.concordance.trigger()
    controls = window.concordance.controls
    qtbot.waitUntil(lambda: controls.dock.isVisible() and not controls.building())
    return controls


@pytest.fixture
def news_window(qtbot, library_window, tmp_path):
    """A window with the news folder listed and its text indexed."""
    write_news(tmp_path / "news")
    open_and_wait(qtbot, library_window, [tmp_path / "news"])
    wait_for_text_index(qtbot, library_window)
    return library_window


def cells(model, row):
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_every_hit_of_the_search_is_a_line_aligned_on_its_word(qtbot, news_window, tmp_path):
    window = news_window
    controls = concordance_of(qtbot, window, "river")
    model = controls.model
    expected = independent_hits()
    assert model.rowCount() == len(expected) == 5
    seen = []
    for row in range(model.rowCount()):
        line = cells(model, row)
        seen.append((line[TITLE], line[HIT], line[RIGHT]))
        assert model.index(row, LEFT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignRight
    assert sorted(seen) == sorted(expected)
    assert controls.pane.summary.text() == "5 hits in 3 articles"
    fixed = model.index(0, LEFT).data(Qt.ItemDataRole.FontRole)
    assert fixed.fixedPitch() or fixed.family() == model.fixed_font().family()


def test_lines_sort_by_the_word_after_the_hit_and_narrow_to_the_width(qtbot, news_window, tmp_path):
    window = news_window
    controls = concordance_of(qtbot, window, "river")
    model, pane = controls.model, controls.pane
    pane.order.setCurrentText("1R: the word after")
    after = [cells(model, row)[RIGHT].split()[0].strip(".;").casefold() for row in range(5)]
    assert after == sorted(after) == ["barge", "lane", "path", "rose", "wardens"]
    pane.width_box.setValue(10)
    assert all(len(cells(model, row)[LEFT]) <= 10 for row in range(5))
    assert cells(model, 0)[RIGHT] == " barge san"


def test_enter_on_a_line_opens_its_article_at_that_hit(qtbot, news_window, tmp_path):
    window = news_window
    controls = concordance_of(qtbot, window, "river")
    pane, table = controls.pane, controls.pane.table
    pane.order.setCurrentText("1R: the word after")
    table.setFocus()
    table.setCurrentIndex(controls.model.index(4, 0))  # "river wardens", the 2nd in its body
    qtbot.keyClick(table, Qt.Key.Key_Return)
    reading = window.reading_pane

    def at_hit():
        article = reading.article()
        cursor = reading.textCursor()
        return article is not None and article.title == "Flood watch" and cursor.hasSelection()

    qtbot.waitUntil(at_hit)
    cursor = reading.textCursor()
    assert cursor.selectedText() == "river"
    text = reading.toPlainText()
    assert text[cursor.selectionEnd() :].startswith("river"[5:] + " wardens")
    assert window.current_article().title == "Flood watch"


def test_the_concordance_exports_as_tsv_in_the_order_shown(qtbot, news_window, tmp_path):
    window = news_window
    controls = concordance_of(qtbot, window, "river")
    controls.pane.order.setCurrentText("Date")
    out = tmp_path / "lines.tsv"
    controls.export_to(out, tabs=True)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, dialect="excel-tab"))
    assert rows[0] == ["path", "title", "published", "left", "hit", "right", "offset"]
    assert [row[1] for row in rows[1:]] == ["Mill report"] * 2 + ["Bridge news"] + [
        "Flood watch"
    ] * 2
    first = rows[1]
    assert first[0] == str(tmp_path / "news" / "a.txt") and first[2].startswith("2021-03-01")
    assert (first[3], first[4], first[6]) == ("The ", "river", "4")
    assert "Exported 5 lines" in window.statusBar().currentMessage()


def test_without_a_search_the_pane_says_how_to_fill_it(qtbot, library_window, tmp_path):
    window = library_window
    write_news(tmp_path / "news")
    open_and_wait(qtbot, window, [tmp_path / "news"])
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    controls = window.concordance.controls
    qtbot.waitUntil(lambda: controls is not None and controls.dock.isVisible())
    pane = controls.pane
    assert pane.stack.currentWidget() is pane.empty
    assert "Ctrl+K" in pane.empty.text() and controls.model.rowCount() == 0
    assert window.menu_actions.concordance.isChecked()
    controls.dock.close()
    assert not window.menu_actions.concordance.isChecked()


def test_unreadable_and_vanished_files_leave_the_others_lines(qtbot, news_window, tmp_path):
    window = news_window
    window.search("river")
    qtbot.waitUntil(lambda: window.shown.row_count() == 3)
    window.session.watcher.blockSignals(True)  # the list keeps them: the files are read again
    (tmp_path / "news" / "b.txt").unlink()  # listed, found by the search, then gone
    (tmp_path / "news" / "a.txt").write_bytes(b"\x00\x01\xff" * 5000)
    window.menu_actions.concordance.trigger()
    controls = window.concordance.controls
    qtbot.waitUntil(lambda: controls.dock.isVisible() and not controls.building())
    titles = {cells(controls.model, row)[TITLE] for row in range(controls.model.rowCount())}
    assert titles == {"Flood watch"}
    assert controls.pane.summary.text() == "2 hits in 1 article · 2 articles could not be read"


def test_the_lines_model_passes_the_model_tester(qtmodeltester, tmp_path):
    from viewer.core.article import Article
    from viewer.core.concordance import article_lines
    from viewer.core.search_query import parse_query
    from viewer.core.text_search import term_patterns
    from viewer.library.concordance_model import ConcordanceModel

    model = ConcordanceModel()
    patterns = term_patterns(parse_query("river").terms)
    for number, (title, _date, body) in enumerate(BODIES.values()):
        article = Article(path=str(tmp_path / f"{number}.txt"), title=title)
        model.add([(article, article_lines(number, body, patterns))])
    model.set_order("1L: the word before")
    qtmodeltester.check(model)
    assert model.rowCount() == len(independent_hits())


def test_stop_keeps_the_lines_found_so_far(qtbot, library_window, tmp_path):
    window = library_window
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1000):
        (folder / f"{n:04}.txt").write_text(f"Report {n}\n\nThe river ran by house {n}.\n")
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    window.search("river")
    qtbot.waitUntil(lambda: window.shown.row_count() == 1000)
    window.menu_actions.concordance.trigger()
    controls = window.concordance.controls
    controls.stop()
    qtbot.waitUntil(lambda: not controls.building())
    assert controls.model.rowCount() < 1000
    assert controls.pane.summary.text().endswith("· stopped")
    assert controls.pane.stop_button.isHidden()


def test_a_concordance_stops_at_its_limit_and_says_so(qtbot, news_window, monkeypatch):
    import viewer.library.concordance_builder as builder_module

    monkeypatch.setattr(builder_module, "MAX_LINES", 3)
    window = news_window
    controls = concordance_of(qtbot, window, "river")
    assert controls.model.rowCount() == 3
    assert controls.pane.summary.text().endswith("· the first 3: narrow the search for the rest")
