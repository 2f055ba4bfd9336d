"""The commonest openings read with one regular expression: a listing's fast path (no Qt).

Most files open as the seed does: a title line, a section line, ``Published:`` and ``Last
Updated:`` lines (or other known fields), the headline repeated, then the body. Many others are
a title over the body, maybe with its web address between them. One precompiled expression
reads either start. Whatever it is not sure of is left to the general path (``layouts.py``),
and whatever it reads, that path reads to the same header: the expression admits only starts
for which each of that path's choices is known beforehand.

The same goes for YAML front matter (``front_matter_article``): the block is read by the
general path's own reader, and only what that path does around it (splitting the text, settling
the title, where the body starts) is done here, for the case it is sure of.

The text is the one the general path reads: decoded and cleaned, or, for plain UTF-8, the
bytes' own, found without decoding them another way (``decoding.plain_utf8``).
"""

from __future__ import annotations

import re
import sys

from viewer.core.article import NO_FIELDS, Article
from viewer.core.body import drop_title_repeats, same_title
from viewer.core.dates import parse_date
from viewer.core.front_matter import front_matter_end, read_front_matter
from viewer.core.header import (
    KNOWN_KEYS,
    PUBLISHED_KEYS,
    UPDATED_KEYS,
    field_line,
    is_url_line,
)
from viewer.core.header_dates import header_dates
from viewer.core.layouts import HEAD_LINES
from viewer.core.titles import TITLE_MAX, derived_title, is_lead_paragraph

_OPENING = re.compile(
    # The title line. Its first character opens no other layout (front matter, a heading, dash
    # or mail lines).
    r"([\w\"'(‘“][^\n]*)\n"
    r"(?:"
    # The seed's: a section of at most five words of ASCII letters and digits (so surely a
    # section line: no field, no address, no sentence), header fields with blank lines between
    # them or not (their keys are checked to be known), then blank lines and the title
    # repeated as a caption.
    r"\n{0,4}([A-Za-z0-9][A-Za-z0-9&'-]*(?: [A-Za-z0-9&'-]+){0,4})\n"
    r"((?:\n{0,4}[A-Za-z]+(?: [A-Za-z]+){0,3}:[ \t]+[!-~][^\n]*\n){1,8})"
    r"((?:\n|\1\n){0,12})"
    # Or a title over the body, maybe with web addresses between them, and the title repeated.
    r"|((?:\n{0,4}(?:https?|ftp)://\S+\n){0,4})\n{0,4}((?:\n|\1\n){0,12})"
    r")"
)
_FIELD = re.compile(r"([A-Za-z]+(?: [A-Za-z]+){0,3}):[ \t]+([^\n]*)")
# The seed's block as ``_FIELD`` reads it, in one match: a published date, then an updated one.
_SEED_FIELDS = re.compile(r"\n{0,4}Published:[ \t]+([^\n]*)\n\n{0,4}Last Updated:[ \t]+([^\n]*)\n")
_SECTION_MAX_CHARS = 40  # as header.py's section lines
# The general path splits the first 24 lines of a header-only text apart: the body's first
# line and the one after it must be among them for that path to say where the body starts.
_LAST_BODY_LINE = 23
# What a record takes from the file rather than from its header: its path, the text's encoding
# and its own notes, the file's size, time and content key. A plain tuple: made for every file.
_Start = tuple[str, str, list[str], int, int, str]


def common_article(
    text: str,
    path: str,
    encoding: str,
    notes: list[str],
    size: int,
    mtime_ns: int,
    key: str,
) -> Article | None:
    """The listing's record of a file whose start, read as ``text`` (the text's ``notes``
    said of it), is certainly in a common layout, else None; ``key`` is its content key.

    ``text`` is what the general path reads for a listing: a file's start, cut at a line end,
    decoded and cleaned. A Markdown file's title is typeset: it is never asked here.
    """
    match = _OPENING.match(text)
    if match is None:
        return None
    start = match.end()
    body_line = text.count("\n", 0, start)
    end = text.find("\n", start)
    if body_line > _LAST_BODY_LINE or end < 0:
        return None
    raw_title, section, block, repeats, addresses, captions = match.groups()
    title = raw_title.strip()
    first = text[start:end]
    line = first.strip()  # what drop_title_repeats([first], 0, title) asks, without a list
    if (
        not line
        or line == title
        or (abs(len(line) - len(title)) <= len(title) // 2 + 4 and same_title(line, title))
    ):  # same_title's own first test, asked before the call: most lines fail it
        return None  # blank, or a caption the expression did not take as one
    if section is None:
        if not addresses and not text.startswith("\n", len(raw_title) + 1):
            return None  # no blank line under the title: it might open a mail header
        # The header's lines end at the first line under the title or its addresses.
        after = raw_title if raw_title in captions else first
        start_of = (path, encoding, notes, size, mtime_ns, key)
        return _titled(start_of, raw_title, title, addresses, after, body_line)
    if ":" in raw_title or len(title) > TITLE_MAX or len(section) > _SECTION_MAX_CHARS:
        return None  # repeats that read as fields; a title shown by its start
    if title.startswith("www.") or (raw_title not in repeats and _goes_on(first)):
        return None  # an address, or the first line, would be taken into the fields
    section = sys.intern(section)  # sections repeat across a library: one string each
    seed = _SEED_FIELDS.fullmatch(block)
    if seed is not None:  # the seed's own two dates, the commonest block of all
        published_raw, updated_raw = seed.group(1).rstrip(), seed.group(2).rstrip()
        published = parse_date(published_raw)
        updated = parse_date(updated_raw)
        if published is not None and updated is not None:  # else as any block, below
            return Article(
                path, title, section, published, published_raw, updated, updated_raw,
                NO_FIELDS, (), False, encoding, tuple(notes), None, size, mtime_ns, key,
                (), (), "", body_line, len(notes),
            )  # fmt: skip
    # What header.assign makes of the fields: the first date of each kind is the article's,
    # a key given again adds its value to the field's.
    published_raw = updated_raw = None
    fields: dict[str, str] = {}
    for name, value in _FIELD.findall(block):
        lowered = name.lower()
        if lowered not in KNOWN_KEYS:
            return None  # a label or prose: the general path weighs such lines
        value = value.rstrip()
        if lowered in PUBLISHED_KEYS and published_raw is None:
            published_raw = value
        elif lowered in UPDATED_KEYS and updated_raw is None:
            updated_raw = value
        elif lowered in fields:
            fields[lowered] += ", " + value
        else:
            fields[lowered] = value
    start_of = (path, encoding, notes, size, mtime_ns, key)
    return _record(start_of, title, section, published_raw, updated_raw, fields, [], body_line)


def _titled(
    start_of: _Start, raw_title: str, title: str, addresses: str, after: str, body_line: int
) -> Article | None:
    """A title over the body, maybe with web addresses between; ``after`` is the first line
    under them (the title repeated, or the body's first line)."""
    if _goes_on(after):
        return None  # header fields after all
    if addresses:
        if len(title) > TITLE_MAX:
            return None
        fields = {"url": ", ".join(addresses.split())}
        return _record(start_of, title, None, None, None, fields, [], body_line)
    # The general path takes a short first line for a section, and weighs what follows it.
    if len(after.strip()) <= _SECTION_MAX_CHARS:
        return None
    if is_lead_paragraph(title):  # then the line stays in the body, titled by its start
        return _record(start_of, derived_title(raw_title), None, None, None, {}, ["title"], 0)
    return _record(start_of, title, None, None, None, {}, [], body_line)


def _goes_on(line: str) -> bool:
    """True when header fields would go on into ``line``: a field or a web address."""
    return field_line(line) is not None or is_url_line(line)


def _record(
    start_of: _Start,
    title: str,
    section: str | None,
    published_raw: str | None,
    updated_raw: str | None,
    fields: dict[str, str],
    derived: list[str],
    body_line: int,
) -> Article:
    """The record the general path makes of such a header, read from a file's start."""
    path, encoding, text_notes, size, mtime_ns, key = start_of
    notes = list(text_notes)
    published, published_raw, updated = header_dates(
        published_raw, updated_raw, fields, path, notes, derived
    )
    # Positional, in the record's order: a third of the time keywords take, for every file.
    return Article(
        path, title, section, published, published_raw, updated, updated_raw,
        fields or NO_FIELDS, (), False, encoding, tuple(notes), None, size, mtime_ns, key,
        tuple(derived), (), "", body_line, len(text_notes),
    )  # fmt: skip


def front_matter_article(
    text: str,
    path: str,
    encoding: str,
    notes: list[str],
    size: int,
    mtime_ns: int,
    key: str,
    *,
    truncated: bool,
    probe: bool,
    markdown: bool,
) -> Article | None:
    """The listing's record of a file whose start, read as ``text``, opens with YAML front
    matter that names a title, else None (the general path then reads it); ``probe``: the
    text is the listing's first look at the file, which gives up where the header may go on.

    What ``layouts.read_opening`` and the parser do with such a start, in their order.
    """
    if not text.startswith("---\n"):
        return None
    fence = text.find("\n---", 3)
    if fence < 0:
        return None  # split whole by the general path, which may find another closing line
    head_lines = HEAD_LINES + text.count("\n", 0, fence)
    lines = text.split("\n", head_lines)
    end = front_matter_end(lines)
    if end is None:
        return None
    header = read_front_matter(lines, end)
    if header is None or not header.title or len(header.title) > TITLE_MAX:
        return None  # no map of keys; a title from the body; a title shown by its start
    body_start = header.body_start
    partial = len(lines) > head_lines
    if (partial and body_start >= head_lines) or (probe and body_start >= len(lines) - 1):
        return None  # the header runs into the unsplit rest, or past the probe
    text_notes = len(notes)
    notes = [*notes, *header.notes]
    if markdown:
        from viewer.core.markdown_body import inline_text  # here: most articles are plain text

        title = inline_text(header.title)
        if not title:
            return None
    else:
        title = header.title
    derived: list[str] = []
    published, published_raw, updated = header_dates(
        header.published_raw, header.updated_raw, header.fields, path, notes, derived
    )
    start = drop_title_repeats(lines, body_start, header.title)
    # The general path's test of a body start it is sure of; front matter closed within the
    # text leaves nothing open-ended.
    known = start < len(lines) - 1 or (not partial and not truncated)
    section = sys.intern(header.section) if header.section else None
    return Article(
        path, title, section, published, published_raw, updated, header.updated_raw,
        header.fields or NO_FIELDS, (), False, encoding, tuple(notes), None, size, mtime_ns,
        key, tuple(derived), (), "", start if known else -1, text_notes,
    )  # fmt: skip
