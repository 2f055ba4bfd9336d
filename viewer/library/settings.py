"""Typed reads from ``QSettings``, which hands back whatever the backend stored, and paths
kept there whatever their bytes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import quote, unquote_to_bytes

from PySide6.QtCore import QSettings

from viewer.core.article_files import path_bytes

# QSettings turns the surrogate escapes of a name that is not valid UTF-8 into U+FFFD, losing
# the file; such a path is kept as its bytes, percent-encoded, after this. No absolute path
# starts so, and every path kept is absolute.
_BYTES_TOKEN = "bytes:"


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


def path_setting(path: str) -> str:
    """A path as a setting: itself, or a token of its bytes when it is not valid UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return _BYTES_TOKEN + quote(path_bytes(path))
    return path


def path_from_setting(value: str) -> str:
    """The path a setting holds (see ``path_setting``)."""
    if value.startswith(_BYTES_TOKEN):
        return os.fsdecode(unquote_to_bytes(value[len(_BYTES_TOKEN) :]))
    return value


def read_path_list(settings: QSettings, key: str) -> list[str]:
    """A list of paths kept with ``write_path_list``."""
    return [path_from_setting(value) for value in read_str_list(settings, key)]


def read_path(settings: QSettings, key: str) -> str:
    """A path kept with ``write_path``, or the empty string."""
    return path_from_setting(read_str(settings, key))


def write_path_list(settings: QSettings, key: str, paths: Iterable[str]) -> None:
    """Keep a list of paths, whatever their bytes."""
    settings.setValue(key, [path_setting(path) for path in paths])


def write_path(settings: QSettings, key: str, path: str) -> None:
    """Keep a path (or the empty string), whatever its bytes."""
    settings.setValue(key, path_setting(path))
