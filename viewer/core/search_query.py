"""Reading what a person types into the search field into what the index answers (no Qt).

The syntax is ``query_help.SYNTAX_HELP``: words (all must occur), "phrases", prefixes
``elect*``, ``OR`` and brackets, ``-word`` and ``NOT``, ``NEAR(a b, 10)`` and ``"a b"~10``,
``title:``, ``section:`` and any header field by its name (``author:"Jo Writer"``), and
dates (``after:``, ``before:``, ``year:``). ``query_syntax`` reads it into a tree,
``query_compile`` makes the FTS5 match and SQL condition of the tree. Case and diacritics never
count (``query_fold``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from viewer.core.article import Article
from viewer.core.date_format import sort_key
from viewer.core.index import SearchFilters
from viewer.core.query_compile import compile_tree
from viewer.core.query_syntax import parse
from viewer.core.query_tree import (
    All,
    Dated,
    Either,
    Node,
    SearchQueryError,
    Term,
    Without,
    has_text,
    terms_of,
)

__all__ = ["SearchQuery", "SearchQueryError", "Term", "parse_query"]

# A pasted NUL or tab must not reach FTS5, nor a lone surrogate SQLite (it cannot encode one).
_UNFIT = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: the FTS5 expression (None: the text index is not asked alone), the
    filters (an SQL condition on the articles row), the terms to highlight, and its tree."""

    match: str | None
    filters: SearchFilters = field(default_factory=SearchFilters)
    terms: tuple[Term, ...] = ()
    tree: Node | None = None

    @property
    def empty(self) -> bool:
        """True when the query asks for nothing at all."""
        return self.tree is None

    @property
    def uses_text(self) -> bool:
        """True when the text index answers it; False for dates alone (see ``passes``)."""
        return self.tree is not None and has_text(self.tree)

    def passes(self, article: Article) -> bool:
        """Whether a listed article passes a query of dates alone (``uses_text`` False), as the
        index's condition would have it."""
        return self._dates_test(sort_key(article.published))

    @cached_property
    def _dates_test(self) -> Callable[[float | None], bool]:
        """The test of a publication's sort key, made once: a listing asks it of every row."""
        return _dates_test(self.tree) if self.tree is not None else lambda _key: True


def parse_query(text: str, *, today: date | None = None) -> SearchQuery:
    """Parse ``text``; raise ``SearchQueryError`` with a plain explanation when it is malformed.

    Relative dates (``after:-30d``) count back from ``today`` (None: the real today).
    """
    text = _UNFIT.sub(" ", text)
    tree = parse(text, today or date.today())
    if tree is None:
        return SearchQuery(None)
    compiled = compile_tree(tree)
    filters = SearchFilters(where=compiled.where, params=tuple(compiled.params))
    return SearchQuery(compiled.match, filters, tuple(terms_of(tree)), tree)


def _dates_test(node: Node) -> Callable[[float | None], bool]:
    if isinstance(node, Dated):
        low, high = sort_key(node.start), sort_key(node.end)
        return lambda key: (
            key is not None and (low is None or key >= low) and (high is None or key < high)
        )
    if isinstance(node, All | Either):
        tests = [_dates_test(child) for child in node.children]
        combine = all if isinstance(node, All) else any
        return lambda key: combine(test(key) for test in tests)
    if isinstance(node, Without):
        test = _dates_test(node.child)
        return lambda key: not test(key)
    return lambda _key: True  # text: not answered here
