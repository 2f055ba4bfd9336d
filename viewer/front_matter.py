"""Front matter: the ``---`` block that Markdown exports from blog engines open with (no Qt)."""

from __future__ import annotations

import re

from viewer.header import PUBLISHED_KEYS, UPDATED_KEYS, Header

_FENCE = "---"
_MAX_LINES = 200  # a front matter block longer than this is not one
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_SECTION_KEYS = ("section", "categories", "category", "tags", "tag")


def front_matter_end(lines: list[str]) -> int | None:
    """Index of the closing fence when ``lines`` open with front matter, else None."""
    if not lines or lines[0].strip() != _FENCE:
        return None
    for i in range(1, min(len(lines), _MAX_LINES)):
        if lines[i].strip() in (_FENCE, "..."):
            return i
    return None


def read_front_matter(lines: list[str], end: int) -> Header:
    """Read the simple ``key: value`` and list entries of ``lines[1:end]``."""
    values: dict[str, list[str] | str] = {}
    key: str | None = None
    for line in lines[1:end]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") and key is not None:
            items = values.setdefault(key, [])
            if isinstance(items, list):
                items.append(_unquote(stripped[2:]))
            continue
        match = _KEY.fullmatch(stripped)
        if match is None:
            continue
        key, raw = match.group(1).lower(), match.group(2).strip()
        if raw.startswith("[") and raw.endswith("]"):
            values[key] = [_unquote(item) for item in raw[1:-1].split(",") if item.strip()]
        elif raw:
            values[key] = _unquote(raw)
        else:
            values[key] = []  # a block list follows on "- item" lines
    return _to_header(values, end + 1)


def _to_header(values: dict[str, list[str] | str], body_start: int) -> Header:
    header = Header(body_start=body_start)
    header.title = _text(values.pop("title", ""))
    for key in _SECTION_KEYS:
        value = values.get(key)
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, str) and first:
            header.section = first
            break
    for key, value in values.items():
        text = _text(value)
        if not text:
            continue
        if key in PUBLISHED_KEYS and header.published_raw is None:
            header.published_raw = text
        elif key in UPDATED_KEYS and header.updated_raw is None:
            header.updated_raw = text
        elif key != "section":
            header.fields[key.replace("_", " ")] = text
    return header


def _text(value: list[str] | str) -> str:
    return ", ".join(value) if isinstance(value, list) else value


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
