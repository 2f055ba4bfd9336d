#!/usr/bin/env python3
"""Start-up to the first painted window, the viewer on its samples against a bare PySide6 window.

Each run is a fresh process; the kinds alternate so machine noise hits all alike. Each reports
its wall-clock time from the spawn to its first paint and the CPU time it spent until then
(which the machine's other work moves less).
Usage: python benchmarks/bench_startup.py [--runs N] [--against OTHER_CHECKOUT] [--split]

``--against`` times the viewer of another checkout (an older commit, say) in the same runs.
``--split`` times what the viewer's first paint costs beyond the minimal reader's, part by
part: the minimal reader making the PySide6 classes the viewer's first paint makes beyond its
own, then importing the modules the viewer has loaded by then as well, and the viewer with
PySide6's check of each module imported after it (it reads the module's source) left out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Every child prints the wall-clock time of its first paint and its CPU time until then, and
# quits; with STARTUP_CENSUS set, a line of JSON after it: the PySide6 classes made by then and
# the modules loaded, in the order they came.
PAINT_PROBE = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(repr(time.time()), repr(time.process_time()), flush=True)
            _census()
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False

def _census():
    import os, sys
    if not os.environ.get("STARTUP_CENSUS"):
        return
    modules = list(sys.modules)
    import json
    import PySide6
    classes = [
        f"{name}.{member}"
        for name in ("QtCore", "QtGui", "QtWidgets")
        for member, value in vars(getattr(PySide6, name)).items()
        if isinstance(value, type)  # made by now: PySide6 makes a class when first asked
    ]
    print(json.dumps({"classes": classes, "modules": modules}), flush=True)
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

# For --split: PySide6 reads the source of every module imported after it, to see whether it
# names PySide6 (for its __feature__ switches); this viewer leaves that out.
NO_SOURCE_CHECK = """
import sys
import PySide6.QtCore
sys.modules["shibokensupport.feature"]._mod_uses_pyside = lambda module: True
"""

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
print("0.0 0.0")
"""


def run(script: str, env: dict[str, str], tree: Path | None = None) -> list[str]:
    """The lines a child prints by its first paint (its ``viewer`` from ``tree``)."""
    if tree is not None:
        # The checkout's own package comes first on the path, before the installed one.
        env = dict(env, PYTHONPATH=str(tree))
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tree,
    )
    printed = [line for line in out.stdout.splitlines() if line.strip()]
    if out.returncode != 0 or not printed:
        raise SystemExit(f"child failed:\n{out.stderr}")
    return printed


def timed(script: str, env: dict[str, str], tree: Path | None = None) -> tuple[float, float]:
    """Seconds from spawning the process to its first paint, and its CPU seconds until then."""
    start = time.time()
    painted, cpu = run(script, env, tree)[0].split()
    return float(painted) - start, float(cpu)


def census(script: str, env: dict[str, str], tree: Path | None) -> dict[str, list[str]]:
    """The PySide6 classes made and the modules loaded by a child's first paint."""
    found: dict[str, list[str]] = json.loads(run(script, dict(env, STARTUP_CENSUS="1"), tree)[1])
    return found


def split_scripts(minimal: dict[str, list[str]], viewer: dict[str, list[str]]) -> list[str]:
    """The minimal reader making the viewer's extra classes; that, importing the viewer's
    extra modules too; the viewer without PySide6's source check (see ``--split``)."""
    own = set(minimal["classes"])
    classes = [name for name in viewer["classes"] if name not in own]
    loaded = set(minimal["modules"])
    modules = [name for name in viewer["modules"] if name not in loaded]
    made = "import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets\n" + "".join(
        f"PySide6.{name}\n" for name in classes
    )
    imported = "import importlib\n" + "".join(
        f"importlib.import_module({name!r})\n" for name in modules
    )
    print(
        f"the viewer's first paint makes {len(classes)} PySide6 classes and loads "
        f"{len(modules)} modules ({sum(m.startswith('viewer') for m in modules)} of the "
        "viewer's) beyond the minimal reader's"
    )
    return [
        PAINT_PROBE + made + MINIMAL.removeprefix(PAINT_PROBE),
        PAINT_PROBE + made + imported + MINIMAL.removeprefix(PAINT_PROBE),
        NO_SOURCE_CHECK + VIEWER,
    ]


def main() -> None:
    """Alternate bare and viewer runs; print medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--against", type=Path, help="another checkout to time alike")
    parser.add_argument("--split", action="store_true", help="time the gap part by part")
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
        kinds = [("bare PySide6 window", BARE, env, None), ("minimal reader", MINIMAL, env, None)]
        for name, tree in trees.items():
            run(SETTLE, envs[name], tree)
            kinds.append((name, VIEWER, envs[name], tree))
        if args.split:
            viewer_env, viewer_tree = envs["viewer on samples"], here
            made, imported, unchecked = split_scripts(
                census(MINIMAL, env, None), census(VIEWER, viewer_env, viewer_tree)
            )
            kinds += [
                ("minimal + the classes", made, env, None),
                ("minimal + classes + modules", imported, env, viewer_tree),
                ("viewer, no source check", unchecked, viewer_env, viewer_tree),
            ]
        times: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in kinds}
        for round_ in range(args.runs):
            # Every other round in the other order: which one goes first counts, measured.
            for name, script, kind_env, tree in kinds if round_ % 2 == 0 else kinds[::-1]:
                times[name].append(timed(script, kind_env, tree))
    bare = statistics.median(wall for wall, _cpu in times["bare PySide6 window"])
    minimal = statistics.median(wall for wall, _cpu in times["minimal reader"])
    minimal_cpu = statistics.median(cpu for _wall, cpu in times["minimal reader"])
    print(f"runs: {args.runs} each, platform {env['QT_QPA_PLATFORM']}")
    print(f"{'':28} {'median':>10}  {'÷ bare':>6}  {'÷ minimal':>9}  {'CPU':>9}  {'÷ minimal':>9}")
    for name, runs in times.items():
        wall = statistics.median(w for w, _c in runs)
        cpu = statistics.median(c for _w, c in runs)
        print(
            f"{name:28} {wall * 1000:7.0f} ms  {wall / bare:5.2f}x  {wall / minimal:8.2f}x"
            f"  {cpu * 1000:6.0f} ms  {cpu / minimal_cpu:8.2f}x"
        )
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
