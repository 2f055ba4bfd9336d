#!/usr/bin/env python3
"""The concordance in the real window against ripgrep on the same folder, in one run.

Usage: python benchmarks/bench_concordance.py DIR [--query Q ...] [--rounds R]

A window (Qt offscreen) lists DIR into an index of its own and indexes its text (kept below
the temporary folder, so later runs skip that); then, for each query, each round:
  window    from asking for the concordance to its first screen of lines, and to the last
            line; the longest the event loop went without running a 10 ms timer meanwhile
  rg -o     ``rg -o -i '.{0,40}WORDS.{0,40}' DIR``: every hit with context (the target: the
            whole concordance at least as fast), run in the same round
Each query is a phrase or word; the regular expression for rg is made of its words.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FIRST_SCREEN = 30  # lines: what the pane shows at once


def child(folder: str, queries: list[str], index: Path) -> dict[str, Any]:
    """Open ``folder`` in a window and time each query's concordance."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    from PySide6.QtCore import QEventLoop, QSettings
    from stall_probe import StallProbe

    from viewer.app import create_application
    from viewer.window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application(sys.argv[:1])
    window = MainWindow(index_path=index, state_folder=Path(tempfile.mkdtemp()) / "state")
    window.resize(1180, 760)
    window.show()

    def until(condition: Any, timeout: float = 600.0) -> float:
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < timeout:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return time.perf_counter() - started

    window.open_paths([folder])
    until(lambda: not window.is_loading() and window.session.text_index_idle())
    # The pane is made on first use: timed apart, as once a session.
    probe = StallProbe()
    probe.start()
    started = time.perf_counter()
    window.concordance.show(True)
    app.processEvents()
    results: dict[str, Any] = {
        "made": {"seconds": time.perf_counter() - started, "stall_ms": probe.longest()}
    }
    probe.stop()
    window.concordance.show(False)
    for query in queries:
        window.search(query)
        until(lambda: window.shown.view_known() and window.shown.row_count() > 0)
        probe = StallProbe()
        probe.start()
        started = time.perf_counter()
        window.concordance.show(True)
        controls = window.concordance.controls
        assert controls is not None
        first = started + until(lambda c=controls: c.model.rowCount() >= FIRST_SCREEN)
        done = started + until(lambda c=controls: not c.building())
        probe.stop()
        results[query] = {
            "articles": window.shown.row_count(),
            "lines": controls.model.rowCount(),
            "first_screen": first - started,
            "whole": done - started,
            "stall_ms": probe.longest(),
        }
        window.concordance.show(False)
    window.close()
    return results


def rg_seconds(folder: str, query: str) -> tuple[float, int]:
    """Seconds for rg to print every hit of the query's words with context, and the lines."""
    words = r"\s+".join(re.escape(word) for word in query.strip('"').split())
    started = time.perf_counter()
    out = subprocess.run(
        ["rg", "-o", "-i", "--no-heading", ".{0,40}" + words + ".{0,40}", folder],
        capture_output=True, check=False,
    )  # fmt: skip
    return time.perf_counter() - started, out.stdout.count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--query", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.query, args.index)))
        return
    if shutil.which("rg") is None:
        sys.exit("rg (ripgrep) is needed: it is the baseline")
    folder = os.path.abspath(args.folder)
    queries = args.query or ['"river bridge"', "museum"]
    index = Path(tempfile.gettempdir()) / f"concordance-{os.path.basename(folder)}" / "index"
    index.parent.mkdir(parents=True, exist_ok=True)
    rounds: list[tuple[dict[str, Any], dict[str, tuple[float, int]]]] = []
    for _ in range(args.rounds):
        command = [sys.executable, __file__, "--child", folder, "--index", str(index)]
        for query in queries:
            command += ["--query", query]
        out = subprocess.run(command, check=True, capture_output=True, text=True)
        window = json.loads(out.stdout.strip().splitlines()[-1])
        rounds.append((window, {query: rg_seconds(folder, query) for query in queries}))
    made = [window["made"] for window, _rg in rounds]
    print(
        f"pane made on first use: {statistics.median(m['seconds'] for m in made) * 1000:.0f} ms,"
        f" stall {max(m['stall_ms'] for m in made)} ms"
    )
    for query in queries:
        runs = [window[query] for window, _rg in rounds]
        rg = [rg_runs[query] for _window, rg_runs in rounds]
        whole = statistics.median(run["whole"] for run in runs)
        rg_median = statistics.median(seconds for seconds, _lines in rg)
        print(f"\n{query}: {runs[-1]['lines']:,} lines in {runs[-1]['articles']:,} articles "
              f"(rg: {rg[-1][1]:,} lines)")  # fmt: skip
        first = statistics.median(r["first_screen"] for r in runs)
        print(f"  first screen  {first * 1000:7.0f} ms")
        print(f"  whole         {whole:7.2f} s   rg -o {rg_median:.2f} s", end="")
        print(f"   ratio {whole / rg_median:.2f}")
        print(f"  longest stall {max(r['stall_ms'] for r in runs)} ms")


if __name__ == "__main__":
    main()
