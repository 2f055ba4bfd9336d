#!/usr/bin/env python3
"""Start-up to the first painted window, the viewer on its samples against a bare PySide6 window.

Each run is a fresh process; the two kinds alternate so machine noise hits both alike.
Usage: python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Both children print the wall-clock time of their first paint and quit.
PAINT_PROBE = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(repr(time.time()), flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False
"""

BARE = (
    PAINT_PROBE
    + """
from PySide6.QtWidgets import QLabel
app = QApplication([])
window = QLabel("Hello")
window.resize(1180, 760)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""
)

VIEWER = (
    PAINT_PROBE
    + """
import sys
from viewer.app import build_window
app, window = build_window([], sys.argv[:1])  # a first start: the bundled samples
probe = FirstPaint()
window.reading_pane.viewport().installEventFilter(probe)
app.exec()
"""
)


def run(script: str, env: dict[str, str]) -> float:
    """Seconds from spawning the process to its first paint."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    painted = [line for line in out.stdout.splitlines() if line.strip()]
    if out.returncode != 0 or not painted:
        raise SystemExit(f"child failed:\n{out.stderr}")
    return float(painted[0]) - start


def main() -> None:
    """Alternate bare and viewer runs; print medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start instead.
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "viewer"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env["XDG_CONFIG_HOME"] = os.path.join(home, "config")  # a first start, no session
        env["XDG_CACHE_HOME"] = os.path.join(home, "cache")
        run(BARE, env)  # warm the disk cache for both
        run(VIEWER, env)
        bare, viewer = [], []
        for _ in range(args.runs):
            bare.append(run(BARE, env))
            viewer.append(run(VIEWER, env))
    b, v = statistics.median(bare), statistics.median(viewer)
    print(f"runs: {args.runs} each, platform {env['QT_QPA_PLATFORM']}")
    print(f"bare PySide6 window  {b * 1000:7.0f} ms")
    print(f"viewer on samples    {v * 1000:7.0f} ms")
    print(f"ratio                {v / b:7.2f}x  (target <= 1.3x)")


if __name__ == "__main__":
    main()
