"""The hand-over's one message, ``{"paths": [str, ...]}`` on a line of ASCII JSON (no Qt)."""

from __future__ import annotations

import json
import re

MAX_MESSAGE = 1 << 20  # a megabyte of paths is more than any double-click sends
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')


def encode(paths: list[str]) -> bytes:
    """The message that hands ``paths`` over, newline included."""
    # ASCII JSON: a name that is not valid UTF-8 goes as its surrogate escapes, \udcXX.
    return (json.dumps({"paths": paths}) + "\n").encode("ascii")


def decode(line: bytes) -> list[str] | None:
    """The paths one message carries, or None for anything else (too long, too deep, wrong)."""
    if len(line) > MAX_MESSAGE or _brackets(line) > 2:
        return None
    try:
        message = json.loads(line)
    except ValueError:  # UnicodeDecodeError too
        return None
    if not isinstance(message, dict) or message.keys() != {"paths"}:
        return None
    paths = message["paths"]
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return None
    return paths


def _brackets(line: bytes) -> int:
    """How many ``[`` and ``{`` stand outside the strings of ``line``."""
    # json.loads recurses once per bracket, so a line of them would exhaust the stack; the
    # message has two. Escapes go first: with no \" left, strings are plain "..." and both
    # passes stay linear, whatever the line holds.
    outside = _STRING.sub(b"", _ESCAPE.sub(b"", line))
    return outside.count(b"[") + outside.count(b"{")
