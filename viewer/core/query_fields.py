"""Header fields in a search: their names, and whether a field's value holds a query's words
(no Qt).

The text index holds the values of all of an article's fields in one column, so ``author:Jo``
finds through it the articles with "jo" in any field; ``field_holds``, an SQL function of the
index's connections, then keeps those whose author field has it.
"""

from __future__ import annotations

import json
import re

from viewer.core.query_fold import fold_text

FIELD_FUNCTION = "article_field"  # field_holds, by its name in SQL
_TOKEN = re.compile(r"[^\W_]+")  # the tokenizer's words, near enough: letters and digits


def header_name(name: str) -> str:
    """A field's name as names are compared: ``Source_URL``, ``source-url`` and ``source url``
    are one."""
    return " ".join(name.replace("_", " ").replace("-", " ").split()).lower()


def field_words(text: str) -> list[str]:
    """The words of a field's value or of a query's, folded, as the field check compares them."""
    return _TOKEN.findall(fold_text(text).lower())


def field_holds(fields: object, name: object, words: object, prefix: object) -> int:
    """1 when ``fields`` (an articles row's JSON) has a field called ``name`` whose value holds
    ``words`` (space-separated, from ``field_words``) in a row, the last one a word's start when
    ``prefix``; else 0. Never raises: SQLite would fail the whole search."""
    try:
        if not isinstance(fields, str) or not isinstance(words, str) or not fields:
            return 0
        wanted = words.split()
        if not wanted:
            return 0
        values = json.loads(fields)
        if not isinstance(values, dict):
            return 0
        for key, value in values.items():
            if header_name(str(key)) == name and _holds(field_words(str(value)), wanted, prefix):
                return 1
    except Exception:
        return 0
    return 0


def _holds(have: list[str], wanted: list[str], prefix: object) -> bool:
    last = len(wanted) - 1
    for start in range(len(have) - last):
        if have[start : start + last] == wanted[:last]:
            word = have[start + last]
            if word == wanted[last] or (prefix and word.startswith(wanted[last])):
                return True
    return False
