"""Smart folders: searches the reader saved under a name, with their filters (no Qt).

A folder is kept in the reading state as one row, its id → its spec as JSON, so it lives with
the read marks (surviving a restart and a rebuilt index) and is written, recovered and kept
pending as they are. The spec is read back as hostile: a row another program or a damaged file
left is dropped, never raised on.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final

NAME_LIMIT: Final = 200  # characters of a folder's name kept; a name is a label, not a text
QUERY_LIMIT: Final = 10_000  # and of its query or filter


@dataclass(frozen=True)
class SmartFolder:
    """A saved search: its query, the section and the list filter it had, and its place."""

    key: str  # an id of its own, never shown
    name: str
    query: str = ""  # the search, in the search field's language ("" : every article)
    section: str | None = None  # as the section box names it; None: every section
    filter: str = ""  # the list filter's words
    position: float = 0.0  # folders are listed by position, then by name

    def describe(self) -> str:
        """What the folder shows, in words: for a tooltip or an editor's heading."""
        parts = [f"Search: {self.query}" if self.query.strip() else "Every article"]
        if self.section:
            parts.append(f"section {self.section}")
        if self.filter.strip():
            parts.append(f"filtered by “{self.filter.strip()}”")
        return ", ".join(parts)


def new_folder(
    name: str, query: str, section: str | None, filter_text: str, position: float
) -> SmartFolder:
    """A folder with a fresh id."""
    return SmartFolder(
        uuid.uuid4().hex,
        clean_name(name),
        query[:QUERY_LIMIT],
        section or None,
        filter_text[:QUERY_LIMIT],
        position,
    )


def clean_name(name: str) -> str:
    """A name as a folder keeps it: on one line, trimmed, never empty."""
    kept = " ".join(name.split())[:NAME_LIMIT]
    return kept or "Untitled folder"


def default_name(query: str, section: str | None, filter_text: str) -> str:
    """The name offered for saving a search: the query itself, or what else it picks."""
    for text in (query, filter_text, section or ""):
        if text.strip():
            return clean_name(text)
    return "All articles"


def encode(folder: SmartFolder) -> str:
    """The spec of a folder, as the reading state keeps it."""
    spec = {
        "name": folder.name,
        "query": folder.query,
        "section": folder.section,
        "filter": folder.filter,
        "position": folder.position,
    }
    return json.dumps(spec, ensure_ascii=False)


def decode(key: str, text: str) -> SmartFolder | None:
    """The folder a kept spec describes; None when it is not one (never raises)."""
    try:
        spec = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(spec, dict):
        return None
    name, query = spec.get("name"), spec.get("query", "")
    section, filter_text = spec.get("section"), spec.get("filter", "")
    position = spec.get("position", 0.0)
    if not isinstance(name, str) or not isinstance(query, str) or not isinstance(filter_text, str):
        return None
    if section is not None and not isinstance(section, str):
        return None
    if isinstance(position, bool) or not isinstance(position, int | float):
        return None
    if position != position or abs(position) == float("inf"):  # NaN or infinite: last
        position = 1e12
    return SmartFolder(
        key,
        clean_name(name),
        query[:QUERY_LIMIT],
        section or None,
        filter_text[:QUERY_LIMIT],
        float(position),
    )


def ordered(specs: Mapping[str, str]) -> list[SmartFolder]:
    """The folders of kept specs (id → spec), in the order the sidebar lists them."""
    folders = [f for key, text in specs.items() if (f := decode(key, text)) is not None]
    return sorted(folders, key=lambda f: (f.position, f.name.casefold(), f.key))


def moved(folders: list[SmartFolder], key: str, step: int) -> list[SmartFolder]:
    """The folders renumbered after moving the one with ``key`` ``step`` places (clamped)."""
    at = next((n for n, f in enumerate(folders) if f.key == key), None)
    if at is None:
        return folders
    order = list(folders)
    folder = order.pop(at)
    order.insert(max(0, min(len(order), at + step)), folder)
    return renumbered(order)


def renumbered(folders: Iterable[SmartFolder]) -> list[SmartFolder]:
    """The folders with positions 0, 1, 2… in the order given."""
    return [replace(f, position=float(n)) for n, f in enumerate(folders)]
