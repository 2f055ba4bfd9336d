"""The hand-over socket's private folder and the second start's checks, with real sockets."""

import fcntl
import os
import selectors
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from viewer.core import private_socket
from viewer.core.private_socket import Refused, socket_path
from viewer.instance_client import HANDOVER_TIMEOUT, hand_over

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
as_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="acting as another user (setuid, chown) needs root"
)


@pytest.fixture
def no_runtime(monkeypatch):
    """No ``XDG_RUNTIME_DIR``, and a temporary folder of the test's own in place of /tmp."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    folder = tempfile.mkdtemp(prefix="avt-", dir="/tmp")
    monkeypatch.setattr(tempfile, "tempdir", folder)
    yield Path(folder)
    shutil.rmtree(folder)


def own_folder(tmp: Path) -> Path:
    return tmp / f"article-viewer-{os.getuid()}"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_without_a_runtime_folder_the_socket_is_in_a_folder_only_we_can_enter(no_runtime):
    path = Path(socket_path())
    assert path.parent == own_folder(no_runtime)
    listener, identity = private_socket.listen(str(path))
    try:
        assert mode(path.parent) == 0o700
        assert path.parent.stat().st_uid == os.getuid()
        assert stat.S_ISSOCK(os.lstat(path).st_mode) and mode(path) == 0o600
        assert private_socket.file_identity(str(path)) == identity
    finally:
        listener.close()
    private_socket.remove_if_ours(str(path), identity)
    assert not path.exists()


def test_the_runtime_folder_is_used_when_only_we_can_enter_it(runtime):
    assert Path(socket_path()).parent == runtime


def test_a_runtime_folder_open_to_others_is_passed_over(runtime, no_runtime, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    runtime.chmod(0o755)
    assert Path(socket_path()).parent == own_folder(no_runtime)


def test_a_folder_open_to_others_is_refused(no_runtime):
    folder = own_folder(no_runtime)
    folder.mkdir()
    folder.chmod(0o777)  # made by someone who wants to listen in
    with pytest.raises(Refused, match="open to other users"):
        private_socket.listen(socket_path())
    assert not hand_over([str(no_runtime / "a.txt")])
    assert list(folder.iterdir()) == []


def test_a_symbolic_link_in_place_of_the_folder_is_refused(no_runtime):
    elsewhere = no_runtime / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    own_folder(no_runtime).symlink_to(elsewhere)
    with pytest.raises(Refused, match="symbolic link"):
        private_socket.listen(socket_path())
    assert not hand_over([str(no_runtime / "a.txt")])
    assert list(elsewhere.iterdir()) == []


@as_root
def test_a_folder_another_user_made_first_is_refused(no_runtime):
    folder = own_folder(no_runtime)
    folder.mkdir(mode=0o700)
    os.chown(folder, NOBODY, NOBODY)
    with pytest.raises(Refused, match=f"belongs to another user \\(uid {NOBODY}\\)"):
        private_socket.listen(socket_path())
    assert not hand_over([str(no_runtime / "a.txt")])
    assert list(folder.iterdir()) == []


def test_something_in_the_way_that_is_no_socket_is_left_alone(runtime):
    path = Path(socket_path())
    path.write_text("not a socket")
    with pytest.raises(Refused, match="in the way"):
        private_socket.listen(str(path))
    assert path.read_text() == "not a socket"
    assert not hand_over([str(runtime / "a.txt")])


def test_a_stale_socket_is_given_up_at_once_and_replaced(runtime):
    path = socket_path()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)
    stale.close()  # a crashed viewer's socket: nobody listens on it
    started = time.monotonic()
    assert not hand_over([str(runtime / "a.txt")])
    assert time.monotonic() - started < HANDOVER_TIMEOUT / 3  # no waiting for a busy viewer
    listener, identity = private_socket.listen(path)
    with listener:
        assert private_socket.answers(path)
    private_socket.remove_if_ours(path, identity)


def test_a_live_socket_is_never_replaced(runtime):
    path = socket_path()
    listener, identity = private_socket.listen(path)
    with listener:
        with pytest.raises(Refused, match="another viewer is listening"):
            private_socket.listen(path)
        assert private_socket.file_identity(path) == identity
    private_socket.remove_if_ours(path, identity)


def test_a_viewer_whose_queue_is_full_is_waited_for(runtime):
    """The listener is busy for a second and its queue is full: the second start tries again."""
    path = socket_path()
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen(0)
    while True:
        filler = socket.socket(socket.AF_UNIX)
        filler.setblocking(False)
        try:
            filler.connect(path)
        except BlockingIOError:
            break  # the queue is full; the ones in it stay there until accepted
        finally:
            filler.close()
    received = []

    def busy_then_serve():
        time.sleep(1.0)  # the viewer is busy: nothing is accepted meanwhile
        listener.settimeout(5)
        while not received:
            connection, _ = listener.accept()
            with connection:
                connection.settimeout(5)
                data = connection.recv(65536)
                if data:  # the fillers sent nothing
                    received.append(data)
                    connection.sendall(b"ok\n")

    server = threading.Thread(target=busy_then_serve, daemon=True)
    server.start()
    try:
        assert hand_over([str(runtime / "a.txt")])
    finally:
        server.join(timeout=10)
        listener.close()
    assert received == [f'{{"paths": ["{runtime}/a.txt"]}}\n'.encode()]


STRANGER_SERVER = """
import os, socket, sys
listener = socket.socket(socket.AF_UNIX)
listener.bind(sys.argv[1])  # as the test's own user: the file is the test user's
os.setuid(int(sys.argv[2]))  # but the process that listens is somebody else's
listener.listen(4)
print("listening", flush=True)
while True:
    connection, _ = listener.accept()
    connection.settimeout(5)
    print("received", len(connection.recv(65536)), flush=True)
    connection.close()
"""


def read_line(process: subprocess.Popen, timeout: float = 20) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(timeout), "the helper process said nothing"
    return process.stdout.readline().strip()


@as_root
def test_a_viewer_of_another_user_is_told_nothing(runtime):
    path = socket_path()
    command = [sys.executable, "-c", STRANGER_SERVER, path, str(NOBODY)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as stranger:
        try:
            assert read_line(stranger) == "listening"
            assert private_socket.socket_is_ours(path)  # the file alone would pass
            assert not hand_over([str(runtime / "secret.txt")])
            assert read_line(stranger) == "received 0"  # it connected, checked, sent nothing
        finally:
            stranger.kill()


def test_a_viewer_stuck_in_its_turn_does_not_hang_the_next(runtime):
    path = socket_path()
    stuck = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(stuck, fcntl.LOCK_EX)  # as a viewer stopped while it claimed the socket
    try:
        with pytest.raises(Refused, match="holds its lock"):
            private_socket.listen(path)
    finally:
        os.close(stuck)
    assert not os.path.exists(path)
