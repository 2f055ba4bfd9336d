"""Typed reads from ``QSettings``, which hands back whatever the backend stored."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def read_str_list(key: str) -> list[str]:
    """A list of strings; a single string or nothing comes back as a list too."""
    value = QSettings().value(key, [])
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item]
    return []


def read_int(key: str, default: int) -> int:
    """An integer, or ``default`` when the stored value is missing or is not a number."""
    value = QSettings().value(key, default)
    try:
        return int(value)  # type: ignore[call-overload]  # any stored type may come back
    except (TypeError, ValueError):
        return default


def read_str(key: str) -> str:
    """A string, or the empty string."""
    value = QSettings().value(key, "")
    return value if isinstance(value, str) else ""
