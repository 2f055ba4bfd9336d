"""Single instance, with real processes: a second start hands its files to the running viewer."""

import configparser
import os
import shutil
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


def wait_for(condition, process, what: str) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert process.poll() is None, f"the viewer ended before {what}"
        assert time.monotonic() < deadline, f"never {what}"
        time.sleep(0.05)


def close(process) -> str:
    process.send_signal(signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()  # a failing test leaves no viewer running
        process.communicate()
        raise
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
        # It exits by itself (how fast is measured by benchmarks/bench_handover.py), once the
        # viewer has taken the file.
        assert second.returncode == 0, second.stderr
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
        assert handed.returncode == 0  # answered once the viewer has taken the file
    finally:
        close(first)
    assert session(env)["current"] == str(articles / "b_newest.txt")


def test_new_window_bypasses_single_instance(env, articles, tmp_path):
    newest = articles / "b_newest.txt"
    first = start(env, str(articles / "a_oldest.txt"))
    try:
        wait_listening(env, socket_file(env), first)
        own = tmp_path / "second-cache"  # the second viewer's index, to see it list its file
        second = start(env | {"XDG_CACHE_HOME": str(own)}, "--new-window", str(newest))
        wait_for(lambda: any(own.rglob("library.sqlite3")), second, "the second viewer listed")
        assert second.poll() is None, "--new-window should run a viewer of its own"
        close(second)  # it saves its session: it was up, and a viewer of its own
        assert session(env)["current"] == str(newest)
    finally:
        close(first)
    # The first viewer never received the second file; it closed last, so its session stays.
    assert session(env)["current"] == str(articles / "a_oldest.txt")
    assert "b_newest" not in session(env)["paths"]


@pytest.fixture
def env_without_runtime(env, tmp_path):
    """No runtime folder: the socket's folder is made in a temporary folder of the test's own."""
    temporary = Path(tempfile.mkdtemp(prefix="avt-", dir="/tmp"))
    environment = {k: v for k, v in env.items() if k != "XDG_RUNTIME_DIR"}
    environment["TMPDIR"] = str(temporary)
    yield environment
    shutil.rmtree(temporary)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder another user owns needs root")
def test_a_folder_another_user_made_first_is_never_used(env_without_runtime, articles, tmp_path):
    env = env_without_runtime
    taken = Path(env["TMPDIR"]) / f"article-viewer-{os.getuid()}"
    taken.mkdir(mode=0o700)
    os.chown(taken, 65534, 65534)  # somebody else was first, hoping to be handed our files
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        viewer = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), str(articles / "a_oldest.txt")],
            env=env,
            stderr=stderr,
            text=True,
        )
    try:
        wait_for(lambda: "single instance is off" in errors.read_text(), viewer, "said why")
        assert f"{taken} belongs to another user (uid 65534)" in errors.read_text()
        assert viewer.poll() is None  # it runs, as a viewer of its own
        assert list(taken.iterdir()) == []
    finally:
        viewer.send_signal(signal.SIGINT)
        viewer.wait(timeout=30)
    assert viewer.returncode == 0
    assert "Traceback" not in errors.read_text()


def test_a_quitting_viewer_leaves_the_socket_of_the_one_that_listens_now(env, articles):
    path = socket_file(env)
    first = start(env, str(articles / "a_oldest.txt"))
    second = None
    try:
        wait_listening(env, path, first)
        path.unlink()  # a clean-up took the first viewer's socket: nobody can reach it now
        second = start(env, str(articles / "b_newest.txt"))  # so this one becomes a viewer
        wait_listening(env, path, second)
        theirs = path.stat().st_ino
        close(first)
        assert path.stat().st_ino == theirs
        assert hand_over(env, articles / "c_middle.txt").returncode == 0  # the second took it
        # A hand-over is answered before the window shows its paths; one with none is answered
        # only once that is done, so the close below does not come in the middle of it.
        nothing = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, timeout=30)
        assert nothing.returncode == 0
    finally:
        if first.poll() is None:
            close(first)
        if second is not None:
            close(second)
    assert not path.exists()


SERVER_ONLY = """
import json, os, resource, sys
from PySide6.QtCore import QCoreApplication
from viewer.instance_server import InstanceServer

app = QCoreApplication([])
server = InstanceServer()
assert server.listen()
server.pathsReceived.connect(lambda paths: print(json.dumps(paths), flush=True))
# Room for a few more descriptors, fewer than the callers it may read at once.
highest = max(int(fd) for fd in os.listdir("/proc/self/fd"))
_soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (highest + 16, hard))
print("listening", flush=True)
app.exec()
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_running_out_of_file_descriptors_does_not_stop_the_server(env, tmp_path):
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER_ONLY],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    silent: list[socket.socket] = []
    try:
        assert server.stdout.readline().strip() == "listening"
        path = str(socket_file(env))
        for _ in range(300):  # callers that never send; once the queue is full, the rest fail
            caller = socket.socket(socket.AF_UNIX)
            caller.setblocking(False)
            try:
                caller.connect(path)
                silent.append(caller)
            except BlockingIOError:
                caller.close()
        wait_for(lambda: "cannot take a caller now" in errors.read_text(), server, "ran out")
        for caller in silent:
            caller.close()
        code = "import sys; from viewer.instance_client import hand_over; "
        code += "sys.exit(0 if hand_over(['/news/after.txt']) else 1)"
        second = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, timeout=30)
        assert second.returncode == 0
        assert server.stdout.readline().strip() == '["/news/after.txt"]'
        assert "Traceback" not in errors.read_text()
    finally:
        for caller in silent:
            caller.close()
        server.kill()
        server.communicate()
