"""The dates of a header: published and updated, read, or found in the file's path (no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from viewer.core.dates import parse_date
from viewer.core.path_dates import date_from_path

_PATH_KEYS = ("path", "permalink", "url", "slug")
_QUOTED_CHARS = 100  # of a value a warning quotes


def header_dates(
    published_raw: str | None,
    updated_raw: str | None,
    fields: Mapping[str, str],
    path: str,
    notes: list[str],
    derived: list[str],
) -> tuple[datetime | None, str | None, datetime | None]:
    """The published date, as read and as written, and the updated one; a file that states no
    publication date may have one in its path (then ``derived`` says so). Unreadable dates
    add notes."""
    # The helpers are written out: this runs for every file a listing reads.
    published = None if published_raw is None else parse_date(published_raw)
    if published is None and published_raw is not None:
        notes.append(_unreadable(published_raw, "Published"))
    elif published is None:
        from_path = date_from_path(path, _path_hints(fields))
        if from_path is not None:
            published, published_raw = from_path
            derived.append("published")
    updated = None
    if updated_raw is not None:
        updated = parse_date(updated_raw)
        if updated is None:
            notes.append(_unreadable(updated_raw, "Last Updated"))
    return published, published_raw, updated


def _path_hints(fields: Mapping[str, str]) -> list[str]:
    """Front matter values that may hold a dated path (``permalink: /2024/05/03/slug``)."""
    return [fields[key] for key in _PATH_KEYS if key in fields]


def _unreadable(raw: str, label: str) -> str:
    """The note of a date that cannot be read."""
    # Warnings are shown whole (the list's tooltip): a huge "date" is quoted by its start.
    quoted = raw if len(raw) <= _QUOTED_CHARS else raw[:_QUOTED_CHARS] + "…"
    return f"unreadable date in '{label}': {quoted!r}"
