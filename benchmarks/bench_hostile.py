#!/usr/bin/env python3
"""Time a full parse and a listing's parse of hostile openings at the size limit, one per process.

Each case is written to a temporary folder and parsed in a child process, so that one that
hangs is reported as such (past ``--timeout``) and the others still run. Every case should take
about as long as reading and decoding a file of its size; tests/test_hostile_layouts.py holds
each one that once took minutes.

Usage: python benchmarks/bench_hostile.py [--timeout S] [--only WORD]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import tempfile
import time
from collections.abc import Callable

from viewer.core.file_reading import MAX_FILE_SIZE
from viewer.core.parser import parse_file

BODY = "\n\nThe body has words here.\n"
MAIL = "From: Jo <jo@example.org>\nDate: Tue, 16 Apr 2024 12:40:00 +0000\n"
FULL = MAX_FILE_SIZE - 1024  # leaves room for the headers around the repeated part


def fill(unit: str, size: int = FULL) -> str:
    """``unit`` repeated to about ``size`` bytes."""
    return unit * (size // len(unit.encode()))


def yaml_aliases() -> str:
    empty = ", ".join(["''"] * 200)
    lines = ["---", "title: T", f"a: &a [{empty}]"]
    for previous, name in zip("abc", "bcd", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 200)}]")
    return "\n".join([*lines, "e: [*d, *d, *d]", "---", BODY])


CASES: dict[str, Callable[[], str]] = {
    "plain, one-character lines": lambda: "Title\n\n" + fill("x\n"),
    "plain, one line": lambda: fill("word "),
    "blank lines, then a title": lambda: fill("\n") + "Title" + BODY,
    "lone CRs, then a title": lambda: fill("\r") + "Title" + BODY,
    "yaml aliases of empty lists": yaml_aliases,
    "yaml list of numbers": lambda: f"---\ntitle: T\nx: [{fill('1,')}]\n---{BODY}",
    "toml list of numbers": lambda: f"+++\ntitle = 'T'\nx = [{fill('1,')}]\n+++{BODY}",
    "toml dotted key": lambda: f"+++\ntitle = 'T'\n{fill('a.', 400_000)}a = 1\n+++{BODY}",
    "www and dots": lambda: f"Title\nwww.{fill('.', 1_000_000)} x{BODY}",
    "date of megabytes": lambda: f"Title\nPublished: {fill('Tue 2024 ')}{BODY}",
    "dash lines": lambda: "-- Title\n" + fill("-- 2006 note\n"),
    "mail subject": lambda: f"{MAIL}Subject: {fill('word ')}\n{BODY}",
    "mail address list": lambda: f"{MAIL}Subject: S\nTo: {fill('a@b.example, ')}\n{BODY}",
    "mail parts": lambda: (
        f'{MAIL}Subject: S\nContent-Type: multipart/mixed; boundary="b"\n\n'
        + fill("--b\nContent-Type: text/plain\n\nword\n")
    ),
    "mail parameters": lambda: f"{MAIL}Subject: S\nContent-Type: multipart/mixed; b=b{fill(';')}\n",
    "mail body lines": lambda: f"{MAIL}Subject: S\n\n" + fill("x\n"),
    "markdown heading": lambda: "# " + fill("[") + BODY,
    "markdown lines": lambda: "Title\n\n" + fill("x\n"),
}


def _parse(path: str, header_only: bool, results: multiprocessing.Queue[float]) -> None:
    started = time.perf_counter()
    parse_file(path, header_only=header_only)
    results.put(time.perf_counter() - started)


def timed(path: str, header_only: bool, timeout: float) -> str:
    """Seconds for one parse in a child process, or that it ran past ``timeout``."""
    results: multiprocessing.Queue[float] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_parse, args=(path, header_only, results))
    child.start()
    try:
        seconds = results.get(timeout=timeout)
    except queue.Empty:
        child.kill()
        return f">{timeout:.0f} s"
    finally:
        child.join()
    return f"{seconds:.2f} s"


def main() -> None:
    """Write each case, parse it in full and for a listing, print the times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", default="", help="run only the cases whose name holds this")
    args = parser.parse_args()
    print(f"{'case':<30}{'MB':>6}{'full':>10}{'listing':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            if args.only not in name:
                continue
            path = os.path.join(folder, "case.md" if "markdown" in name else "case.txt")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(make())
            size = os.path.getsize(path) / 1048576
            full = timed(path, False, args.timeout)
            listing = timed(path, True, args.timeout)
            print(f"{name:<30}{size:>6.1f}{full:>10}{listing:>10}")


if __name__ == "__main__":
    main()
