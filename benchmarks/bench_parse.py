#!/usr/bin/env python3
"""Parse speed against the floor of reading and decoding the same files, in one run.

The full parse is measured against reading and decoding each file whole; the header-only
parse (what listing a folder does) against reading and decoding the first 16 KB, the bytes it
reads. Passes are interleaved, round by round, so that the machine's noise hits all alike; each
round gives its own ratio, and the median of them is the figure. Each pass is timed in the
process's CPU time (user + system), as ``bench_cold_listing.py`` is: on a shared machine the
clock also counts the time other processes had the core, and moved a ratio by half between
rounds.

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
    """CPU seconds of one pass over every file."""
    start = time.process_time()
    for path in paths:
        work(path)
    return time.process_time() - start


# Each pass, and the floor it is measured against.
PASSES = {
    "floor (read+decode)": (floor, None),
    "full parse": (full, "floor (read+decode)"),
    "floor, first 16 KB": (header_floor, None),
    "header-only parse": (header, "floor, first 16 KB"),
}


def main() -> None:
    """Run the passes in turn, several rounds, and print medians and each round's ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(iter_folder(args.folder))
    timed(floor, paths)  # warm the page cache so every pass reads from memory
    results: dict[str, list[float]] = {name: [] for name in PASSES}
    for _ in range(args.rounds):
        for name, (work, _base) in PASSES.items():
            results[name].append(timed(work, paths))
    print(f"{len(paths)} files, median of {args.rounds} rounds")
    print(f"{'pass':<22}{'files/s':>12}{'µs/file':>10}  x its floor (each round)")
    for name, (_work, base) in PASSES.items():
        seconds = statistics.median(results[name])
        line = f"{name:<22}{len(paths) / seconds:>12,.0f}{seconds / len(paths) * 1e6:>10.1f}"
        if base is not None:
            ratios = [t / b for t, b in zip(results[name], results[base], strict=True)]
            rounds = " ".join(f"{r:.2f}" for r in ratios)
            line += f"  {statistics.median(ratios):.2f}x ({rounds})"
        print(line)
    ratios = [t / b for t, b in zip(results["header-only parse"], results["floor, first 16 KB"],
                                    strict=True)]  # fmt: skip
    print(
        f"header-only parse / read+decode of the first 16 KB: {statistics.median(ratios):.2f}x"
        f" (rounds {min(ratios):.2f}-{max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
