"""Rows of the library index and the records they hold, both ways (no Qt).

A row is a plain tuple: listing workers send rows back rather than records, as they pickle
several times faster.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import Any

from viewer.core.article import NO_FIELDS, Article
from viewer.core.date_format import sort_key

Row = tuple[Any, ...]  # a row of the articles table, in COLUMNS order (stored rows) or
# in RECORD_COLUMNS order (rows read back), which the former begins with

# What a record is made of, after its path. A stored row has the sort key after these: it is
# for searches only, and each column read back costs a warm open of 100,000 files 40 ms.
RECORD_FIELDS = (
    "size, mtime_ns, title, section, published, published_raw, "
    "updated, updated_raw, fields, encoding, warnings, error, content_key, derived, body_at"
)
RECORD_COLUMNS = f"path, {RECORD_FIELDS}"
COLUMNS = f"{RECORD_COLUMNS}, published_key, title_key, section_key, updated_key, hay"
ERROR_AT = RECORD_COLUMNS.split(", ").index("error")  # where a row holds its error


def row_from_article(article: Article) -> Row:
    """The row that stores a listing record."""
    return (
        article.path,
        article.size,
        article.mtime_ns,
        article.title,
        article.section,
        article.published.isoformat() if article.published else None,
        article.published_raw,
        article.updated.isoformat() if article.updated else None,
        article.updated_raw,
        json.dumps(dict(article.fields), ensure_ascii=False) if article.fields else None,
        article.encoding,
        json.dumps(list(article.warnings), ensure_ascii=False) if article.warnings else None,
        article.error,
        article.content_key,
        ",".join(article.derived) if article.derived else None,
        _body_at(article),
        sort_key(article.published),
        article.title.casefold() or None,
        article.section.casefold() if article.section else None,
        sort_key(article.updated),
        list_haystack(article),
    )


def list_haystack(article: Article) -> str:
    """What the list's filter field looks in: title, section and file name, folded."""
    name = os.path.basename(article.path)
    return f"{article.title}\n{article.section or ''}\n{name}".casefold()


# The body's start line and the count of the text's warnings, in one column: each column read
# back costs a warm open. A text has at most this many warnings of its own.
_TEXT_NOTES = 4


def _body_at(article: Article) -> int | None:
    """The column that says where a record's body starts (None: unknown)."""
    if article.body_line < 0 or article.text_notes >= _TEXT_NOTES:
        return None
    return article.body_line * _TEXT_NOTES + article.text_notes


def article_from_row(row: tuple[Any, ...]) -> Article:
    """The record a row holds: read back (in ``RECORD_COLUMNS`` order, maybe ``decoded_row``),
    or as stored (``row_from_article``)."""
    if len(row) > _RECORD_LENGTH:
        row = row[:_RECORD_LENGTH]
    (path, size, mtime_ns, title, section, published, published_raw, updated, updated_raw,
     fields, encoding, warnings, error, content_key, derived, body_at) = row  # fmt: skip
    # Built positionally, in Article's field order: a warm open makes 100,000 of these.
    return _new_tuple(
        Article,
        (
            path,
            title,
            _intern(section) if section else None,
            _from_iso(published) if published else None,
            published_raw,
            _from_iso(updated) if updated else None,
            updated_raw,
            (json.loads(fields) if fields.__class__ is str else fields) if fields else NO_FIELDS,
            (),
            False,
            _intern(encoding) if encoding else None,
            (tuple(json.loads(warnings)) if warnings.__class__ is str else warnings)
            if warnings
            else (),
            error,
            size,
            mtime_ns,
            content_key,
            tuple(derived.split(",")) if derived else (),
            (),
            "",
            -1 if body_at is None else body_at // _TEXT_NOTES,
            0 if body_at is None else body_at % _TEXT_NOTES,
        ),
    )


def decoded_row(row: Row) -> Row:
    """A row with its fields and warnings decoded from JSON, as ``article_from_row`` takes it
    too: done in a worker, which spares the window's process (json.loads costs 2 µs)."""
    fields, warnings = row[9], row[11]
    if not fields and not warnings:
        return row
    return (
        *row[:9],
        json.loads(fields) if fields else None,
        row[10],
        tuple(json.loads(warnings)) if warnings else None,
        *row[12:],
    )


_RECORD_LENGTH = RECORD_COLUMNS.count(",") + 1
_new_tuple = tuple.__new__
_intern = sys.intern
_from_iso = datetime.fromisoformat
