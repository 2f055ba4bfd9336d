#!/usr/bin/env python3
"""Render the window offscreen with the bundled samples and save PNG screenshots into docs/.

Usage: python tools/screenshot.py [OUTPUT_DIR]
Writes screenshot.png (Light), screenshot-dark.png, screenshot-sepia.png, find-bar.png and
markdown.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from viewer.app import create_application
from viewer.core.bundled import samples_dir
from viewer.window.main_window import MainWindow


def settle() -> None:
    """Let the window lay itself out and paint."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()


def shoot(window: MainWindow, path: Path) -> None:
    """Grab the window into a PNG."""
    settle()
    window.grab().save(str(path))
    print(f"wrote {path}")


def main() -> None:
    """Write the theme and find-bar screenshots."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as private:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, private)
        create_application(sys.argv[:1])
        window = MainWindow(index_path=None, state_folder=Path(private) / "state")
        window.resize(1280, 780)
        window.show()
        window.reading.set_mark_policy("manual")  # keep a few titles bold, as in daily use
        window.open_paths([str(samples_dir())], remember=False)
        samples = samples_dir()
        for name in ("05_wheat-harvest.txt", "10_app-outage.txt", "11_town-hall-clock.txt"):
            window.select_path(str(samples / name))
            window.marks.set_read([window.current_article().content_key], True)  # type: ignore[union-attr]
        for theme, name, sample in (
            ("light", "screenshot.png", "01_harbour-tidal-barrier.txt"),
            ("dark", "screenshot-dark.png", "06_chess-final.txt"),
            ("sepia", "screenshot-sepia.png", "09_wrapped-letter.txt"),
        ):
            window.reading.set_theme(theme)
            window.select_path(str(samples / sample))
            shoot(window, out / name)
        window.reading.set_theme("light")
        window.select_path(str(samples / "07_museum-roof.txt"))
        window.find_bar.open()
        window.find_bar.edit.setText("ceiling")
        window.find_bar.next()
        shoot(window, out / "find-bar.png")
        window.find_bar.close_bar()
        window.select_path(str(samples / "12_allotment-water-rules.md"))
        shoot(window, out / "markdown.png")
        window.close()


if __name__ == "__main__":
    main()
