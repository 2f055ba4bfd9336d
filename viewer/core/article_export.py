"""An article as plain text or Markdown, and a list of articles as CSV (no Qt)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TextIO

from viewer.core.article import Article
from viewer.core.date_format import long_date

CSV_COLUMNS = ("path", "title", "section", "published", "updated", "words", "labels")

# Characters that would turn article text into Markdown formatting.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


_ACRONYMS = {"url": "URL", "id": "ID", "isbn": "ISBN", "doi": "DOI", "rss": "RSS"}


def field_label(key: str) -> str:
    """A field's name as a label: "photo credit" → "Photo Credit", "url" → "URL"."""
    return " ".join(_ACRONYMS.get(word, word.capitalize()) for word in key.split())


def meta_line(article: Article) -> str:
    """Section · Published … · Updated …, as the reading pane shows it."""
    parts = []
    if article.section:
        parts.append(article.section)
    if article.published is not None:
        parts.append(f"Published {long_date(article.published)}")
    elif article.published_raw:
        parts.append(f"Published {article.published_raw}")
    if article.updated is not None and article.updated != article.published:
        parts.append(f"Updated {long_date(article.updated)}")
    elif article.updated is None and article.updated_raw:
        parts.append(f"Updated {article.updated_raw}")
    return " · ".join(parts)


def article_plain_text(article: Article) -> str:
    """Title, metadata and body as plain text, paragraphs separated by blank lines."""
    head = [article.title]
    meta = meta_line(article)
    if meta:
        head.append(meta)
    head.extend(f"{field_label(key)}: {value}" for key, value in article.fields.items())
    return "\n".join(head) + "\n\n" + "\n\n".join(article.paragraphs) + "\n"


def article_markdown(article: Article) -> str:
    """The article as Markdown: a heading, the metadata, the body; the text is escaped."""
    lines = [f"# {escape_markdown(article.title)}", ""]
    meta = meta_line(article)
    if meta:
        lines += [f"*{escape_markdown(meta)}*", ""]
    if article.fields:
        lines += [
            f"- **{escape_markdown(field_label(key))}:** {escape_markdown(value)}"
            for key, value in article.fields.items()
        ]
        lines.append("")
    for paragraph in article.paragraphs:
        lines += [escape_markdown(paragraph), ""]
    return "\n".join(lines)


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as formatting, so the text shows as written."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """A CSV cell no spreadsheet runs as a formula: one that would start like a formula gets a
    leading apostrophe, as OWASP advises ("=HYPERLINK(…)" in a title stays text)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(
    articles: Iterable[Article],
    out: TextIO,
    *,
    progress: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    labels: Callable[[str | None], Iterable[str]] = lambda _key: (),
) -> int:
    """Write one CSV row per article (fully parsed ones give their word count, ``labels`` its
    labels by content key, joined by "; "); return rows."""
    import csv  # here: the reading pane takes this module's labels at every start

    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for article in articles:
        if stop is not None and stop():
            break
        writer.writerow(
            [
                inert_cell(article.path),
                inert_cell(article.title),
                inert_cell(article.section or ""),
                article.published.isoformat() if article.published else "",
                article.updated.isoformat() if article.updated else "",
                article.word_count if article.word_count is not None else "",
                inert_cell("; ".join(labels(article.content_key))),
            ]
        )
        rows += 1
        if progress is not None and rows % 500 == 0:
            progress(rows)
    return rows
