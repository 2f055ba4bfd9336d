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

# The least a reader of one folder could be: a window with a table of the samples' names and
# one article as plain text beside it.
MINIMAL = (
    PAINT_PROBE
    + """
import os
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView, QTextBrowser
from viewer.core.bundled import samples_dir
app = QApplication([])
folder = samples_dir()
names = sorted(os.listdir(folder))
model = QStandardItemModel(len(names), 1)
for row, name in enumerate(names):
    model.setItem(row, 0, QStandardItem(name))
table = QTableView()
table.setModel(model)
text = QTextBrowser()
with open(os.path.join(folder, names[0]), encoding="utf-8") as handle:
    text.setPlainText(handle.read())
splitter = QSplitter()
splitter.addWidget(table)
splitter.addWidget(text)
window = QMainWindow()
window.setCentralWidget(splitter)
window.resize(1180, 760)
probe = FirstPaint()
text.viewport().installEventFilter(probe)
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

# Run once before the timed runs: the viewer lists the samples and indexes their text, as a
# reader's earlier session would have, then quits.
SETTLE = """
import sys
from PySide6.QtCore import QTimer
from viewer.app import build_window
app, window = build_window([], sys.argv[:1])
def settled():
    if not window.is_loading() and not window.session.indexing_text():
        window.close()
        app.quit()
timer = QTimer()
timer.timeout.connect(settled)
timer.start(50)
app.exec()
print("0.0")
"""


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
        base = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        envs = {name: _home(base, os.path.join(home, str(n))) for n, name in enumerate(trees)}
        env = _home(base, os.path.join(home, "bare"))
        run(BARE, env)  # warm the disk cache for all
        times: dict[str, list[float]] = {"bare PySide6 window": [], "minimal reader": []}
        for name, tree in trees.items():
            run(SETTLE, envs[name], tree)
            times[name] = []
        kinds = [("bare PySide6 window", BARE, env, None), ("minimal reader", MINIMAL, env, None)]
        kinds += [(name, VIEWER, envs[name], tree) for name, tree in trees.items()]
        for round_ in range(args.runs):
            # Every other round in the other order: which one goes first counts, measured.
            for name, script, kind_env, tree in kinds if round_ % 2 == 0 else kinds[::-1]:
                times[name].append(run(script, kind_env, tree))
    bare = statistics.median(times["bare PySide6 window"])
    minimal = statistics.median(times["minimal reader"])
    print(f"runs: {args.runs} each, platform {env['QT_QPA_PLATFORM']}")
    print(f"{'':28} {'median':>10}  {'÷ bare':>6}  {'÷ minimal':>9}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:28} {median * 1000:7.0f} ms  {median / bare:5.2f}x  {median / minimal:8.2f}x")
    print("target: the viewer within 1.25x of the minimal reader")


def _home(env: dict[str, str], home: str) -> dict[str, str]:
    """``env`` with settings and caches of its own under ``home``: each checkout has its own,
    as one's index would be rebuilt by the other."""
    # The first run of each (SETTLE) makes its index of the samples; the runs timed start as
    # a reader's would every day after.
    return dict(
        env,
        XDG_CONFIG_HOME=os.path.join(home, "config"),
        XDG_CACHE_HOME=os.path.join(home, "cache"),
    )


if __name__ == "__main__":
    main()
