"""A big library the index knows is served from it: the list, its filters and the keyboard."""

from conftest import open_and_wait, wait_for_text_index
from PySide6.QtCore import Qt

from viewer.library.article_model import ARTICLE_ROLE

SECTIONS = ["World", "Arts", "Sport"]
WORDS = ["harbour", "council", "river", "market", "storm"]


def write_library(folder, count):
    folder.mkdir()
    for n in range(count):
        word = WORDS[n % len(WORDS)]
        (folder / f"{n:03}.txt").write_text(
            f"{word.title()} report {n:03}\n\n{SECTIONS[n % 3]}\n\n"
            f"Published: 2021-{n % 12 + 1:02}-{n % 28 + 1:02} 10:00\n\n"
            f"The {word} story number {n} has a few words, and a zebra in {n % 7} of them.\n"
        )


def served_window(qtbot, make_window, folder):
    """A window opening ``folder`` a second time, with the index serving its list."""
    first = make_window()
    open_and_wait(qtbot, first, [folder])
    wait_for_text_index(qtbot, first)
    first.close()
    window = make_window()
    window.session.served.big_library = 50
    window.open_paths([folder])
    assert window.shown.served_from_index()
    assert window.list_view.model() is window.shown.indexed
    assert window.loading_status.label.text() == "Checking files…"  # not listed: checked
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.total() > 0, timeout=20000)
    qtbot.waitUntil(lambda: "Counting" not in window.count_label.text())
    return window


def shown_titles(window):
    model = window.list_view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_list_comes_from_the_index_sorted_and_counted(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 90)
    window = served_window(qtbot, make_window, folder)
    model = window.list_view.model()
    assert model.rowCount() == 90
    dates = [model.index(r, 0).data(ARTICLE_ROLE).published for r in range(90)]
    assert dates == sorted(dates, reverse=True)  # newest first, as the list always starts
    qtbot.waitUntil(lambda: window.count_label.text() == "90 articles · 90 unread")
    window.list_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: window.shown.view_known())
    titles = shown_titles(window)
    assert titles == sorted(titles, key=str.casefold)
    assert len(titles) == 90


def test_filter_sections_and_search_narrow_the_served_list(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 90)
    window = served_window(qtbot, make_window, folder)
    qtbot.keyClicks(window.filter_edit, "storm")
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == 18)
    assert all(t.startswith("Storm") for t in shown_titles(window))
    qtbot.waitUntil(lambda: window.count_label.text().startswith("18 of 90 shown"))
    window.shown.set_section("arts")
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == 6)
    window.shown.set_section(None)
    window.filter_edit.clear()
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == 90)
    window.search("zebra in 3")
    expected = sum(1 for n in range(90) if n % 7 == 3)
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == expected)
    qtbot.waitUntil(lambda: f"{expected} articles match" in window.list_pane.note.text())


def test_reading_and_moving_through_the_served_list(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    target = str(folder / "017.txt")
    assert window.select_path(target)
    qtbot.waitUntil(
        lambda: (
            window.reading_pane.article() is not None
            and window.reading_pane.article().path == target
        )
    )
    assert window.current_article().path == target
    row = window.navigation.current_row()
    assert window.navigation.next_article()
    assert window.navigation.current_row() == row + 1
    # Read now: the first row is no longer bold, and "next unread" passes over read ones.
    model = window.list_view.model()
    qtbot.waitUntil(
        lambda: (
            not model.index(row, 0).data(Qt.ItemDataRole.FontRole)
            or not model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
        )
    )
    window.navigation.select_row(0)
    qtbot.waitUntil(lambda: window.shown.unread() <= 57)
    read = {r for r in range(60) if window.shown.is_read_at(r)}
    assert len(read) == 60 - window.shown.unread()
    assert window.navigation.next_unread()
    landed = window.navigation.current_row()
    assert landed not in read
    assert all(r in read for r in range(1, landed))  # the first unread one after the top


def test_hide_read_and_remove_from_list_in_the_served_list(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    window.navigation.select_row(0)
    first = window.current_article().path
    window.navigation.next_article()
    second = window.current_article().path
    qtbot.waitUntil(lambda: window.shown.unread() == 58)
    window.reading.set_hide_read(True)
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.row_count() == 59)
    shown = set(map(lambda a: a.path, window.shown.listed_articles()))
    assert first not in shown and second in shown  # the one on show stays
    window.reading.set_hide_read(False)
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.row_count() == 60)
    window.select_path(first)
    window.files.remove_selected()
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.row_count() == 59)
    assert first not in {a.path for a in window.shown.listed_articles()}
    qtbot.waitUntil(lambda: window.shown.total() == 59)
    assert not window.shown.is_listed(first)
    assert (folder / "000.txt").exists()  # the file is left alone


def test_a_file_opened_into_a_served_list_is_listed(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    loose = tmp_path / "loose.txt"
    loose.write_text("Loose article\n\nWorld\n\nPublished: 2030-01-01 10:00\n\nIts body.\n")
    window.open_paths([loose])
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.total() == 61)
    qtbot.waitUntil(
        lambda: (
            window.reading_pane.article() is not None
            and window.reading_pane.article().path == str(loose)
        )
    )
    assert window.shown.row_count() == 61


def test_the_disk_is_checked_behind_the_served_list(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 60)
    first = make_window()
    open_and_wait(qtbot, first, [folder])
    wait_for_text_index(qtbot, first)
    first.close()
    # While the viewer was closed: one file added, one changed, one deleted.
    (folder / "new.txt").write_text(
        "Aardvark found\n\nWorld\n\nPublished: 2040-01-01 10:00\n\nIt.\n"
    )
    (folder / "001.txt").write_text(
        "Rewritten title\n\nArts\n\nPublished: 2039-01-01 10:00\n\nNew.\n"
    )
    (folder / "002.txt").unlink()
    window = make_window()
    window.session.served.big_library = 50
    with qtbot.waitSignal(window.loadingFinished, timeout=30000):
        window.open_paths([folder])
    assert window.shown.served_from_index()
    qtbot.waitUntil(lambda: window.shown.view_known() and "Aardvark found" in shown_titles(window))
    titles = shown_titles(window)
    assert titles[:2] == ["Aardvark found", "Rewritten title"]  # newest first
    assert window.shown.total() == 60
    assert "River report 002" not in titles and len(titles) == 60
    # And again with Reload, while it is open.
    (folder / "003.txt").unlink()
    with qtbot.waitSignal(window.loadingFinished, timeout=30000):
        window.files.reload()
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == 59)
    assert "Market report 003" not in shown_titles(window)
    qtbot.waitUntil(lambda: window.shown.total() == 59)


def test_a_served_library_is_live(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=20000)  # its folders are watched
    (folder / "new.txt").write_text(
        "Aardvark found\n\nWorld\n\nPublished: 2040-01-01 10:00\n\nIt.\n"
    )
    qtbot.waitUntil(lambda: "Aardvark found" in shown_titles(window), timeout=20000)
    assert window.select_path(str(folder / "new.txt"))
    qtbot.waitUntil(lambda: window.reading_pane.article() is not None)
    (folder / "new.txt").write_text(
        "Aardvark lost\n\nWorld\n\nPublished: 2040-01-01 10:00\n\nIt.\n"
    )
    qtbot.waitUntil(lambda: window.reading_pane.article().title == "Aardvark lost", timeout=20000)
    qtbot.waitUntil(lambda: "Aardvark lost" in shown_titles(window), timeout=20000)
    (folder / "004.txt").unlink()
    qtbot.waitUntil(lambda: "Storm report 004" not in shown_titles(window), timeout=20000)
    qtbot.waitUntil(lambda: window.shown.total() == 60)


def test_the_served_list_exports_as_csv_in_its_order(qtbot, make_window, tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    window.filter_edit.setText("council")
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == 12)
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    with qtbot.waitSignal(window.csvExported, timeout=20000) as blocker:
        window.menu_actions.export_csv.trigger()
    assert blocker.args[1:] == [12, ""]
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == shown_titles(window)
    assert all(r["words"] for r in rows)


def test_an_index_that_cannot_be_read_is_said_and_never_raises(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    window.shown.indexed._reader.db.close()  # as if the file went bad under the list
    window.list_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    window.filter_edit.setText("storm")
    qtbot.waitUntil(lambda: "library index cannot be read" in window.statusBar().currentMessage())
    assert not window.select_path(str(folder / "001.txt"))
    assert not window.navigation.next_unread()
