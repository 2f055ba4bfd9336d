#!/usr/bin/env python3
"""Reconciling the library index with the disk, against a bare walk and stat of the tree.

Usage: PYTHONPATH=. python benchmarks/bench_reconcile.py DIR [--rounds R]
An index of DIR is built first (a listing, in worker processes), in a temporary folder removed
after the run. Then, each round, in alternating order, in this process:
  bare walk   os.scandir recursion and os.stat of each file: the floor any pass pays
  warm        reconciling an index that knows the tree, with nothing changed (target: 1.5x)
and, once those are done, half as many rounds of:
  1% + 1%     reconciling when 1% of the files were touched and 1% deleted
The corpus is shared and is never changed: a touched file is an index row whose time no longer
matches its file's (the file's start read first, as a file just written is in the page cache),
a deleted one a row of a file not on disk, which is what the pass would see; reconciling puts
the index back as it was.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from viewer.core.file_reading import HEADER_BYTES
from viewer.core.reconcile import Step, reconcile

SHARE = 0.01  # of the files touched, and as many deleted


def bare_walk(root: str) -> int:
    """Walk ``root`` with os.scandir, os.stat each file; how many files there were."""
    files = 0
    pending = [root]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    os.stat(entry.path)
                    files += 1
    return files


def build_index(root: str, index_path: Path) -> int:
    """List ``root`` into a new index at ``index_path``, as a cold open does; rows stored."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from viewer.core.article_files import walk_article_folders
    from viewer.core.index import LibraryIndex
    from viewer.core.listing import folder_chunks, list_in_worker
    from viewer.core.worker_pool import worker_count

    index = LibraryIndex(index_path)
    chunks = [
        chunk
        for folder, entries in walk_article_folders(root)
        for chunk in folder_chunks(folder, [e.path for e in entries], frozenset())
    ]
    work = partial(list_in_worker, index_path=None)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max(worker_count(), 1), mp_context=context) as pool:
        for listed in pool.map(work, chunks, chunksize=4):
            index.store_rows(listed.new_rows, new=True)
    stored = index.count()
    index.close()
    return stored


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``run``, and what it gave."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def run_pass(index_path: Path, root: str) -> Step:
    """One reconciling pass: what it did in all."""
    total = Step()
    for step in reconcile(index_path, [root], threading.Event()):
        total.added += step.added
        total.changed += step.changed
        total.removed += step.removed
        total.folders_done, total.files_checked = step.folders_done, step.files_checked
        total.finished, total.warning = step.finished, step.warning
    return total


def perturb(index_path: Path, share: float) -> tuple[int, int]:
    """Make the index see ``share`` of its files touched and as many deleted: how many each."""
    with sqlite3.connect(index_path) as db:
        every = max(1, round(1 / share))
        # Every n-th row, by path: spread over the folders, as edits and deletions would be.
        picked = db.execute(
            "SELECT path FROM (SELECT path, row_number() OVER (ORDER BY path) AS n "
            "FROM articles) WHERE n % ? = 0",
            (every,),
        ).fetchall()
        db.executemany("UPDATE articles SET mtime_ns = mtime_ns - 1 WHERE path = ?", picked)
        # A file touched was just written: its start is in the page cache, as here.
        for (path,) in picked:
            with open(path, "rb") as handle:
                handle.read(HEADER_BYTES)
        # A deleted file: a row beside a real one, of a file not on disk.
        db.execute(
            "INSERT INTO articles SELECT path || '.gone.txt', size, mtime_ns, title, section, "
            "published, published_raw, published_key, updated, updated_raw, fields, encoding, "
            "warnings, error, content_key, derived, body_at, doc_id FROM articles "
            "WHERE path IN (SELECT path FROM (SELECT path, row_number() OVER (ORDER BY path) "
            "AS n FROM articles) WHERE n % ? = ?)",
            (every, every // 2),
        )
        deleted = db.execute("SELECT changes()").fetchone()[0]
    return len(picked), deleted


def main() -> None:
    """Build the index, time the rounds, print every round, the medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    root = str(args.folder.resolve())
    with tempfile.TemporaryDirectory(prefix="bench-reconcile-") as scratch:
        index_path = Path(scratch) / "library.sqlite3"
        seconds, _cpu, stored = timed(lambda: build_index(root, index_path))
        print(f"index of {stored:,} files built in {seconds:.0f} s")
        files = bare_walk(root)  # the caches warmed, once each
        warmed = run_pass(index_path, root)
        if warmed.added or warmed.changed or warmed.removed or not warmed.finished:
            raise SystemExit(f"the index does not know the tree as it is: {warmed}")
        times: dict[str, list[tuple[float, float]]] = {"bare": [], "warm": []}
        for round_ in range(args.rounds):
            for name in ("bare", "warm") if round_ % 2 == 0 else ("warm", "bare"):
                if name == "bare":
                    wall, cpu, _files = timed(lambda: bare_walk(root))
                else:
                    wall, cpu, done = timed(lambda: run_pass(index_path, root))
                    assert isinstance(done, Step) and done.finished
                    assert not (done.added or done.changed or done.removed)
                times[name].append((wall, cpu))
            (bare, bare_cpu), (warm, warm_cpu) = times["bare"][-1], times["warm"][-1]
            print(
                f"  round {round_ + 1}: bare walk {bare:.3f} s, warm {warm:.3f} s = "
                f"{warm / bare:.2f}x (CPU {bare_cpu:.3f} s, {warm_cpu:.3f} s)"
            )
        changed: list[tuple[float, float]] = []
        for round_ in range(max(1, args.rounds // 2)):
            touched, deleted = perturb(index_path, SHARE)
            wall, cpu, done = timed(lambda: run_pass(index_path, root))
            assert isinstance(done, Step) and done.finished
            assert (len(done.changed), len(done.removed)) == (touched, deleted)
            changed.append((wall, cpu))
            print(
                f"  {touched:,} touched + {deleted:,} deleted, round {round_ + 1}: {wall:.3f} s "
                f"(CPU {cpu:.3f} s, this process's)"
            )
    median = statistics.median
    bare, warm = (median(wall for wall, _cpu in times[name]) for name in ("bare", "warm"))
    bare_cpu, warm_cpu = (median(cpu for _wall, cpu in times[name]) for name in ("bare", "warm"))
    print(f"{files:,} files below {args.folder}, {done.folders_done:,} folders, medians:")
    print(f"  bare walk + stat     {bare:7.3f} s (CPU {bare_cpu:.3f} s)")
    print(
        f"  warm, nothing changed {warm:6.3f} s = {warm / bare:.2f}x bare (target 1.5x; "
        f"CPU {warm_cpu:.3f} s = {warm_cpu / bare_cpu:.2f}x)"
    )
    touched_wall = median(wall for wall, _cpu in changed)
    touched_cpu = median(cpu for _wall, cpu in changed)
    print(
        f"  1% touched, 1% deleted {touched_wall:5.3f} s = {touched_wall / bare:.2f}x bare "
        f"(CPU {touched_cpu:.3f} s)"
    )


if __name__ == "__main__":
    main()
