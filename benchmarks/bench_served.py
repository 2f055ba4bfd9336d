#!/usr/bin/env python3
"""A big library served from the index, in the real window: first screen, sorting, filtering,
scrolling and memory, at any size.

Usage: python benchmarks/bench_served.py DIR [DIR ...] [--index-root FOLDER]

For each corpus folder an index is made first (kept below FOLDER, so that later runs skip it);
then a fresh process opens the folder in a window (Qt offscreen) and measures:
  first screen   from open_paths() to rows in the list; whole view: until all are known
                 (each size is opened twice, in two processes: the first run may find the
                 index out of the page cache, and its first screen is given beside)
  sort           per column, from the header's click to the first screen, and to the whole
  filter         typed words, the same two
  scroll         End, then Home and PageDown to the bottom: the longest the event loop went
                 without running a 10 ms timer
  peak RSS       of the window's process
Text indexing is left out: it is a background job of its own, measured by bench_text_index.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILTERS = ["council", "river bridge", "zzqx"]


def child(folder: str, index: Path) -> dict[str, Any]:
    """Open ``folder`` served from ``index`` in this process and measure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from stall_probe import StallProbe

    from viewer.app import create_application
    from viewer.window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application(sys.argv[:1])
    # Its own reading state: the benchmark's scrolling marks articles read, never the user's.
    window = MainWindow(index_path=index, state_folder=Path(tempfile.mkdtemp()) / "state")
    window.session.schedule_text_index = lambda: None  # type: ignore[method-assign]
    window.resize(1180, 760)
    window.show()
    app.processEvents()
    shown = window.shown
    loop = QEventLoop()

    def until(condition: Any, timeout: float = 120.0) -> float:
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < timeout:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return time.perf_counter() - started

    started = time.perf_counter()
    window.open_paths([folder])
    app.processEvents()
    first_screen = time.perf_counter() - started
    until(lambda: shown.view_known() and shown.total() > 0)
    whole = time.perf_counter() - started
    result: dict[str, Any] = {
        "served": shown.served_from_index(),
        "rows": shown.row_count(),
        "first_screen": first_screen,
        "whole_view": whole,
    }
    view = window.list_view
    sorts = []
    up, down = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    for column, order in ((0, up), (1, down), (2, up), (3, down)):
        started = time.perf_counter()
        view.sortByColumn(column, order)
        screen = time.perf_counter() - started
        sorts.append((column, screen, screen + until(shown.view_known)))
    result["sorts"] = sorts
    filters = []
    for words in FILTERS:
        started = time.perf_counter()
        shown.set_filter_text(words)
        screen = time.perf_counter() - started
        known = screen + until(shown.view_known)
        filters.append((words, screen, known, shown.row_count()))
    shown.set_filter_text("")
    until(shown.view_known)
    result["filters"] = filters
    # Scrolling, with a 10 ms timer to catch the event loop held up.
    probe = StallProbe()
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    probe.start()
    QTest.keyClick(view, Qt.Key.Key_End)
    app.processEvents()
    QTest.keyClick(view, Qt.Key.Key_Home)
    app.processEvents()
    presses = 0
    started = time.perf_counter()
    while view.currentIndex().row() < shown.row_count() - 1 and presses < 300:
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        QTimer.singleShot(0, loop.quit)
        loop.exec()
        presses += 1
    probe.stop()
    result["scroll"] = {
        "pages": presses,
        "seconds": time.perf_counter() - started,
        "stall_ms": probe.longest(),
    }
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    return result


def ensure_index(folder: str, index: Path) -> None:
    """List ``folder`` into ``index`` once (header-only, in worker processes)."""
    if index.exists():
        return
    index.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, str(HERE / "bench_list_view.py"), folder, "--index", str(index),
         "--rounds", "1"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--index-root", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.index)))
        return
    for folder in map(os.path.abspath, args.folders):
        index = args.index_root / f"served-{os.path.basename(folder)}" / "library.sqlite3"
        ensure_index(folder, index)
        runs = []
        for _ in range(2):  # the first may find the index out of the page cache
            out = subprocess.run(
                [sys.executable, __file__, "--child", folder, "--index", str(index)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        report(folder, runs[1], runs[0])


def report(folder: str, run: dict[str, Any], first: dict[str, Any]) -> None:
    """Print one library's figures: of the second run, and the first run's first screen."""
    print(f"\n{folder}: {run['rows']:,} rows, served from the index: {run['served']}")
    print(
        f"  first screen {run['first_screen'] * 1000:7.1f} ms, whole view {run['whole_view']:.2f} s"
        f" (first run: {first['first_screen'] * 1000:.1f} ms, {first['whole_view']:.2f} s)"
    )
    for column, screen, known in run["sorts"]:
        print(f"  sort column {column}  first screen {screen * 1000:7.1f} ms, whole {known:.2f} s")
    for words, screen, known, rows in run["filters"]:
        print(
            f"  filter {words!r:16} first screen {screen * 1000:7.1f} ms, whole {known:.2f} s, "
            f"{rows:,} rows"
        )
    scroll = run["scroll"]
    print(
        f"  scroll: {scroll['pages']} pages in {scroll['seconds']:.2f} s, "
        f"longest stall {scroll['stall_ms']} ms"
    )
    print(f"  peak RSS {run['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
