"""The running viewer's side of single instance: it listens, checks each caller, takes paths.

The listening socket is a plain one watched by a ``QSocketNotifier``, not a ``QLocalServer``:
with ``UserAccessOption`` that renames its socket over a live viewer's, its ``close()`` removes
whatever file has the name by then, and a failed ``accept`` (no file descriptors left) closes
it for good.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from viewer.core import private_socket
from viewer.core.article_files import file_system_text
from viewer.core.handover_message import MAX_MESSAGE, decode

log = logging.getLogger("viewer")

CLIENT_TIME_LIMIT_MS = 2000  # a second start sends at once; one that dawdles is dropped
MAX_WAITING = 32  # callers being read at once; beyond that a new one is closed at once
_ACCEPTS_PER_TURN = 64  # then the event loop runs again: a flood cannot freeze the window
_RETRY_ACCEPT_MS = 100  # after running out of file descriptors


class InstanceServer(QObject):
    """Listens on the per-user, per-display socket; emits ``pathsReceived`` for each hand-over."""

    # A list of str: as an object, since a Qt list of strings would drop the surrogate escapes
    # of a name that is not valid UTF-8 (JSON carries them as \udcXX).
    pathsReceived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = ""
        self._listener: socket.socket | None = None
        self._identity: private_socket.FileIdentity = (0, 0)
        self._notifier: QSocketNotifier | None = None
        self._callers: set[_Caller] = set()
        self._short_of_files = False
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.timeout.connect(self._resume_accepting)

    def listen(self) -> bool:
        """Start listening; a socket a crashed viewer left is replaced, a live one never."""
        path = private_socket.socket_path()
        try:
            self._listener, self._identity = private_socket.listen(path)
        except private_socket.Refused as exc:
            log.warning("single instance is off: %s", exc)
            return False
        self._path = path
        self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        """Stop listening; remove the socket file if it is still ours."""
        for caller in list(self._callers):
            caller.end(None)
        if self._listener is None:
            return
        # Removed while still listening: a viewer starting meanwhile finds it live, not stale.
        private_socket.remove_if_ours(self._path, self._identity)
        self._resume.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._listener.close()
        self._listener = None

    def waiting(self) -> int:
        """How many callers are being read now."""
        return len(self._callers)

    def _accept(self) -> None:
        for _ in range(_ACCEPTS_PER_TURN):
            if self._listener is None:
                return
            try:
                connection, _address = self._listener.accept()
            except BlockingIOError:
                return
            except OSError as exc:
                if exc.errno == errno.ECONNABORTED:
                    continue
                self._pause(exc)
                return
            self._short_of_files = False
            self._take(connection)

    def _take(self, connection: socket.socket) -> None:
        if not private_socket.peer_is_us(connection):
            log.warning("single instance: dropped a caller that runs as another user")
            connection.close()
        elif len(self._callers) >= MAX_WAITING:
            connection.close()  # it tries again, if it is a second start
        else:
            caller = _Caller(connection, self)
            caller.finished.connect(self._finished)
            self._callers.add(caller)

    def _finished(self, caller: _Caller, paths: list[str] | None) -> None:
        self._callers.discard(caller)
        caller.deleteLater()
        if paths is not None:
            self.pathsReceived.emit([file_system_text(p) for p in paths])

    def _pause(self, exc: OSError) -> None:
        """Out of file descriptors (or memory): the queue waits in the kernel until some free."""
        if not self._short_of_files:
            log.warning("single instance: cannot take a caller now (%s); trying again", exc)
        self._short_of_files = True
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # it would fire again at once, and again
        self._resume.start(_RETRY_ACCEPT_MS)

    def _resume_accepting(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(True)


class _Caller(QObject):
    """One connection being read: its bytes up to the newline, within the time limit."""

    finished = Signal(object, object)  # self, and the paths (None: refused or never sent)

    def __init__(self, connection: socket.socket, parent: QObject) -> None:
        super().__init__(parent)
        connection.setblocking(False)
        self._connection = connection
        self._data = bytearray()
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.end(None))
        self._timer.start(CLIENT_TIME_LIMIT_MS)

    def end(self, paths: list[str] | None) -> None:
        """Close the connection (once) and say how it went."""
        if self._connection.fileno() < 0:
            return
        self._timer.stop()
        self._notifier.setEnabled(False)  # before the close: the number may be reused at once
        # The window takes the paths before the caller hears "ok": once a second start has
        # exited, the viewer holds what it was given.
        self.finished.emit(self, paths)
        if paths is not None:
            with contextlib.suppress(OSError):
                self._connection.send(b"ok\n")
        self._connection.close()

    def _read(self) -> None:
        try:
            chunk = self._connection.recv(64 * 1024)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.end(None)
            return
        start = len(self._data)
        self._data += chunk
        end = self._data.find(b"\n", start)
        if end < 0:
            if len(self._data) > MAX_MESSAGE:
                self.end(None)
            return
        self.end(decode(bytes(self._data[:end])))
