"""Where the hand-over socket lives, who may use it, and how a viewer claims it (no Qt).

The socket sits in a folder only this user can enter: ``$XDG_RUNTIME_DIR`` when it is usable,
else ``article-viewer-<uid>`` in the temporary folder, made with mode 0700. Either is checked
before use; a folder another user made first, or one others can enter, turns single instance off.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import socket
import stat
import struct
import time
from collections.abc import Iterator

from viewer.core.appinfo import APP_ID

SOCKET_PATH_LIMIT = 100  # sun_path holds 108 bytes on Linux
BACKLOG = 64  # second starts queued in the kernel while the viewer is busy
_PEERCRED = struct.Struct("3i")  # struct ucred: pid, uid, gid
_TURN_WAIT = 2.0  # seconds

FileIdentity = tuple[int, int]  # st_dev, st_ino


class Refused(Exception):
    """Single instance cannot be used safely here; the message says why."""


def socket_path() -> str:
    """The socket of the running viewer: one per user and per display, in a private folder."""
    display = (
        os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
        or "console"
    )
    key = hashlib.sha1(display.encode(errors="surrogateescape")).hexdigest()[:10]
    name = f"{APP_ID}-{os.getuid()}-{key}.sock"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and folder_problem(runtime) is None:
        path = os.path.join(runtime, name)
        if len(os.fsencode(path)) <= SOCKET_PATH_LIMIT:
            return path
    import tempfile  # here: it costs a second start milliseconds, and most never need it

    return os.path.join(tempfile.gettempdir(), f"{APP_ID}-{os.getuid()}", name)


def folder_problem(folder: str) -> str | None:
    """Why ``folder`` is no place for the socket, or None when only this user can enter it."""
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"{folder} cannot be used: {exc.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return f"{folder} is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if info.st_uid != os.getuid():
        return f"{folder} belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o077:
        return f"{folder} is open to other users (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def socket_is_ours(path: str) -> bool:
    """Whether ``path`` is a socket file this user made."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def peer_is_us(connection: socket.socket) -> bool:
    """Whether the process at the other end runs as this user (where the system can tell)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True  # no SO_PEERCRED here: the private folder and the file's owner must do
    try:
        credentials = connection.getsockopt(socket.SOL_SOCKET, option, _PEERCRED.size)
    except OSError:
        return False
    return bool(_PEERCRED.unpack(credentials)[1] == os.getuid())


def answers(path: str) -> bool:
    """Whether a viewer listens at ``path``; one too busy to accept counts as listening."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.setblocking(False)
        try:
            probe.connect(path)
        except BlockingIOError:
            return True  # its queue is full: alive, only busy
        except OSError:
            return False  # refused: nobody listens (a crashed viewer's socket); or gone
        return True


def listen(path: str) -> tuple[socket.socket, FileIdentity]:
    """A non-blocking socket listening at ``path``, and the file it made; else ``Refused``."""
    folder = os.path.dirname(path)
    with contextlib.suppress(OSError):
        os.mkdir(folder, 0o700)  # exists already, or the check below says why not
    problem = folder_problem(folder)
    if problem is not None:
        raise Refused(problem)
    try:
        with _turn(path):
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                _bind(listener, path)
                os.chmod(path, 0o600)  # this user only, as QLocalServer's UserAccessOption
                listener.listen(BACKLOG)
                identity = file_identity(path)
            except BaseException:
                listener.close()
                raise
    except OSError as exc:
        raise Refused(f"cannot listen on {path}: {exc.strerror or exc}") from exc
    if identity is None:
        listener.close()
        raise Refused(f"{path} went away as it was made")
    listener.setblocking(False)
    return listener, identity


def remove_if_ours(path: str, identity: FileIdentity) -> None:
    """Remove the socket file at ``path`` only if it is still the one this viewer made."""
    # Call it while still listening: the bound socket holds its inode, so no file made since
    # can carry the same number.
    with contextlib.suppress(OSError), _turn(path):
        if file_identity(path) == identity:
            os.unlink(path)


def file_identity(path: str) -> FileIdentity | None:
    """The device and inode of the file at ``path``, or None when there is none."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _bind(listener: socket.socket, path: str) -> None:
    try:
        listener.bind(path)
        return
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
    if answers(path):
        raise Refused(f"another viewer is listening on {path}")
    if not socket_is_ours(path):
        raise Refused(f"{path} is in the way and is not a socket of ours")
    os.unlink(path)  # a socket a crashed viewer left behind
    listener.bind(path)


@contextlib.contextmanager
def _turn(path: str) -> Iterator[None]:
    """Viewers starting or quitting together take turns, so none removes another's socket."""
    import fcntl  # here: only the viewer takes turns, not the second start

    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    lock = os.open(f"{path}.lock", flags, 0o600)
    try:
        # A turn takes milliseconds; a viewer stopped in the middle of one must not hang the
        # next at start-up.
        deadline = time.monotonic() + _TURN_WAIT
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(errno.ETIMEDOUT, "another viewer holds its lock") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(lock)  # and with it the lock
