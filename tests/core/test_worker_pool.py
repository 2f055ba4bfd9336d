"""The worker pool: results in order, and the work done here when workers fail or are few."""

import os
import threading

from viewer.core import worker_pool
from viewer.core.worker_pool import WorkerPool


def square(job: tuple[int, int]) -> int:
    """The job's number squared (a job is the parent's pid and a number)."""
    return job[1] * job[1]


def die_in_a_worker(job: tuple[int, int]) -> int:
    """Square the number here; a worker process dies instead."""
    parent, number = job
    if os.getpid() != parent:
        os._exit(3)
    return number * number


def run(pool: WorkerPool, count: int) -> list[int]:
    pool.start()
    assert pool.wait_until_up(timeout=60)
    for number in range(count):
        pool.submit((os.getpid(), number))
    try:
        return list(pool.rest(threading.Event()))
    finally:
        pool.close()


def test_results_come_back_in_the_order_the_jobs_went_out():
    assert run(WorkerPool(square, square, "squaring"), 40) == [n * n for n in range(40)]


def test_when_a_worker_dies_the_work_is_done_here(caplog):
    pool = WorkerPool(die_in_a_worker, die_in_a_worker, "squaring")
    assert run(pool, 10) == [n * n for n in range(10)]
    assert not pool.usable()
    assert "squaring goes on in this process" in caplog.text


def test_without_a_core_to_spare_no_worker_starts(monkeypatch):
    monkeypatch.setattr(worker_pool, "worker_count", lambda: 1)
    pool = WorkerPool(square, square, "squaring")
    pool.start()
    assert not pool.usable() and not pool.up()


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid``, from /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_do_not_outlive_a_killed_window(tmp_path):
    """SIGKILL the window's process while its workers read: they exit within seconds."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    folder = tmp_path / "many"
    for part in range(10):
        (folder / str(part)).mkdir(parents=True)
        for n in range(1000):
            (folder / str(part) / f"{n}.txt").write_text(f"Story {n}\n\nBody {n} words.\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    main = Path(__file__).resolve().parents[2] / "main.py"
    app = subprocess.Popen(
        [sys.executable, str(main), "--new-window", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline:  # listing or indexing workers
            workers = {pid for pid in _children(app.pid) if _children(pid) == set()}
            time.sleep(0.05)
        assert len(workers) >= 2, "the window did not start its workers"
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, workers)), "workers outlived the window"
    finally:
        if app.poll() is None:
            app.kill()
