"""Read marks, places and encodings are never lost silently: a locked, read-only, full or deleted
reading-state database is said so, the changes wait in memory and are written once it can be, or
on quit to a pending file the next start takes in (issue 12, point 7). Real files, a real window,
faults made by really locking, protecting, filling or deleting the file."""

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import bold, open_and_wait
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from viewer.core.appinfo import APP_ID, ORGANIZATION
from viewer.core.parser import content_key
from viewer.core.state.store import STATE_FILE

ROOT = Path(__file__).resolve().parents[2]
PENDING_FILE = "reading-state.pending.json"  # beside the state file, as README says
FAST = 0.5  # seconds: generous for a selection, and far below a busy timeout of seconds


def key_of(path):
    return content_key(Path(path).read_bytes())


def stored_read(path):
    """The read marks in the state file at ``path``, read by another connection."""
    db = sqlite3.connect(path, timeout=5)
    try:
        return {row[0] for row in db.execute("SELECT key FROM read")}
    finally:
        db.close()


@contextlib.contextmanager
def locked(path):
    """Another program holding the state file in the middle of a long write."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextlib.contextmanager
def read_only(path):
    """``path`` cannot be written: its mode for a user, its immutable flag for root (whom no
    mode stops)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("root writes whatever the mode, and chattr +i does not work here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def choose(window, path, *, timed=False):
    """Select the article at ``path`` as a click would; return how long that took."""
    row = window.proxy.mapFromSource(window.model.index(window.model.row_of(str(path)), 0))
    start = time.monotonic()
    window.list_view.setCurrentIndex(row)
    return time.monotonic() - start


@pytest.fixture
def state_file(tmp_path):
    return tmp_path / "state" / STATE_FILE


@pytest.fixture
def opened(qtbot, make_window, articles):
    """A window on the four articles, its state file written once."""
    window = make_window()
    open_and_wait(qtbot, window, [articles])
    choose(window, articles / "a_oldest.txt")
    qtbot.waitUntil(lambda: key_of(articles / "a_oldest.txt") in stored_read(_state(window)))
    return window


def _state(window):
    return window.marks.folder / STATE_FILE


def test_a_locked_database_neither_freezes_the_window_nor_loses_marks(
    qtbot, opened, articles, state_file
):
    window = opened
    newest, middle = articles / "b_newest.txt", articles / "c_middle.txt"
    with locked(state_file):
        took = choose(window, newest)
        assert took < FAST
        assert not bold(window, "Newest story")  # read, as far as the reader can see
        qtbot.waitUntil(window.state_mark.isVisible)
        assert "locked" in window.state_mark.toolTip()
        assert "cannot be saved right now: the database is locked" in (
            window.statusBar().currentMessage()
        )
        assert choose(window, middle) < FAST
        qtbot.keyClick(window.list_view, Qt.Key.Key_M)
        assert bold(window, "Middle story")
        qtbot.keyClick(window.list_view, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: not window.state_mark.isVisible(), timeout=10000)
    marks = stored_read(state_file)
    assert {key_of(newest), key_of(middle)} <= marks


@pytest.fixture
def restore_theme(qapp):
    """The application's style and palette as they were, after a test that changes theme."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleFactory

    style = qapp.style().name()
    yield
    qapp.setStyle(QStyleFactory.create(style))
    qapp.setPalette(QPalette())


@pytest.mark.parametrize("theme", ["light", "dark", "sepia"])
def test_the_unsaved_mark_stands_out_in_the_status_bar_in_every_theme(
    qtbot, opened, articles, state_file, restore_theme, theme
):
    from PySide6.QtGui import QPalette

    from viewer.core.colour_contrast import AA_BODY, contrast_ratio
    from viewer.ui.reading_colours import rgb
    from viewer.ui.state_mark import GAP, MARK_TEXT

    window = opened
    window.menu_actions.themes[theme].trigger()
    mark, count, bar = window.state_mark, window.count_label, window.statusBar()
    with locked(state_file):
        choose(window, articles / "b_newest.txt")
        qtbot.waitUntil(mark.isVisible)
        qtbot.waitUntil(lambda: mark.geometry().left() > count.geometry().right())
        assert mark.text() == MARK_TEXT
        assert not mark.icon.pixmap().isNull()  # the style's warning sign before the words
        assert mark.icon.geometry().right() < mark.label.geometry().left()
        # Apart from the unread count before it, by a gap of the status bar's own colour.
        assert mark.geometry().left() + GAP - count.geometry().right() >= GAP
        image = bar.grab().toImage()
        window_colour = rgb(bar.palette().color(QPalette.ColorRole.Window))
        middle = mark.geometry().center().y()
        gap = rgb(image.pixelColor(mark.geometry().left() + GAP // 2, middle))
        assert gap == window_colour
        # An amber ground of its own, the words in an amber that reads on it (WCAG AA).
        ground = rgb(image.pixelColor(mark.geometry().right() - 4, middle))
        assert ground == mark.colours()[0] and ground != window_colour
        ink = mark.colours()[1]
        assert contrast_ratio(ink, ground) >= AA_BODY
        assert ink != rgb(bar.palette().color(QPalette.ColorRole.WindowText))
        if os.environ.get("STATE_MARK_SHOT"):
            bar.grab().save(os.environ["STATE_MARK_SHOT"].replace(".png", f"-{theme}.png"))
    qtbot.waitUntil(lambda: not mark.isVisible(), timeout=10000)


def stored_read_nowait(path):
    """The read marks, or none when the file is locked or not made yet."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0)  # never makes it
        try:
            return {row[0] for row in db.execute("SELECT key FROM read")}
        finally:
            db.close()
    except sqlite3.OperationalError:
        return set()


def test_quitting_with_a_locked_database_keeps_the_marks_for_the_next_start(
    qtbot, opened, make_window, articles, state_file
):
    window = opened
    pending = state_file.with_name(PENDING_FILE)
    with locked(state_file):
        choose(window, articles / "b_newest.txt")
        start = time.monotonic()
        window.close()
        took = time.monotonic() - start
        assert took < 2.5  # it was 4 s: a second trying to write, then the pending file
        assert pending.is_file()
        assert key_of(articles / "b_newest.txt") in json.dumps(json.loads(pending.read_text()))
    assert key_of(articles / "b_newest.txt") not in stored_read(state_file)

    again = make_window()
    again.menu_actions.mark_policies["manual"].trigger()
    open_and_wait(qtbot, again, [articles])
    assert not bold(again, "Newest story")
    assert bold(again, "Middle story")
    qtbot.waitUntil(lambda: not pending.exists(), timeout=10000)
    assert key_of(articles / "b_newest.txt") in stored_read(state_file)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_or_folder_keeps_marks_until_it_can_be_written(
    qtbot, make_window, articles, state_file, what
):
    first = make_window()
    first.close()  # the state file exists, as after any earlier session
    protected = state_file if what == "file" else state_file.parent
    with read_only(protected):
        window = make_window()
        open_and_wait(qtbot, window, [articles])
        assert choose(window, articles / "b_newest.txt") < FAST
        assert not bold(window, "Newest story")
        qtbot.waitUntil(window.state_mark.isVisible)
        assert "cannot be saved" in window.state_mark.toolTip()
    qtbot.waitUntil(lambda: not window.state_mark.isVisible(), timeout=10000)
    assert key_of(articles / "b_newest.txt") in stored_read(state_file)


def test_a_full_database_keeps_marks_until_there_is_room(qtbot, make_window, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"{n:03}.txt").write_text(f"Story {n}\n\nWorld\n\nText of story {n}.\n")
    window = make_window()
    window.menu_actions.mark_policies["manual"].trigger()
    open_and_wait(qtbot, window, [folder])
    state = window.marks.state
    # A disk that is full, as SQLite meets it: no page beyond those the file has. (Filling a
    # real disk is not for a test.) Set on the viewer's own connection, under its lock.
    with state._db_lock:
        pages = state._db.execute("PRAGMA page_count").fetchone()[0]
        state._db.execute(f"PRAGMA max_page_count = {pages}")
    window.list_view.selectAll()
    window.menu_actions.toggle_read.trigger()  # Edit ▸ Mark as Read or Unread
    assert window.model.unread_count() == 0
    qtbot.waitUntil(window.state_mark.isVisible)
    assert "full" in window.state_mark.toolTip()
    with state._db_lock:
        state._db.execute("PRAGMA max_page_count = 1073741823")
    qtbot.waitUntil(lambda: not window.state_mark.isVisible(), timeout=10000)
    assert len(stored_read(_state(window))) == 300


def test_a_database_deleted_while_running_is_made_again_with_everything(
    qtbot, opened, make_window, articles, state_file
):
    window = opened
    state_file.unlink()
    choose(window, articles / "b_newest.txt")
    wanted = {key_of(articles / "a_oldest.txt"), key_of(articles / "b_newest.txt")}
    qtbot.waitUntil(lambda: wanted <= stored_read_nowait(state_file))
    window.close()

    again = make_window()
    again.menu_actions.mark_policies["manual"].trigger()
    open_and_wait(qtbot, again, [articles])
    assert not bold(again, "Oldest story")
    assert not bold(again, "Newest story")
    assert bold(again, "Middle story")


def test_a_mark_survives_the_viewer_being_killed(tmp_path, articles):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    runtime = tmp_path / "run"  # its own: no other viewer takes the files over
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    state_file = tmp_path / "data" / ORGANIZATION / APP_ID / STATE_FILE
    chosen = articles / "c_middle.txt"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(chosen)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Listening means the window is up and the named article was shown, so marked read.
        deadline = time.monotonic() + 60
        while not any(runtime.glob("*.sock")) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.05)
        assert any(runtime.glob("*.sock"))
        soon = time.monotonic() + 1.0  # written within a short time, not only at quit
        while time.monotonic() < soon and key_of(chosen) not in stored_read_nowait(state_file):
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    assert key_of(chosen) in stored_read(state_file)


def test_a_database_locked_at_the_start_is_read_once_it_is_free(
    qtbot, opened, make_window, articles, state_file
):
    opened.close()  # "Oldest story" is read, in the file
    with locked(state_file):
        start = time.monotonic()
        window = make_window()
        assert time.monotonic() - start < 3  # the start waits a moment, not for the lock
        assert "cannot be read or saved right now: the database is locked" in (
            window.statusBar().currentMessage()
        )
        assert window.state_mark.isVisible()
        window.menu_actions.mark_policies["manual"].trigger()
        open_and_wait(qtbot, window, [articles])
        assert bold(window, "Oldest story")  # not read from the file yet
        choose(window, articles / "b_newest.txt")
        window.menu_actions.toggle_read.trigger()  # Edit ▸ Mark as Read or Unread
        assert not bold(window, "Newest story")
    qtbot.waitUntil(lambda: not bold(window, "Oldest story"), timeout=10000)
    qtbot.waitUntil(lambda: not window.state_mark.isVisible())
    assert not bold(window, "Newest story")
    assert window.model.unread_count() == 2
    assert key_of(articles / "b_newest.txt") in stored_read(state_file)


def test_a_damaged_pending_file_is_set_aside(tmp_path):
    from viewer.core.state.store import ReadingState

    pending = tmp_path / PENDING_FILE
    pending.write_text('{"version": 1, "changes": [["read", "abc", [1.0]')  # cut short

    state = ReadingState(tmp_path / STATE_FILE)

    assert not pending.exists()
    assert pending.with_name(PENDING_FILE + ".damaged").read_text().startswith('{"version"')
    state.set_read(["def"], True)
    state.close()
    assert stored_read(tmp_path / STATE_FILE) == {"def"}


def test_the_pending_file_holds_what_could_not_be_written_and_nothing_else(tmp_path):
    from viewer.core.state.store import ReadingState

    path = tmp_path / STATE_FILE
    state = ReadingState(path)
    state.set_read(["kept", "gone"], True)
    state.close()
    state = ReadingState(path)
    with locked(path):
        state.set_read(["new"], True)
        state.set_read(["gone"], False)
        state.set_position("new", 0.5)
        state.set_encoding("new", "KOI8-R")
        start = time.monotonic()
        state.close()
        assert time.monotonic() - start < 1.5
    written = json.loads((tmp_path / PENDING_FILE).read_text())
    assert sorted((table, key, values is None) for table, key, values in written["changes"]) == [
        ("encodings", "new", False),
        ("positions", "new", False),
        ("read", "gone", True),
        ("read", "new", False),
    ]

    again = ReadingState(path)

    assert again.read_keys == {"kept", "new"}
    assert (again.position("new"), again.encoding("new")) == (0.5, "koi8-r")
    assert not (tmp_path / PENDING_FILE).exists()  # written, so gone
    assert stored_read(path) == {"kept", "new"}
    again.close()


# --- nowhere beside the state file to leave what is unwritten ---------------------------------


class Answer:
    """Answers the next modal question the window asks by clicking the button named ``text``,
    and notes what it asked; the question is found as a user meets it, as the modal widget."""

    def __init__(self, text, timeout=20.0):
        self.text = text
        self.asked = []  # (text, text format, default button, buttons) of each question
        self._until = time.monotonic() + timeout
        QTimer.singleShot(0, self._look)

    def stop(self):
        self._until = 0.0

    def _look(self):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            buttons = {button.text(): button for button in box.buttons()}
            default = box.defaultButton()
            self.asked.append(
                (box.text(), box.textFormat(), default.text() if default else None, set(buttons))
            )
            self.stop()
            buttons[self.text].click()
        elif time.monotonic() < self._until:
            QTimer.singleShot(20, self._look)


def fallback_files(tmp_path):
    """The pending files in the cache folder's fallback place (XDG_CACHE_HOME, as conftest
    sets it)."""
    return sorted((tmp_path / "xdg-cache").rglob("reading-state.pending*.json"))


def test_marks_made_while_the_state_folder_is_read_only_are_kept_for_the_next_start(
    qtbot, opened, make_window, articles, state_file, tmp_path
):
    window = opened
    newest = articles / "b_newest.txt"
    with read_only(state_file.parent):
        choose(window, newest)
        qtbot.waitUntil(window.state_mark.isVisible)
        answer = Answer("Quit Anyway")  # there should be no question: this only ends one
        window.close()
        answer.stop()
        assert answer.asked == []
        assert not window.isVisible()
        assert not state_file.with_name(PENDING_FILE).exists()  # it could not be made
    assert key_of(newest) not in stored_read(state_file)
    [kept] = fallback_files(tmp_path)
    assert key_of(newest) in kept.read_text()
    folder = kept.parent.stat()
    assert (folder.st_mode & 0o777, folder.st_uid) == (0o700, os.geteuid())  # the user's own

    again = make_window()
    again.menu_actions.mark_policies["manual"].trigger()
    open_and_wait(qtbot, again, [articles])
    assert not bold(again, "Newest story")
    assert bold(again, "Middle story")
    qtbot.waitUntil(lambda: key_of(newest) in stored_read(state_file), timeout=10000)
    qtbot.waitUntil(lambda: not fallback_files(tmp_path))  # written, so gone


QUESTION = (
    r"\d+ read marks and places could not be saved: .+\. "
    r"Quit anyway, or keep the viewer open and try again\?"
)


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """No place at all for the reading state, for any user: a file stands where the state
    folder, the cache folder and the temporary folder go."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setenv("TMPDIR", str(blocker))
    state_folder = tmp_path / "state"
    state_folder.write_text("not a folder either")
    return state_folder


@contextlib.contextmanager
def quit_at_the_end(window):
    """Close ``window`` on the way out, answering its question: a test that fails must not
    leave qtbot a close that waits for an answer."""
    try:
        yield
    finally:
        if window.isVisible():
            answer = Answer("Quit Anyway")
            window.close()
            answer.stop()


def test_with_no_place_to_keep_the_marks_closing_asks_first(qtbot, make_window, articles, nowhere):
    window = make_window()
    with quit_at_the_end(window):
        open_and_wait(qtbot, window, [articles])
        choose(window, articles / "b_newest.txt")
        qtbot.waitUntil(window.state_mark.isVisible)

        answer = Answer("Keep Open")
        assert not window.close()
        [(text, text_format, default, buttons)] = answer.asked
        assert re.fullmatch(QUESTION, text), text
        assert text_format == Qt.TextFormat.PlainText
        assert default == "Keep Open"
        assert {"Keep Open", "Quit Anyway"} <= buttons
        assert window.isVisible()
        assert window.state_mark.isVisible()
        assert not bold(window, "Newest story")  # still read, as far as the reader can see

        answer = Answer("Quit Anyway")
        assert window.close()
        assert len(answer.asked) == 1
        assert not window.isVisible()


def test_kept_open_the_viewer_saves_the_marks_once_it_can_and_quits_without_asking(
    qtbot, make_window, articles, nowhere
):
    window = make_window()
    newest = articles / "b_newest.txt"
    with quit_at_the_end(window):
        open_and_wait(qtbot, window, [articles])
        choose(window, newest)
        qtbot.waitUntil(window.state_mark.isVisible)
        answer = Answer("Keep Open")
        window.close()
        assert len(answer.asked) == 1 and window.isVisible()

        nowhere.unlink()  # the folder can be made again: the writer's next try writes it all
        qtbot.waitUntil(lambda: not window.state_mark.isVisible(), timeout=10000)
        answer = Answer("Keep Open")
        window.close()
        answer.stop()
        assert answer.asked == []
        assert not window.isVisible()
    assert key_of(newest) in stored_read(nowhere / STATE_FILE)


# --- the pending files, without a window --------------------------------------------------------


def private(folder):
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)  # whatever the umask
    return folder


@pytest.mark.parametrize("newest", ["beside", "fallback"])
def test_pending_files_everywhere_are_read_oldest_first_and_go_once_written(tmp_path, newest):
    from viewer.core.state.pending import fallback_pending, write_pending
    from viewer.core.state.store import ReadingState

    path = tmp_path / "state" / STATE_FILE
    path.parent.mkdir()
    fallback = private(tmp_path / "fallback")
    beside, elsewhere = path.with_name(PENDING_FILE), fallback_pending(path, fallback)
    write_pending(beside, [("read", "a", (1.0,)), ("positions", "k", (0.25, 1.0))])
    write_pending(elsewhere, [("read", "b", (1.0,)), ("positions", "k", (0.75, 2.0))])
    older, newer = (elsewhere, beside) if newest == "beside" else (beside, elsewhere)
    now = time.time_ns()
    os.utime(older, ns=(now - 10**10, now - 10**10))
    os.utime(newer, ns=(now, now))

    state = ReadingState(path, [fallback])

    assert state.read_keys == {"a", "b"}
    assert state.position("k") == (0.25 if newest == "beside" else 0.75)
    assert not beside.exists() and not elsewhere.exists()  # written, so gone
    state.close()
    assert stored_read(path) == {"a", "b"}


def test_a_pending_file_goes_to_the_fallback_only_when_it_cannot_go_beside(tmp_path):
    from viewer.core.state.pending import fallback_pending
    from viewer.core.state.store import ReadingState

    path = tmp_path / "state" / STATE_FILE
    fallback = tmp_path / "cache" / "fallback"  # made, private, when it is needed
    state = ReadingState(path, [fallback])
    state.close()
    state = ReadingState(path, [fallback])
    with locked(path):
        state.set_read(["one"], True)
        state.close(wait=0.2)
    assert path.with_name(PENDING_FILE).is_file()
    assert not fallback.exists()

    state = ReadingState(path, [fallback])  # reads it, writes it, and it goes
    assert state.read_keys == {"one"}
    with locked(path):
        state.set_read(["two"], True)
        # The state's folder cannot take a pending file: a folder stands where it would go.
        path.with_name(PENDING_FILE).mkdir()
        (path.with_name(PENDING_FILE) / "x").write_text("")
        assert state.keep(wait=0.2) is None
    elsewhere = fallback_pending(path, fallback)
    assert "two" in elsewhere.read_text()
    info = fallback.stat()
    assert (info.st_mode & 0o777, info.st_uid) == (0o700, os.geteuid())
    state.close()  # written at last: the fallback's file goes
    assert not elsewhere.exists()
    assert stored_read(path) == {"one", "two"}


@pytest.mark.parametrize("how", ["open to others", "a symbolic link", "another user's"])
def test_a_fallback_folder_not_the_users_own_alone_is_neither_read_nor_written(tmp_path, how):
    from viewer.core.state.pending import fallback_pending, write_pending
    from viewer.core.state.store import ReadingState

    path = tmp_path / "state" / STATE_FILE
    path.parent.mkdir()
    fallback = private(tmp_path / "fallback")
    planted = fallback_pending(path, fallback)
    write_pending(planted, [("read", "planted", (1.0,))])
    if how == "open to others":
        fallback.chmod(0o777)
    elif how == "a symbolic link":
        real = tmp_path / "real"
        fallback.rename(real)
        fallback.symlink_to(real)
    else:
        if os.geteuid() != 0:
            pytest.skip("giving a folder to another user takes root")
        os.chown(fallback, 65534, 65534)

    state = ReadingState(path, [fallback])

    assert state.read_keys == set()
    assert planted.read_text().count("planted") == 1  # left as it was
    with locked(path):
        state.set_read(["mine"], True)
        path.with_name(PENDING_FILE).mkdir()  # nor can the state's folder take it
        (path.with_name(PENDING_FILE) / "x").write_text("")
        unkept = state.keep(wait=0.2)
    assert unkept is not None and unkept.count == 1
    assert unkept.text == "1 read mark or place could not be saved: the database is locked"
    assert str(fallback) in unkept.details
    assert "mine" not in planted.read_text()
    state.close(wait=0.2)


def test_a_fallback_pending_file_another_viewer_wrote_since_the_start_stays(tmp_path):
    from viewer.core.state.pending import fallback_pending, read_pending, write_pending
    from viewer.core.state.store import ReadingState

    path = tmp_path / "state" / STATE_FILE
    ReadingState(path).close()
    fallback = private(tmp_path / "fallback")
    elsewhere = fallback_pending(path, fallback)
    write_pending(elsewhere, [("read", "old", (1.0,))])
    with locked(path):
        state = ReadingState(path, [fallback])  # read, but not written yet
        assert state.read_keys == {"old"}
        write_pending(elsewhere, [("read", "newer", (1.0,))])  # another viewer, meanwhile
    assert state.save()
    assert {key for _table, key, _values in read_pending(elsewhere)} == {"old", "newer"}
    state.close()
