"""The article list as the library index serves it: which rows, in which order (no Qt).

A view is a query (``ViewQuery``: the opened folders and files, a sort column, the filters)
turned into SQL over the index's indexed sort keys and filter text. Its first screen comes
straight from the index (``first_rows``: a ``LIMIT`` over the sort column's index takes about a
millisecond at a million rows); the whole view is then written, in order, into a table of a
scratch database beside the window (``ViewBuilder``, run off the window's thread), from which
any page is one range query by row number (``ViewReader.page``). Nothing here holds the
library in memory: the window holds pages.

Unknown values (no title, no date) sort last whichever way a column is sorted, as the list has
always sorted them: each view is two segments, the known keys in order, then the unknown ones
by path. Ties go by path, in the column's direction, so that the index serves both directions.
The tables that hold views, and the reads of them, are in ``view_tables``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from viewer.core.date_range import DateRange
from viewer.core.facets import LABEL_FACET, sql_value
from viewer.core.index_opening import LISTED
from viewer.core.index_paths import PARAM, bind, unbind
from viewer.core.index_reader import prefix_range
from viewer.core.query_labels import condition as label_condition
from viewer.core.query_labels import folded_label

# The list's columns (as the Qt model numbers them) → the stored key and its index.
SORT_KEYS = {
    0: ("title_key", "articles_title"),
    1: ("section_key", "articles_section"),
    2: ("published_key", "articles_published"),
    3: ("updated_key", "articles_updated"),
}


@dataclass(frozen=True)
class ViewQuery:
    """What the list shows: the rows below ``roots`` that pass the filters, sorted."""

    roots: tuple[str, ...] = ()  # opened folders (everything below) and files
    column: int = -1  # a key of SORT_KEYS; -1: by path
    descending: bool = False
    words: tuple[str, ...] = ()  # folded; each is in the title, section or file name
    section: str | None = None  # folded; None: every section
    hits: frozenset[str] | None = None  # a search's paths; None: no search
    read_keys: frozenset[str] | None = None  # given: read articles are left out…
    pinned: str | None = None  # …but for this one, the article on show
    published: tuple[float | None, float | None] = (None, None)  # a range of published_key
    dates: DateRange | None = None  # the timeline's range, of published or updated dates
    # Facets chosen: (facet, the values stored that fold to the one chosen), see core/facets.
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    removed: frozenset[str] = frozenset()  # taken off the list by the reader (files untouched)
    # The whole index lies below the roots (``covers``): no row need be checked against them.
    whole_index: bool = field(default=False, compare=False)


def covers(db: sqlite3.Connection, roots: Sequence[str]) -> bool:
    """True when every row of the index lies below ``roots``: a handful of primary-key probes
    into the gaps between them, where a check of each row costs 100 ns a row."""
    ranges = sorted(_ranges(roots))
    if not ranges:
        return False
    gaps: list[tuple[str | None, str | None]] = [(None, ranges[0][0])]
    high = ranges[0][1]
    for low, next_high in ranges[1:]:
        if low > high:
            gaps.append((high, low))
        high = max(high, next_high)
    gaps.append((high, None))
    for start, top in gaps:
        where = []
        params: list[object] = []
        if start is not None:
            where.append(f"path >= {PARAM}")  # a range's high end is just past it
            params.append(bind(start))
        if top is not None:
            where.append(f"path < {PARAM}")
            params.append(bind(top))
        sql = f"SELECT 1 FROM articles WHERE {' AND '.join(where)} LIMIT 1"
        if db.execute(sql, params).fetchone() is not None:
            return False
    return True


def known_below(db: sqlite3.Connection, roots: Sequence[str], at_most: int) -> int:
    """How many rows the index holds below ``roots``, counting no further than ``at_most``
    (a count of a million rows takes a third of a second; this, a few milliseconds)."""
    where, params = conditions(ViewQuery(roots=tuple(roots)))
    condition = " AND ".join(where)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {condition} LIMIT {int(at_most)})"
    return int(db.execute(sql, params).fetchone()[0])


def paths_without_text(db: sqlite3.Connection, query: ViewQuery) -> list[str]:
    """The readable files below ``query``'s roots whose text the index does not hold yet."""
    where, params = conditions(listed(query), scratch=False)
    condition = "".join(f" AND {w}" for w in where)
    sql = (
        "SELECT CAST(path AS BLOB) FROM articles INDEXED BY articles_doc "
        f"WHERE doc_id IS NULL AND error IS NULL{condition}"
    )
    return [unbind(raw) for (raw,) in db.execute(sql, params)]


def _ranges(roots: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Each root as the range of paths it holds, ``low <= path < high``."""
    for root in roots:
        if os.path.isdir(root):
            yield prefix_range(root)
        else:
            yield root, root + "\0"


def listed(query: ViewQuery) -> ViewQuery:
    """What is listed of ``query``, whatever its filters: for counts and lookups."""
    return ViewQuery(roots=query.roots, whole_index=query.whole_index, removed=query.removed)


def conditions(query: ViewQuery, *, scratch: bool = True) -> tuple[list[str], list[object]]:
    """The SQL conditions (over ``articles``) and their parameters that pick a view's rows;
    ``scratch``: those asking the scratch database's tables too (they exist once a view has
    been written; the rows removed are then checked by the caller)."""
    where: list[str] = [LISTED]
    params: list[object] = []
    if query.removed and scratch:
        where.append("path NOT IN (SELECT p FROM view.removed)")
    if not query.whole_index:
        spans = []
        for low, high in _ranges(query.roots):
            spans.append(f"(path >= {PARAM} AND path < {PARAM})")
            params.extend((bind(low), bind(high)))
        where.append(f"({' OR '.join(spans)})" if spans else "0")
    for word in query.words:
        where.append("instr(hay, ?) > 0")
        params.append(word)
    if query.section is not None:
        where.append("section_key IS ?" if query.section else "section_key IS NULL")
        if query.section:
            params.append(query.section)
    since, until = query.published
    if since is not None:
        where.append("published_key >= ?")
        params.append(since)
    if until is not None:
        where.append("published_key < ?")
        params.append(until)
    if query.dates is not None:
        _date_conditions(query.dates, where, params)
    for facet, values in query.facets:
        if facet == LABEL_FACET:  # the reader's labels are not in the index: asked of them
            where.append(label_condition("content_key"))
            params.append(folded_label(values[0]) if values else "\0")
            continue
        marks = ", ".join("?" * len(values))
        where.append(f"{sql_value(facet)} IN ({marks})" if values else "0")
        params.extend(values)
    if query.hits is not None:
        where.append("path IN (SELECT p FROM view.hits)")
    if query.read_keys is not None:
        pinned = f" OR path = {PARAM}" if query.pinned is not None else ""
        where.append(
            "((content_key IS NOT NULL AND content_key NOT IN (SELECT k FROM view.read_keys))"
            f"{pinned})"
        )
        if query.pinned is not None:
            params.append(bind(query.pinned))
    return where, params


def _date_conditions(dates: DateRange, where: list[str], params: list[object]) -> None:
    """The conditions of the timeline's range over the stored key of its date."""
    key = dates.column()
    if dates.undated:
        where.append(f"{key} IS NULL")
        return
    where.append(f"{key} IS NOT NULL")
    if dates.low is not None:
        where.append(f"{key} >= ?")
        params.append(dates.low)
    if dates.high is not None:
        where.append(f"{key} < ?")
        params.append(dates.high)


def segments(query: ViewQuery, *, whole: bool = True) -> list[tuple[str, list[object]]]:
    """The view's SELECTs of paths in order: known keys, then unknown ones.

    Unfiltered, the sort column's index gives the rows in order. Filtered, a whole view
    (``whole``) is found by reading the table through and sorting what passes: walking the
    index and looking up each row took a filter of a million rows 7 s, the table 0.6 s. A
    first screen walks the index all the same, as it stops once the screen is full.
    """
    where, params = conditions(query, scratch=whole)
    key_index = SORT_KEYS.get(query.column)
    if key_index is None:
        return [(_select("", where, "path"), params)]
    key, index = key_index
    direction = " DESC" if query.descending else ""
    filtered = len(where) > (1 if query.whole_index else 2)  # more than what is listed
    if filtered and (whole or query.hits is not None):
        # One pass through the table, one sort; "+key" keeps SQLite from walking the sort
        # key's index instead, and the unknown keys still come last, by path. A search's hits
        # are looked up by path; anything else reads the table through.
        hint = "" if query.hits is not None else " NOT INDEXED"
        order = (
            f"+{key} IS NULL, +{key}{direction}, "
            f"CASE WHEN {key} IS NULL THEN path END, +path{direction}"
        )
        return [(_select(hint, where, order), params)]
    hint = f" INDEXED BY {index}"
    # Ties go by error (none, then any) and path: the order the index holds them in.
    order = f"{key}{direction}, error{direction}, path{direction}"
    return [
        (_select(hint, [*where, f"{key} IS NOT NULL"], order), params),
        (_select(hint, [*where, f"{key} IS NULL"], "error, path"), params),
    ]


def _select(hint: str, where: list[str], order: str) -> str:
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    return f"SELECT path FROM articles{hint}{condition} ORDER BY {order}"
