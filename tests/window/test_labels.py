"""Labelling from the keyboard: keys on the selected articles, the starter set, undo, advancing,
the Labels column and the chips, the label set edited, and the labels kept over restarts."""

from conftest import open_and_wait
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox

from viewer.library.article_model import COL_LABELS, COL_TITLE
from viewer.ui.label_set_dialog import LabelSetDialog


def labels_in_list(window):
    """Title → what the Labels column says, for every row."""
    model = window.list_view.model()
    return {
        model.index(r, COL_TITLE).data(): model.index(r, COL_LABELS).data() or ""
        for r in range(model.rowCount())
    }


def select_titles(qtbot, window, *titles):
    view = window.list_view
    model = view.model()
    selection = view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(model.rowCount()):
        if model.index(row, COL_TITLE).data() in titles:
            selection.select(model.index(row, 0), flags)
            selection.setCurrentIndex(
                model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )


def test_a_key_labels_the_selected_articles_and_ctrl_z_takes_it_back(qtbot, labelling):
    window = labelling
    assert window.list_view.horizontalHeader().isSectionHidden(COL_LABELS)  # none yet
    select_titles(qtbot, window, "Oldest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)  # first use: the starter set comes
    assert [d.name for d in window.labels.labels.defs()] == ["Relevant", "Not relevant", "Unsure"]
    assert window.statusBar().currentMessage() == "Labelled article: Relevant"
    qtbot.waitUntil(lambda: labels_in_list(window)["Oldest story"] == "Relevant")
    assert not window.list_view.horizontalHeader().isSectionHidden(COL_LABELS)
    # Several at once; a second press takes the label off them all.
    select_titles(qtbot, window, "Newest story", "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: labels_in_list(window)["Middle story"] == "Unsure")
    assert labels_in_list(window)["Newest story"] == "Unsure"
    qtbot.keyClick(window.list_view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: labels_in_list(window)["Newest story"] == "")
    # Ctrl+Z: back to "Unsure" on both, then back to nothing.
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: labels_in_list(window)["Newest story"] == "Unsure")
    qtbot.keyClick(window.list_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: labels_in_list(window)["Middle story"] == "")
    assert labels_in_list(window)["Oldest story"] == "Relevant"
    # A key no label has says so.
    qtbot.keyClick(window.list_view, Qt.Key.Key_9)
    assert "No label has the key 9" in window.statusBar().currentMessage()


def test_labels_show_as_chips_over_the_article_and_advance_moves_on(qtbot, labelling, articles):
    window = labelling
    window.labels.labels.offer_starter()
    window.labels.advance.setChecked(True)
    assert window.select_path(str(articles / "a_oldest.txt"))
    qtbot.waitUntil(lambda: window.reading_pane.article() is not None)
    first = window.navigation.current_row()
    qtbot.keyClick(window.list_view, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: window.navigation.current_row() == first + 1)  # on to the next
    assert window.select_path(str(articles / "a_oldest.txt"))
    strip = window.labels.strip
    qtbot.waitUntil(lambda: strip.isVisible() and strip.texts() == ["Not relevant"])
    chip = strip.chips[0]
    assert chip.textFormat() == Qt.TextFormat.PlainText
    assert chip.palette().color(chip.backgroundRole()).name() == "#c62828"
    # A typed digit in the filter field is text, not a label.
    window.filter_edit.setFocus()
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_1)
    assert window.filter_edit.text() == "1"
    key = window.reading_pane.article().content_key
    assert window.labels.labels.of(key) == ("Not relevant",)


def test_the_label_set_is_edited_and_renames_carry_the_labels_given(qtbot, labelling):
    window = labelling
    select_titles(qtbot, window, "Oldest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: labels_in_list(window)["Oldest story"] == "Relevant")
    window.labels.edit.trigger()
    dialog = window.findChild(LabelSetDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.table.item(0, 0).setText("On topic")
    dialog.add_label()
    dialog.table.item(3, 0).setText("Unsure")  # a name twice: not to be kept
    assert not ok.isEnabled() and "same name" in dialog.problem.text()
    dialog.table.item(3, 0).setText("Frame: conflict")
    dialog.set_colour(3, "#1565c0")
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: labels_in_list(window)["Oldest story"] == "On topic")
    assert [(d.name, d.key) for d in window.labels.labels.defs()] == [
        ("On topic", "1"),
        ("Not relevant", "2"),
        ("Unsure", "3"),
        ("Frame: conflict", "4"),
    ]
    select_titles(qtbot, window, "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: labels_in_list(window)["Middle story"] == "Frame: conflict")


def test_labels_are_kept_over_a_restart_and_follow_a_renamed_file(
    qtbot, labelling, make_window, articles
):
    window = labelling
    select_titles(qtbot, window, "Oldest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: labels_in_list(window)["Oldest story"] == "Relevant")
    window.close()
    (articles / "a_oldest.txt").rename(articles / "renamed.txt")
    again = make_window()
    open_and_wait(qtbot, again, [articles])
    again.finish()
    qtbot.waitUntil(lambda: labels_in_list(again)["Oldest story"] == "Relevant")
    assert not again.list_view.horizontalHeader().isSectionHidden(COL_LABELS)


def test_a_search_finds_articles_by_their_labels_and_follows_new_labels(qtbot, labelling):
    window = labelling
    select_titles(qtbot, window, "Oldest story", "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: labels_in_list(window)["Middle story"] == "Relevant")
    window.search("label:RELEVANT")  # names fold as words do
    qtbot.waitUntil(lambda: set(labels_in_list(window)) == {"Oldest story", "Middle story"})
    window.search("-label:relevant paragraph")
    qtbot.waitUntil(lambda: set(labels_in_list(window)) == {"Newest story", "Undated story"})
    window.search("nolabel:")
    qtbot.waitUntil(lambda: set(labels_in_list(window)) == {"Newest story", "Undated story"})
    # Labelling one more: the search is answered again.
    select_titles(qtbot, window, "Newest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: set(labels_in_list(window)) == {"Undated story"})
    window.search('label:"not relevant" OR label:relevant')
    qtbot.waitUntil(lambda: len(labels_in_list(window)) == 3)


def served_and_labelled(qtbot, make_window, tmp_path, wanted, label):
    """A served list of 60 articles, the ``wanted`` titles given ``label``."""
    from test_served_library import served_window, write_library

    folder = tmp_path / "news"
    write_library(folder, 60)
    window = served_window(qtbot, make_window, folder)
    window.finish()
    keys = {a.title: a.content_key for a in window.shown.listed_articles()}
    window.labels.labels.offer_starter()
    window.labels.labels.toggle([keys[t] for t in wanted], label)
    return window


def test_a_served_list_searches_labels_too(qtbot, make_window, tmp_path):
    from test_served_library import shown_titles

    wanted = ["Harbour report 000", "Storm report 004"]
    window = served_and_labelled(qtbot, make_window, tmp_path, wanted, "Relevant")
    window.search("label:relevant")
    qtbot.waitUntil(lambda: window.shown.view_known() and sorted(shown_titles(window)) == wanted)
    model = window.list_view.model()
    assert model.index(0, COL_LABELS).data() == "Relevant"


def test_labels_are_a_facet_with_counts(qtbot, labelling):
    window = labelling
    box = window.list_pane.facet_boxes["label"]
    assert not box.isVisible()  # no label yet
    select_titles(qtbot, window, "Oldest story", "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    select_titles(qtbot, window, "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: box.isVisible() and box.findData("Relevant") >= 0)
    items = [box.itemText(i) for i in range(box.count())]
    assert items == ["All labels", "Relevant (2)", "Unsure (1)"]
    window.list_pane.choose_facet("label", "Unsure")
    qtbot.waitUntil(lambda: set(labels_in_list(window)) == {"Middle story"})
    window.list_pane.choose_facet("label", None)
    qtbot.waitUntil(lambda: len(labels_in_list(window)) == 4)


def test_a_served_list_has_the_label_facet_too(qtbot, make_window, tmp_path):
    from test_served_library import shown_titles

    wanted = ["Council report 001", "River report 002", "Storm report 004"]
    window = served_and_labelled(qtbot, make_window, tmp_path, wanted, "Unsure")
    box = window.list_pane.facet_boxes["label"]
    qtbot.waitUntil(lambda: box.findData("Unsure") >= 0)
    assert box.itemText(box.findData("Unsure")) == "Unsure (3)"
    window.list_pane.choose_facet("label", "Unsure")
    qtbot.waitUntil(lambda: window.shown.view_known() and sorted(shown_titles(window)) == wanted)


def test_the_list_exported_as_csv_carries_the_labels(qtbot, labelling, tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    window = labelling
    select_titles(qtbot, window, "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    qtbot.keyClick(window.list_view, Qt.Key.Key_3)
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    with qtbot.waitSignal(window.csvExported, timeout=10000):
        window.menu_actions.export_csv.trigger()
    with target.open(encoding="utf-8") as handle:
        rows = {r["title"]: r["labels"] for r in csv.DictReader(handle)}
    assert rows["Middle story"] == "Relevant; Unsure"
    assert rows["Oldest story"] == ""


def test_file_export_labels_writes_the_labelled_articles_as_json_lines(
    qtbot, labelling, articles, tmp_path, monkeypatch
):
    import hashlib
    import json

    from PySide6.QtWidgets import QFileDialog

    window = labelling
    select_titles(qtbot, window, "Oldest story", "Newest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_2)
    target = tmp_path / "labels.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    window.menu_actions.export_labels.trigger()
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    by_title = {r["title"]: r for r in records}
    assert set(by_title) == {"Oldest story", "Newest story"}
    oldest = by_title["Oldest story"]
    assert oldest["labels"] == ["Not relevant"] and oldest["published"] == "2019-01-05T10:00:00"
    path = articles / "a_oldest.txt"
    assert oldest["path"] == str(path)
    assert oldest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_labels_follow_a_file_edited_in_place(qtbot, labelling, articles):
    window = labelling
    select_titles(qtbot, window, "Oldest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: labels_in_list(window)["Oldest story"] == "Relevant")
    path = articles / "a_oldest.txt"
    path.write_text(path.read_text().replace("Oldest story", "Oldest story, revised", 1))
    qtbot.waitUntil(lambda: "Oldest story, revised" in labels_in_list(window), timeout=20000)
    assert labels_in_list(window)["Oldest story, revised"] == "Relevant"
