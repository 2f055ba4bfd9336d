"""Where a query's terms occur in an article, with their contexts: a concordance's lines
(no Qt). ``found_in`` reads them from files, as a worker process does for ``search``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from viewer.core.article import Article
from viewer.core.query_tree import Term
from viewer.core.text_search import spans

_SPACES = re.compile(r"\s+")


class Occurrence(NamedTuple):
    """One hit: where it starts in the article's text, the text before it, itself, and the
    text after it (each context with its white space run together)."""

    offset: int
    left: str
    hit: str
    right: str


def article_text(article: Article) -> str:
    """The text the concordance reads: the title, then each paragraph, a blank line between
    (an occurrence's offset counts characters in it)."""
    parts = [article.title, *article.paragraphs] if article.title else article.paragraphs
    return "\n\n".join(parts)


def occurrences(text: str, patterns: Sequence[re.Pattern[str]], width: int) -> list[Occurrence]:
    """Every place the patterns match in ``text`` (at most ``text_search.MAX_HITS``), with
    ``width`` characters of context on each side."""
    found = []
    reach = 4 * width + 16  # enough text for ``width`` characters once spaces run together
    for start, end in spans(patterns, text):
        left = _SPACES.sub(" ", text[max(0, start - reach) : start])
        right = _SPACES.sub(" ", text[end : end + reach])
        left = left[max(0, len(left) - width) :] if width else ""
        found.append(Occurrence(start, left, text[start:end], right[:width]))
    return found


class Found(NamedTuple):
    """A matching article as printed: its header, and where its terms occur."""

    path: str
    title: str
    published: str | None
    section: str | None
    occurrences: list[Occurrence]
    error: str | None = None  # the file could not be read again for its contexts


def found_in(
    paths: Iterable[str],
    terms: tuple[Term, ...],
    width: int,
    encodings: Mapping[str, str] | None = None,
) -> list[Found]:
    """The header and occurrences of each article file: what a worker process does."""
    from viewer.core.parser import parse_file
    from viewer.core.text_search import term_patterns

    patterns = term_patterns(terms)
    found = []
    for path in paths:
        article = parse_file(path, encodings=encodings, typeset=False)
        if not article.ok:
            found.append(Found(path, article.title, None, None, [], article.error or "unreadable"))
            continue
        published = article.published.isoformat() if article.published else None
        where = occurrences(article_text(article), patterns, width)
        found.append(Found(path, article.title, published, article.section, where))
    return found
