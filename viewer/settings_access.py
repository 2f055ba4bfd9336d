"""Typed reads from ``QSettings``, which hands back whatever the backend stored."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def read_str_list(settings: QSettings, key: str) -> list[str]:
    """A list of strings; a single string or nothing comes back as a list too."""
    value = settings.value(key, [])
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item]
    return []


def read_int(settings: QSettings, key: str, default: int) -> int:
    """An integer, or ``default`` when the stored value is missing or is not a number."""
    value = settings.value(key, default)
    try:
        return int(value)  # type: ignore[call-overload]  # any stored type may come back
    except (TypeError, ValueError):
        return default


def read_str(settings: QSettings, key: str) -> str:
    """A string, or the empty string."""
    value = settings.value(key, "")
    return value if isinstance(value, str) else ""
