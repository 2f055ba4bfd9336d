"""The second process's side of single instance: hand the paths over and exit (no Qt).

It speaks plain Unix sockets, so a double-click on a second article costs no Qt start-up.
"""

from __future__ import annotations

import os
import socket

from viewer.handover_message import encode
from viewer.private_socket import folder_problem, peer_is_us, socket_is_ours, socket_path

__all__ = ["HANDOVER_TIMEOUT", "hand_over", "socket_path"]

HANDOVER_TIMEOUT = 0.8  # seconds; the second process must be gone within one


def hand_over(paths: list[str], timeout: float = HANDOVER_TIMEOUT) -> bool:
    """Send absolute paths to a running viewer; True when it took them."""
    path = socket_path()
    if folder_problem(os.path.dirname(path)) is not None or not socket_is_ours(path):
        return False  # no viewer of ours can be listening there
    message = encode([os.path.abspath(p) for p in paths])
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(path)
            if not peer_is_us(connection):
                return False  # another user's process: it gets nothing
            connection.sendall(message)
            reply = connection.recv(16)
    except OSError:
        return False  # nobody listening, a stale socket, or a viewer too busy to answer
    return reply.startswith(b"ok")
