#!/usr/bin/env python3
"""A cold open's CPU time per file against a minimal listing written for the benchmark.

Usage: python benchmarks/bench_cold_listing.py DIR [--rounds R]

Both run in this process, one file after another, over the same files, in alternating rounds:
  minimal   walk, read the first 16 KB, one regular expression for the header, one SQLite
            insert per file (into a table of path, title, section, date), one transaction
  viewer    walk as a listing walks, read and parse each header as a listing's worker does, store
            the rows in a new library index in chunks, as the listing hands them over
CPU time is the process's (user + system), so that a busy machine moves it less than the clock.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from viewer.core.article_files import walk_article_files
from viewer.core.index import LibraryIndex
from viewer.core.listing import header_rows

HEADER = re.compile(
    rb"\A\s*(?P<title>[^\r\n]*)\r?\n\s*(?P<section>[^\r\n]*)\r?\n\s*Published:\s*(?P<date>[^\r\n]*)"
)
CHUNK = 500  # rows a listing worker hands over at a time


def minimal(folder: str, scratch: Path) -> int:
    """The minimal listing."""
    db = sqlite3.connect(scratch / "minimal.sqlite3")
    db.execute("CREATE TABLE a (path TEXT PRIMARY KEY, title, section, date) WITHOUT ROWID")
    count = 0
    with db:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                with open(path, "rb") as handle:
                    head = handle.read(16384)
                found = HEADER.match(head)
                values = found.groups() if found else (b"", b"", b"")
                db.execute(
                    "INSERT INTO a VALUES (?, ?, ?, ?)",
                    (path, *(v.decode("utf-8", "replace") for v in values)),
                )
                count += 1
    db.close()
    return count


def viewer(folder: str, scratch: Path) -> int:
    """The viewer's listing of files it has never seen, in one process."""
    index = LibraryIndex(scratch / "library.sqlite3")
    paths = [entry.path for entry in walk_article_files(folder)]
    for start in range(0, len(paths), CHUNK):
        rows, _failed = header_rows(paths[start : start + CHUNK])
        index.store_rows(rows, new=True)
    index.close()
    return len(paths)


def cpu(action: Callable[[str, Path], int], folder: str) -> tuple[float, int]:
    """CPU seconds of one run in a fresh scratch folder, and the files it listed."""
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as scratch:
        started = time.process_time()
        count = action(folder, Path(scratch))
        return time.process_time() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = os.path.abspath(args.folder)
    cpu(minimal, folder)  # warm the page cache
    ratios = []
    for round_ in range(args.rounds):
        order = [minimal, viewer] if round_ % 2 == 0 else [viewer, minimal]
        times = {action.__name__: cpu(action, folder) for action in order}
        (bare, files), (ours, listed) = times["minimal"], times["viewer"]
        ratios.append(ours / bare)
        print(
            f"round {round_ + 1}: minimal {bare / files * 1e6:5.1f} µs/file, "
            f"viewer {ours / listed * 1e6:5.1f} µs/file ({listed:,} files): {ours / bare:.2f}x"
        )
    print(f"median: {statistics.median(ratios):.2f}x the minimal listing's CPU time per file")


if __name__ == "__main__":
    main()
