#!/usr/bin/env python3
"""A query's hit list from the index against ``rg -l -i -w`` on the same folder, in one run.

Usage: python benchmarks/bench_search.py DIR [--cache FOLDER] [--rounds R] [--cli]

The index is brought up to date with DIR first, as ``article-viewer search`` does (listing and
text indexing; its time is printed). It is made where the command line looks for it below a
cache folder: a kept ``--cache`` makes later runs skip the work.
Then, alternating, each round times for each query:
  hit list   what the window's search does: the query parsed and compiled, the index asked,
             and the documents found mapped to paths (the window's map is made beforehand, in
             the background, as here)
  rg         ``rg -l -i -w`` for the same word (or words, or phrase) on DIR, its list read
             through a pipe (rg stops at the first match when writing to /dev/null)
``--cli`` adds the command line end to end (``search -l``, a fresh process that first checks
every file against the index) beside them. Medians of the rounds, and their ratio to rg.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from viewer.core.index import LibraryIndex
from viewer.core.search_query import parse_query
from viewer.search_cli import cache_index_path, refresh

ROOT = Path(__file__).resolve().parent.parent

# (query, what rg is given for it)
QUERIES = [
    ("river", ["river"]),
    ("harvest", ["harvest"]),
    ("950", ["950"]),
    ("storm OR flood", ["-e", "storm", "-e", "flood"]),
    ('"city council"', ["city council"]),
    ("elect*", [r"elect\w*"]),
    ("NEAR(river bridge, 5)", ["river"]),
    ("title:election", ["election"]),
    ("river year:2020", ["river"]),
    ("cafe", ["café"]),
]


def hit_list(index: LibraryIndex, text: str, paths: dict[int, str]) -> int:
    """The window's search, from the text typed to the paths found; how many."""
    query = parse_query(text)
    documents = index.search_documents(query.match, query.filters)
    return len([path for doc in documents if (path := paths.get(doc)) is not None])


def rg(folder: str, pattern: list[str]) -> tuple[float, int]:
    """Seconds for ``rg -l -i -w`` and how many files it lists."""
    start = time.perf_counter()
    result = subprocess.run(
        ["rg", "-l", "-i", "-w", *pattern, folder], stdout=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - start
    return seconds, result.stdout.count(b"\n")


def cli(folder: str, text: str) -> float:
    """Seconds for ``article-viewer search -l`` in a fresh process."""
    start = time.perf_counter()
    command = [sys.executable, str(ROOT / "main.py"), "search", "-l", text, folder]
    subprocess.run(command, stdout=subprocess.PIPE, check=False)
    return time.perf_counter() - start


def main() -> None:
    """Bring the index up to date, then alternate the rounds and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--cache", type=Path, help="the cache folder to keep the index in")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="time the command line too")
    args = parser.parse_args()
    if shutil.which("rg") is None:
        sys.exit("rg (ripgrep) is needed: apt-get install ripgrep")
    folder = os.path.abspath(args.folder)
    cache = (args.cache or Path(tempfile.mkdtemp(prefix="bench-search-"))).resolve()
    os.environ["XDG_CACHE_HOME"] = str(cache)  # where the command line finds the index
    index_path = cache_index_path()
    assert index_path is not None
    index_path.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    listed = refresh(index_path, [folder], {}, lambda message: print("  note:", message))
    print(f"index up to date with {len(listed):,} articles in {time.perf_counter() - start:.1f} s")

    index = LibraryIndex(index_path)
    start = time.perf_counter()
    paths = index.document_paths()
    print(f"document map made in {time.perf_counter() - start:.3f} s (beforehand, as the window)")
    ours: dict[str, list[float]] = {text: [] for text, _ in QUERIES}
    theirs: dict[str, list[float]] = {text: [] for text, _ in QUERIES}
    ends: dict[str, list[float]] = {text: [] for text, _ in QUERIES}
    counts: dict[str, tuple[int, int]] = {}
    for _ in range(args.rounds):
        for text, pattern in QUERIES:
            started = time.perf_counter()
            found = hit_list(index, text, paths)
            ours[text].append(time.perf_counter() - started)
            seconds, listed_by_rg = rg(folder, pattern)
            theirs[text].append(seconds)
            counts[text] = (found, listed_by_rg)
            if args.cli:
                ends[text].append(cli(folder, text))
    index.close()

    print(
        f"\n{'query':24} {'hits':>8} {'rg files':>9} {'hit list':>10} {'rg':>8} {'ratio':>7}",
        end="",
    )
    print(f" {'command':>9} {'ratio':>7}" if args.cli else "")
    ratios = []
    for text, _ in QUERIES:
        mine, rg_time = statistics.median(ours[text]), statistics.median(theirs[text])
        ratios.append(mine / rg_time)
        found, listed_by_rg = counts[text]
        line = (
            f"{text:24} {found:8,} {listed_by_rg:9,} {mine * 1000:8.1f}ms {rg_time:7.2f}s "
            f"{mine / rg_time:7.3f}"
        )
        if args.cli:
            end = statistics.median(ends[text])
            line += f" {end:8.2f}s {end / rg_time:7.3f}"
        print(line)
    print(f"\nworst hit list / rg: {max(ratios):.3f} (target: at most 0.3)")
    if not args.cache:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
