"""Start-up of the GUI: the application object, its identity, the window and the session."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from viewer.core import settings_keys as keys
from viewer.core.appinfo import (
    APP_ID,
    APP_NAME,
    DESKTOP_FILE_NAME,
    ORGANIZATION,
    ORGANIZATION_DOMAIN,
    VERSION,
)
from viewer.core.article_files import display_path
from viewer.core.bundled import resource_path, samples_dir
from viewer.library.settings import read_path, read_path_list
from viewer.ui.first_paint import after_first_paint
from viewer.window.main_window import MainWindow


def create_application(argv: Sequence[str]) -> QApplication:
    """The ``QApplication``, with the identity that ``QSettings()`` and the desktop use."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(VERSION)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(window_icon())
    return app


# The sizes an X11 window manager is given of a scalable icon (Qt's xcb plugin draws the SVG at
# these): the same pixels, drawn ahead of time by tools/render_icons.py.
WINDOW_ICON_SIZES: Final = (16, 32, 64, 128)


def window_icon() -> QIcon:
    """The application's icon from its PNGs: an SVG icon would load Qt's SVG support at every
    start (13–21 ms of CPU before the first paint, measured), for the same pixels."""
    icon = QIcon()
    for size in WINDOW_ICON_SIZES:
        name = f"{DESKTOP_FILE_NAME}.png"
        icon.addFile(str(resource_path("icons", "hicolor", f"{size}x{size}", "apps", name)))
    return icon


def start_session(window: MainWindow, paths: Sequence[str]) -> None:
    """Open what the command line names; else the last session; at first start, the samples."""
    if paths:
        window.open_paths(paths)
        return
    settings = window.settings
    if not settings.contains(keys.SESSION_PATHS):
        window.open_paths([str(samples_dir())], remember=False)
        return
    existing = [p for p in read_path_list(settings, keys.SESSION_PATHS) if os.path.exists(p)]
    crashed = window.marks.crashed_on()
    current = read_path(settings, keys.SESSION_CURRENT)
    if crashed is not None and current and os.path.abspath(crashed) == os.path.abspath(current):
        # The viewer stopped while showing this article: do not walk into it again.
        window.marks.opening(None)
        name = display_path(os.path.basename(current))
        window.statusBar().showMessage(
            f"{name} was not reopened: the viewer closed unexpectedly "
            "while showing it last time. Select it to try again.",
            15000,
        )
        window.open_paths(existing, remember=False, show=None)
        return
    # The article the reader had open comes back once it is listed, where they left it.
    window.open_paths(existing, remember=False, show=current or None, restore=True)


def build_window(paths: Sequence[str], argv: Sequence[str]) -> tuple[QApplication, MainWindow]:
    """The application and its window with settings and session restored, shown; once it has
    painted (in the event loop the caller runs), the rest of the window is built (see
    ``MainWindow.finish``), and the text of what it lists is indexed."""
    app = create_application(argv)
    window = MainWindow()
    window.restore_ui_state()
    # The list and the article first: indexing their text waits until they are on screen.
    window.session.hold_text_index()
    start_session(window, paths)
    window.show()

    def after_painting() -> None:
        window.finish()  # the rest of the window first: it may take keys from now on
        window.session.release_text_index()

    after_first_paint(window.reading_pane.viewport(), after_painting)
    return app, window


def run_app(paths: Sequence[str], argv: Sequence[str], *, single_instance: bool = True) -> int:
    """Build the window, restore the session, and run until the window closes."""
    from viewer.exception_hook import ExceptionHook  # here: a window a script builds needs none

    logging.basicConfig(level=logging.INFO, format="%(name)s: %(levelname)s: %(message)s")
    ExceptionHook().install()
    # From the moment there is an application: Ctrl+C during a slow start closes it too.
    _quit_on_interrupt(create_application(argv))
    app, window = build_window(paths, argv)
    if single_instance:
        # Once the window is on screen: a second start meanwhile opens a window of its own, as
        # one during the build always did.
        after_first_paint(window.reading_pane.viewport(), lambda: _listen(app, window))
    return app.exec()


def _listen(app: QApplication, window: MainWindow) -> None:
    """Take the paths of later starts (a double-click) into ``window``."""
    from viewer.instance_server import InstanceServer  # here: after the first paint

    server = InstanceServer(window)
    if server.listen():
        server.pathsReceived.connect(window.receive_paths)
        app.aboutToQuit.connect(server.close)


def _quit_on_interrupt(app: QApplication) -> None:
    """Ctrl+C in the terminal closes the window properly, so settings are saved."""
    import signal

    # On the event loop's next turn: before it runs, the window is still being built.
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, app.closeAllWindows))
    # Python runs signal handlers only between bytecodes; a timer lets it look now and then.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(500)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_app(sys.argv[1:], sys.argv))
