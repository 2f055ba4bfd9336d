#!/usr/bin/env python3
"""Opening large libraries: listing speed against a bare read, responsiveness, memory, search.

Usage: python benchmarks/bench_library.py [N ...] [--corpus-root DIR] [--against CHECKOUT]
For each N (default 10000 and 100000) a corpus is made with make_corpus.py if missing, and a
fresh process measures, with Qt offscreen:
  floor       a bare loop reading the first 16 KB of every file, in the same process
  first row   time from open_paths() to the first row in the list
  cold open   listing everything with no index
  warm open   listing everything again, from the index
  stall       the longest the event loop went without running a 10 ms timer while listing
  peak RSS    the process's peak resident memory, and a listing worker's (a process of its own)
  search      the time of five typical searches, from the query to the filtered list
``--against`` measures the viewer of another checkout (an older commit, say) alike, each run
of it next to the same run of this one, with an index of its own.
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
SEARCHES = [
    "council",
    '"river bridge"',
    "elect*",
    "section:Sport after:2020-01-01",
    "storm flood -museum",
]


def ensure_corpus(count: int, root: Path) -> Path:
    """The corpus folder for ``count`` articles, made on first use."""
    folder = root / f"corpus-{count}"
    marker = folder / ".complete"
    if not marker.exists():
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(count), str(folder)], check=True
        )
        marker.write_text("done\n")
    return folder


def child(folder: Path, index: Path, search: bool) -> dict[str, object]:
    """Measure one opening of the library in this process (the index may exist already)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from stall_probe import StallProbe

    from viewer.app import create_application

    if (HERE.parent / "viewer" / "core").is_dir():
        from viewer.core.article_files import iter_folder
        from viewer.window import MainWindow
    else:  # a checkout from before the packages
        from viewer.article_files import iter_folder  # type: ignore[import-not-found,no-redef]
        from viewer.main_window import MainWindow  # type: ignore[import-not-found,no-redef]

    paths = sorted(iter_folder(str(folder)))
    for _ in range(2):  # the first pass warms the page cache; the second is the floor
        start = time.perf_counter()
        for path in paths:
            with open(path, "rb") as handle:
                handle.read(16384)
        floor = time.perf_counter() - start

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application(sys.argv[:1])
    state = Path(tempfile.mkdtemp()) / "state"  # read marks of its own, never the user's
    try:
        window = MainWindow(index_path=index, state_folder=state)
    except TypeError:  # a checkout from before the reading state's folder could be given
        window = MainWindow(index_path=index)
    window.resize(1180, 760)
    window.show()
    app.processEvents()
    probe = StallProbe()
    clock = probe.clock
    first_row: list[float] = []
    window.model.rowsInserted.connect(
        lambda *_: first_row.append(clock.elapsed() / 1000) if not first_row else None
    )
    # A local loop: QApplication.quit() would close the window too.
    loop = QEventLoop()
    window.loadingFinished.connect(loop.quit)
    probe.start()
    window.open_paths([str(folder)])
    if window.is_loading():
        loop.exec()
    opened = clock.elapsed() / 1000
    probe.stop()
    # Let the text index finish, so that searches see every article.
    start = time.perf_counter()
    waiting = QTimer()
    waiting.setInterval(50)
    waiting.timeout.connect(lambda: None if window.session.indexing_text() else loop.quit())
    waiting.start()
    loop.exec()
    waiting.stop()
    text_index = time.perf_counter() - start
    searches = []
    for query in SEARCHES if search else []:
        start = time.perf_counter()
        window.search(query)
        searches.append((query, time.perf_counter() - start, window.proxy.rowCount()))
    rows = window.model.rowCount()
    window.close()
    return {
        "files": len(paths),
        "rows": rows,
        "floor": floor,
        "open": opened,
        "first_row": first_row[0] if first_row else opened,
        "stall_ms": probe.longest(),
        "text_index": text_index,
        "searches": searches,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "index_mb": index.stat().st_size / 1e6 if index.exists() else 0,
    }


def worker_peak_mb(folder: Path) -> float:
    """The peak resident memory of a listing worker that reads every file of ``folder``.

    The same work as in a cold open, in a pool of its own: ``ru_maxrss`` of a spawned child
    would count the parent's pages at fork, so each worker reports its own ``VmHWM``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from viewer.core.listing import folder_chunks, list_in_worker
    from viewer.core.worker_pool import worker_count
    from viewer.library.loader import scan

    chunks = [c for f, p in scan([str(folder)], []) for c in folder_chunks(f, p, frozenset())]
    count = max(worker_count(), 1)
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
        for _ in pool.map(list_in_worker, chunks, [None] * len(chunks)):
            pass
        return max(pool.map(_peak_kb, range(16 * count))) / 1024


def _peak_kb(_: int) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def run_child(folder: Path, index: Path, search: bool, tree: Path | None = None) -> dict[str, Any]:
    """One measurement in a fresh process, so that memory figures are its own (its ``viewer``
    from ``tree``, when given)."""
    script = Path(__file__) if tree is None else tree / "benchmarks" / Path(__file__).name
    command = [sys.executable, str(script), "--child", str(folder), "--index", str(index)]
    env = dict(os.environ) if tree is None else dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run(
        [*command, *(["--search"] if search else [])],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tree,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Run each size in its own process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    parser.add_argument("--corpus-root", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--search", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--against", type=Path, help="another checkout to measure alike")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.index, args.search)))
        return
    trees: dict[str, Path | None] = {"this checkout": None}
    if args.against is not None:
        trees[args.against.name] = args.against.resolve()
    for size in args.sizes:
        folder = ensure_corpus(size, args.corpus_root)
        with tempfile.TemporaryDirectory() as scratch:  # the indexes go with it
            indexes = {name: Path(scratch) / name / "library.sqlite3" for name in trees}
            for index in indexes.values():
                index.parent.mkdir()
            cold = {n: run_child(folder, indexes[n], False, tree) for n, tree in trees.items()}
            warm = {n: run_child(folder, indexes[n], True, tree) for n, tree in trees.items()}
        for name in trees:
            if len(trees) > 1:
                print(f"\n[{name}]", end="")
            report(cold[name], warm[name])
        print(f"  listing worker peak RSS       {worker_peak_mb(folder):7.0f} MB (each)")


def report(cold: dict[str, Any], warm: dict[str, Any]) -> None:
    """Print one library's figures."""
    print(f"\n{cold['files']:,} files, index {warm['index_mb']:.0f} MB")
    print(f"  floor (first 16 KB of each)  {cold['floor']:7.2f} s")
    for name, run in (("cold open (no index)", cold), ("warm open (index)", warm)):
        print(
            f"  {name:<28} {run['open']:7.2f} s = {run['open'] / run['floor']:.1f}x floor, "
            f"first row {run['first_row']:.2f} s, longest stall {run['stall_ms']} ms, "
            f"peak RSS {run['peak_rss_mb']:.0f} MB"
        )
    print(f"  text index after cold open   {cold['text_index']:7.2f} s (background)")
    for query, seconds, hits in warm["searches"]:
        print(f"  search {query!r:34} {seconds * 1000:6.1f} ms  {hits:,} hits")


if __name__ == "__main__":
    main()
