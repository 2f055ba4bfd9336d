"""Labels: the reader's label set and the labels given to articles, as the reading state keeps
them (no Qt).

A label is known by its name. Its definition (colour, key, place) is a row of ``label_defs``;
the labels an article has are a row of ``labels`` keyed by the article's content key, so they
follow it through renames and moves, as read marks do. Every spec read back is hostile: a row
that is not one is dropped, never raised on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

NAME_LIMIT: Final = 60  # characters of a label's name: a label, not a text
KEYS: Final = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")  # in the order they are given
REVIEW_SEPARATOR: Final = "\t"  # a review row's key: the set's name, a tab, the content key
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class LabelDef:
    """One label of the reader's set: its name, colour (``#rrggbb``), key and place."""

    name: str
    colour: str = "#607d8b"
    key: str = ""  # one of KEYS, or "" for none
    position: int = 0


STARTER: Final = (  # offered on first use: the commonest relevance coding
    LabelDef("Relevant", "#2e7d32", "1", 0),
    LabelDef("Not relevant", "#c62828", "2", 1),
    LabelDef("Unsure", "#ef6c00", "3", 2),
)
PALETTE: Final = ("#2e7d32", "#c62828", "#ef6c00", "#1565c0", "#6a1b9a", "#00838f", "#5d4037")


def clean_name(name: str) -> str:
    """A name as a label keeps it: on one line, trimmed (may be empty: no label)."""
    return " ".join(str(name).split())[:NAME_LIMIT]


def encode_def(label: LabelDef) -> str:
    """A definition as the reading state keeps it."""
    spec = {"colour": label.colour, "key": label.key, "position": label.position}
    return json.dumps(spec)


def decode_def(name: str, text: str) -> LabelDef | None:
    """The definition a kept spec describes; None when it is not one (never raises)."""
    try:
        spec = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(spec, dict) or not clean_name(name):
        return None
    colour, key, position = spec.get("colour"), spec.get("key", ""), spec.get("position", 0)
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        colour = PALETTE[0]
    if key not in KEYS:
        key = ""
    if isinstance(position, bool) or not isinstance(position, int):
        position = 0
    return LabelDef(clean_name(name), colour, key, position)


def ordered_defs(specs: Mapping[str, str]) -> list[LabelDef]:
    """The label set from kept specs, in its order; a key given twice goes to the first."""
    labels = [d for name, text in specs.items() if (d := decode_def(name, text)) is not None]
    labels.sort(key=lambda d: (d.position, d.name.casefold()))
    seen: set[str] = set()
    kept = []
    for label in labels:
        if label.key in seen:
            label = LabelDef(label.name, label.colour, "", label.position)
        seen.add(label.key)
        kept.append(label)
    return kept


def encode_names(names: Iterable[str]) -> str | None:
    """The labels of an article as kept (None: it has none, and the row goes)."""
    kept = sorted({n for name in names if (n := clean_name(name))}, key=str.casefold)
    return json.dumps(kept, ensure_ascii=False) if kept else None


def decode_names(text: str) -> tuple[str, ...]:
    """The labels a kept row gives an article (none when the row is not a list of names)."""
    try:
        names = json.loads(text)
    except (ValueError, RecursionError):
        return ()
    if not isinstance(names, list):
        return ()
    return tuple(sorted({n for name in names if isinstance(name, str) and (n := clean_name(name))}))


def toggled(names: Iterable[str], name: str) -> tuple[str, ...]:
    """``names`` with ``name`` taken off when it is there, else put on."""
    have = set(names)
    have ^= {name}
    return tuple(sorted(have, key=str.casefold))


def added_defs(have: Iterable[str], names: Iterable[str]) -> list[LabelDef]:
    """Definitions for the names a set of ``have`` lacks, after them, with no key."""
    known = set(have)
    start = len(known)
    new = sorted({n for n in names if n not in known}, key=str.casefold)
    return [
        LabelDef(n, PALETTE[(start + i) % len(PALETTE)], "", start + i) for i, n in enumerate(new)
    ]
