"""Shared test set-up: Qt runs offscreen, and helpers write real article files."""

import os

# Must happen before anything imports Qt: without a display pytest-qt would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SEED_LIKE = """Harbour city opens tidal barrier

World

Published: 2020-10-24 16:27

Last Updated: 2024-04-16 12:40


Harbour city opens tidal barrier
Harbour city opens tidal barrier

The gates closed for the first time on Saturday morning, ten years after the work began in \
the port.
Residents watched from the sea wall as the four gates rose out of their concrete beds in \
twelve minutes.

The project ran three years late.
"""


def calls_during(action, *functions):
    """Run ``action``; return what it returned, and each call of ``functions`` made meanwhile,
    in order, as (the function, its arguments)."""
    codes = {function.__code__: function for function in functions}
    calls = []

    def profile(frame, event, _arg):
        if event == "call" and frame.f_code in codes:
            calls.append((codes[frame.f_code], dict(frame.f_locals)))

    sys.setprofile(profile)
    try:
        result = action()
    finally:
        sys.setprofile(None)
    return result, calls


def index_row(index_path, path, columns):
    """``columns`` of the index's row of ``path``, as its database holds them (None: no row)."""
    import sqlite3

    with sqlite3.connect(index_path) as db:
        return db.execute(f"SELECT {columns} FROM articles WHERE path = ?", (path,)).fetchone()


def reconciled(index_path, roots, cancelled=None, **options):
    """Run a reconciling pass over ``roots`` to its end: its last step, with the changes of
    every step before it."""
    import threading

    from viewer.core.reconcile import reconcile

    steps = list(
        reconcile(
            Path(index_path), [str(r) for r in roots], cancelled or threading.Event(), **options
        )
    )
    last = steps[-1]
    for step in steps[:-1]:
        for name in ("added", "changed", "removed", "not_text", "unreadable", "folders"):
            getattr(last, name)[:0] = getattr(step, name)
    return last


def listed(index_path, roots):
    """List ``roots`` into the index at ``index_path`` as the window's loader does."""
    from viewer.library.loader import LibraryLoader

    loader = LibraryLoader([str(r) for r in roots], Path(index_path))
    loader.batchReady.connect(lambda _batch: loader.batch_taken())
    loader.run()  # here, not in a thread of its own


def index_rows(index_path):
    """Every row of the index, every column, paths as stored (bytes), in path order."""
    import sqlite3

    with sqlite3.connect(index_path) as db:
        db.text_factory = bytes
        return db.execute("SELECT * FROM articles ORDER BY path").fetchall()


def index_stamps(index_path):
    """Path → (size, mtime_ns) of every file the index knows."""
    import sqlite3

    with sqlite3.connect(index_path) as db:
        rows = db.execute("SELECT CAST(path AS BLOB), size, mtime_ns FROM articles").fetchall()
    return {path.decode("utf-8", "surrogatepass"): (size, mtime) for path, size, mtime in rows}


def disk_stamps(folder):
    """Path → (size, mtime_ns) of every file a listing of ``folder`` takes."""
    from viewer.core.article_files import walk_article_files

    return {
        entry.path: (entry.stat().st_size, entry.stat().st_mtime_ns)
        for entry in walk_article_files(str(folder))
    }


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache and data folders: no index or launcher leaks between tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime folder of the test's own, short enough for a socket path."""
    folder = tempfile.mkdtemp(prefix="av-", dir="/tmp")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    yield Path(folder)
    shutil.rmtree(folder)


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write


@pytest.fixture
def settings_dir(tmp_path: Path, qapp: object) -> Path:
    """Point QSettings at a folder of this test's own, with the application's identity set."""
    from PySide6.QtCore import QSettings

    from viewer.app import create_application

    create_application([])
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    return folder


@pytest.fixture
def window(qtbot: object, settings_dir: Path) -> object:
    """A shown MainWindow with isolated settings."""
    from viewer.window.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    qtbot.waitExposed(win)  # type: ignore[attr-defined]
    win.activateWindow()
    return win


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder of four articles with known dates, one without a date."""
    folder = tmp_path / "news"
    folder.mkdir()
    specs = [
        ("a_oldest.txt", "Oldest story", "World", "2019-01-05 10:00"),
        ("b_newest.txt", "Newest story", "Business", "2023-06-01 09:30"),
        ("c_middle.txt", "Middle story", "Sport", "2021-03-03 12:00"),
        ("d_undated.txt", "Undated story", "Culture", None),
    ]
    for name, title, section, date in specs:
        header = f"Published: {date}\n" if date else "Author: Someone\n"
        body = "\n".join(f"{title} paragraph {n} has a few words in it." for n in range(1, 4))
        (folder / name).write_text(f"{title}\n\n{section}\n\n{header}\n{body}\n")
    return folder


@pytest.fixture
def make_window(qtbot: object, settings_dir: Path, tmp_path: Path) -> Callable[[], object]:
    """Windows sharing one library index and one reading-state folder, as restarts do."""
    from viewer.window.main_window import MainWindow

    def make() -> object:
        window = MainWindow(index_path=tmp_path / "index.sqlite3", state_folder=tmp_path / "state")
        window.text_progress = []  # (indexed, to index) of each report: see wait_for_text_index
        window.session.textProgress.connect(lambda *done: window.text_progress.append(done))
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        return window

    return make


@pytest.fixture
def library_window(make_window: Callable[[], object]) -> object:
    """A shown window with an index of its own, for listing, search and live folders."""
    return make_window()


def open_and_wait(qtbot, window, paths, timeout=60000):
    """Open ``paths`` and wait for the listing's end; return its outcome."""
    outcomes = []
    window.session.loadingFinished.connect(outcomes.append)
    with qtbot.waitSignal(window.loadingFinished, timeout=timeout):
        window.open_paths(paths)
    return outcomes[-1]


def wait_for_text_index(qtbot, window):
    """Wait until text indexing, started last or still to start, is done."""

    def done():
        progress = getattr(window, "text_progress", None)
        if progress is None:
            return True  # a window not made by make_window: idle is all there is to go by
        return bool(progress) and progress[-1][0] >= progress[-1][1]

    qtbot.waitUntil(lambda: done() and window.session.text_index_idle(), timeout=60000)


def titles(window):
    """The titles the list shows, in its order."""
    from viewer.library.article_model import COL_TITLE

    return [window.proxy.index(r, COL_TITLE).data() for r in range(window.proxy.rowCount())]


def bold(window, title):
    """True when the list sets the article titled ``title`` in bold (unread)."""
    from PySide6.QtCore import Qt

    from viewer.library.article_model import COL_TITLE

    model = window.model
    for row in range(model.rowCount()):
        if model.article(row).title == title:
            font = model.index(row, COL_TITLE).data(Qt.ItemDataRole.FontRole)
            return font is not None and font.bold()
    raise AssertionError(title)


def json_values(max_leaves: int = 8):  # type: ignore[no-untyped-def]
    """Any JSON value, nested a little: what a hostile spec or line may hold."""
    from hypothesis import strategies as st

    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=max_leaves,
    )


@pytest.fixture
def labelling(qtbot, library_window, articles):  # type: ignore[no-untyped-def]
    """A window with the four articles listed, its rest built, active, the list in focus:
    ready for the label keys, which are its shortcuts."""
    from PySide6.QtWidgets import QApplication

    window = library_window
    open_and_wait(qtbot, window, [articles])
    window.finish()
    window.activateWindow()  # the label keys are the window's shortcuts
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.list_view.setFocus()
    return window
