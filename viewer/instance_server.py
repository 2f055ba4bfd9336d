"""The running viewer's side of single instance: a ``QLocalServer`` that takes paths."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from viewer.article_files import file_system_text
from viewer.handover_message import MAX_MESSAGE, decode
from viewer.instance_client import socket_path

log = logging.getLogger("viewer")


class InstanceServer(QObject):
    """Listens on the per-user, per-display socket; emits ``pathsReceived`` for each hand-over."""

    # A list of str: as an object, since a Qt list of strings would drop the surrogate escapes
    # of a name that is not valid UTF-8 (JSON carries them as \udcXX).
    pathsReceived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening, replacing a socket a crashed viewer left behind."""
        name = socket_path()
        if self._server.listen(name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # The caller found nobody answering there, so the socket is stale.
            QLocalServer.removeServer(name)
            if self._server.listen(name):
                return True
        log.warning("single instance is off: %s", self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening and remove the socket."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            self._buffers[connection] = b""
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(lambda c=connection: self._forget(c))

    def _read(self, connection: QLocalSocket) -> None:
        data = self._buffers.get(connection, b"") + bytes(connection.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                connection.abort()
            else:
                self._buffers[connection] = data
            return
        paths = decode(data.split(b"\n", 1)[0])
        if paths is None:
            connection.abort()
            return
        connection.write(b"ok\n")
        connection.flush()
        connection.disconnectFromServer()
        self.pathsReceived.emit([file_system_text(p) for p in paths])

    def _forget(self, connection: QLocalSocket) -> None:
        self._buffers.pop(connection, None)
        connection.deleteLater()
