"""Reading a listed article in full: the header the list holds is used, only the body is parsed
(no Qt).

A record made from the file as it is now (same size, time and first kilobyte) says where its
body starts; a record that cannot say, or a file that reads otherwise in full than by its
start (another encoding is detected), is parsed in full, as if it were not listed.
"""

from __future__ import annotations

from collections.abc import Mapping

from viewer.core.article import Article
from viewer.core.article_files import is_markdown_name
from viewer.core.decoding import BinaryContentError, decode, split_lines
from viewer.core.file_reading import ArticleFileError, read_file
from viewer.core.parser import (
    chosen_codec,
    clean,
    content_key,
    error_article,
    parse_bytes,
    read_body,
)

Stamp = tuple[int, int]  # a file's (size, mtime) when it was read


def read_listed(
    path: str, listed: Article | None, encodings: Mapping[str, str]
) -> tuple[Stamp | None, Article]:
    """Read ``path`` in full, taking its header from ``listed`` when that record is of the
    file as it is now, with the file's (size, mtime) when it was read (None: not read)."""
    try:
        data, info = read_file(path)
    except ArticleFileError as exc:
        return None, error_article(path, str(exc))
    except Exception as exc:  # reading must never take the app down with it
        return None, error_article(path, f"could not be read ({exc.__class__.__name__}: {exc})")
    stamp = (info.st_size, info.st_mtime_ns)
    size = info.st_size or len(data)  # a /proc file says 0 and holds text all the same
    if listed is not None and _current(listed, path, size, info.st_mtime_ns, data):
        article = _with_body(data, listed, encodings)
        if article is not None:
            return stamp, article
    return stamp, parse_bytes(
        data,
        path,
        truncated=info.st_size > len(data),
        size=size,
        mtime_ns=info.st_mtime_ns,
        encodings=encodings,
    )


def _current(listed: Article, path: str, size: int, mtime_ns: int, data: bytes) -> bool:
    """True when ``listed`` was made from these bytes and says where their body starts."""
    return (
        listed.ok
        and listed.body_line >= 0
        and listed.path == path
        and (listed.size, listed.mtime_ns) == (size, mtime_ns)
        and size == len(data)
        and listed.content_key == content_key(data)
    )


def _with_body(data: bytes, listed: Article, encodings: Mapping[str, str]) -> Article | None:
    """``listed`` with the body of ``data``, or None when the whole reads otherwise."""
    assert listed.content_key is not None  # checked by _current
    forced, chosen_notes = chosen_codec(listed.content_key, encodings)
    try:
        decoded = decode(data, forced=forced)
    except BinaryContentError:
        return None  # the start was text, the rest is not: parsed in full, it says so
    if decoded.encoding != listed.encoding:
        return None
    notes = [*decoded.warnings, *chosen_notes]
    text = decoded.text if decoded.plain else clean(decoded.text, notes)
    lines = split_lines(text)
    if listed.body_line > len(lines):
        return None
    try:
        body, blocks = read_body(
            lines[listed.body_line :],
            mail=False,  # a mail's record does not say where its body starts
            markdown=is_markdown_name(listed.path),
            typeset=True,
        )
    except Exception:  # a parser bug must not cost the article: parsed in full, it says so
        return None
    # The text's own warnings are of the whole file now; the header's are the record's.
    warnings = (*notes, *listed.warnings[listed.text_notes :])
    return listed._replace(
        paragraphs=body,
        has_body=True,
        blocks=blocks,
        source=text,
        warnings=warnings,
        text_notes=len(notes),
    )
