"""A concordance: every occurrence of a search's terms in articles' bodies, with the text on
either side, as corpus tools show it (keyword in context), and its export (no Qt).

The occurrences are those the reading pane marks: the same patterns over the same body text
(``term_patterns``, paragraphs one line each), so the n-th line of an article here is the
n-th hit in its body there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple, TextIO

from viewer.core.article import Article
from viewer.core.article_export import inert_cell
from viewer.core.text_search import spans

CONTEXT_CHARS: Final = 120  # kept on either side of a hit: the widest the view shows
EXPORT_COLUMNS: Final = ("path", "title", "published", "left", "hit", "right", "offset")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


class Line(NamedTuple):
    """One occurrence: which article (an index into the articles it was made of), the text
    before it, the hit, the text after it, and where it is in the body."""

    article: int
    left: str
    hit: str
    right: str
    offset: int  # characters into the body (paragraphs joined by line ends)
    ordinal: int  # the how-many-th hit in that body, from 0
    # The words next to the hit, folded, to sort by: made with the line, in a worker.
    left_words: tuple[str, str]  # the one just before it, the one before that ("": none)
    right_words: tuple[str, str]  # the one just after it, the one after that


def body_text(article: Article) -> str:
    """The body as the concordance and the reading pane's hits read it."""
    return "\n".join(article.paragraphs)


def _flat(text: str) -> str:
    """White space of any kind, line ends too, as single spaces: a line of the concordance."""
    return _SPACE.sub(" ", text)


def article_lines(number: int, body: str, patterns: Sequence[re.Pattern[str]]) -> list[Line]:
    """The concordance lines of one article's ``body``, in its order (at most ``MAX_HITS``)."""
    lines = []
    for ordinal, (start, end) in enumerate(spans(patterns, body)):
        left = _flat(body[max(0, start - CONTEXT_CHARS) : start])
        right = _flat(body[end : end + CONTEXT_CHARS])
        before = _WORD.findall(left[-CONTEXT_CHARS // 2 :])[-2:]
        after = _WORD.findall(right[: CONTEXT_CHARS // 2])[:2]
        before = ["", ""][: 2 - len(before)] + [word.casefold() for word in before]
        after = [word.casefold() for word in after] + ["", ""][: 2 - len(after)]
        hit = _flat(body[start:end])
        words = (before[1], before[0]), (after[0], after[1])
        lines.append(Line(number, left, hit, right, start, ordinal, *words))
    return lines


# A chunk of a concordance's work: the articles' numbers and paths, the patterns, the reader's
# encodings; and what comes back, each article's record (its body dropped) and its lines.
Job = tuple[Sequence[tuple[int, str]], Sequence[re.Pattern[str]], Mapping[str, str]]
Done = list[tuple[Article, list[Line]]]


def chunk_lines(job: Job) -> Done:
    """Read each article of the chunk and find its lines (in a worker process, or here)."""
    from viewer.core.listing import listing_record
    from viewer.core.parser import parse_file

    numbered, patterns, encodings = job
    done = []
    for number, path in numbered:
        # Markdown typeset, as the reading pane shows it: its marks are not the text.
        article = parse_file(path, encodings=encodings)
        found = article_lines(number, body_text(article), patterns) if article.ok else []
        done.append((listing_record(article), found))
    return done


# How the lines can be ordered: a name for the menu, and each line's key.
SortKey = Callable[[Line], Any]
ORDERS: Final[dict[str, Callable[[Sequence[Article]], SortKey]]] = {
    "In list order": lambda _articles: lambda line: (line.article, line.offset),
    "1L: the word before": lambda _a: lambda line: line.left_words,
    "2L: two words before": lambda _a: lambda line: (line.left_words[1], line.left_words[0]),
    "1R: the word after": lambda _a: lambda line: line.right_words,
    "2R: two words after": lambda _a: lambda line: (line.right_words[1], line.right_words[0]),
    "Hit": lambda _a: lambda line: (line.hit.casefold(), line.right_words),
    "Date": lambda articles: lambda line: (_date_key(articles[line.article]), line.offset),
    "Title": lambda articles: lambda line: (articles[line.article].title.casefold(), line.offset),
}


def _date_key(article: Article) -> tuple[bool, float]:
    """Undated articles after the dated ones."""
    published = article.published
    return (published is None, published.timestamp() if published is not None else 0.0)


def write_lines(
    lines: Iterable[Line],
    articles: Sequence[Article],
    out: TextIO,
    *,
    tabs: bool = False,
) -> int:
    """Write the lines as CSV (``tabs``: TSV), one row per occurrence; return the rows."""
    import csv  # here: a concordance is exported now and then

    writer = csv.writer(out, dialect="excel-tab" if tabs else "excel")
    writer.writerow(EXPORT_COLUMNS)
    rows = 0
    for line in lines:
        article = articles[line.article]
        published = article.published.isoformat() if article.published else ""
        cells = (article.path, article.title, published, line.left, line.hit, line.right)
        writer.writerow([*map(inert_cell, cells), line.offset])
        rows += 1
    return rows
