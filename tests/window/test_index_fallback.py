"""Search never silently finds nothing: an unusable or deleted index falls back, and says so."""

import os
import time

import pytest
from conftest import open_and_wait, titles, wait_for_text_index

from viewer.library.session import SYNC_LIMIT


def make_folder(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:04d}.txt").write_text(
            f"Story {n}\n\nWorld\n\nPublished: 2021-01-01\n\nAbout the harbour, number {n}.\n"
        )
    return folder


@pytest.fixture
def window_with_index(qtbot, settings_dir):
    from viewer.window.main_window import MainWindow

    made = []

    def make(index_path):
        window = MainWindow(index_path=index_path)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    return make


@pytest.mark.parametrize("blocked", ["a file in the way", "a folder in its place"])
def test_an_index_that_cannot_be_used_is_replaced_by_a_temporary_one(
    qtbot, window_with_index, tmp_path, blocked
):
    if blocked == "a file in the way":
        (tmp_path / "cache").write_text("a file where the cache folder should be")
        index = tmp_path / "cache" / "library.sqlite3"
    else:
        index = tmp_path / "cache" / "library.sqlite3"
        (index / "inside").mkdir(parents=True)  # a folder with something in it, in its place
    window = window_with_index(index)
    qtbot.waitUntil(lambda: "temporary index" in window.statusBar().currentMessage())
    assert window.session.index_path != index
    open_and_wait(qtbot, window, [make_folder(tmp_path / "lib", SYNC_LIMIT + 20)])
    wait_for_text_index(qtbot, window)
    window.search("number 7")
    assert "Story 7" in titles(window)
    temporary = window.session.index_path
    window.close()
    assert not temporary.exists()  # gone with the session


def test_an_index_deleted_while_the_viewer_runs_is_made_again(qtbot, library_window, tmp_path):
    window = library_window
    folder = make_folder(tmp_path / "lib", 40)
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    window.search("harbour")
    assert len(titles(window)) == 40
    index = window.session.index_path
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(str(index) + suffix):
            os.remove(str(index) + suffix)
    added = folder / "new.txt"
    added.write_text("Fresh story\n\nWorld\n\nPublished: 2021-02-02\n\nThe zeppelin landed.\n")
    os.utime(added, ns=(time.time_ns(), time.time_ns() + 10**9))
    qtbot.waitUntil(lambda: window.model.row_of(str(added)) is not None, timeout=10000)
    qtbot.waitUntil(window.session.text_index_idle, timeout=60000)
    window.search("zeppelin")
    assert titles(window) == ["Fresh story"]
    window.search("harbour")  # the others are indexed again too
    qtbot.waitUntil(lambda: (window.search("harbour"), len(titles(window)))[1] == 40)
