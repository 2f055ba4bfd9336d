"""Single instance, with real processes: a second start hands its files to the running viewer."""

import configparser
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(tmp_path):
    # A short runtime folder of the test's own: Unix socket paths must stay under 108 bytes.
    runtime = tempfile.mkdtemp(prefix="av-", dir="/tmp")
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=runtime,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    yield environment
    for leftover in Path(runtime).iterdir():
        leftover.unlink()
    os.rmdir(runtime)


def start(env, *args):
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def hand_over(env, path: Path) -> subprocess.CompletedProcess[str]:
    """A second start with one file, while the first viewer runs; it should exit by itself."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


def socket_file(env) -> Path:
    code = "from viewer.instance_client import socket_path; print(socket_path())"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    return Path(out.stdout.strip())


def wait_listening(env, path: Path, process) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        if path.exists():
            try:
                with socket.socket(socket.AF_UNIX) as probe:
                    probe.connect(str(path))
                return
            except OSError:
                pass
        time.sleep(0.1)
    raise AssertionError("the first viewer never listened")


def close(process) -> str:
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return err


def session(env) -> configparser.SectionProxy:
    conf = next(Path(env["XDG_CONFIG_HOME"]).rglob("*.conf"))
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    return parser["session"]


def test_second_start_hands_over_and_exits(env, articles):
    first = start(env, str(articles / "a_oldest.txt"))
    try:
        wait_listening(env, socket_file(env), first)
        second = hand_over(env, articles / "c_middle.txt")
        # It exits by itself (how fast is measured by benchmarks/bench_handover.py).
        assert second.returncode == 0, second.stderr
        time.sleep(0.3)
    finally:
        close(first)
    saved = session(env)
    assert saved["current"] == str(articles / "c_middle.txt")
    assert str(articles / "a_oldest.txt") in saved["paths"]


def test_stale_socket_is_replaced(env, articles):
    path = socket_file(env)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()  # a crashed viewer leaves the file behind, with nobody listening
    assert path.exists()
    first = start(env, str(articles / "a_oldest.txt"))
    try:
        wait_listening(env, path, first)
        handed = hand_over(env, articles / "b_newest.txt")
        assert handed.returncode == 0
        time.sleep(0.3)
    finally:
        close(first)
    assert session(env)["current"] == str(articles / "b_newest.txt")


def test_new_window_bypasses_single_instance(env, articles):
    first = start(env, str(articles / "a_oldest.txt"))
    try:
        wait_listening(env, socket_file(env), first)
        second = start(env, "--new-window", str(articles / "b_newest.txt"))
        time.sleep(2.5)
        assert second.poll() is None, "--new-window should run a viewer of its own"
        close(second)
        time.sleep(0.2)
    finally:
        close(first)
    # The first viewer never received the second file; it closed last, so its session stays.
    assert session(env)["current"] == str(articles / "a_oldest.txt")
    assert "b_newest" not in session(env)["paths"]
