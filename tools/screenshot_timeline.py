#!/usr/bin/env python3
"""Render the timeline over a folder of articles and save docs/timeline.png and
docs/timeline-dark.png (the pictures in the README).

Usage: python tools/screenshot_timeline.py DIR [OUTPUT_DIR]
DIR is a folder of articles, e.g. ``python benchmarks/make_corpus.py 4000 DIR``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from viewer.app import create_application
from viewer.window.main_window import MainWindow


def wait(condition: object, seconds: float = 120.0) -> None:
    """Run the event loop until ``condition()`` holds."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()


def main() -> None:
    """Write the timeline's screenshots, Light and Dark."""
    folder = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent.parent / "docs"
    with tempfile.TemporaryDirectory() as private:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, private)
        create_application(sys.argv[:1])
        window = MainWindow(
            index_path=Path(private) / "index", state_folder=Path(private) / "state"
        )
        window.resize(1280, 820)
        window.show()
        window.open_paths([str(folder)], remember=False)
        wait(lambda: not window.is_loading() and window.session.text_index_idle())
        window.finish()
        window.timeline.show(True)
        wait(lambda: window.timeline.controls is not None)
        controls = window.timeline.controls
        assert controls is not None
        box = controls.pane.period_box
        box.setCurrentIndex(box.findData("year"))

        def counted() -> bool:
            return not controls.counting.busy() and controls.model.rowCount() > 0

        window.reading.set_theme("light")
        wait(lambda: window.list_pane.section_box.findData("World") >= 0)
        window.list_pane.choose_section("World")
        wait(counted)
        controls.pick_bars(5, 7)
        wait(counted)
        window.grab().save(str(out / "timeline.png"))
        print(f"wrote {out / 'timeline.png'}")
        controls.clear_range()
        window.list_pane.choose_section(None)
        for query in ('"river bridge"', '"bank deal"'):
            controls.add_query(query)
        controls.pane.share_button.setChecked(True)
        window.reading.set_theme("dark")
        wait(counted)
        window.grab().save(str(out / "timeline-dark.png"))
        print(f"wrote {out / 'timeline-dark.png'}")
        window.close()


if __name__ == "__main__":
    main()
