#!/usr/bin/env python3
"""Render the SVG application icon to the PNG sizes desktops look for, into resources/icons/."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from viewer.core.appinfo import DESKTOP_FILE_NAME

SIZES = (16, 24, 32, 48, 64, 128, 256)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> None:
    """Write hicolor/NxN/apps/<id>.png for each size."""
    app = QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / f"{DESKTOP_FILE_NAME}.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_FILE_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
        print(f"wrote {target.relative_to(ICONS.parent.parent)}")
    del app


if __name__ == "__main__":
    main()
