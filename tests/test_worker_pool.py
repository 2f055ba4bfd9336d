"""The worker pool: results in order, and the work done here when workers fail or are few."""

import os
import threading

from viewer import worker_pool
from viewer.worker_pool import WorkerPool


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
