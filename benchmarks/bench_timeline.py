#!/usr/bin/env python3
"""The timeline in the real window: redrawing after a filter or a search, a drag, a range.

Usage: python benchmarks/bench_timeline.py DIR [--rounds R] [--mode memory|served ...]

A window (Qt offscreen) lists DIR with an index and a reading state of its own (kept below the
temporary folder, so later runs skip the listing and the text indexing). Each round, in each
mode (``memory``: the list held in memory, however big; ``served``: the list served from the
index, as a library of 20,000 articles or more is), for each filter or search:
  list only     from setting it to the list showing its rows, the timeline closed (baseline)
  with strip    the same with the timeline open, to the strip drawn with the new counts
  our work      the window thread's share of that: making the count's job and drawing it
  stall         the longest the event loop went without running a 10 ms timer meanwhile,
                with the strip and with the list only
then a drag across the strip (four moves a bar): the longest a move took to handle and draw,
and the release to the list narrowed to the range. Rounds are interleaved, medians reported.
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
from typing import Any

HERE = Path(__file__).resolve().parent
CHANGES = [("filter", "river"), ("search", "museum"), ("filter", "report")]


def child(folder: str, mode: str, home: Path) -> dict[str, Any]:
    """Open ``folder`` in a window and time the timeline's work."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    from PySide6.QtCore import QEventLoop, QPointF, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from stall_probe import StallProbe

    from viewer.app import create_application
    from viewer.window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application(sys.argv[:1])
    window = MainWindow(index_path=home / "index", state_folder=home / "state")
    if mode == "memory":
        window.session.served.big_library = 10**9  # held in memory, however many
    window.resize(1180, 760)
    window.show()

    def until(condition: Any, timeout: float = 900.0, nap: float = 0.0) -> float:
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < timeout:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if nap:
                time.sleep(nap)  # waiting on threads: leave them the interpreter
        return time.perf_counter() - started

    window.open_paths([folder])
    until(lambda: not window.is_loading() and window.session.text_index_idle(), nap=0.02)
    until(lambda: window.shown.view_known())
    assert window.shown.served_from_index() == (mode == "served"), "not the mode asked for"
    window.finish()
    results: dict[str, Any] = {"articles": window.shown.total()}
    probe = StallProbe()
    probe.start()
    started = time.perf_counter()
    window.timeline.show(True)
    until(lambda: window.timeline.controls is not None)  # its modules imported in a thread
    controls = window.timeline.controls
    assert controls is not None
    counting = controls.counting
    until(lambda: not counting.busy() and controls.model.rowCount() > 0)
    results["first_shown"] = {"seconds": time.perf_counter() - started, "stall_ms": probe.longest()}
    probe.stop()
    # The window thread's share: the job made (count_now) and the counts drawn (_draw).
    spent: list[float] = []
    for owner, name in ((counting, "count_now"), (controls, "_draw")):
        original = getattr(owner, name)

        def timed(*args: Any, _original: Any = original) -> Any:
            began = time.perf_counter()
            try:
                return _original(*args)
            finally:
                spent.append(time.perf_counter() - began)

        setattr(owner, name, timed)
    counting.counted.disconnect()
    counting.counted.connect(controls._draw)

    def change(kind: str, text: str) -> None:
        if kind == "search":
            window.search(text)
        else:
            window.list_pane.set_mode(0)
            window.filter_edit.setText(text)

    def settled() -> bool:
        return window.shown.view_known()

    def reset() -> None:
        window.search("")
        window.list_pane.set_mode(0)
        window.filter_edit.setText("")
        until(settled)

    def in_loop(kind: str, text: str) -> None:
        """Change the list from inside the event loop, as a key press would, and wait."""
        ran: list[bool] = []
        QTimer.singleShot(0, lambda: (change(kind, text), ran.append(True)))
        until(lambda: bool(ran))

    window.timeline.show(False)
    for kind, text in CHANGES:  # once each first: the list's caches are made by its first use
        in_loop(kind, text)
        until(settled)
        reset()
    for kind, text in CHANGES:
        key = f"{kind} {text!r}"
        # Baseline: the list alone (the timeline closed, so it counts nothing).
        window.timeline.show(False)
        reset()
        probe.start()
        started = time.perf_counter()
        in_loop(kind, text)
        until(settled)
        alone = time.perf_counter() - started
        probe.stop()
        alone_stall = probe.longest()
        reset()
        window.timeline.show(True)
        until(lambda: not counting.busy())
        spent.clear()
        probe.start()
        started = time.perf_counter()
        in_loop(kind, text)
        until(lambda: settled() and not counting.busy())
        with_strip = time.perf_counter() - started
        probe.stop()
        results[key] = {
            "shown": window.shown.passing(),
            "alone": alone,
            "alone_stall_ms": alone_stall,
            "with_strip": with_strip,
            "our_work": sum(spent),
            "our_longest": max(spent or [0.0]),
            "stall_ms": probe.longest(),
        }
    # A drag across every bar, a move a bar; then the release narrows the list.
    chart = controls.chart
    box = chart.getPlotItem().getViewBox()
    low, high = box.viewRange()[1]

    def point(x: float) -> Any:
        return chart.mapFromScene(box.mapViewToScene(QPointF(x, (low + high) / 2)))

    bars = chart.bar_count()
    viewport = chart.viewport()
    probe.start()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(0))
    moves, handled = [], []
    for step in range(1, 4 * bars):
        began = time.perf_counter()
        QTest.mouseMove(viewport, point(step / 4))  # delivered at once: our handler
        handled.append(time.perf_counter() - began)
        app.processEvents()  # and the repaint it asked for
        moves.append(time.perf_counter() - began)
    last = max(bars // 2, 1)
    started = time.perf_counter()
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(last)
    )
    until(lambda: window.shown.view_known() and not counting.busy())
    results["drag"] = {
        "bars": bars,
        "moves": len(moves),
        "longest_move": max(moves or [0.0]),
        "longest_handler": max(handled or [0.0]),
        "median_move": statistics.median(moves or [0.0]),
        "release_to_list": time.perf_counter() - started,
        "shown": window.shown.passing(),
        "stall_ms": probe.longest(),
    }
    probe.stop()
    window.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mode", action="append", choices=["memory", "served"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--in", dest="child_mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.child_mode, args.home)))
        return
    if not args.folder:
        parser.error("the folder of articles is needed")
    folder = os.path.abspath(args.folder)
    modes = args.mode or ["memory", "served"]
    home = Path(tempfile.gettempdir()) / f"timeline-{os.path.basename(folder)}"
    home.mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    for _ in range(args.rounds):
        for mode in modes:  # interleaved: the machine's load falls on both alike
            command = [sys.executable, __file__, "--child", folder, "--home", str(home)]
            out = subprocess.run([*command, "--in", mode], check=True, capture_output=True,
                                 text=True)  # fmt: skip
            runs[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.1f} ms"

    for mode, results in runs.items():
        print(f"\n{mode}: {results[-1]['articles']:,} articles, {len(results)} rounds (medians)")
        first = [r["first_shown"]["seconds"] for r in results]
        print(f"  first shown (made, counted, drawn) {ms(first)}", end="")
        print(f"   stall {max(r['first_shown']['stall_ms'] for r in results)} ms")
        for kind, text in CHANGES:
            key = f"{kind} {text!r}"
            each = [r[key] for r in results]
            alone = statistics.median(e["alone"] for e in each)
            strip = statistics.median(e["with_strip"] for e in each)
            print(f"  {key:18} ({each[-1]['shown']:,} shown)")
            print(
                f"    list only {ms([e['alone'] for e in each])}   with strip "
                f"{ms([e['with_strip'] for e in each])}   ratio {strip / max(alone, 1e-9):.2f}"
            )
            print(f"    our work  {ms([e['our_work'] for e in each])}   longest piece "
                  f"{ms([e['our_longest'] for e in each])}   stall "
                  f"{max(e['stall_ms'] for e in each)} ms (list only: "
                  f"{max(e['alone_stall_ms'] for e in each)} ms)")  # fmt: skip
        drags = [r["drag"] for r in results]
        print(f"  drag over {drags[-1]['bars']} bars, {drags[-1]['moves']} moves: "
              f"longest move {ms([d['longest_move'] for d in drags])}, median "
              f"{ms([d['median_move'] for d in drags])}; longest handler alone "
              f"{ms([d['longest_handler'] for d in drags])}")  # fmt: skip
        print(
            f"    release to list {ms([d['release_to_list'] for d in drags])} "
            f"({drags[-1]['shown']:,} shown), stall {max(d['stall_ms'] for d in drags)} ms"
        )


if __name__ == "__main__":
    main()
