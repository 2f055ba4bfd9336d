"""Labels in a search: ``label:relevant``, ``-label:x`` and ``nolabel:`` (no Qt).

Labels live in the reading state, not in the index, so a search asks for them through an SQL
function of the index's connections, ``article_label``, which looks the row's content key up in
the labels this process holds: the window's live ones, or those the command line read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

LABEL_FUNCTION: Final = "article_label"
_EMPTY: Mapping[str, tuple[str, ...]] = {}
_labels: list[Mapping[str, tuple[str, ...]]] = [_EMPTY]  # one slot: the process's labels


def use_labels(labels: Mapping[str, tuple[str, ...]]) -> None:
    """The labels searches see from now on (content key → names): a live mapping will do."""
    _labels[0] = labels


def article_label(key: object, name: object) -> int:
    """1 when the article with content key ``key`` has the label ``name`` (folded; "": any
    label), else 0. Never raises: SQLite would fail the whole search."""
    try:
        names = _labels[0].get(key, ()) if isinstance(key, str) else ()
        if not isinstance(name, str) or not name:
            return int(bool(names))
        return int(any(n.casefold() == name for n in names))
    except Exception:
        return 0


def folded_label(text: str) -> str:
    """A label's name as a search compares it."""
    return " ".join(text.split()).casefold()
