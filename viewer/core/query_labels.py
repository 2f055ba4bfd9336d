"""Labels in a search and a facet: ``label:relevant``, ``-label:x`` and ``nolabel:`` (no Qt).

Labels live in the reading state, not in the index. Each connection that answers a query
(the search's, the list's views') keeps a temporary table of them, ``temp.labelled``: a row a
label of each labelled article (its content key, the label folded) and one with no name for
"has a label". It is filled from the labels this process holds (the window's live ones, or
those the command line read) whenever they changed since, so SQL asks it at SQLite's speed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Final

LABELLED: Final = "temp.labelled"  # (k: content key, name: folded label, "" for any)
_EMPTY: Mapping[str, tuple[str, ...]] = {}
_held: list[Mapping[str, tuple[str, ...]]] = [_EMPTY]  # one slot: the process's labels
_version = [0]  # counts changes, so each connection knows when to fill its table again


def use_labels(labels: Mapping[str, tuple[str, ...]]) -> None:
    """The labels queries see from now on (content key → names): a live mapping will do, as
    long as ``labels_changed`` is called after each change."""
    _held[0] = labels
    labels_changed()


def labels_changed() -> None:
    """The labels changed: every connection fills its table again before its next query."""
    _version[0] += 1


def folded_label(text: str) -> str:
    """A label's name as a query compares it."""
    return " ".join(text.split()).casefold()


def condition(column: str) -> str:
    """The SQL condition that the article of ``column`` (its content key) has the label given
    as the one parameter ("": any label)."""
    return f"{column} IN (SELECT k FROM {LABELLED} WHERE name = ?)"


class LabelTable:
    """One connection's ``temp.labelled``, made at once and filled when the labels changed."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._filled = -1
        db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS labelled (name TEXT NOT NULL, k TEXT NOT NULL, "
            "PRIMARY KEY (name, k)) WITHOUT ROWID"
        )

    def sync(self) -> None:
        """Fill the table again if the labels changed since it was last filled."""
        version = _version[0]
        if version == self._filled:
            return
        rows = _rows()
        db = self._db
        outside = not db.in_transaction
        if outside:
            db.execute("BEGIN")
        try:
            db.execute(f"DELETE FROM {LABELLED}")
            db.executemany(f"INSERT OR IGNORE INTO {LABELLED} VALUES (?, ?)", rows)
            if outside:
                db.execute("COMMIT")
        except BaseException:
            if outside and db.in_transaction:
                db.execute("ROLLBACK")
            raise
        self._filled = version


def _rows() -> list[tuple[str, str]]:
    """(folded name, key) of every label given, and ("", key) of every labelled article."""
    for _attempt in range(5):  # another thread may change the labels while they are read
        try:
            items = list(_held[0].items())
            break
        except RuntimeError:
            continue
    else:
        items = []
    rows = []
    for key, names in items:
        if names:
            rows.append(("", key))
            rows.extend((folded_label(name), key) for name in names)
    return rows
