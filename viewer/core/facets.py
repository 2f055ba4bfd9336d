"""Facets: the author and source header fields, their values counted over the listed articles
and used as filters, in memory and in the index's SQL alike (no Qt)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Final

# Each facet, and the header fields (as the parser names them: lower case) that give it, the
# first one an article has winning.
FACETS: Final = {
    "author": ("author", "authors", "by", "byline", "creator"),
    "source": ("source", "publisher", "publication", "outlet", "site name"),
}
LABEL_FACET: Final = "label"  # the reader's labels: a facet too, though no header holds them
VALUE_LIMIT: Final = 200  # characters of a value kept: a facet is a label, not a text


def facet_value(fields: Mapping[str, str], facet: str) -> str | None:
    """The article's value of ``facet``, on one line, or None when it has none."""
    if not fields:
        return None
    for name in FACETS[facet]:
        value = fields.get(name)
        if isinstance(value, str):
            kept = " ".join(value.split())[:VALUE_LIMIT]
            if kept:
                return kept
    return None


def folded(value: str) -> str:
    """A value as the filter compares it: ``Jo Writer`` and ``JO WRITER`` are one."""
    return " ".join(value.split())[:VALUE_LIMIT].casefold()


def merged(spellings: Counter[str]) -> Counter[str]:
    """Counts per spelling merged per folded value, under the spelling most of them use."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for spelling, count in spellings.most_common():
        key = folded(spelling)
        names.setdefault(key, spelling)
        counts[names[key]] += count
    return counts


def count_values(fields: Iterable[Mapping[str, str]], facet: str) -> Counter[str]:
    """How many articles have each value of ``facet``, by spelling."""
    return Counter(v for f in fields if (v := facet_value(f, facet)) is not None)


def sql_value(facet: str) -> str:
    """The SQL expression over an articles row's ``fields`` (JSON) that gives its value of
    ``facet`` as stored (NULL: none). A damaged JSON text gives NULL, never an error."""
    paths = ", ".join(f"'$.\"{name}\"'" for name in FACETS[facet])
    picks = ", ".join(f"json_extract(fields, {p})" for p in paths.split(", "))
    return f"(CASE WHEN json_valid(fields) THEN coalesce({picks}) END)"


def clean_spellings(spellings: Counter[str]) -> Counter[str]:
    """The index's raw values, as ``facet_value`` would have them (one line, non-empty)."""
    counts: Counter[str] = Counter()
    for raw, count in spellings.items():
        kept = " ".join(str(raw).split())[:VALUE_LIMIT]
        if kept:
            counts[kept] += count
    return counts
