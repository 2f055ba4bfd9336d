"""The Open Recent list: most recent first, ten at most, gone paths pruned (no Qt)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from viewer.core.settings_keys import RECENT_LIMIT


def add_recent(recent: Iterable[str], paths: Iterable[str]) -> list[str]:
    """Put ``paths`` at the front of ``recent``, without duplicates, cut to the limit."""
    fresh = [os.path.abspath(p) for p in paths]
    merged = list(dict.fromkeys([*fresh, *recent]))
    return merged[:RECENT_LIMIT]


def prune_missing(recent: Iterable[str]) -> list[str]:
    """Drop entries whose file or folder no longer exists."""
    return [path for path in recent if os.path.exists(path)]
