"""File names that are not valid UTF-8 ("caf\\xe9.txt" in latin-1): listed, indexed, searched,
read, remembered, handed over, exported and dumped like any other, on real files."""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from conftest import open_and_wait, titles, wait_for_text_index
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.core.article import Article
from viewer.core.article_files import display_path
from viewer.core.index import LibraryIndex
from viewer.core.index_reader import folder_bounds
from viewer.core.index_rows import row_from_article
from viewer.dump import json_line
from viewer.library.article_model import COL_TITLE
from viewer.library.file_urls import path_of_url, url_of_path
from viewer.library.session import SYNC_LIMIT
from viewer.library.settings import path_from_setting, path_setting

ROOT = Path(__file__).resolve().parents[2]
CAFE = b"caf\xe9.txt"  # latin-1: not valid UTF-8
CREME = b"cr\xe8me.txt"
CAFE_TITLE = "caf\ufffd"  # how a person sees the name


def write_named(folder: Path | str, name: bytes, content: str) -> str:
    """Write a file whose name is the bytes given; return its path as Python holds it."""
    os.makedirs(folder, exist_ok=True)
    raw = os.path.join(os.fsencode(folder), name)
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, content.encode("utf-8"))
    finally:
        os.close(fd)
    return os.fsdecode(raw)


def fill(folder: Path | str, count: int) -> None:
    """Plain articles named 00000.txt on, sorting before the names above."""
    for n in range(count):
        write_named(
            folder,
            f"{n:05d}.txt".encode(),
            f"Story number {n}\n\nWorld\n\nPublished: 2021-01-{n % 28 + 1:02d} 10:00\n\n"
            f"Body of story {n}, about the harbour.\n",
        )


def bad_library(folder: Path | str, count: int = SYNC_LIMIT + 20) -> dict[str, str]:
    """A folder of ``count`` plain articles, two whose names are not valid UTF-8 and one after
    them; return the paths of the three by role."""
    fill(folder, count)
    return {
        # No title line: titled by its name. Front matter gives it a field to show and find.
        "cafe": write_named(
            folder, CAFE, "---\ndate: 2021-02-02\nauthor: Marguerite Dubois\n---\n"
        ),
        "creme": write_named(
            folder,
            CREME,
            "Crème review\n\nFood\n\nPublished: 2021-03-03 08:00\n\n"
            "The espresso was strong and the crème was cold.\n",
        ),
        "after": write_named(
            folder,
            b"zz-after.txt",
            "After the odd names\n\nWorld\n\nPublished: 2021-04-04\n\nA zeppelin drifted by.\n",
        ),
    }


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """A message box (the exception hook's, say) fails the test: errors show in place."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dialog was opened")

    monkeypatch.setattr(QMessageBox, "exec", refuse)


def proxy_index(window, path):
    row = window.model.row_of(path)
    assert row is not None, f"{display_path(path)} is not listed"
    return window.proxy.mapFromSource(window.model.index(row, COL_TITLE))


def click(qtbot, window, path):
    """Click the row of ``path`` in the list, as a person would."""
    index = proxy_index(window, path)
    assert index.isValid(), f"{display_path(path)} is not shown in the list"
    window.list_view.scrollTo(index)
    rect = window.list_view.visualRect(index)
    qtbot.mouseClick(window.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: (window.current_article() or Article("", "")).path == path)


# --- the window ------------------------------------------------------------------------------


def test_a_library_with_odd_names_is_listed_indexed_searched_and_read(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    odd = bad_library(folder)
    window = make_window()
    outcome = open_and_wait(qtbot, window, [folder])
    assert outcome.listed == SYNC_LIMIT + 23
    wait_for_text_index(qtbot, window)
    assert "could not" not in window.statusBar().currentMessage()

    window.search("zeppelin")  # in a file indexed after the odd names
    assert titles(window) == ["After the odd names"]
    window.search("espresso")  # in a file with an odd name
    assert titles(window) == ["Crème review"]
    click(qtbot, window, odd["creme"])
    assert "The espresso was strong and the crème was cold." in window.reading_pane.plain_text()
    window.search("marguerite")  # a field of the file titled by its name
    assert titles(window) == [CAFE_TITLE]

    window.search("")
    click(qtbot, window, odd["cafe"])
    shown = window.reading_pane.plain_text()
    assert shown.startswith(CAFE_TITLE + "\n")
    assert "Marguerite Dubois" in shown
    tooltip = proxy_index(window, odd["cafe"]).data(Qt.ItemDataRole.ToolTipRole)
    tip = QTextDocument()
    tip.setHtml(tooltip)  # the tooltip is plain text set as markup that only escapes it
    assert tip.toPlainText().startswith(str(folder / "caf\ufffd.txt"))
    window.keyboard.focus_filter()
    window.filter_edit.setText("caf\udce9")  # the filter looks in file names too
    assert titles(window) == [CAFE_TITLE]


def test_a_warm_reopen_lists_odd_names_from_the_index(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    odd = bad_library(folder)
    first = make_window()
    open_and_wait(qtbot, first, [folder])
    wait_for_text_index(qtbot, first)
    before = {a.path: a.title for a in first.model.articles()}
    first.close()

    second = make_window()
    outcome = open_and_wait(qtbot, second, [folder])
    assert outcome.parsed == 0  # every record came from the index
    assert {a.path: a.title for a in second.model.articles()} == before
    assert before[odd["cafe"]] == CAFE_TITLE
    wait_for_text_index(qtbot, second)
    second.search("espresso")
    assert titles(second) == ["Crème review"]


def test_worker_processes_list_and_index_odd_names(qtbot, make_window, tmp_path, monkeypatch):
    import viewer.library.loader as loader

    monkeypatch.setattr(loader, "POOL_MIN_FILES", 50)  # the listing and the texts: workers
    folder = tmp_path / "news"
    odd = bad_library(folder, count=SYNC_LIMIT + 100)
    first = make_window()
    open_and_wait(qtbot, first, [folder])
    wait_for_text_index(qtbot, first)
    first.search("zeppelin")
    assert titles(first) == ["After the odd names"]
    first.close()

    monkeypatch.setattr(loader, "POOL_MIN_KNOWN", SYNC_LIMIT)  # workers read the index
    second = make_window()
    outcome = open_and_wait(qtbot, second, [folder])
    assert outcome.parsed == 0
    assert second.model.article(second.model.row_of(odd["cafe"])).title == CAFE_TITLE
    assert second.model.rowCount() == SYNC_LIMIT + 103


def test_a_folder_whose_own_name_is_odd_is_listed_searched_and_followed(
    qtbot, make_window, tmp_path
):
    folder = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"nouvelles-\xe9t\xe9"))
    odd = bad_library(folder)
    window = make_window()
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    window.search("zeppelin")
    assert titles(window) == ["After the odd names"]
    window.search("")

    # Qt cannot name the folder to watch it: it is polled, under its real name.
    added = write_named(folder, b"new-\xff.txt", "Fresh arrival\n\nBody.\n")
    qtbot.waitUntil(lambda: window.model.row_of(added) is not None, timeout=10000)
    os.remove(odd["cafe"])  # not the article on show, which would stay to say it was deleted
    qtbot.waitUntil(lambda: window.model.row_of(odd["cafe"]) is None, timeout=10000)
    window.close()

    again = make_window()
    outcome = open_and_wait(qtbot, again, [folder])
    assert outcome.parsed == 0
    assert again.model.row_of(added) is not None
    assert again.model.row_of(odd["cafe"]) is None


def test_one_text_the_index_refuses_costs_only_itself(qtbot, make_window, tmp_path, monkeypatch):
    from viewer.core.index import LibraryIndexError

    folder = tmp_path / "news"
    odd = bad_library(folder)
    real = LibraryIndex.index_text

    def refusing(index, articles):
        articles = list(articles)
        if any(a.path == odd["creme"] for a in articles):
            # A fault in one chunk, as SQLite gives them.
            raise LibraryIndexError("the disk said no")
        real(index, articles)

    monkeypatch.setattr(LibraryIndex, "index_text", refusing)
    window = make_window()
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "The text of 1 article could not be indexed; search does not find them."
    )
    window.search("zeppelin")  # after it, in the same chunk of texts
    assert titles(window) == ["After the odd names"]
    window.search("harbour")
    assert len(titles(window)) == SYNC_LIMIT + 20
    window.search("espresso")
    assert titles(window) == []


# --- remembered across restarts ----------------------------------------------------------------


def test_read_marks_recent_files_and_the_session_survive_a_restart(qtbot, make_window, tmp_path):
    from viewer.app import start_session

    folder = tmp_path / "news"
    odd = bad_library(folder, count=3)
    window = make_window()
    window.open_paths([folder])
    click(qtbot, window, odd["cafe"])  # shown, so read
    window.open_paths([odd["creme"]])  # named alone: it goes to Open Recent, and is shown
    assert window.current_article().path == odd["creme"]
    window.menu_actions.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions()]
    assert labels[0] == f"&1 {folder}/cr\ufffdme.txt"
    window.close()
    stored = QSettings().value("session/current")
    assert stored.startswith("bytes:") and stored.endswith(quote_from_bytes(CREME))

    again = make_window()
    again.restore_ui_state()
    start_session(again, [])
    assert again.current_article().path == odd["creme"]
    assert "The espresso was strong" in again.reading_pane.plain_text()
    cafe_row = again.model.row_of(odd["cafe"])
    assert again.model.is_read(cafe_row)
    assert again.files.recent_paths() == [odd["creme"], str(folder)]
    again.menu_actions.recent_menu.aboutToShow.emit()
    again.menu_actions.recent_menu.actions()[0].trigger()  # Open Recent ▸ 1
    assert again.current_article().path == odd["creme"]


def test_the_crash_guard_names_an_odd_file_readably(qtbot, make_window, tmp_path):
    from viewer.app import start_session

    folder = tmp_path / "news"
    odd = bad_library(folder, count=2)
    window = make_window()
    window.open_paths([folder])
    click(qtbot, window, odd["cafe"])
    window.close()
    # As a crash leaves it: the note of the article being opened, never removed.
    (tmp_path / "state" / "opening").write_bytes(os.fsencode(odd["cafe"]))

    again = make_window()
    assert again.marks.crashed_on() == odd["cafe"]
    start_session(again, [])
    assert again.statusBar().currentMessage().startswith("caf\ufffd.txt was not reopened")
    assert again.model.row_of(odd["cafe"]) is not None
    assert again.current_article() is None


# --- getting names in and out --------------------------------------------------------------


def test_a_dropped_odd_name_is_opened(qtbot, make_window, tmp_path):
    odd = bad_library(tmp_path / "news", count=1)
    window = make_window()
    mime = QMimeData()
    # A file manager sends the name's bytes percent-encoded: they are not UTF-8.
    url = QUrl.fromEncoded(b"file://" + quote_from_bytes(os.fsencode(odd["creme"])).encode())
    assert url.toLocalFile() != odd["creme"]  # what Qt itself makes of it
    mime.setUrls([url])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.current_article().path == odd["creme"]
    assert "The espresso was strong" in window.reading_pane.plain_text()


def test_csv_export_keeps_the_exact_bytes_of_an_odd_path(qtbot, make_window, tmp_path, monkeypatch):
    folder = tmp_path / "news"
    odd = bad_library(folder, count=2)
    window = make_window()
    window.open_paths([folder])
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    with qtbot.waitSignal(window.csvExported, timeout=10000) as blocker:
        window.menu_actions.export_csv.trigger()
    assert blocker.args[1:] == [5, ""]
    data = target.read_bytes()
    assert os.fsencode(odd["cafe"]) in data  # the name's own bytes, not U+FFFD
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8", "surrogateescape"))))
    cafe = next(r for r in rows if r["path"] == odd["cafe"])
    assert cafe["title"] == CAFE_TITLE  # other columns are clean text
    assert os.path.exists(cafe["path"])
    assert window.statusBar().currentMessage() == f"Exported 5 articles to {target}"


def test_dump_writes_valid_utf8_json_whose_path_opens_the_file(tmp_path):
    folder = tmp_path / "news"
    odd = bad_library(folder, count=1)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--dump", str(folder)],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")  # strict: every line is valid UTF-8
    rows = [json.loads(line) for line in text.splitlines()]
    by_path = {row["path"]: row for row in rows}
    assert set(by_path) >= {odd["cafe"], odd["creme"]}
    assert by_path[odd["cafe"]]["title"] == CAFE_TITLE
    assert os.path.isfile(odd["cafe"])
    assert "\\udce9" in text  # the bad byte, escaped
    assert '"title": "Crème review"' in text  # other text stays unescaped UTF-8


@pytest.fixture
def listening(qtbot, make_window, tmp_path, monkeypatch):
    """A window that takes hand-overs, as a running viewer does; processes started from the
    test find its socket."""
    from viewer.instance_server import InstanceServer

    runtime = tempfile.mkdtemp(prefix="av-", dir="/tmp")  # socket paths must stay short
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window = make_window()
    server = InstanceServer(window)
    assert server.listen()
    server.pathsReceived.connect(window.receive_paths)
    yield window
    server.close()
    for leftover in Path(runtime).iterdir():
        leftover.unlink()
    os.rmdir(runtime)


def finished(qtbot, command):
    """Run a process beside the event loop (the window answers it meanwhile); its exit status."""
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=20000)
    finally:
        if process.poll() is None:
            process.kill()  # it found nobody listening and became a viewer itself
        _, errors = process.communicate()
    assert b"Traceback" not in errors, errors.decode("utf-8", "replace")
    return process.returncode


def test_a_second_start_hands_an_odd_name_over(qtbot, listening, tmp_path):
    odd = bad_library(tmp_path / "news", count=1)
    window = listening
    assert finished(qtbot, [sys.executable, str(ROOT / "main.py"), os.fsencode(odd["creme"])]) == 0
    qtbot.waitUntil(lambda: window.model.row_of(odd["creme"]) is not None)
    assert window.current_article().path == odd["creme"]
    assert "The espresso was strong" in window.reading_pane.plain_text()


def test_a_hand_over_of_names_no_file_has_lists_them_as_unreadable(qtbot, listening, tmp_path):
    window = listening
    # A lone high surrogate and a NUL: JSON carries them, but no file system has them.
    code = (
        "import sys; from viewer.instance_client import hand_over; "
        f"sys.exit(0 if hand_over([{str(tmp_path)!r} + '/x\\ud800y.txt', "
        f"{str(tmp_path)!r} + '/a\\x00b.txt']) else 1)"
    )
    assert finished(qtbot, [sys.executable, "-c", code]) == 0
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    shown = {a.path: a for a in window.model.articles()}
    assert set(shown) == {f"{tmp_path}/x\ufffdy.txt", f"{tmp_path}/a\ufffdb.txt"}
    assert all(a.error == "file not found" for a in shown.values())
    assert "This file could not be read: file not found." in window.reading_pane.plain_text()


# --- the path codec ----------------------------------------------------------------------------

# Any bytes a file name can be: no separator, no NUL, and not "." or "..", which name folders.
names = st.binary(min_size=1, max_size=12).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@settings(max_examples=200, deadline=None)
@given(st.lists(names, min_size=1, max_size=20, unique=True))
def test_any_name_is_stored_and_read_back_in_python_order(raw_names):
    folder = "/library/caf\udce9"
    paths = [f"{folder}/{os.fsdecode(name)}" for name in raw_names]
    index = LibraryIndex(None)
    index.store_rows([row_from_article(Article(p, "t", size=1, mtime_ns=1)) for p in paths])
    read = [row[0] for row in index.rows_between(folder, *folder_bounds(folder), through=False)]
    assert read == sorted(paths)  # SQLite's order of what it stores is Python's of the str
    assert sorted(row[0] for row in index.rows_for(paths)) == sorted(paths)
    assert index.needs_text(paths) == paths
    assert index.count_under(folder) == len(paths)
    middle = sorted(paths)[len(paths) // 2]
    after = [row[0] for row in index.rows_between(folder, middle, folder + "0", through=False)]
    assert after == [p for p in sorted(paths) if p > middle]
    index.remove(paths)
    assert index.count() == 0


def file_system_form(text):
    """Lone surrogates no file system gives (outside U+DC80..U+DCFF) as U+FFFD."""
    foreign = range(0xD800, 0xDC80), range(0xDD00, 0xE000)
    return "".join("\ufffd" if any(ord(c) in r for r in foreign) else c for c in text)


@given(st.text(st.characters(codec=None, categories=("Cs", "Ll", "Nd", "Po"))))
def test_any_string_binds_and_a_foreign_surrogate_becomes_a_replacement(text):
    path = "/x/" + text
    index = LibraryIndex(None)
    index.store_rows([row_from_article(Article(path, "t", size=1, mtime_ns=1))])
    stored = file_system_form(path)
    assert [row[0] for row in index.rows_for([path])] == [stored]
    assert [row[0] for row in index.rows_for([stored])] == [stored]
    assert index.needs_text([stored]) == [stored]


@given(names)
def test_a_name_survives_settings_urls_and_dump_lines(name):
    path = "/news/" + os.fsdecode(name)
    assert path_from_setting(path_setting(path)) == path
    kept = path_setting(path)
    assert kept == path or (kept.startswith("bytes:") and kept.isascii())  # QSettings keeps it
    assert path_of_url(url_of_path(path)) == path
    line = json_line({"path": path})
    assert json.loads(line.encode("utf-8").decode("utf-8"))["path"] == path
    shown = display_path(path)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)  # Qt would drop a surrogate
    assert shown == path or "\ufffd" in shown
