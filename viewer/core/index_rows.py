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
    # Unpacked once, and the helpers written out: a listing makes a row of every file it reads.
    (path, title, section, published, published_raw, updated, updated_raw, fields, _paragraphs,
     _has_body, encoding, warnings, error, size, mtime_ns, content_key, derived, _blocks,
     _source, body_line, text_notes) = article  # fmt: skip
    return (
        path,
        size,
        mtime_ns,
        title,
        section,
        published.isoformat() if published else None,
        published_raw,
        updated.isoformat() if updated else None,
        updated_raw,
        _to_json(dict(fields)) if fields else None,
        encoding,
        _to_json(list(warnings)) if warnings else None,
        error,
        content_key,
        ",".join(derived) if derived else None,
        (  # _body_at(article)
            None
            if body_line < 0 or text_notes >= _TEXT_NOTES
            else body_line * _TEXT_NOTES + text_notes
        ),
        None if published is None else sort_key(published),
        title.casefold() or None,
        section.casefold() if section else None,
        None if updated is None else sort_key(updated),
        f"{title}\n{section or ''}\n{_basename(path)}".casefold(),  # as list_haystack
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
# json.dumps(value, ensure_ascii=False), without making an encoder for each call: a listing
# stores a row for every file it reads.
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_new_tuple = tuple.__new__
_intern = sys.intern
_basename = os.path.basename
_from_iso = datetime.fromisoformat
