"""Text from files is never markup: walking every place the window shows it loads nothing.

Files are named and filled with markup that points at an image beside them. Qt would open the
image if any tooltip, label, menu, dialog or the reading pane took that markup for markup; the
kernel's inotify says whether anything opened it.
"""

import ctypes
import os
import shutil

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QToolTip

from viewer.core.bundled import resource_path
from viewer.library.article_model import COL_TITLE

IN_OPEN = 0x20
IN_ACCESS = 0x01
IN_NONBLOCK = 0o4000
MARKUP = '<img src="target.png">'


class OpenWatch:
    """Says whether a file was opened since the watch began (Linux inotify)."""

    def __init__(self, path: str) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(IN_NONBLOCK)
        if (
            self._fd < 0
            or self._libc.inotify_add_watch(self._fd, os.fsencode(path), IN_OPEN | IN_ACCESS) < 0
        ):
            pytest.skip("inotify is not available here")

    def opened(self) -> bool:
        try:
            return bool(os.read(self._fd, 65536))
        except BlockingIOError:
            return False

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A folder of articles whose names and texts are markup, and the image they name."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    icon = resource_path("icons", "hicolor", "16x16", "apps")
    shutil.copy(next(icon.glob("*.png")), folder / "target.png")
    monkeypatch.chdir(folder)  # relative sources resolve here
    (folder / f"{MARKUP}.txt").write_text("")  # an empty file: titled by its name
    (folder / "b.txt").write_text(
        f"{MARKUP} <b>Headline</b>\n\n<i>World</i>\n\nPublished: {MARKUP}\n"
        f"Author: {MARKUP}\n\n<p>Body {MARKUP}</p>\n"
    )
    (folder / "c.md").write_text(
        f"# Heading {MARKUP}\n\n![alt](target.png) [link](target.png) {MARKUP}\n\n"
        '<link rel="stylesheet" href="target.png">\n'
    )
    (folder / f"{MARKUP}-named.txt").write_text("Fine title\n\nBody.\n")
    watch = OpenWatch(str(folder / "target.png"))
    yield folder
    watch_opened = watch.opened()
    watch.close()
    assert not watch_opened, "something showed file text as markup and loaded the image"


def test_the_watch_sees_markup_load_the_image(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "check"
    folder.mkdir()
    icon = resource_path("icons", "hicolor", "16x16", "apps")
    shutil.copy(next(icon.glob("*.png")), folder / "target.png")
    monkeypatch.chdir(folder)
    watch = OpenWatch(str(folder / "target.png"))
    label = QLabel(MARKUP)  # rich text by default: the way the walk below must never go
    qtbot.addWidget(label)
    label.show()
    qtbot.waitUntil(watch.opened, timeout=5000)
    watch.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # popups
def test_no_text_from_a_file_is_taken_for_markup(qtbot, window, hostile):
    window.open_paths([hostile])
    view = window.list_view
    model = window.proxy
    assert model.rowCount() == 4
    for row in range(model.rowCount()):
        index = model.index(row, COL_TITLE)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        QToolTip.showText(view.viewport().mapToGlobal(QPoint(10, 10)), tip, view)
        qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
        assert "&lt;img" in QToolTip.text() or "<img" not in QToolTip.text()
        QToolTip.hideText()
        window.navigation.select_row(row)
        window.reading.toggle_read()
        window.menu_actions.show_source.trigger()  # the file as written
        window.reading_pane.grab()
        window.menu_actions.show_source.trigger()
        window.reading_pane.grab()
    window.list_pane.section_box.showPopup()
    window.list_pane.section_box.hidePopup()
    window.search(f'{MARKUP} "unclosed')  # a query that cannot be understood, explained
    assert window.list_pane.note.isVisibleTo(window)
    window.list_pane.grab()
    tip = window.filter_edit.toolTip()
    QToolTip.showText(window.filter_edit.mapToGlobal(QPoint(5, 5)), tip, window.filter_edit)
    QToolTip.hideText()
    window.menu_actions.recent_menu.aboutToShow.emit()
    window.menu_actions.recent_menu.popup(window.mapToGlobal(QPoint(20, 20)))
    window.menu_actions.recent_menu.hide()
    window.statusBar().showMessage(f"Exported to {MARKUP}")
    window.grab()
    told = []
    window.reading_pane.tell = told.append
    window.reading_pane.follow_link(QUrl(f"file:{MARKUP}"))  # refused: said in a box
    from viewer.ui.link_dialog import _box

    box = _box(window, QMessageBox.Icon.Information, told[0])  # the box it would show
    box.show()
    box.grab()
    box.close()
    QGuiApplication.processEvents()
