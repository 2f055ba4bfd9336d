"""The header of an article: title, section, ``Key: value`` fields and front matter (no Qt)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress, count
from typing import Final

# "a short key, a colon, a space, a value": up to four words, starting with a letter.
_FIELD = re.compile(r"([A-Za-z][\w'-]*(?: [\w'-]+){0,3}):[ \t]+(\S.*)")
_UNDERLINE = re.compile(r" {0,3}(?:={3,}|-{3,})[ \t]*")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")

PUBLISHED_KEYS = frozenset({"published", "date", "published on", "posted", "created", "pubdate"})
UPDATED_KEYS = frozenset({"last updated", "updated", "modified", "last modified", "lastmod"})
# A header needs one of these, so "Result: 6-2 6-3" under a title stays body text.
KNOWN_KEYS = PUBLISHED_KEYS | UPDATED_KEYS | frozenset({
    "author", "authors", "by", "byline", "source", "url", "link", "tags", "tag",
    "section", "category", "categories", "keywords", "publisher", "language", "lang",
    "credit", "via", "location", "dateline", "edition",
})  # fmt: skip
_SECTION_MAX_CHARS = 40
_FIELD_VALUE_MAX = 200  # a longer value is a paragraph with a colon in it
_FIELD_SENTENCE_WORDS = 8  # a value ending a sentence past this many words is prose
_SECTION_MAX_WORDS = 5


# Layouts: how a file opens, which decides how its header is read.
PLAIN: Final = "plain"  # a title line, maybe a section and "Key: value" fields
YAML: Final = "yaml"  # "---" front matter
TOML: Final = "toml"  # "+++" front matter
MAIL: Final = "mail"  # mail or Usenet headers
DASH: Final = "dash"  # wire-service "-- " lines


@dataclass(slots=True)
class Header:
    """What the lines before the body say; ``body_start`` is the first line of the body."""

    title: str = ""
    section: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    published_raw: str | None = None
    updated_raw: str | None = None
    body_start: int = 0
    layout: str = PLAIN
    # The title was the file's first line and nothing marks it as a headline (no section or
    # fields follow): it may be a lead paragraph instead.
    bare_title: bool = False
    notes: list[str] = field(default_factory=list)  # warnings about the header itself
    # The body when it is not the file's lines from ``body_start`` (a mail's decoded part).
    body_lines: list[str] | None = None
    # Fields ran to the last line without a known key: more lines may hold one (a date), and
    # make them the header's. Only a text that is a file's start can tell (see layouts).
    runs_on: bool = False


def field_line(line: str) -> tuple[str, str] | None:
    """Split a ``Key: value`` line into its lower-case key and value, or return None."""
    if ":" not in line:
        return None
    match = _FIELD.fullmatch(line.strip())
    if match is None:
        return None
    key, value = match.groups()
    lowered = key.lower() if " " not in key else " ".join(key.split()).lower()
    if lowered in KNOWN_KEYS:
        return lowered, value.rstrip()
    # Other keys must look like labels ("Photo Credit: …"), not like prose that happens to
    # hold a colon: speech ("He said: …"), numbered lines ("Paragraph 3: …") or sentences.
    if not key.replace("-", "").replace("'", "").replace(" ", "").isalpha():
        return None
    if " " in key and not key.istitle():
        return None
    if len(value) > _FIELD_VALUE_MAX or (
        value.rstrip().endswith((".", "!", "?")) and len(value.split()) > _FIELD_SENTENCE_WORDS
    ):
        return None
    return lowered, value.rstrip()


def is_url_line(line: str) -> bool:
    """True for a line that is only a web address."""
    text = line.strip()
    if _URL.fullmatch(text) is None:
        return False
    # "www." needs another dot, between two names (www.example.org). Asked of the regex, as
    # www\.\S+\.\S+, that tried every pair of dots: a line of them took minutes.
    return not text.startswith("www.") or "." in text[5:-1]


def _is_section_line(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= _SECTION_MAX_CHARS
        and len(text.split()) <= _SECTION_MAX_WORDS
        and not text.rstrip("'\"’”»)").endswith((".", "!", "?", "…"))
        and field_line(text) is None
        and not is_url_line(text)
    )


def next_filled(lines: list[str], start: int) -> int:
    """Index of the first non-blank line at or after ``start`` (len(lines) if none)."""
    # Looked for in C, in slices that double: a file may open with millions of blank lines,
    # and a header may have a few between each of its fields.
    if start < len(lines) and lines[start].strip():
        return start  # by far the most common case
    i, size = start, 8
    while i < len(lines):
        found = next(compress(count(i), map(str.strip, lines[i : i + size])), None)
        if found is not None:
            return found
        i += size
        size *= 2
    return len(lines)


def assign(header: Header, found: list[tuple[str, str]]) -> None:
    """Put header values where they belong: the first of each kind of date is the article's;
    a key given again (a second author, another address) adds its value to the field's."""
    values: dict[str, list[str]] = {}
    for key, value in found:
        if key in PUBLISHED_KEYS and header.published_raw is None:
            header.published_raw = value
        elif key in UPDATED_KEYS and header.updated_raw is None:
            header.updated_raw = value
        else:
            values.setdefault(key, []).append(value)
    for key, given in values.items():
        header.fields[key] = ", ".join(given)


def _scan_fields(lines: list[str], start: int) -> tuple[list[tuple[str, str]], int, bool]:
    """Read field and address lines from ``start``; return them, the end, and if one is known."""
    found: list[tuple[str, str]] = []
    known = False
    i = next_filled(lines, start)
    while i < len(lines):
        line = lines[i]
        parsed = field_line(line)
        if parsed is not None:
            found.append(parsed)
            known = known or parsed[0] in KNOWN_KEYS
        elif is_url_line(line):
            found.append(("url", line.strip()))
        else:
            break
        i = next_filled(lines, i + 1)
    return found, i, known


def read_plain_header(lines: list[str], start: int = 0) -> Header:
    """Read title, section and fields of a plain-text article from ``lines[start:]``."""
    header = Header()
    first = next_filled(lines, start)
    if first >= len(lines):
        header.body_start = len(lines)
        return header
    header.title = lines[first].strip()
    after_title = first + 1
    if after_title < len(lines) and _UNDERLINE.fullmatch(lines[after_title]):
        after_title += 1  # "Title" over "=====": the underline belongs to the title
    candidate = next_filled(lines, after_title)
    if candidate < len(lines) and _is_section_line(lines[candidate]):
        found, end, known = _scan_fields(lines, candidate + 1)
        if known:
            header.section = lines[candidate].strip()
            assign(header, found)
            header.body_start = end
            return header
        header.runs_on = end >= len(lines) - 1  # the last line may be cut short: it counts too
    found, end, known = _scan_fields(lines, after_title)
    if not known:
        header.runs_on = header.runs_on or end >= len(lines) - 1
        # Without a known key, only bare web addresses right under the title are header lines.
        found, end = [], after_title
        i = next_filled(lines, after_title)
        while i < len(lines) and is_url_line(lines[i]):
            found.append(("url", lines[i].strip()))
            end = i + 1
            i = next_filled(lines, end)
    assign(header, found)
    _take_section_field(header)
    header.body_start = end
    header.bare_title = not found
    return header


def _take_section_field(header: Header) -> None:
    """Use a ``Section:`` or ``Category:`` field as the section when no section line named one."""
    if header.section is None:
        header.section = header.fields.pop("section", None) or header.fields.pop("category", None)
