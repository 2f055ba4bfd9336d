"""The second process's side of single instance: hand the paths over and exit (no Qt).

It speaks plain Unix sockets, so a double-click on a second article costs no Qt start-up.
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile

from viewer.appinfo import APP_ID
from viewer.handover_message import encode

HANDOVER_TIMEOUT = 0.8  # seconds; the second process must be gone within one
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux


def socket_path() -> str:
    """The socket of the running viewer: one per user and per display."""
    display = (
        os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
        or "console"
    )
    key = hashlib.sha1(display.encode()).hexdigest()[:10]
    name = f"{APP_ID}-{os.getuid()}-{key}.sock"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime):
        path = os.path.join(runtime, name)
        if len(path.encode()) <= _MAX_SOCKET_PATH:
            return path
    return os.path.join(tempfile.gettempdir(), name)


def hand_over(paths: list[str], timeout: float = HANDOVER_TIMEOUT) -> bool:
    """Send absolute paths to a running viewer; True when it took them."""
    message = encode([os.path.abspath(p) for p in paths])
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(socket_path())
            connection.sendall(message)
            reply = connection.recv(16)
    except OSError:
        return False  # nobody listening, a stale socket, or a viewer too busy to answer
    return reply.startswith(b"ok")
