"""Reading what a person types into the search field into an FTS5 query and filters (no Qt).

Plain words must all occur; "quoted phrases" occur as written; ``elect*`` matches words
that start so; ``-word`` leaves out articles that have it; ``section:World``,
``after:2020-01-01`` and ``before:2021-06-30`` narrow by header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from viewer.core.index import SearchFilters

_TOKEN = re.compile(r'\s*(-?)(?:(\w+):)?("(?:[^"]*)"?|[^\s"]+)')
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_FILTERS = ("section", "after", "before")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class SearchQueryError(ValueError):
    """The query cannot be understood; the message says how to mend it."""


@dataclass(frozen=True)
class Term:
    """A word or phrase to look for, as typed (for highlighting)."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: the FTS5 expression (None for filters alone), filters and terms."""

    match: str | None
    filters: SearchFilters = field(default_factory=SearchFilters)
    terms: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the query asks for nothing at all."""
        return self.match is None and self.filters == SearchFilters()


def parse_query(text: str) -> SearchQuery:
    """Parse ``text``; raise ``SearchQueryError`` with a plain explanation when it is malformed."""
    text = _CONTROL.sub(" ", text)  # a pasted NUL or tab must not reach FTS5
    if text.count('"') % 2:
        raise SearchQueryError('A quotation mark is not closed: add the closing ".')
    include: list[str] = []
    exclude: list[str] = []
    terms: list[Term] = []
    section: str | None = None
    after = before = None
    position = 0
    stripped = text.strip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        negated, key, body = match.group(1) == "-", match.group(2), match.group(3)
        if key is not None and key.lower() in _FILTERS:
            value = _unquote(body)
            if not value:
                raise SearchQueryError(f"{key}: needs a value, as in {key}:{_example(key)}.")
            if key.lower() == "section":
                section = value
            elif key.lower() == "after":
                after = _read_date(key, value)
            else:
                before = _read_date(key, value)
            continue
        if key is None and body.endswith(":") and body[:-1].lower() in _FILTERS:
            name = body[:-1]
            raise SearchQueryError(f"{name}: needs a value, as in {name}:{_example(name)}.")
        if key is not None:
            body = f"{key}:{body}"  # not a filter: "Note:" is just a word with a colon
        expression, term = _term(body)
        if term is None:
            continue
        (exclude if negated else include).append(expression)
        if not negated:
            terms.append(term)
    if exclude and not include:
        raise SearchQueryError("Add a word to look for: -word only leaves articles out.")
    match_text = " ".join(include) + "".join(f" NOT {e}" for e in exclude) if include else None
    return SearchQuery(match_text, SearchFilters(section, after, before), tuple(terms))


def _term(body: str) -> tuple[str, Term | None]:
    if body.startswith('"'):
        phrase = _unquote(body)
        words = phrase.split()
        if not words:
            return "", None
        return _quote(" ".join(words)), Term(" ".join(words))
    prefix = body.endswith("*")
    word = body[:-1] if prefix else body
    if "*" in word or (prefix and not word.strip("*")):
        raise SearchQueryError("A * goes at the end of a word, as in elect* for election.")
    if not any(ch.isalnum() for ch in word):
        return "", None  # punctuation alone finds nothing and would upset FTS5
    return _quote(word) + (" *" if prefix else ""), Term(word, prefix)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _unquote(text: str) -> str:
    return text[1:-1].strip() if text.startswith('"') and text.endswith('"') else text.strip()


def _read_date(key: str, value: str) -> datetime:
    match = _DATE.fullmatch(value)
    if match is None:
        raise SearchQueryError(f"{key}: needs a date such as {key}:{_example(key)}.")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return datetime(year, month, day)
    except ValueError:
        raise SearchQueryError(f"{key}:{value} is not a real date.") from None


def _example(key: str) -> str:
    return {"section": "World", "after": "2020-01-01", "before": "2021-06-30"}[key.lower()]
