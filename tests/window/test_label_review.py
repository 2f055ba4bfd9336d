"""Reviewing an imported label set in the window: its agreement, its suggestions accepted or
dismissed one article at a time (A, X) or all at once, and its disagreements exported."""

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_labels import labels_in_list, select_titles

from viewer.core.labels import REVIEW_SEPARATOR, encode_names
from viewer.ui.review_dialog import ReviewDialog


@pytest.fixture
def reviewing(qtbot, labelling):
    window = labelling
    keys = {a.title: a.content_key for a in window.model.articles()}
    # Yours: Oldest relevant, Middle unsure. The set's: Oldest relevant, Middle relevant,
    # Newest not relevant.
    select_titles(qtbot, window, "Oldest story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    select_titles(qtbot, window, "Middle story")
    qtbot.keyClick(window.list_view, Qt.Key.Key_3)
    theirs = {
        "Oldest story": ["Relevant"],
        "Middle story": ["Relevant"],
        "Newest story": ["Not relevant"],
    }
    window.marks.state.set_specs(
        "review",
        {f"model{REVIEW_SEPARATOR}{keys[t]}": encode_names(v) for t, v in theirs.items()},
    )
    return window, keys


def open_review(qtbot, window):
    window.labels.review.open.trigger()
    dialog = window.findChild(ReviewDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    return dialog


def test_the_review_shows_how_far_the_sets_agree(qtbot, reviewing):
    window, _keys = reviewing
    dialog = open_review(qtbot, window)
    assert dialog.set_box.currentText() == "model"
    assert "3 articles in the set; 2 of them are labelled by you too" in dialog.summary.text()
    rows = {
        dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in (1, 2, 3)]
        for r in range(dialog.table.rowCount())
    }
    # Over Oldest and Middle: Relevant agreed on one of two, Unsure on one of two.
    assert rows["Relevant"] == ["2", "50%", "0.00"]
    assert rows["Unsure"][1] == "50%"


def test_suggestions_are_taken_or_dismissed_one_article_at_a_time(qtbot, reviewing, articles):
    window, keys = reviewing
    dialog = open_review(qtbot, window)
    dialog.buttons["review"].click()
    strip = window.labels.strip
    assert window.select_path(str(articles / "c_middle.txt"))
    qtbot.waitUntil(
        lambda: strip.suggestion.isVisible() and "model: Relevant" in strip.suggestion.text()
    )
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: labels_in_list(window)["Middle story"] == "Relevant")
    assert "no suggestion" in strip.suggestion.text()
    assert window.select_path(str(articles / "b_newest.txt"))
    qtbot.waitUntil(lambda: "Not relevant" in strip.suggestion.text())
    qtbot.keyClick(window.list_view, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: "no suggestion" in strip.suggestion.text())
    assert labels_in_list(window)["Newest story"] == ""
    assert set(window.labels.labels.review_sets()["model"]) == {keys["Oldest story"]}


def test_accept_where_unlabelled_and_export_the_disagreements(
    qtbot, reviewing, tmp_path, monkeypatch
):
    window, _keys = reviewing
    target = tmp_path / "disagree.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    dialog = open_review(qtbot, window)
    dialog.buttons["export"].click()
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["title"], r["yours"], r["model"]) for r in rows] == [
        ("Middle story", "Unsure", "Relevant")
    ]
    dialog.buttons["fill"].click()
    qtbot.waitUntil(lambda: labels_in_list(window)["Newest story"] == "Not relevant")
    assert labels_in_list(window)["Middle story"] == "Unsure"  # yours are kept


def test_labels_imported_in_the_window_go_to_yours_or_to_a_set(
    qtbot, reviewing, articles, tmp_path
):
    import hashlib
    import json

    window, keys = reviewing
    sha = hashlib.sha256((articles / "d_undated.txt").read_bytes()).hexdigest()
    source = tmp_path / "theirs.jsonl"
    source.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"path": str(articles / "b_newest.txt"), "labels": ["Frame: economy"]},
                {"sha256": sha, "labels": ["Relevant"]},
                {"path": str(articles / "nowhere.txt"), "labels": ["x"]},
                "not an object",
            ]
        )
    )
    review = window.labels.review
    assert review.import_file(str(source), None) == 2
    assert "2 lines could not be used" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: labels_in_list(window)["Newest story"] == "Frame: economy")
    assert labels_in_list(window)["Undated story"] == "Relevant"
    assert "Frame: economy" in [d.name for d in window.labels.labels.defs()]  # in the set now
    assert labels_in_list(window)["Middle story"] == "Unsure"  # what was there stays
    assert review.import_file(str(source), "colleague") == 2
    assert set(window.labels.labels.review_sets()["colleague"]) == {
        keys["Newest story"],
        keys["Undated story"],
    }
