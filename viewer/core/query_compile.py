"""A query tree as the index answers it: an FTS5 expression and an SQL condition (no Qt).

What the text index can answer alone goes into one FTS5 MATCH expression: words, phrases,
prefixes, NEAR, the title and section columns, and AND, OR and NOT among them. What it cannot
(dates, and the check that a word is in the right header field) is an SQL condition on the
articles row (``a``), ANDed with the match. Where the two mix under OR or NOT, each text part
becomes a subquery of the text index inside the condition. Every word reaches FTS5 in double
quotes, folded as the index's text is (``query_fold``), so no text a person types is read as
FTS5 syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from viewer.core.date_format import sort_key
from viewer.core.query_fields import FIELD_FUNCTION, field_words
from viewer.core.query_fold import fold_text
from viewer.core.query_labels import condition as label_condition
from viewer.core.query_tree import (
    All,
    Dated,
    Either,
    Field,
    Labelled,
    Near,
    Node,
    SearchQueryError,
    Words,
)

_IN_TEXT = "coalesce(a.doc_id IN (SELECT rowid FROM article_text WHERE article_text MATCH ?), 0)"


@dataclass
class Compiled:
    """How the index answers a query: rows whose text matches ``match`` (None: any row) and
    that pass ``where`` (an SQL condition on the articles row ``a``; "": all) with ``params``."""

    match: str | None
    where: str = ""
    params: list[object] = field(default_factory=list)


@dataclass
class _Part:
    """A node, compiled: its text must match ``match`` and none of ``unwanted`` (FTS5
    expressions, each in brackets where it needs them), and its row pass every one of
    ``conditions``. ``single``: ``match`` is one phrase or NEAR group, which needs no brackets
    (FTS5's parser takes only some 30 levels of them)."""

    match: str | None = None
    single: bool = False
    unwanted: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def text_only(self) -> bool:
        """True when FTS5 answers all of it."""
        return self.match is not None and not self.conditions

    def grouped_match(self) -> str:
        """The match, in brackets unless it is single."""
        return str(self.match) if self.single else f"({self.match})"

    def grouped(self) -> str:
        """The match without what it leaves out, in brackets unless it is single."""
        if not self.unwanted:
            return self.grouped_match()
        return f"({_with_unwanted(self)})"


def compile_tree(tree: Node) -> Compiled:
    """The match and condition of ``tree``; raises ``SearchQueryError`` for a query that only
    leaves articles out (``-river``): it would list nearly everything."""
    part = _compile(tree)
    if part.match is None and not part.conditions:
        raise SearchQueryError(
            "-word only leaves articles out: add a word to look for, as in bridge -river."
        )
    if part.match is not None:
        return Compiled(_with_unwanted(part), " AND ".join(part.conditions), part.params)
    condition, params = _condition(part)
    return Compiled(None, condition, params)


def _compile(node: Node) -> _Part:
    if isinstance(node, Words):
        return _Part(_column(node.column, _phrase(node)), single=True)
    if isinstance(node, Near):
        phrases = " ".join(_phrase(item) for item in node.items)
        return _Part(_column(node.column, f"NEAR({phrases}, {node.distance})"), single=True)
    if isinstance(node, Field):
        words = field_words(node.value.text)
        return _Part(
            _column("fields", _phrase(node.value)),
            single=True,
            conditions=[f"{FIELD_FUNCTION}(a.fields, ?, ?, ?)"],
            params=[node.name, " ".join(words), int(node.value.prefix)],
        )
    if isinstance(node, Dated):
        return _dated(node)
    if isinstance(node, Labelled):
        return _Part(conditions=[label_condition("a.content_key")], params=[node.name or ""])
    if isinstance(node, All):
        return _all([_compile(child) for child in node.children])
    if isinstance(node, Either):
        return _either([_compile(child) for child in node.children])
    return _without(_compile(node.child))


def _all(parts: list[_Part]) -> _Part:
    matching = [part for part in parts if part.match is not None]
    if len(matching) == 1:
        joined = _Part(matching[0].match, matching[0].single)
    else:
        joined = _Part(" AND ".join(part.grouped_match() for part in matching) or None)
    for part in parts:
        joined.unwanted.extend(part.unwanted)
        joined.conditions.extend(part.conditions)
        joined.params.extend(part.params)
    return joined


def _either(parts: list[_Part]) -> _Part:
    if all(part.text_only() for part in parts):
        return _Part(" OR ".join(part.grouped() for part in parts))
    conditions, params = [], []
    for part in parts:
        condition, own = _condition(part)
        conditions.append(f"({condition})")
        params.extend(own)
    return _Part(conditions=[" OR ".join(conditions)], params=params)


def _without(part: _Part) -> _Part:
    if part.text_only():
        return _Part(unwanted=[part.grouped()])
    if part.match is None and part.unwanted and not part.conditions:
        # Without any of what this is without: the text must have one of them.
        return _Part(*_any_of(part.unwanted))
    condition, params = _condition(part)
    return _Part(conditions=[f"NOT ({condition})"], params=params)


def _any_of(expressions: list[str]) -> tuple[str, bool]:
    """One of ``expressions`` (each grouped), and whether that is single."""
    if len(expressions) == 1:
        only = expressions[0]
        return (only[1:-1], False) if only.startswith("(") else (only, True)
    return " OR ".join(expressions), False


def _dated(node: Dated) -> _Part:
    # Two-valued, so that NOT of it holds for an article without a date.
    conditions = ["a.published_key IS NOT NULL"]
    params: list[object] = []
    if node.start is not None:
        conditions.append("a.published_key >= ?")
        params.append(sort_key(node.start))
    if node.end is not None:
        conditions.append("a.published_key < ?")
        params.append(sort_key(node.end))
    return _Part(conditions=[" AND ".join(conditions)], params=params)


def _condition(part: _Part) -> tuple[str, list[object]]:
    """All of ``part`` as one SQL condition on the articles row."""
    conditions: list[str] = []
    params: list[object] = []
    if part.match is not None:
        conditions.append(_IN_TEXT)
        params.append(_with_unwanted(part))
    elif part.unwanted:
        conditions.append(f"NOT {_IN_TEXT}")
        params.append(_any_of(part.unwanted)[0])
    conditions.extend(f"({condition})" for condition in part.conditions)
    params.extend(part.params)
    return " AND ".join(conditions) or "1", params


def _with_unwanted(part: _Part) -> str:
    """The match of ``part`` without what it leaves out, as FTS5 writes it (a NOT b)."""
    if not part.unwanted:
        return str(part.match)
    return part.grouped_match() + "".join(f" NOT {unwanted}" for unwanted in part.unwanted)


def _phrase(words: Words) -> str:
    """Words as one FTS5 string, folded, with its prefix mark."""
    quoted = '"' + fold_text(words.text).replace('"', '""') + '"'
    return quoted + " *" if words.prefix else quoted


def _column(column: str | None, expression: str) -> str:
    return expression if column is None else f"{column} : {expression}"
