"""Front matter YAML that holds only keys and plain values, read without PyYAML (no Qt).

Most front matter is lines of ``key: value``, a ``[a, b]`` list or ``- item`` lines. For such a
block PyYAML's base loader gives exactly what reading it line by line gives (its values as
written, as strings), but it costs more than the rest of parsing the file, and a listing parses
every file. So such a block is read here; anything else in it (a quoted colon, a folded or
nested value, an anchor, a tag, a flow map, a line this reader does not know) goes to PyYAML.
A property test holds the two to the same answers.
"""

from __future__ import annotations

import functools
import re

# Characters YAML allows in a document (its "printable" set), tab aside; and those a plain
# scalar may not start with: YAML's indicators, white space and what is not printable.
_PRINTABLE = "[ -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_NOT_FIRST = (
    "\\s\\-?:,\\[\\]{}#&*!|>'\"%@`\\x00-\\x1f\\x7f-\\x84\\x86-\\x9f\\ud800-\\udfff\\ufffe\\uffff"
)
# Of ASCII, printable characters are YAML's; these may not start a plain scalar (white space
# aside, which is not printable but for the space).
_ASCII_NOT_FIRST = frozenset(" -?:,[]{}#&*!|>'\"%@`")
# A flow list's plain items hold no commas or brackets either: the printable set less those.
_FLOW_PRINTABLE = (
    r"[\x20-\x2b\x2d-\x5a\x5c\x5e-\x7a\x7c\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# A key and its value, and a list item: the spaces that end a value are stripped after the
# match (a lazy value before them cost a step a character).
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*))?")
_ITEM = re.compile(r"([ ]*)-[ ]+(.*)")


@functools.cache
def _scalars() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a plain scalar's characters, a flow list item's, and printable text:
    compiled on first use, as their character classes take 15 ms, which start-up spares."""
    return (
        re.compile(f"[^{_NOT_FIRST}]{_PRINTABLE}*"),
        re.compile(f"[^{_NOT_FIRST}]{_FLOW_PRINTABLE}*"),
        re.compile(f"{_PRINTABLE}*"),
    )


def simple_values(lines: list[str]) -> dict[str, str | list[str]] | None:
    """The values of a block of plain ``key: value`` lines and lists, or None when the block
    holds anything else (then PyYAML reads it)."""
    values: dict[str, str | list[str]] = {}
    listing: str | None = None  # the key whose block list may follow
    indent: int | None = None  # its items' indentation
    for line in lines:
        if not line.strip(" ") or line.startswith("#"):  # YAML's white space is " " (and tab)
            continue
        item = _ITEM.fullmatch(line) if line[0] in " -" else None  # an item opens so
        if item is not None:
            entry = _scalar(item.group(2).rstrip(" "))
            if listing is None or entry is None or indent not in (None, len(item.group(1))):
                return None
            indent = len(item.group(1))
            items = values.setdefault(listing, [])
            assert isinstance(items, list)
            items.append(entry)
            continue
        match = _KEY.fullmatch(line)
        if match is None:
            return None
        key, raw = match.group(1), (match.group(2) or "").rstrip(" ")
        if listing is not None and listing not in values:
            values[listing] = ""  # "key:" with nothing below: YAML's empty value
        listing, indent = None, None
        if not raw:
            listing = key  # a block list may follow
            values.pop(key, None)
            continue
        value: str | list[str] | None = _flow_list(raw) if raw.startswith("[") else _scalar(raw)
        if value is None:
            return None
        values[key] = value
    if listing is not None and listing not in values:
        values[listing] = ""
    return values


def _scalar(text: str) -> str | None:
    """A plain, single-quoted or double-quoted scalar without escapes, or None."""
    quote = text[:1]
    if quote not in ("'", '"'):
        return text if _is_plain(text) else None
    inner = text[1:-1]
    if len(text) < 2 or text[-1] != quote or quote in inner:
        return None
    if quote == '"' and "\\" in inner:
        return None  # an escape, which YAML reads
    if inner.isascii():  # printable ASCII is what the expression admits of ASCII: asked in C
        return inner if inner.isprintable() else None
    return inner if _scalars()[2].fullmatch(inner) else None


def _is_plain(text: str, *, flow: bool = False) -> bool:
    """True for a plain scalar that YAML reads as itself: a first character that is no
    indicator, no ": " or " #" after it (a key or a comment), no ":" or space at its end; in a
    flow list (``flow``), no commas or brackets either.

    Asked of the text rather than of one expression with a look-ahead at every character: that
    cost more than the rest of reading a header.
    """
    if text.isascii():  # what the expressions admit of ASCII, asked in C
        if not text or not text.isprintable() or text[0] in _ASCII_NOT_FIRST:
            return False
        if flow and ("," in text or "[" in text or "]" in text or "{" in text or "}" in text):
            return False
    elif _scalars()[1 if flow else 0].fullmatch(text) is None:
        return False  # also: empty; a first character that is none of the above
    # In a flow list PyYAML refuses some colons ("[0:?]"): any colon there is left to it.
    return not (": " in text or " #" in text or text[-1] in ": " or (flow and ":" in text))


def _flow_list(text: str) -> list[str] | None:
    """``[a, b, c]`` of plain items, or None."""
    if not text.endswith("]"):
        return None
    inner = text[1:-1].strip(" ")
    if not inner:
        return []
    items = [item.strip(" ") for item in inner.split(",")]
    for item in items:
        if not _is_plain(item, flow=True):
            return None
    return items
