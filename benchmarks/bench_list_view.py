#!/usr/bin/env python3
"""The list served from the index: first screens, whole views and pages, at any size.

Usage: python benchmarks/bench_list_view.py DIR [--index FILE] [--rounds R]

Lists DIR into an index first (kept at FILE when given, so that later runs skip it), then
times, per sort column and for a text filter: the first screen straight from the index, the
whole view written to the scratch database, and pages read at the top, middle and end.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from viewer.core.article_files import iter_folder
from viewer.core.index import LibraryIndex
from viewer.core.index_rows import row_from_article
from viewer.core.index_view import ViewQuery, covers
from viewer.core.parser import parse_files
from viewer.core.view_tables import ScratchFolder, ViewBuilder, ViewReader

SCREEN = 60  # rows of a tall list pane
CHUNK = 2000


def _rows(paths: list[str]) -> list[tuple[object, ...]]:
    return [row_from_article(a) for a in parse_files(paths) if a.mtime_ns]


def build_index(folder: str, index_path: Path) -> None:
    """List ``folder`` into a new index, header-only, in worker processes."""
    paths = sorted(iter_folder(folder))
    index = LibraryIndex(index_path)
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
        for rows in pool.map(_rows, chunks):
            index.store_rows(rows, new=True)
    index.close()
    print(f"listed {len(paths)} files into the index in {time.perf_counter() - started:.1f} s")


def timed(action: Callable[[], object], rounds: int) -> float:
    """The median seconds of ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--index", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = os.path.abspath(args.folder)
    temporary = None
    index_path = args.index
    if index_path is None:
        temporary = tempfile.TemporaryDirectory(prefix="bench-list-view-")
        index_path = Path(temporary.name) / "index.sqlite3"
    if not index_path.exists():
        build_index(folder, index_path)
    scratch = ScratchFolder()
    reader = ViewReader(str(index_path), scratch.path)
    builder = ViewBuilder(str(index_path), scratch.path)
    whole = covers(reader.db, [folder])
    print(f"the index holds only this folder: {whole}")
    rounds = args.rounds
    print(f"{'view':28} {'first screen':>13} {'whole view':>11} {'rows':>9} "
          f"{'top':>7} {'middle':>7} {'end':>7} {'row of':>7}")  # fmt: skip
    views = [
        ("by path", ViewQuery(roots=(folder,), whole_index=whole)),
        *(
            (f"{name}{' desc' * desc}", ViewQuery((folder,), column, desc, whole_index=whole))
            for column, name in ((0, "title"), (1, "section"), (2, "published"), (3, "updated"))
            for desc in (False, True)
        ),
        ("filter 'council'", ViewQuery((folder,), 0, words=("council",), whole_index=whole)),
        ("filter 'river bridge'", ViewQuery((folder,), 2, True, words=("river", "bridge"))),
        ("filter 'zzqx' (none)", ViewQuery((folder,), 0, words=("zzqx",), whole_index=whole)),
    ]
    for label, query in views:
        first = timed(lambda q=query: reader.first_rows(q, SCREEN), rounds)
        count = 0

        def build(q: ViewQuery = query) -> None:
            nonlocal count
            count = builder.build(q, "bench")

        built = timed(build, rounds)
        pages = [
            timed(lambda at=at: reader.page("bench", at, SCREEN), rounds)
            for at in (0, count // 2, max(0, count - SCREEN))
        ]
        last = reader.page("bench", max(0, count - 1), 1)
        path = last[0][1] if last else "/none"
        row_of = timed(lambda p=path: reader.row_of("bench", p), rounds)
        print(
            f"{label:28} {first * 1000:10.1f} ms {built:9.2f} s {count:9d} "
            + " ".join(f"{p * 1000:4.1f} ms" for p in pages)
            + f" {row_of * 1000:4.1f} ms"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")
    reader.close()
    builder.close()
    scratch.remove()
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    main()
