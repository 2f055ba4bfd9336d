#!/usr/bin/env python3
"""How long a second start takes to hand its file to the running viewer and exit.

Usage: python benchmarks/bench_handover.py [--runs N]
Starts a viewer offscreen on the samples, then times N second starts that name a sample file.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print the median and slowest hand-over."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    runtime = Path(tempfile.mkdtemp(prefix="av-", dir="/tmp"))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(runtime),
    )
    sample = ROOT / "resources" / "samples" / "02_rail-strike.txt"
    first = subprocess.Popen([sys.executable, str(ROOT / "main.py")], env=env)
    try:
        code = "from viewer.instance_client import socket_path; print(socket_path())"
        path = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.socket(socket.AF_UNIX) as probe:
                    probe.connect(path)
                break
            except OSError:
                time.sleep(0.1)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, str(ROOT / "main.py"), str(sample)], env=env, check=True
            )
            times.append(time.perf_counter() - start)
    finally:
        first.send_signal(signal.SIGINT)
        first.wait(timeout=30)
    median, slowest = statistics.median(times) * 1000, max(times) * 1000
    print(f"hand-over and exit: median {median:.0f} ms, slowest {slowest:.0f} ms")
    print(f"({args.runs} runs; target: under 1 s)")


if __name__ == "__main__":
    main()
