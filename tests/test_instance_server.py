"""The running viewer's hand-over server under stress: strangers, bombs, floods, a busy loop."""

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from viewer.core import private_socket
from viewer.instance_client import hand_over
from viewer.instance_server import MAX_WAITING, InstanceServer

NOBODY = 65534


@pytest.fixture
def background():
    """Runs second starts beside the event loop, which must stay free to answer them."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


def serve(qapp) -> tuple[InstanceServer, list]:
    server = InstanceServer()
    received: list = []
    server.pathsReceived.connect(received.append)
    assert server.listen()
    return server, received


@pytest.fixture
def server(qapp, runtime):
    """A listening server, and the lists of paths it received."""
    server, received = serve(qapp)
    server.received = received
    yield server
    server.close()


def handed(qtbot, background, paths, timeout=10000) -> bool:
    """A second start's hand-over, run while the event loop goes on."""
    future = background.submit(hand_over, paths)
    qtbot.waitUntil(future.done, timeout=timeout)
    return future.result()


def raw_exchange(path: str, data: bytes) -> bytes:
    """Send ``data`` as a caller of our own and return all the server answers."""
    with socket.socket(socket.AF_UNIX) as caller:
        caller.settimeout(10)
        caller.connect(path)
        try:
            caller.sendall(data)
            answer = b""
            while chunk := caller.recv(4096):
                answer += chunk
        except (BrokenPipeError, ConnectionResetError):
            return b""  # cut off before it had sent everything
    return answer


def closed_by_server(caller: socket.socket) -> bool:
    try:
        return caller.recv(1) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


def test_a_hand_over_arrives(qtbot, server, background, tmp_path):
    assert handed(qtbot, background, [str(tmp_path / "a.txt")])
    assert server.received == [[str(tmp_path / "a.txt")]]


@pytest.mark.parametrize(
    "data",
    [b"[" * 200_000 + b"\n", b'{"paths": [1]}\n', b"a" * (1 << 20) + b"aaaa"],
    ids=["200000-brackets", "wrong-shape", "over-a-megabyte-without-newline"],
)
def test_a_bad_message_is_dropped_and_the_server_goes_on(qtbot, server, background, data):
    path = private_socket.socket_path()
    future = background.submit(raw_exchange, path, data)
    qtbot.waitUntil(future.done, timeout=10000)
    assert future.result() == b""  # no "ok", no traceback: dropped
    assert handed(qtbot, background, ["/news/after.txt"])
    assert server.received == [["/news/after.txt"]]


def test_a_caller_that_never_sends_is_dropped_after_the_time_limit(qtbot, server):
    silent = socket.socket(socket.AF_UNIX)
    silent.connect(private_socket.socket_path())
    silent.setblocking(False)
    with silent:
        qtbot.waitUntil(lambda: server.waiting() == 1)
        qtbot.waitUntil(lambda: closed_by_server(silent), timeout=5000)
    assert server.waiting() == 0


def test_a_flood_of_silent_callers_does_not_keep_a_second_start_out(
    qtbot, server, background, tmp_path
):
    path = private_socket.socket_path()
    silent: list[socket.socket] = []

    def connect_more() -> bool:
        while len(silent) < 300:
            caller = socket.socket(socket.AF_UNIX)
            caller.setblocking(False)
            try:
                caller.connect(path)
            except BlockingIOError:
                caller.close()
                return False  # the queue is full: let the server take some
            silent.append(caller)
        return True

    try:
        qtbot.waitUntil(connect_more, timeout=20000)
        assert server.waiting() <= MAX_WAITING
        # The callers beyond the cap were closed at once; the second start is too, and tries
        # again until the time limit frees a place.
        assert handed(qtbot, background, [str(tmp_path / "a.txt")])
        assert server.received == [[str(tmp_path / "a.txt")]]
        qtbot.waitUntil(lambda: all(closed_by_server(c) for c in silent), timeout=10000)
    finally:
        for caller in silent:
            caller.close()
    assert server.waiting() == 0


def test_a_busy_viewer_still_gets_the_paths(qtbot, server, background, tmp_path):
    future = background.submit(hand_over, [str(tmp_path / "a.txt")])
    time.sleep(1.5)  # the viewer is busy: its event loop does not run meanwhile
    qtbot.waitUntil(future.done, timeout=10000)
    assert future.result()
    assert server.received == [[str(tmp_path / "a.txt")]]


def test_a_live_socket_is_not_replaced(qtbot, qapp, server, background, caplog):
    path = private_socket.socket_path()
    before = private_socket.file_identity(path)
    second = InstanceServer()
    assert not second.listen()
    assert "another viewer is listening" in caplog.text
    second.close()
    assert private_socket.file_identity(path) == before
    assert handed(qtbot, background, ["/news/a.txt"])
    assert server.received == [["/news/a.txt"]]


def test_a_stale_socket_is_replaced(qtbot, qapp, runtime, background):
    path = private_socket.socket_path()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)
    stale.close()  # a crashed viewer's socket
    assert not private_socket.answers(path)
    server, received = serve(qapp)
    try:
        assert private_socket.answers(path)
        assert handed(qtbot, background, ["/news/a.txt"])
        assert received == [["/news/a.txt"]]
    finally:
        server.close()


def test_a_quitting_viewer_leaves_another_viewers_socket(qtbot, qapp, server, background):
    path = private_socket.socket_path()
    os.unlink(path)  # something cleaned the folder; the first viewer is unreachable now
    second, received = serve(qapp)
    try:
        theirs = private_socket.file_identity(path)
        server.close()
        assert private_socket.file_identity(path) == theirs
        assert handed(qtbot, background, ["/news/a.txt"])
        assert received == [["/news/a.txt"]]
    finally:
        second.close()
    assert not os.path.exists(path)  # and the second removes its own


STRANGER_CLIENT = """
import os, socket, sys
os.setuid(int(sys.argv[2]))
with socket.socket(socket.AF_UNIX) as caller:
    caller.settimeout(10)
    caller.connect(sys.argv[1])
    try:
        caller.sendall(b'{"paths": ["/planted.txt"]}\\n')
        print(repr(caller.recv(16)))
    except OSError as exc:
        print(type(exc).__name__)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="acting as another user (setuid) needs root")
def test_a_caller_of_another_user_is_dropped(qtbot, server, runtime, background, caplog):
    path = private_socket.socket_path()
    # Let the stranger reach the socket: the server checked the folder only when it began.
    runtime.chmod(0o711)
    os.chmod(path, 0o777)
    command = [sys.executable, "-c", STRANGER_CLIENT, path, str(NOBODY)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as stranger:
        qtbot.waitUntil(lambda: stranger.poll() is not None, timeout=20000)
        answer = stranger.stdout.read().strip()
    runtime.chmod(0o700)  # else the folder would no longer do for our own second start
    assert answer in ("b''", "ConnectionResetError", "BrokenPipeError")
    assert "runs as another user" in caplog.text
    assert handed(qtbot, background, ["/news/mine.txt"])
    assert server.received == [["/news/mine.txt"]]
