"""``--dump``: one JSON object per article file, for scripts (no Qt)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from viewer.article import Article
from viewer.article_files import expand_paths
from viewer.parser import parse_file

DUMP_KEYS = (
    "path", "title", "section", "published", "published_raw", "updated", "updated_raw",
    "fields", "paragraphs", "word_count", "encoding", "warnings", "error",
)  # fmt: skip


def article_to_json(article: Article) -> dict[str, Any]:
    """The ``--dump`` object for one article, with exactly ``DUMP_KEYS``."""
    return {
        "path": article.path,
        "title": article.title,
        "section": article.section,
        "published": _iso(article.published),
        "published_raw": article.published_raw,
        "updated": _iso(article.updated),
        "updated_raw": article.updated_raw,
        "fields": dict(article.fields),
        "paragraphs": list(article.paragraphs),
        "word_count": article.word_count if article.ok else None,
        "encoding": article.encoding,
        "warnings": list(article.warnings),
        "error": article.error,
    }


def dump(paths: Iterable[str], out: TextIO) -> int:
    """Write one JSON line per article file; return 1 if any file had an error, else 0."""
    status = 0
    for path in expand_paths(paths):
        article = parse_file(path)
        if not article.ok:
            status = 1
        out.write(json.dumps(article_to_json(article), ensure_ascii=False) + "\n")
    return status


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
