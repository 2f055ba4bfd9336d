#!/usr/bin/env python3
"""Labelling in the real window, in one run: a key's label on screen, a thousand in a row,
and the label facet and ``label:`` search over a big library.

Usage: python benchmarks/bench_labels.py DIR [--index INDEX] [--rounds R]

A window (Qt offscreen) opens DIR (its index kept below the temporary folder, or INDEX, so
later runs skip the listing and the text); then, each round:
  one key       from a label key on the selected article to its row repainted with the label;
                beside it the whole list painted with nothing changed, the baseline
  in a row      1,000 label keys with "advance after labelling": each key's time to the next
                article shown, and the longest the event loop went without running a 10 ms
                timer meanwhile; beside it 1,000 presses of J (next article), the baseline
  facet         from choosing a label in the label facet to the list's view known; beside it
                choosing a section, the list's own filter, as the baseline
  label:        from the search ``label:relevant`` to the list's view known; beside it a search
                of a word, the baseline
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
IN_A_ROW = 1000
LABELLED = 5000  # articles labelled before the facet and the search are timed


def child(folder: str, index: Path) -> dict[str, Any]:
    """Open ``folder`` in a window and time the labelling."""
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

    def until(condition: Any, timeout: float = 900.0) -> float:
        started = time.perf_counter()
        while not condition() and time.perf_counter() - started < timeout:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return time.perf_counter() - started

    window.open_paths([folder])
    until(lambda: not window.is_loading() and window.session.text_index_idle())
    until(lambda: window.shown.view_known() and window.shown.counted())
    window.finish()
    labels = window.labels
    assert labels is not None
    labels.labels.offer_starter()
    labels.advance.setChecked(False)
    nav, view = window.navigation, window.list_view
    nav.select_top()
    until(lambda: not window.showing.opening())
    keys_ms, paints_ms = [], []
    for _ in range(20):  # on and off again, ten times: the median
        started = time.perf_counter()
        labels.key_pressed("1")
        app.processEvents()  # the row's cell painted again: what the key changed
        keys_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        view.viewport().repaint()  # the baseline: the whole list painted, no change at all
        paints_ms.append((time.perf_counter() - started) * 1000)

    labels.advance.setChecked(True)
    times: list[float] = []
    probe = StallProbe()
    probe.start()
    for _ in range(IN_A_ROW):
        started = time.perf_counter()
        labels.key_pressed("2")
        until(lambda: not window.showing.opening(), 10)
        app.processEvents()
        times.append(time.perf_counter() - started)
    probe.stop()
    moves: list[float] = []  # the baseline: J alone, the same number of times
    for _ in range(IN_A_ROW):
        started = time.perf_counter()
        nav.next_article()
        until(lambda: not window.showing.opening(), 10)
        app.processEvents()
        moves.append(time.perf_counter() - started)
    in_a_row = {
        "median_ms": statistics.median(times) * 1000,
        "max_ms": max(times) * 1000,
        "stall_ms": probe.longest(),
        "j_median_ms": statistics.median(moves) * 1000,
        "j_max_ms": max(moves) * 1000,
    }

    listed = window.shown.listed_articles()
    keys = [a.content_key for _n, a in zip(range(LABELLED * 2), listed, strict=False)]
    labels.labels.set_labels({k: ("Relevant",) for k in keys[::2] if k})

    def timed(action: Any) -> float:
        started = time.perf_counter()
        action()
        until(lambda: window.shown.view_known())
        return time.perf_counter() - started

    until(lambda: window.list_pane.facet_boxes["label"].findData("Relevant") >= 0, 60)
    facet = timed(lambda: window.list_pane.choose_facet("label", "Relevant"))
    passing = window.shown.passing()
    timed(lambda: window.list_pane.choose_facet("label", None))
    sections = list(window.shown.section_counts())
    section = timed(lambda: window.list_pane.choose_section(sections[0]))
    timed(lambda: window.list_pane.choose_section(None))
    search = timed(lambda: window.search("label:relevant"))
    found = window.shown.passing()
    word = timed(lambda: window.search("museum"))
    window.search("")
    window.close()
    return {
        "articles": window.shown.total(),
        "one_key_ms": statistics.median(keys_ms),
        "repaint_ms": statistics.median(paints_ms),
        "in_a_row": in_a_row,
        "facet_ms": facet * 1000,
        "facet_rows": passing,
        "section_ms": section * 1000,
        "label_search_ms": search * 1000,
        "label_search_rows": found,
        "word_search_ms": word * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--index", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.index)))
        return
    folder = os.path.abspath(args.folder)
    index = (
        args.index or Path(tempfile.gettempdir()) / f"labels-{os.path.basename(folder)}" / "index"
    )
    index.parent.mkdir(parents=True, exist_ok=True)
    runs = []
    for _ in range(args.rounds):
        command = [sys.executable, __file__, "--child", folder, "--index", str(index)]
        out = subprocess.run(command, check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))

    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    print(f"{runs[-1]['articles']:,} articles, {len(runs)} rounds (median; worst for stalls)")
    print(
        f"  one key to its row repainted   {median('one_key_ms'):7.1f} ms"
        f"   the whole list repainted (baseline) {median('repaint_ms'):.1f} ms"
    )
    row = [run["in_a_row"] for run in runs]
    key_median = statistics.median(r["median_ms"] for r in row)
    print(
        f"  {IN_A_ROW:,} keys in a row, advancing  median {key_median:.1f} ms,"
        f" max {max(r['max_ms'] for r in row):.1f} ms, stall {max(r['stall_ms'] for r in row)} ms"
    )
    j_median = statistics.median(r["j_median_ms"] for r in row)
    print(
        f"  {IN_A_ROW:,} J presses (baseline)      median {j_median:.1f} ms,"
        f" max {max(r['j_max_ms'] for r in row):.1f} ms"
    )
    print(
        f"  label facet ({runs[-1]['facet_rows']:,} rows)   {median('facet_ms'):7.1f} ms"
        f"   a section (baseline) {median('section_ms'):.1f} ms"
    )
    rows = runs[-1]["label_search_rows"]
    print(
        f"  label: search ({rows:,} rows) {median('label_search_ms'):7.1f} ms"
        f"   a word (baseline) {median('word_search_ms'):.1f} ms"
    )


if __name__ == "__main__":
    main()
