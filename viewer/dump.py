"""``--dump``: one JSON object per article file, for scripts (no Qt)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO

from viewer.core.article import Article
from viewer.core.article_files import expand_paths
from viewer.core.parser import NOT_TEXT, parse_file

DUMP_KEYS = (
    "path", "title", "section", "published", "published_raw", "updated", "updated_raw",
    "fields", "paragraphs", "word_count", "encoding", "warnings", "error", "derived",
)  # fmt: skip
# Lone surrogates: the bytes of a name that is not valid UTF-8, as Python holds them.
_SURROGATE = re.compile("[\ud800-\udfff]")


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
        "derived": list(article.derived),
    }


def dump(paths: Iterable[str], out: TextIO, encodings: Mapping[str, str] | None = None) -> int:
    """Write one JSON line per article file; return 1 if any file had an error, else 0.

    ``encodings`` are the reader's choices (content key → codec), as the window reads them.
    """
    status = 0
    for path, sniff in expand_paths(paths):
        article = parse_file(path, sniff=sniff, encodings=encodings)
        if article.error == NOT_TEXT:
            continue  # a file without an extension that is not text: not an article
        if not article.ok:
            status = 1
        out.write(json_line(article_to_json(article)))
    return status


def json_line(obj: dict[str, Any]) -> str:
    """One line of valid UTF-8 JSON: text as it is, but a lone surrogate as its ``\\udcXX``
    escape, which ``json.loads`` turns back into the string that opens the file."""
    line = json.dumps(obj, ensure_ascii=False)
    # Surrogates stand only inside strings (JSON's own characters are ASCII): escaping them
    # there keeps the JSON valid. Searched in C, so a clean line costs next to nothing.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
