"""A first open of a folder too big to hold in memory: the list goes over to the index."""

import contextlib
import sqlite3

import pytest
from conftest import open_and_wait, wait_for_text_index
from test_served_library import SECTIONS, WORDS, shown_titles

import viewer.library.session as session_module

FOLDERS, PER_FOLDER = 8, 20


def write_folders(root):
    """Eight folders of twenty articles; the titles they hold."""
    titles = []
    for f in range(FOLDERS):
        folder = root / f"year-{2010 + f}"
        folder.mkdir(parents=True)
        for n in range(PER_FOLDER):
            word = WORDS[n % len(WORDS)]
            title = f"{word.title()} report {f}-{n:02}"
            titles.append(title)
            (folder / f"{n:02}.txt").write_text(
                f"{title}\n\n{SECTIONS[n % 3]}\n\nPublished: {2010 + f}-03-{n + 1:02} 10:00\n\n"
                f"The {word} story has a few words, and a zebra in {n % 4} of them.\n"
            )
    return titles


@pytest.fixture(autouse=True)
def listed_in_background(monkeypatch):
    """Folders of more than ten files are listed in the background, as big ones are."""
    monkeypatch.setattr(session_module, "SYNC_LIMIT", 10)


def window_serving_from(make_window, big_library):
    """A new window that serves a list from the index once it knows ``big_library`` files."""
    window = make_window()
    window.session.served.big_library = big_library
    return window


def test_a_first_open_too_big_to_hold_is_served_from_the_index(qtbot, make_window, tmp_path):
    titles = write_folders(tmp_path / "news")
    window = window_serving_from(make_window, 50)
    memory = window.session.model
    labels = []
    window.session.loadingProgress.connect(
        lambda *_: labels.append(window.loading_status.label.text())
    )
    outcome = open_and_wait(qtbot, window, [tmp_path / "news"])
    assert window.shown.served_from_index()
    assert window.list_view.model() is window.shown.indexed
    # Nothing held in memory; however far the listing had come when it stopped, the index
    # listed the rest behind the list.
    assert memory.rowCount() == 0
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.total() == len(titles))
    assert sorted(shown_titles(window)) == sorted(titles)
    assert shown_titles(window)[0] == "Storm report 7-19"  # newest first
    assert outcome.listed == len(titles) and not outcome.cancelled
    assert all(text.startswith("Listing") for text in labels)  # a first open lists
    assert any(f"of {len(titles)} files" in text for text in labels)
    qtbot.waitUntil(lambda: window.count_label.text() == f"{len(titles)} articles · 160 unread")
    wait_for_text_index(qtbot, window)
    window.search('"zebra in 3 of"')
    qtbot.waitUntil(lambda: window.shown.view_known() and len(shown_titles(window)) == 40)


def test_the_next_open_of_that_folder_is_served_at_once(qtbot, make_window, tmp_path):
    titles = write_folders(tmp_path / "news")
    first = window_serving_from(make_window, 50)
    open_and_wait(qtbot, first, [tmp_path / "news"])
    first.close()
    window = window_serving_from(make_window, 50)
    window.open_paths([tmp_path / "news"])
    assert window.shown.served_from_index()  # the index knows them all now
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.total() == len(titles))
    assert window.session.model.rowCount() == 0


def test_a_small_first_open_stays_in_memory(qtbot, make_window, tmp_path):
    titles = write_folders(tmp_path / "news")
    window = window_serving_from(make_window, 1000)
    open_and_wait(qtbot, window, [tmp_path / "news"])
    assert not window.shown.served_from_index()
    assert window.session.model.rowCount() == len(titles)


def test_what_the_listing_had_to_say_is_said_once_the_list_is_served(qtbot, make_window, tmp_path):
    titles = write_folders(tmp_path / "news")
    window = window_serving_from(make_window, 50)
    # An older viewer put its index in the place of this one's before the folder is opened.
    for old in tmp_path.glob("index.sqlite3*"):
        old.unlink()
    with contextlib.closing(sqlite3.connect(tmp_path / "index.sqlite3")) as db:
        db.execute("PRAGMA user_version = 2")
    outcome = open_and_wait(qtbot, window, [tmp_path / "news"])
    assert window.shown.served_from_index()
    assert outcome.warning == "The library index was from another version and was rebuilt."
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.total() == len(titles))
    assert "rebuilt" in window.statusBar().currentMessage()
