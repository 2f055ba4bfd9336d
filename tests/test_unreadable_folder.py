"""A folder that cannot be read says so, in the list and in --dump, and quietly.

The test needs a user whom the folder's mode keeps out: as root it runs the viewer without
the capabilities that let root read everything (setpriv); any other user is kept out already.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Root without the capabilities that override file modes is kept out as anyone else is.
AS_READER = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.getuid() == 0 else []
)


@pytest.fixture
def library():
    """A world-readable tree in /tmp with one folder nobody may read."""
    top = Path(tempfile.mkdtemp(prefix="av-unreadable-", dir="/tmp"))
    top.chmod(0o755)
    news = top / "news"
    (news / "open").mkdir(parents=True)
    (news / "locked").mkdir()
    (news / "open" / "a.txt").write_text("Readable story\n\nBody.\n")
    (news / "locked" / "b.txt").write_text("Hidden story\n\nBody.\n")
    for folder in (news, news / "open"):
        folder.chmod(0o755)
    (news / "open" / "a.txt").chmod(0o644)
    (news / "locked").chmod(0o000)
    home = top / "home"
    home.mkdir()
    yield news, home
    (news / "locked").chmod(0o755)
    subprocess.run(["rm", "-rf", str(top)], check=False)


def run_as_reader(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run Python as a user the locked folder keeps out."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    if AS_READER and shutil.which(AS_READER[0]) is None:
        pytest.skip("root reads every folder, and setpriv is not here to stop it")
    return subprocess.run(
        [*AS_READER, sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_dump_names_the_folder_it_cannot_read(library):
    news, home = library
    result = run_as_reader(
        f"import sys; from viewer.cli import main; sys.exit(main(['--dump', {str(news)!r}]))",
        home,
    )
    assert result.returncode == 1, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["title"] for line in lines] == ["Readable story", "locked"]
    assert lines[1]["error"] == "a folder that cannot be read (permission denied)"


def test_the_list_says_which_folder_it_cannot_read_and_the_log_says_it_once(library):
    news, home = library
    code = textwrap.dedent(
        f"""
        import logging, sys
        from PySide6.QtCore import QEventLoop, QTimer
        from viewer.app import create_application
        from viewer.window.main_window import MainWindow

        warnings = []
        handler = logging.Handler()
        handler.emit = lambda record: warnings.append(record.getMessage())
        logging.getLogger("viewer").addHandler(handler)
        app = create_application([])
        window = MainWindow(index_path=None, state_folder=None)
        window.open_paths([{str(news)!r}])
        loop = QEventLoop()
        QTimer.singleShot(3500, loop.quit)  # three polls of the folder that cannot be read
        loop.exec()
        for row in range(window.model.rowCount()):
            article = window.model.article(row)
            print(article.title, "|", article.error)
        print("warnings", sum("cannot read the folder" in w for w in warnings))
        window.close()
        """
    )
    result = run_as_reader(code, home)
    assert result.returncode == 0, result.stderr
    rows = sorted(line for line in result.stdout.splitlines() if "|" in line)
    assert rows == [
        "Readable story | None",
        "locked | a folder that cannot be read (permission denied)",
    ]
    assert "warnings 1" in result.stdout  # said once, not once a second
