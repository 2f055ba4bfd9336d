#!/usr/bin/env python3
"""Render the window offscreen with the bundled samples and save PNG screenshots into docs/.

Usage: python tools/screenshot.py [OUTPUT_DIR]   (writes screenshot.png and screenshot-dark.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from viewer.app import create_application
from viewer.bundled import samples_dir
from viewer.main_window import MainWindow


def dark_palette() -> QPalette:
    """A plain dark palette, like a desktop's dark mode."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2d30"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1f22"),
        (roles.AlternateBase, "#26282b"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#2b2d30"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d6ea8"),
        (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, "#8c8f94"),
        (roles.ToolTipBase, "#2b2d30"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.Mid, "#3c3f44"),
        (roles.Dark, "#18191b"),
        (roles.Light, "#45484d"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def shoot(window: MainWindow, path: Path) -> None:
    """Let the window lay itself out, then grab it."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    print(f"wrote {path}")


def main() -> None:
    """Write the light and dark screenshots."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as settings:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
        app = create_application(sys.argv[:1])
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
        window = MainWindow()
        window.resize(1280, 780)
        window.show()
        window.open_paths([str(samples_dir())], remember=False)
        window.select_path(str(samples_dir() / "01_harbour-tidal-barrier.txt"))
        shoot(window, out / "screenshot.png")
        app.setPalette(dark_palette())
        window.select_path(str(samples_dir() / "06_chess-final.txt"))
        shoot(window, out / "screenshot-dark.png")
        window.close()


if __name__ == "__main__":
    main()
