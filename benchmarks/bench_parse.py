#!/usr/bin/env python3
"""Parse speed against the floor of reading and decoding the same files, in one run.

Usage: python benchmarks/bench_parse.py DIR [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from viewer.core.article_files import iter_folder
from viewer.core.file_reading import HEADER_BYTES
from viewer.core.parser import parse_file


def floor(path: str) -> None:
    """Read and decode the whole file, nothing else."""
    with open(path, "rb") as handle:
        handle.read().decode("utf-8", errors="replace")


def header_floor(path: str) -> None:
    """Read and decode the first 16 KB."""
    with open(path, "rb") as handle:
        handle.read(HEADER_BYTES).decode("utf-8", errors="replace")


def full(path: str) -> None:
    """Full parse."""
    parse_file(path)


def header(path: str) -> None:
    """Header-only parse, as listing a folder does."""
    parse_file(path, header_only=True)


def timed(work: Callable[[str], None], paths: list[str]) -> float:
    """Seconds for one pass over every file."""
    start = time.perf_counter()
    for path in paths:
        work(path)
    return time.perf_counter() - start


def main() -> None:
    """Run the passes in turn, several rounds, and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(iter_folder(args.folder))
    timed(floor, paths)  # warm the page cache so every pass reads from memory
    passes = {"floor (read+decode)": floor, "full parse": full, "header-only parse": header,
              "floor, first 16 KB": header_floor}  # fmt: skip
    results: dict[str, list[float]] = {name: [] for name in passes}
    for _ in range(args.rounds):
        for name, work in passes.items():  # interleaved, so machine noise hits all alike
            results[name].append(timed(work, paths))
    base = statistics.median(results["floor (read+decode)"])
    print(f"{len(paths)} files, median of {args.rounds} rounds")
    print(f"{'pass':<22}{'files/s':>12}{'x floor':>10}")
    for name, times in results.items():
        seconds = statistics.median(times)
        print(f"{name:<22}{len(paths) / seconds:>12,.0f}{seconds / base:>10.2f}")


if __name__ == "__main__":
    main()
