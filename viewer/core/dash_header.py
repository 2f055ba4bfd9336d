"""Wire-service dash headers: ``-- `` lines holding the title, byline, date and address (no Qt).

One archive of wire stories opens each file like this, the body hard-wrapped below it::

    -- Harbour barrier closes for the first time
    -- By  Ana Lima
    -- Fri Oct 20, 2006 6:15pm EDT
    -- http://example.com/article/2006/10/20/harbour
"""

from __future__ import annotations

from viewer.core.body import collapse
from viewer.core.dates import parse_date
from viewer.core.header import DASH, Header, is_url_line, next_filled

_DASH = "-- "
_BYLINE = "by "
# The header is a title, a byline, a date or two, an address and a note; dash lines past these
# are the body's (each one was read as a date: a million took half a minute).
_MAX_LINES = 12


def dash_header_end(lines: list[str]) -> int | None:
    """Index of the first line after the dash lines opening ``lines``, else None."""
    if lines and lines[0].strip() and not lines[0].startswith(_DASH):
        return None  # most files: a first line that is no dash line
    first = next_filled(lines, 0)
    if first == len(lines) or not lines[first].startswith(_DASH) or not lines[first][3:].strip():
        return None
    end = first
    limit = min(len(lines), first + _MAX_LINES)
    while end < limit and lines[end].startswith(_DASH):
        end += 1
    return end


def read_dash_header(lines: list[str], end: int) -> Header:
    """The first dash line is the title; the others a byline, dates, an address or notes."""
    header = Header(layout=DASH, body_start=end)
    dashed = [collapse(line[len(_DASH) :]) for line in lines[:end] if line.startswith(_DASH)]
    header.title = dashed[0]
    notes: list[str] = []
    for text in dashed[1:]:
        if not text:
            continue
        if text.lower().startswith(_BYLINE) and "author" not in header.fields:
            header.fields["author"] = text[len(_BYLINE) :].strip()
        elif is_url_line(text) and "url" not in header.fields:
            header.fields["url"] = text
        elif header.updated_raw is None and parse_date(text) is not None:
            if header.published_raw is None:
                header.published_raw = text
            else:
                header.updated_raw = text
        else:
            notes.append(text)
    if notes:
        header.fields["note"] = "; ".join(notes)
    return header
