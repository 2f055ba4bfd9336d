"""A damaged reading-state database never stops the start: it is set aside, what can be read is
recovered, the window says so once, and the viewer goes on with a fresh file (issue 12, point 6).
Real damaged files, a real window."""

import os
import random
import sqlite3

import pytest
from conftest import bold, open_and_wait

from viewer.core.parser import content_key
from viewer.core.state.store import STATE_FILE, ReadingState, stored_encodings

FILLER = 1500  # read marks besides the articles': enough pages to damage one in the middle


def keys_by_title(window):
    return {a.title: a.content_key for a in window.model.articles()}


def stored(path, table):
    """The keys of ``table`` in the state file at ``path``, read by another connection that
    never makes the file: none while it is not made yet."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return set()
    try:
        return {row[0] for row in db.execute(f"SELECT key FROM {table}")}
    except sqlite3.OperationalError:  # made, but its tables not yet
        return set()
    finally:
        db.close()


def set_aside(folder):
    return sorted(folder.glob(f"{STATE_FILE}.damaged-*"))


@pytest.fixture
def state_folder(tmp_path):
    """The reading-state folder the windows of ``make_window`` share."""
    folder = tmp_path / "state"
    folder.mkdir()
    return folder


def test_a_garbage_state_file_is_set_aside_and_the_viewer_goes_on(
    qtbot, make_window, articles, state_folder
):
    garbage = b"this is no database " * 300
    (state_folder / STATE_FILE).write_bytes(garbage)

    window = make_window()

    message = window.statusBar().currentMessage()
    [kept] = set_aside(state_folder)
    assert kept.read_bytes() == garbage  # the reader's file, as it was
    assert "damaged" in message and kept.name in message
    open_and_wait(qtbot, window, [articles])
    window.select_path(str(articles / "c_middle.txt"))
    assert not bold(window, "Middle story")
    window.close()
    assert keys_by_title(window)["Middle story"] in stored(state_folder / STATE_FILE, "read")

    again = make_window()
    assert "damaged" not in again.statusBar().currentMessage()  # the next start is quiet
    assert set_aside(state_folder) == [kept]
    open_and_wait(qtbot, again, [articles])
    assert not bold(again, "Middle story")
    assert bold(again, "Oldest story")


def test_a_bad_page_is_set_aside_and_what_can_be_read_is_recovered(
    qtbot, make_window, articles, state_folder
):
    keys = {
        title: content_key((articles / name).read_bytes())
        for title, name in [
            ("Oldest story", "a_oldest.txt"),
            ("Newest story", "b_newest.txt"),
            ("Middle story", "c_middle.txt"),
            ("Undated story", "d_undated.txt"),
        ]
    }
    state_file = state_folder / STATE_FILE
    # A real state: the articles read among many others, two places, a chosen encoding.
    marks = [f"{n:024x}" for n in range(FILLER)]
    marks[FILLER // 3] = keys["Oldest story"]
    marks[FILLER // 2] = keys["Middle story"]
    marks[2 * FILLER // 3] = keys["Newest story"]
    state = ReadingState(state_file)
    state.set_read(marks, True)
    state.set_position(keys["Middle story"], 0.5)
    state.set_position(keys["Oldest story"], 0.25)
    state.set_encoding(keys["Undated story"], "koi8_r")
    state.close()
    pages = state_file.stat().st_size // 4096
    with state_file.open("r+b") as file:
        file.seek(pages // 2 * 4096)
        file.write(random.Random(12).randbytes(4096))
    with pytest.raises(sqlite3.DatabaseError):
        stored(state_file, "read")  # the damage is real

    window = make_window()

    message = window.statusBar().currentMessage()
    [kept] = set_aside(state_folder)
    recovered = stored(state_file, "read")
    assert FILLER // 2 < len(recovered) < len(marks)  # most of it, not the bad page
    assert recovered <= set(marks)
    assert f"{len(recovered):,} read marks, 2 places and 1 encoding choice were recovered" in (
        message
    )
    assert kept.name in message
    assert stored_encodings(state_file) == {keys["Undated story"]: "koi8-r"}
    window.menu_actions.mark_policies["manual"].trigger()
    open_and_wait(qtbot, window, [articles])
    for title, key in keys.items():
        assert bold(window, title) == (key not in recovered), title
    window.close()

    again = make_window()
    assert "damaged" not in again.statusBar().currentMessage()
    assert stored(state_file, "read") == recovered
    assert len(set_aside(state_folder)) == 1


def test_a_folder_in_place_of_the_state_file_is_moved_aside(
    qtbot, make_window, articles, state_folder
):
    (state_folder / STATE_FILE).mkdir()
    (state_folder / STATE_FILE / "something.txt").write_text("the reader's")

    window = make_window()

    [kept] = set_aside(state_folder)
    assert kept.is_dir() and (kept / "something.txt").read_text() == "the reader's"
    assert "damaged" in window.statusBar().currentMessage()
    open_and_wait(qtbot, window, [articles])
    window.select_path(str(articles / "b_newest.txt"))
    window.close()
    assert (state_folder / STATE_FILE).is_file()

    again = make_window()
    assert "damaged" not in again.statusBar().currentMessage()
    open_and_wait(qtbot, again, [articles])
    assert not bold(again, "Newest story")
    assert bold(again, "Oldest story")


def test_a_zero_byte_state_file_is_just_a_new_one(qtbot, make_window, articles, state_folder):
    (state_folder / STATE_FILE).write_bytes(b"")

    window = make_window()

    assert window.statusBar().currentMessage() == ""
    assert set_aside(state_folder) == []
    open_and_wait(qtbot, window, [articles])
    window.select_path(str(articles / "b_newest.txt"))
    window.close()
    assert keys_by_title(window)["Newest story"] in stored(state_folder / STATE_FILE, "read")


def test_a_damaged_state_opened_without_a_window_is_recovered_too(tmp_path):
    path = tmp_path / STATE_FILE
    state = ReadingState(path)
    state.set_read([f"{n:024x}" for n in range(FILLER)], True)
    state.close()
    with path.open("r+b") as file:
        file.seek(os.path.getsize(path) // 2 // 4096 * 4096)
        file.write(b"\xff" * 4096)

    state = ReadingState(path)

    [notice] = state.take_notices()
    assert "damaged" in notice
    assert FILLER // 2 < len(state.read_keys) < FILLER
    state.close()
    assert stored(path, "read") == state.read_keys


def test_a_state_file_damaged_while_the_viewer_runs_is_written_afresh(
    qtbot, make_window, articles, state_folder
):
    window = make_window()
    open_and_wait(qtbot, window, [articles])
    window.select_path(str(articles / "a_oldest.txt"))
    state_file = state_folder / STATE_FILE
    key = keys_by_title(window)["Oldest story"]
    qtbot.waitUntil(lambda: key in stored(state_file, "read"))
    garbage = b"overwritten by something else " * 200
    state_file.write_bytes(garbage)

    window.select_path(str(articles / "b_newest.txt"))

    qtbot.waitUntil(lambda: "damaged while the viewer ran" in window.statusBar().currentMessage())
    [kept] = set_aside(state_folder)
    assert kept.read_bytes() == garbage
    assert kept.name in window.statusBar().currentMessage()
    newest = keys_by_title(window)["Newest story"]
    qtbot.waitUntil(lambda: {key, newest} <= stored(state_file, "read"))
    assert not window.state_mark.isVisible()
