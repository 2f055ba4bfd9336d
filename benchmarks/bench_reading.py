#!/usr/bin/env python3
"""Time from a selection change to the painted article: a typical one and a 1 MB one.

Usage: python benchmarks/bench_reading.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from viewer.app import create_application
from viewer.core.bundled import samples_dir
from viewer.window.main_window import MainWindow


def shown_in(window: MainWindow, row: int) -> float:
    """Seconds to select ``row`` and paint the reading pane."""
    start = time.perf_counter()
    window.navigation.select_row(row)
    window.reading_pane.viewport().repaint()
    return time.perf_counter() - start


def big_article(folder: Path) -> Path:
    """A 1 MB article of ordinary paragraphs."""
    paragraph = (
        "The council met again on Tuesday evening to discuss the plans for the new bridge, "
        "which residents on both banks of the river have been waiting for since the old one "
        "closed. "
    )
    body = "\n\n".join(paragraph * 3 for _ in range(1_000_000 // (len(paragraph) * 3)))
    path = folder / "big.txt"
    path.write_text(f"A very long report\n\nLocal\n\nPublished: 2024-01-01 10:00\n\n{body}\n")
    return path


def main() -> None:
    """Print the median time to show each sample, and the 1 MB article."""
    with tempfile.TemporaryDirectory() as temp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
        app = create_application(sys.argv[:1])
        window = MainWindow()
        window.resize(1180, 760)
        window.show()
        window.open_paths([str(samples_dir())], remember=False)
        app.processEvents()
        rows = window.proxy.rowCount()
        typical = []
        for _ in range(5):
            for row in range(rows):
                window.showing.cache.forget()  # measure the parse too, not a cache hit
                typical.append(shown_in(window, row))
        big = big_article(Path(temp))
        size = big.stat().st_size
        window.open_paths([str(big)], remember=False)
        window.navigation.select_row(0)
        large = []
        for _ in range(5):
            window.showing.cache.forget()
            other = 1 if window.list_view.currentIndex().row() == 0 else 0
            window.navigation.select_row(other)
            row = window.proxy.mapFromSource(
                window.model.index(window.model.row_of(str(big)) or 0, 0)
            ).row()
            large.append(shown_in(window, row))
        window.close()
    print(
        f"typical article (samples, {len(typical)} shows): median "
        f"{statistics.median(typical) * 1000:.1f} ms, max {max(typical) * 1000:.1f} ms "
        "(target: one frame, 16 ms)"
    )
    print(
        f"{size / 1e6:.1f} MB article ({len(large)} shows): median "
        f"{statistics.median(large) * 1000:.0f} ms (target 200 ms)"
    )


if __name__ == "__main__":
    main()
