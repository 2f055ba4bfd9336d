#!/usr/bin/env python3
"""Start-up to the first painted window, the viewer on its samples against a bare PySide6 window.

Each run is a fresh process; the kinds alternate so machine noise hits all alike.
Usage: python benchmarks/bench_startup.py [--runs N] [--against OTHER_CHECKOUT]

``--against`` times the viewer of another checkout (an older commit, say) in the same runs.
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


def run(script: str, env: dict[str, str], tree: Path | None = None) -> float:
    """Seconds from spawning the process to its first paint (its ``viewer`` from ``tree``)."""
    if tree is not None:
        # The checkout's own package comes first on the path, before the installed one.
        env = dict(env, PYTHONPATH=str(tree))
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tree,
    )
    painted = [line for line in out.stdout.splitlines() if line.strip()]
    if out.returncode != 0 or not painted:
        raise SystemExit(f"child failed:\n{out.stderr}")
    return float(painted[0]) - start


def main() -> None:
    """Alternate bare and viewer runs; print medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--against", type=Path, help="another checkout to time alike")
    args = parser.parse_args()
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start instead.
    import compileall

    here = Path(__file__).resolve().parent.parent
    trees = {"viewer on samples": here}
    if args.against is not None:
        trees[f"{args.against.name} on samples"] = args.against.resolve()
    for tree in trees.values():
        compileall.compile_dir(str(tree / "viewer"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env["XDG_CONFIG_HOME"] = os.path.join(home, "config")  # a first start, no session
        env["XDG_CACHE_HOME"] = os.path.join(home, "cache")
        run(BARE, env)  # warm the disk cache for all
        times: dict[str, list[float]] = {"bare PySide6 window": []}
        for name, tree in trees.items():
            run(VIEWER, env, tree)
            times[name] = []
        for _ in range(args.runs):
            times["bare PySide6 window"].append(run(BARE, env))
            for name, tree in trees.items():
                times[name].append(run(VIEWER, env, tree))
    bare = statistics.median(times["bare PySide6 window"])
    print(f"runs: {args.runs} each, platform {env['QT_QPA_PLATFORM']}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:28} {median * 1000:7.0f} ms  {median / bare:5.2f}x")
    print("target: the viewer within 1.3x of the bare window")


if __name__ == "__main__":
    main()
