"""How a file opens: which layout its header has, its title, and where its body starts (no Qt).

Front matter (YAML or TOML), mail or Usenet headers and wire-service dash lines each say so in
their first line; anything else is the plain layout of a title line, maybe a section, and
``Key: value`` fields. The title is then settled: a first line that reads as a lead paragraph
stays in the body and a title is derived from it; a file with no title is titled by its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.core.dash_header import dash_header_end, read_dash_header
from viewer.core.decoding import split_lines
from viewer.core.front_matter import front_matter_end, read_front_matter
from viewer.core.header import MAIL, PLAIN, Header, next_filled, read_plain_header
from viewer.core.mail_header import mail_header_end, may_be_mail_header, read_mail_header
from viewer.core.titles import TITLE_MAX, derived_title, is_lead_paragraph

HEAD_LINES = 24  # the header and title repeats are within these, or all is split
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_FENCES = ("---", "+++")


@dataclass(slots=True)
class Opening:
    """The header of a file, and what the title and body start came to."""

    lines: list[str]
    header: Header
    title: str = ""
    body_start: int = 0
    drop_repeats: bool = True  # lines repeating the title at the body's start are captions
    complete: bool = True  # the lines are all of the text's, the last one too (not its rest)
    # The header may go on past the last line (front matter not closed yet, mail header lines
    # throughout): a text that is only a file's start may read otherwise in full.
    open_ended: bool = False
    derived: list[str] = field(default_factory=list)


def read_opening(text: str, *, whole: bool) -> Opening:
    """Split the text into lines (only the first ones unless ``whole``) and read its header."""
    lines, header, complete, open_ended = _read_header(text, whole=whole)
    opening = Opening(
        lines, header, body_start=header.body_start, complete=complete, open_ended=open_ended
    )
    _settle_title(opening)
    if len(opening.title) > TITLE_MAX:
        # Kept whole as a field, shown by its start as a lead paragraph's title is.
        header.fields.setdefault("title", opening.title)
        opening.title = derived_title(opening.title)
        opening.drop_repeats = False
        opening.derived.append("title")
    return opening


def _read_header(text: str, *, whole: bool) -> tuple[list[str], Header, bool, bool]:
    if whole:
        lines = split_lines(text)
        return lines, _header_of(lines, whole=True), True, False
    # Splitting only the head saves time when the body is not wanted.
    head_lines = HEAD_LINES
    if text.startswith(_FENCES):
        # Front matter may run to hundreds of lines: split to its closing fence and a little more.
        fence = text.find("\n" + text[:3], 3)
        head_lines += text.count("\n", 0, fence) if fence > 0 else len(text)
    lines = text.split("\n", head_lines)
    partial = len(lines) > head_lines
    header = _header_of(lines, whole=False)
    if partial and (header.body_start >= head_lines or _open_ended(lines, header)):
        # The header ran into the unsplit rest, or may go on there (a fence guessed wrong, a
        # mail header of many lines, fields up to it): read it whole.
        lines = split_lines(text)
        header = _header_of(lines, whole=False)
        return lines, header, True, _open_ended(lines, header)
    return lines, header, not partial, not partial and _open_ended(lines, header)


def _open_ended(lines: list[str], header: Header) -> bool:
    """True when the lines but the last (the unsplit rest, or a line cut short) open a header
    that may go on past them: front matter whose closing fence is not there, mail header
    lines throughout, or fields up to the last line."""
    if header.runs_on:
        return True
    if lines[0].strip() in _FENCES:
        return front_matter_end(lines) is None
    return may_be_mail_header(lines[:-1])


def _header_of(lines: list[str], *, whole: bool) -> Header:
    fence = front_matter_end(lines)
    if fence is not None:
        header = read_front_matter(lines, fence)
        if header is not None:
            return header
    end = mail_header_end(lines)
    if end is not None:
        return read_mail_header(lines, end, whole=whole)
    end = dash_header_end(lines)
    if end is not None:
        return read_dash_header(lines, end)
    return read_plain_header(lines)


def _settle_title(opening: Opening) -> None:
    """A headline stays the title; a lead paragraph stays in the body, titled by its start."""
    header, lines = opening.header, opening.lines
    opening.drop_repeats = header.layout != MAIL  # a message does not repeat its subject
    title = header.title
    if header.layout == PLAIN and title:
        line = next_filled(lines, 0)
        if title.startswith("#"):
            opening.title = _MARKDOWN_HEADING.sub("", title, count=1)
        elif header.bare_title and is_lead_paragraph(title):
            _derive(opening, line)
        else:
            opening.title = title
        return
    if title or header.layout == MAIL:
        opening.title = title
        return
    # Front matter without a title: the body's first line gives one.
    line = next_filled(lines, header.body_start)
    if line >= len(lines):
        return
    first = lines[line].strip()
    if first.startswith("#"):
        opening.title = _MARKDOWN_HEADING.sub("", first, count=1)
        opening.body_start = line + 1
    elif is_lead_paragraph(first):
        _derive(opening, line)
    else:
        opening.title = first
        opening.body_start = line + 1


def _derive(opening: Opening, line: int) -> None:
    opening.title = derived_title(opening.lines[line])
    opening.body_start = line
    opening.drop_repeats = False
    opening.derived.append("title")
