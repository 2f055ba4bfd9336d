#!/usr/bin/env python3
"""Very long articles: time to the first screen, the longest stall while the rest is set, memory.

Usage: python benchmarks/bench_long_lines.py [--folder DIR]
Each file is shown in a fresh process (so that its peak RSS is its own), with Qt offscreen:
  first screen  from selecting the article to the first paint of its text (reading and parsing
                included; a big file is read in a thread, its header shown meanwhile)
  stall         the longest the event loop went without running a 10 ms timer, from the
                selection until the part on show was set and its words counted
  all set       from selecting it to the part on show set to its end
  to the end    from Ctrl+End to the article's last words painted, and the longest stall then
  find typing   13 letters typed into the find bar 30 ms apart (with no match, so all of the
                article is looked through): when the field showed the last one, after the
                first key (360 ms at best), the slowest key's wait, and when the count came
  peak RSS      the process's peak resident memory
The baseline, in the same run: a plain QTextBrowser.setPlainText of a 10 KB article, painted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS = (
    "the council met again on tuesday evening to discuss plans for a new bridge which "
    "residents on both banks of the river have been waiting for since the old one closed"
).split()
FILES = {
    "512 KB on one line": ("line-512k.txt", 512 * 1024, 0),
    "10 MB on one line": ("line-10m.txt", 10 * 1024 * 1024, 0),
    "1,000,000 short lines": ("lines-1m.txt", 0, 1_000_000),
}
HEADER = "A very long article\n\nLocal\n\nPublished: 2024-01-01 10:00\n\n"


def prose(size: int, seed: int = 1) -> str:
    """``size`` characters of sentences on one line."""
    rng = random.Random(seed)
    sentences = []
    length = 0
    while length < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 20))]
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        length += len(sentence) + 1
    return " ".join(sentences)[:size].rstrip()


def make_files(folder: Path) -> dict[str, Path]:
    """The three articles, made once."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for label, (name, size, lines) in FILES.items():
        path = folder / name.removesuffix(".txt") / name  # a folder each, to list and select
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            if lines:
                body = "".join(f"Line {n}: the gates moved.\n" for n in range(lines))
            else:
                body = prose(size) + "\n"
            path.write_text(HEADER + body, encoding="utf-8")
        made[label] = path
    return made


def child(path: Path | None) -> dict[str, Any]:
    """Measure one article (None: the baseline) in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QPoint, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTextBrowser

    from viewer.app import create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application(sys.argv[:1])
    if path is None:
        browser = QTextBrowser()
        browser.resize(700, 740)
        browser.show()
        app.processEvents()
        text = HEADER + prose(10_000)
        start = time.perf_counter()
        browser.setPlainText(text)
        browser.grab()
        return {"first": time.perf_counter() - start}

    from viewer.window.main_window import MainWindow

    state = Path(tempfile.mkdtemp())
    window = MainWindow(index_path=state / "index.sqlite3", state_folder=state / "state")
    window.resize(1180, 760)
    window.show()
    app.processEvents()
    pane = window.reading_pane
    loop = QEventLoop()
    window.loadingFinished.connect(loop.quit)
    window.open_paths([str(path.parent)], remember=False)  # listed: nothing is shown yet
    if window.is_loading():
        loop.exec()
    # Let the background text index read the file first: its stalls are not the pane's.
    waiting = QTimer()
    waiting.setInterval(20)
    waiting.timeout.connect(lambda: None if window.session.indexing_text() else loop.quit())
    waiting.start()
    loop.exec()
    waiting.stop()
    showing = getattr(window, "showing", None)
    opening = getattr(showing, "opening", lambda: False)  # a big file is read in a thread
    typesetting = getattr(pane, "typesetting", lambda: False)

    def building() -> bool:
        return bool(opening() or typesetting())

    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(tick)

    def run_while_building(limit: float = 300.0) -> None:
        loop = QEventLoop()
        waiting = QTimer()
        waiting.setInterval(5)
        started = time.perf_counter()
        waiting.timeout.connect(
            lambda: None if building() and time.perf_counter() - started < limit else loop.quit()
        )
        waiting.start()
        loop.exec()
        waiting.stop()

    gaps.clear()
    clock.start()
    last[0] = 0
    probe.start()  # from the selection: reading the file in a thread is watched too
    start = time.perf_counter()
    window.select_path(str(path))
    if opening():
        wait = QEventLoop()
        polling = QTimer()
        polling.setInterval(2)
        polling.timeout.connect(lambda: None if opening() else wait.quit())
        polling.start()
        wait.exec()
        polling.stop()
    pane.grab()
    first = time.perf_counter() - start
    shown = pane.plain_text()
    run_while_building()
    probe.stop()
    settled = time.perf_counter() - start
    stall = max([g - 10 for g in gaps] or [0])
    parts = getattr(pane, "parts", lambda: None)()

    typing = find_typing(window)

    pane.setFocus()
    start = time.perf_counter()
    gaps.clear()
    clock.restart()
    last[0] = 0
    probe.start()
    QTest.keyClick(pane, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    run_while_building()
    pane.grab()
    probe.stop()
    to_end = time.perf_counter() - start
    end_stall = max([g - 10 for g in gaps] or [0])
    viewport = pane.viewport()
    bottom = pane.cursorForPosition(QPoint(viewport.width() // 2, viewport.height() - 4))
    last_block = bottom.block().next().isValid() is False
    window.close()
    return {
        "first": first,
        "title_shown": "A very long article" in shown,
        "stall_ms": stall,
        "settled": settled,
        "parts": len(parts.parts) if parts is not None else 1,
        "to_end": to_end,
        "end_stall_ms": end_stall,
        "end_shown": last_block,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **typing,
    }


TYPED = "harbour gates"  # 13 letters found nowhere in the article: it is all looked through


def find_typing(window: Any) -> dict[str, float]:
    """Type TYPED into the find bar a key every 30 ms, as a person types, and time it."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    clock = QElapsedTimer()
    ticks = [0, 0]  # the last tick, the longest gap past 10 ms

    def tick() -> None:
        now = clock.elapsed()
        ticks[1] = max(ticks[1], now - ticks[0] - 10)
        ticks[0] = now

    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(tick)
    bar = window.find_bar
    bar.open()
    keys = list(TYPED)
    shown: list[float] = []  # when each key was in the field, after the first was due
    start = time.perf_counter()

    def press() -> None:
        QTest.keyClick(bar.edit, keys[len(shown)])
        shown.append(time.perf_counter() - start)
        if len(shown) == len(keys):
            typer.stop()

    typer = QTimer()
    typer.setTimerType(Qt.TimerType.PreciseTimer)
    typer.setInterval(30)
    typer.timeout.connect(press)
    QTimer.singleShot(0, press)
    loop = QEventLoop()
    done = QTimer()
    done.setInterval(2)
    counted: list[float] = []

    def check() -> None:
        if len(shown) == len(keys) and bar.count.text() == "No matches":
            counted.append(time.perf_counter() - start)
            loop.quit()

    done.timeout.connect(check)
    clock.start()
    probe.start()
    typer.start()
    done.start()
    loop.exec()
    done.stop()
    probe.stop()
    assert bar.edit.text() == TYPED, bar.edit.text()
    waits = [at - 0.03 * n for n, at in enumerate(shown)]
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    return {
        "typed": shown[-1],
        "key_wait": max(waits),
        "counted_after": counted[0] - shown[-1],
        "find_stall_ms": ticks[1],
    }


def run_child(path: Path | None) -> dict[str, Any]:
    """One measurement in a fresh process."""
    command = [sys.executable, __file__, "--child", str(path) if path else "-"]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Measure the baseline and each file, and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "long-lines")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(None if args.child == "-" else Path(args.child))))
        return
    files = make_files(args.folder)
    baseline = min(run_child(None)["first"] for _ in range(3))
    print(f"baseline: QTextBrowser.setPlainText of 10 KB, painted: {baseline * 1000:.0f} ms")
    for label, path in files.items():
        run = run_child(path)
        print(
            f"{label} ({path.stat().st_size / 1e6:.1f} MB, {run['parts']} part(s)): "
            f"first screen {run['first'] * 1000:.0f} ms ({run['first'] / baseline:.0f}x baseline"
            f"{'' if run['title_shown'] else ', title NOT shown'}), "
            f"longest stall {run['stall_ms']} ms, all set {run['settled']:.2f} s; "
            f"Ctrl+End {run['to_end']:.2f} s (stall {run['end_stall_ms']} ms"
            f"{'' if run['end_shown'] else ', last words NOT shown'}); "
            f"peak RSS {run['peak_rss_mb']:.0f} MB; "
            f"find typing: 13 keys shown after {run['typed'] * 1000:.0f} ms (slowest key "
            f"{run['key_wait'] * 1000:.0f} ms), count {run['counted_after'] * 1000:.0f} ms "
            f"after the last key (stall {run['find_stall_ms']} ms)"
        )


if __name__ == "__main__":
    main()
