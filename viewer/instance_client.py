"""The second process's side of single instance: hand the paths over and exit (no Qt).

It speaks plain Unix sockets, so a double-click on a second article costs no Qt start-up.
"""

from __future__ import annotations

import os
import socket
import time

from viewer.core.handover_message import encode
from viewer.core.private_socket import folder_problem, peer_is_us, socket_is_ours, socket_path

__all__ = ["HANDOVER_TIMEOUT", "hand_over", "socket_path"]

HANDOVER_TIMEOUT = 3.0  # seconds a busy viewer gets to answer; a stale socket costs none of it
_FIRST_PAUSE = 0.05  # between tries, doubling up to the longest
_LONGEST_PAUSE = 0.25


def hand_over(paths: list[str], timeout: float = HANDOVER_TIMEOUT) -> bool:
    """Send absolute paths to a running viewer; True when it took them."""
    path = socket_path()
    if folder_problem(os.path.dirname(path)) is not None or not socket_is_ours(path):
        return False  # no viewer of ours can be listening there
    message = encode([os.path.abspath(p) for p in paths])
    deadline = time.monotonic() + timeout
    pause = _FIRST_PAUSE
    while (taken := _offer(path, message, deadline)) is None:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(pause, left))
        pause = min(2 * pause, _LONGEST_PAUSE)
    return taken


def _offer(path: str, message: bytes, deadline: float) -> bool | None:
    """One try: True when taken, False when nobody (or a stranger) is there, None when busy."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(max(deadline - time.monotonic(), 0.001))
        try:
            connection.connect(path)
        except BlockingIOError:
            return None  # its queue is full: a live viewer, only busy
        except OSError:
            return False  # refused: a crashed viewer's socket, so start a new viewer at once
        if not peer_is_us(connection):
            return False  # another user's process: it gets nothing
        try:
            connection.sendall(message)
            reply = _reply(connection, deadline)
        except TimeoutError:
            return False  # busy for longer than a double-click may wait
        except OSError:
            return None  # closed on us unanswered, as when many call at once
    if reply.startswith(b"ok"):
        return True
    return None if not reply else False


def _reply(connection: socket.socket, deadline: float) -> bytes:
    reply = b""
    while b"\n" not in reply:
        connection.settimeout(max(deadline - time.monotonic(), 0.001))
        chunk = connection.recv(16)
        if not chunk:
            break
        reply += chunk
    return reply
