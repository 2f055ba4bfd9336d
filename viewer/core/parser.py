"""The article parser: a file's bytes or text in, an ``Article`` out; it never raises (no Qt)."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping

from viewer.core.article import EMPTY_FILE, NO_FIELDS, NOT_TEXT, Article
from viewer.core.article_files import MARKDOWN_SUFFIXES, display_path, is_markdown_name
from viewer.core.blocks import Block, paragraphs_of
from viewer.core.body import drop_title_repeats, paragraphs
from viewer.core.common_layouts import common_article, front_matter_article
from viewer.core.decoding import (
    BinaryContentError,
    clean_text,
    decode,
    looks_like_text,
    plain_utf8,
)
from viewer.core.encodings import codec_name
from viewer.core.file_reading import HEADER_BYTES, ArticleFileError, read_file
from viewer.core.header import MAIL
from viewer.core.header_dates import header_dates
from viewer.core.layouts import read_opening
from viewer.core.mail_header import mail_blocks

_KEY_BYTES = 1024
_KEY_HASH = hashlib.blake2b(digest_size=12)
# Listing tries the header within the first 2 KB of a file before it decodes all 16 KB.
_HEADER_PROBE = 2048


def parse_file(
    path: str,
    *,
    header_only: bool = False,
    sniff: bool = False,
    encodings: Mapping[str, str] | None = None,
    typeset: bool = True,
) -> Article:
    """Read and parse one file; ``header_only`` reads just its start, as listing needs.

    ``sniff``: the file must look like text to count (a file without an extension, found in a
    folder); one that does not is an error article saying ``NOT_TEXT``, for the caller to drop.
    ``encodings`` maps content keys to the codecs the reader chose (see ``parse_bytes``).
    ``typeset`` False skips what only the reading pane needs (Markdown's blocks).
    """
    try:
        data, info = read_file(path, HEADER_BYTES if header_only else None)
    except ArticleFileError as exc:
        return error_article(path, str(exc))
    except Exception as exc:  # the parser must never take the app down with it
        return error_article(path, f"could not be read ({exc.__class__.__name__}: {exc})")
    truncated = info.st_size > len(data)
    size = info.st_size or len(data)  # a /proc file says 0 and holds text all the same
    if sniff and not looks_like_text(data, truncated=truncated):
        return error_article(path, NOT_TEXT, size=size, mtime_ns=info.st_mtime_ns)
    return _parse_data(
        data, path, truncated, header_only, size, info.st_mtime_ns, encodings, typeset
    )


def parse_files(paths: list[str], encodings: Mapping[str, str] | None = None) -> list[Article]:
    """Parse each file in full for its text: the work a text-indexing worker process does.

    The source and blocks stay behind: the index wants the paragraphs, and they would double
    what goes back to the window's process.
    """
    # Markdown is read as plain paragraphs here: its marks are no words to the search index,
    # and typesetting it costs ten times what the rest of parsing does.
    articles = (parse_file(path, encodings=encodings, typeset=False) for path in paths)
    return [article._replace(source="", blocks=()) for article in articles]


def parse_bytes(
    data: bytes,
    path: str = "",
    *,
    truncated: bool = False,
    header_only: bool = False,
    size: int | None = None,
    mtime_ns: int = 0,
    encodings: Mapping[str, str] | None = None,
    typeset: bool = True,
) -> Article:
    """Parse an article from the bytes of a file (or its first bytes when ``truncated``).

    When ``encodings`` holds a codec for the article's content key, the reader chose it: the
    bytes are read with it rather than the detected one (an unknown codec is ignored).
    """
    size = len(data) if size is None else size
    return _parse_data(data, path, truncated, header_only, size, mtime_ns, encodings, typeset)


def _parse_data(
    data: bytes,
    path: str,
    truncated: bool,
    header_only: bool,
    size: int,
    mtime_ns: int,
    encodings: Mapping[str, str] | None,
    typeset: bool,
) -> Article:
    """``parse_bytes``, its arguments in order: a listing calls it for every file it reads."""
    hasher = _KEY_HASH.copy()  # content_key's, written out
    hasher.update(data[:_KEY_BYTES])
    key = hasher.hexdigest()
    forced, notes = chosen_codec(key, encodings) if encodings else (None, ())
    try:
        cut = _probe_end(data) if header_only else None
        if header_only and forced is None and not notes:
            # Most files are plain UTF-8 opening in a common layout: read at once, to the
            # record the general path below would make of the same bytes.
            text = plain_utf8(data if cut is None else data[:cut])
            if text is not None:
                if text.startswith("---"):
                    common = _common(
                        text, path, "utf-8", [], size, mtime_ns, key,
                        cut is not None or truncated, probe=cut is not None,
                    )  # fmt: skip
                elif not path.lower().endswith(MARKDOWN_SUFFIXES):  # as is_markdown_name
                    common = common_article(text, path, "utf-8", [], size, mtime_ns, key)
                else:
                    common = None
                if common is not None:
                    return common
        if cut is not None:
            probed = _parse_bytes(
                data[:cut], path, True, True, size, mtime_ns, key, forced, notes, probe=True
            )
            if probed is not None:
                return probed
        article = _parse_bytes(
            data,
            path,
            truncated,
            header_only,
            size,
            mtime_ns,
            key,
            forced,
            notes,
            probe=False,
            typeset=typeset,
        )
        assert article is not None  # only a probe gives up
        return article
    except Exception as exc:  # a parser bug must cost one file, not the whole listing
        return error_article(
            path, f"could not be parsed ({exc.__class__.__name__}: {exc})", size=size
        )


def _common(
    text: str,
    path: str,
    encoding: str,
    notes: list[str],
    size: int,
    mtime_ns: int,
    key: str,
    truncated: bool,
    *,
    probe: bool,
) -> Article | None:
    """The fast paths' record of a file's start (see ``common_layouts``), or None."""
    if text.startswith("---"):
        markdown = is_markdown_name(path)
        return front_matter_article(
            text, path, encoding, notes, size, mtime_ns, key,
            truncated=truncated, probe=probe, markdown=markdown,
        )  # fmt: skip
    if is_markdown_name(path):
        return None  # a Markdown file's title is typeset: it is never asked there
    return common_article(text, path, encoding, notes, size, mtime_ns, key)


def _probe_end(data: bytes) -> int | None:
    """Where a listing's probe of the first 2 KB ends (a line end), or None for no probe."""
    if len(data) <= _HEADER_PROBE or data[:1] in (b"\xff", b"\xfe"):
        return None  # short, or UTF-16 or UTF-32, whose line ends the probe cannot find
    cut = data.rfind(b"\n", 0, _HEADER_PROBE)
    return cut if cut > 0 else None


def chosen_codec(
    key: str, encodings: Mapping[str, str] | None
) -> tuple[str | None, tuple[str, ...]]:
    """The codec the reader chose for the content ``key`` (None: detect it), and a note when
    the one chosen is unknown here."""
    if not encodings:  # most libraries have no choices at all: then this costs nothing
        return None, ()
    chosen = encodings.get(key)
    if chosen is None:
        return None, ()
    forced = codec_name(chosen)
    if forced is None:
        return None, (f"the encoding chosen ({chosen!r}) is unknown here; it was detected",)
    return forced, ()


def _parse_bytes(
    data: bytes,
    path: str,
    truncated: bool,
    header_only: bool,
    size: int,
    mtime_ns: int,
    key: str,
    forced: str | None,
    notes: tuple[str, ...],
    *,
    probe: bool,
    typeset: bool = True,
) -> Article | None:
    try:
        decoded = decode(data, truncated=truncated, forced=forced)
    except BinaryContentError as exc:
        return error_article(path, str(exc), size=size, mtime_ns=mtime_ns)
    if probe and decoded.encoding.startswith(("utf-16", "utf-32")):
        return None
    return _parse(
        decoded.text,
        path,
        encoding=decoded.encoding,
        notes=[*decoded.warnings, *notes],
        plain=decoded.plain,
        bare=decoded.bare,
        header_only=header_only,
        truncated=truncated,
        size=size,
        mtime_ns=mtime_ns,
        key=key,
        probe=probe,
        typeset=typeset,
    )


def parse_text(text: str, path: str = "", *, encoding: str | None = None) -> Article:
    """Parse decoded article text."""
    article = _parse(text, path, encoding=encoding, notes=[], plain=False, size=len(text))
    assert article is not None  # only a probe gives up
    return article


def _parse(
    text: str,
    path: str,
    *,
    encoding: str | None,
    notes: list[str],
    plain: bool,
    size: int,
    bare: bool = False,
    mtime_ns: int = 0,
    header_only: bool = False,
    truncated: bool = False,
    key: str | None = None,
    probe: bool = False,
    typeset: bool = True,
) -> Article | None:
    """Parse text; a ``probe`` returns None when the header may go on past the text."""
    if bare and not plain:  # what cleaning does to such a text, and all it does
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    elif not plain:
        text = clean(text, notes)
    text_notes = len(notes)
    markdown = is_markdown_name(path)
    # Plain UTF-8 without notes was offered to the fast path before it was decoded.
    tried = plain and encoding == "utf-8" and not notes
    if header_only and not tried and encoding is not None and key is not None:
        common = _common(text, path, encoding, notes, size, mtime_ns, key, truncated, probe=probe)
        if common is not None:
            return common  # a common layout, in another encoding, or cleaned
    opening = read_opening(text, whole=not header_only)
    lines, header = opening.lines, opening.header
    if probe and (header.body_start >= len(lines) - 1 or opening.open_ended):
        return None
    notes.extend(header.notes)
    derived = opening.derived
    if markdown:
        from viewer.core.markdown_body import inline_text  # here: most articles are plain text

        title = inline_text(opening.title)
    else:
        title = opening.title
    if not title:
        title = _stem(path) or "Untitled"
        derived.append("title")
        notes.append(
            EMPTY_FILE if not text.strip() else "no title line; the file name is shown instead"
        )
    published, published_raw, updated = header_dates(
        header.published_raw, header.updated_raw, header.fields, path, notes, derived
    )

    mail = header.layout == MAIL
    start = opening.body_start
    if opening.drop_repeats:
        start = drop_title_repeats(lines, start, opening.title or title)
    # A listing splits only the head of a file: its last piece may be the unsplit rest, or a
    # line cut short, so a body starting there is not known for sure; nor is any when the
    # header may go on past a file's start. A mail's body is a part.
    known_start = not mail and (
        not header_only
        or (
            (start < len(lines) - 1 or (opening.complete and not truncated))
            and not (truncated and opening.open_ended)
        )
    )
    body: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    if not header_only:
        body_lines = header.body_lines
        body, blocks = read_body(
            lines[start:] if body_lines is None else body_lines,
            mail=mail,
            markdown=markdown,
            typeset=typeset,
        )

    return Article(
        path=path,
        title=title,
        # Sections and encodings repeat across a library: one string each, not one per article.
        section=sys.intern(header.section) if header.section else None,
        published=published,
        published_raw=published_raw,
        updated=updated,
        updated_raw=header.updated_raw,
        fields=header.fields or NO_FIELDS,
        paragraphs=body,
        has_body=not header_only,
        encoding=encoding,
        warnings=tuple(notes),
        size=size,
        mtime_ns=mtime_ns,
        content_key=key,
        derived=tuple(derived),
        blocks=blocks,
        source="" if header_only else text,
        body_line=start if known_start else -1,
        text_notes=text_notes,
    )


def read_body(
    lines: list[str], *, mail: bool, markdown: bool, typeset: bool
) -> tuple[tuple[str, ...], tuple[Block, ...]]:
    """The paragraphs of a body's lines, and its blocks when its layout has them."""
    blocks: tuple[Block, ...] = ()
    if mail:
        blocks = mail_blocks(lines)
    elif markdown and typeset:
        from viewer.core.markdown_body import markdown_blocks

        blocks = markdown_blocks(lines)
    return (paragraphs_of(blocks) if blocks else tuple(paragraphs(lines))), blocks


def clean(text: str, notes: list[str]) -> str:
    """Unify line ends and drop stray control characters, saying how many went."""
    text, count = clean_text(text)
    if count:
        notes.append(f"removed {count} stray control characters")
    return text


def content_key(data: bytes) -> str:
    """The key of an article's content: a hash of its first kilobyte.

    The header and opening lines tell articles apart; hashing more cost listing 100,000 files
    whole seconds.
    """
    hasher = _KEY_HASH.copy()  # a third cheaper than making one with its parameters
    hasher.update(data[:_KEY_BYTES])
    return hasher.hexdigest()


def error_article(path: str, message: str, *, size: int = 0, mtime_ns: int = 0) -> Article:
    """The record for a file that could not be read: its name as title, and the reason."""
    # Shown and stored as text: a name that is not valid UTF-8 shows its bad bytes as U+FFFD.
    title = display_path(os.path.basename(path) or path)
    error = display_path(message)  # an exception's words may quote the path
    return Article(path=path, title=title, error=error, size=size, mtime_ns=mtime_ns)


def _stem(path: str) -> str:
    """The file's name without its extension, as text to show (see ``display_path``)."""
    return display_path(os.path.splitext(os.path.basename(path))[0])
