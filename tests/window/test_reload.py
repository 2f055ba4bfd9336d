"""Reload and live folders: the list follows the disk, and the window reads no file for it."""

import sys
import threading

from conftest import open_and_wait, titles
from PySide6.QtCore import Qt

from viewer.core import parser


def article(title, body="Body."):
    return f"{title}\n\nLocal\n\nPublished: 2024-03-01 09:00\n\n{body}\n"


class ParsedOnThisThread:
    """Records the files parse_file reads on the window's thread, by watching calls."""

    def __init__(self):
        self.paths = []
        self._code = parser.parse_file.__code__

    def __enter__(self):
        main = threading.main_thread()

        def profile(frame, event, _arg):
            if (
                event == "call"
                and frame.f_code is self._code
                and threading.current_thread() is main
            ):
                self.paths.append(frame.f_locals["path"])

        sys.setprofile(profile)
        return self

    def __exit__(self, *_exc):
        sys.setprofile(None)


def test_reload_picks_up_what_changed_on_disk_and_reads_it_off_the_window_thread(
    qtbot, window, tmp_path
):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(5):
        (folder / f"story{n}.txt").write_text(article(f"Story {n}"))
    loose = tmp_path / "loose.txt"
    loose.write_text(article("Loose story"))
    open_and_wait(qtbot, window, [folder, loose])
    window.select_path(str(folder / "story0.txt"))

    (folder / "story1.txt").write_text(article("Story one, rewritten"))
    (folder / "story2.txt").unlink()
    (folder / "story9.txt").write_text(article("A new story"))
    loose.write_text(article("Loose story, rewritten"))
    with ParsedOnThisThread() as parsed:
        window.menu_actions.reload.trigger()
        qtbot.waitUntil(lambda: "Reloaded" in window.statusBar().currentMessage(), timeout=20000)

    assert sorted(titles(window)) == sorted(
        ["Story 0", "Story one, rewritten", "Story 3", "Story 4", "A new story",
         "Loose story, rewritten"]
    )  # fmt: skip
    assert window.reading_pane.article().title == "Story 0"  # still on show, in its place
    assert set(parsed.paths) <= {str(folder / "story0.txt")}  # only the article on show


def test_a_file_added_to_an_open_folder_is_listed_without_a_reload(qtbot, window, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "first.txt").write_text(article("First story"))
    open_and_wait(qtbot, window, [folder])
    with ParsedOnThisThread() as parsed:
        (folder / "second.txt").write_text(article("Second story"))
        qtbot.waitUntil(lambda: "Second story" in titles(window), timeout=20000)
    assert parsed.paths == []


def test_reload_keeps_the_article_on_show_when_its_file_changed(qtbot, window, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(article("The story", "First words."))
    open_and_wait(qtbot, window, [path])
    window.select_path(str(path))
    path.write_text(article("The story", "Second words."))
    qtbot.keyClick(window.list_view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "Second words." in window.reading_pane.toPlainText(), timeout=20000)
    qtbot.waitUntil(lambda: "Reloaded" in window.statusBar().currentMessage(), timeout=20000)
    assert window.current_article().path == str(path)
