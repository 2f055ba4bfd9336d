"""Mail and Usenet articles: RFC 2822 headers, quoted lines and signatures (no Qt).

A saved message opens with ``From:``, ``Subject:``, ``Date:`` (and, from a news spool,
``Newsgroups:``, ``Path:``, ``Message-ID:``…) up to the first blank line; an mbox file adds a
``From `` line above them. The standard library's ``email`` package reads the header (folded
lines, RFC 2047 encoded words) and, when the body is encoded or in parts, its plain text.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Final

from viewer.core.blocks import PARAGRAPH, QUOTE, SIGNATURE, Block, plain_block
from viewer.core.body import paragraphs
from viewer.core.decoding import clean_text
from viewer.core.header import MAIL, Header

if TYPE_CHECKING:  # the email package is imported on first need: most files are no mail
    from email.message import EmailMessage

_MAX_HEADER_LINES = 400
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]*):(?:[ \t]|$)")
# Enough to tell a message from an article that happens to open with "Subject: …".
_NEEDS: Final = frozenset({"from", "date", "newsgroups", "message-id"})
# Header fields a reader cares about, under the names the article view uses; the rest
# (Path, Xref, Received, Lines, NNTP-Posting-Host…) is transport.
_KEPT: Final = {
    "to": "to", "cc": "cc", "newsgroups": "newsgroups", "organization": "organization",
    "organisation": "organization", "message-id": "message id", "keywords": "keywords",
    "summary": "summary", "reply-to": "reply to", "followup-to": "followup to",
}  # fmt: skip
# The fields the article reads; the others (transport, mostly) are never parsed.
_READ: Final = frozenset({
    "subject", "from", "date", "newsgroups", "content-type", "content-transfer-encoding", *_KEPT,
})  # fmt: skip
# The email package's header parsers are quadratic or worse in a value's length (a 1 MB address
# list: minutes). Real values are far shorter; a longer one is kept as written.
_MAX_PARSED_CHARS = 1000
_MAX_PARTS = 1000  # each part costs the MIME parser 0.2 ms: a message of more is shown as written
_CONTENT_HEADER = re.compile(r"^content-[\w-]*:[^\n]*(?:\n[ \t][^\n]*)*", re.I | re.M)
_GARBLED = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f]")
_ENCODED_BODY: Final = ("quoted-printable", "base64")
_QUOTE = re.compile(r"[ \t]*((?:>[ \t]?)+)")
_SIGNATURE_LINES: Final = ("-- ", "--")


def mail_header_end(lines: list[str]) -> int | None:
    """Index of the blank line that ends a mail header opening ``lines``, else None."""
    if not lines or (":" not in lines[0] and not lines[0].startswith("From ")):
        return None  # most files: the first line is no header line
    i = 1 if lines[0].startswith("From ") else 0  # an mbox separator line
    keys: set[str] = set()
    limit = min(len(lines), _MAX_HEADER_LINES)
    while i < limit:
        line = lines[i]
        if not line.strip():
            break
        if line[0] in " \t":
            if not keys:
                return None
        else:
            match = _HEADER_LINE.match(line)
            if match is None:
                return None
            keys.add(match.group(1).lower())
        i += 1
    else:
        if i >= _MAX_HEADER_LINES:
            return None
    return i if "subject" in keys and keys & _NEEDS else None


def may_be_mail_header(lines: list[str]) -> bool:
    """True when ``lines`` could all be the start of a mail header that goes on past them:
    header lines (or folded ones) throughout, none blank, fewer than a header may have."""
    if not lines or len(lines) >= _MAX_HEADER_LINES:
        return False
    if ":" not in lines[0] and not lines[0].startswith("From "):
        return False  # most files: the first line is no header line
    start = 1 if lines[0].startswith("From ") else 0
    for line in lines[start:]:
        if not line.strip() or (line[0] not in " \t" and _HEADER_LINE.match(line) is None):
            return False
    return True


def read_mail_header(lines: list[str], end: int, *, whole: bool) -> Header:
    """Subject as the title, From as the author, Date as published, the first newsgroup as
    the section; ``whole``: the body is wanted too (decoded when the message encodes it)."""
    start = 1 if lines[0].startswith("From ") else 0
    header = Header(layout=MAIL, body_start=end + 1)
    values, removed = _values(lines[start:end])
    header.title = values.get("subject", "")
    if values.get("from"):
        header.fields["author"] = values["from"]
    header.published_raw = values.get("date") or None
    groups = [g.strip() for g in values.get("newsgroups", "").split(",") if g.strip()]
    if groups:
        header.section = groups[0]
    for key, name in _KEPT.items():
        value = values.get(key)
        if value and name not in header.fields and not (key == "newsgroups" and len(groups) < 2):
            header.fields[name] = value
    if whole and _body_is_encoded(values):
        decoded = _decoded_body(lines, start, _is_multipart(values))
        if decoded is not None:
            decoded, count = clean_text(decoded)
            removed += count
            header.body_lines = decoded.split("\n")
    if removed:  # decoded, they escaped the cleaning of the file's own text
        header.notes.append(f"removed {removed} stray control characters")
    return header


def _values(lines: list[str]) -> tuple[dict[str, str], int]:
    """The fields the article reads, the first of each, decoded (encoded words, addresses) by
    the email package; a value too long for its parsers, or one they refuse, as written. And
    how many control characters decoding brought that were removed."""
    from email import policy

    values: dict[str, str] = {}
    removed = 0
    for name, raw in _raw_fields(lines):
        key = name.lower()
        if key not in _READ or key in values:
            continue
        value = raw
        if len(raw) <= _MAX_PARSED_CHARS:
            with contextlib.suppress(Exception):  # a value the email package cannot take
                value = str(policy.default.header_factory(name, raw))
        values[key], count = clean_text(" ".join(value.split()))
        removed += count
    return values, removed


def _raw_fields(lines: list[str]) -> list[tuple[str, str]]:
    """The header's fields as written, each unfolded onto one line."""
    fields: list[tuple[str, list[str]]] = []
    for line in lines:
        if line[:1] in (" ", "\t"):
            if fields:
                fields[-1][1].append(line.strip())
            continue
        name, _, value = line.partition(":")
        fields.append((name.strip(), [value.strip()]))
    return [(name, " ".join(parts)) for name, parts in fields]


def _body_is_encoded(values: dict[str, str]) -> bool:
    encoding = values.get("content-transfer-encoding", "").lower()
    return encoding in _ENCODED_BODY or _is_multipart(values)


def _is_multipart(values: dict[str, str]) -> bool:
    return values.get("content-type", "").lower().startswith("multipart/")


def _decoded_body(lines: list[str], start: int, multipart: bool) -> str | None:
    """The plain text of a message whose body is encoded or in parts; None when it is to be
    shown as it is in the file: broken, too big to decode quickly, or with no plain text."""
    from email import message_from_string, policy
    from email.message import EmailMessage

    text = "\n".join(lines[start:])
    if (multipart and text.count("\n--") > _MAX_PARTS) or any(
        len(found.group()) > _MAX_PARSED_CHARS for found in _CONTENT_HEADER.finditer(text)
    ):
        return None
    try:
        message = message_from_string(text, policy=policy.default)
        assert isinstance(message, EmailMessage)
        texts = _plain_texts(message)
    except Exception:  # a broken encoding, parts nested past recursion: shown as written
        return None
    if not texts:
        return None
    return "\n\n".join(texts)


def _plain_texts(message: EmailMessage) -> list[str] | None:
    """The text of each plain part a reader is meant to see, in order (not attachments, and of
    alternatives the plain one); None when a part only decodes to noise."""
    from email.errors import InvalidBase64CharactersDefect
    from email.message import EmailMessage

    texts: list[str] = []
    pending = [message]
    while pending:  # a stack, not recursion: parts nest as deeply as a file likes
        part = pending.pop()
        if part.is_attachment():
            continue
        children: object
        if part.get_content_type() == "multipart/alternative":
            children = [part.get_body(preferencelist=("plain",))]
        elif part.is_multipart():  # the other multiparts, and forwarded messages
            children = part.get_payload()
        elif part.get_content_type() == "text/plain":
            content = part.get_content()
            # Plain text labelled base64 "decodes" to random bytes: its words are in the file.
            noise = any(isinstance(d, InvalidBase64CharactersDefect) for d in part.defects)
            if noise and _GARBLED.search(content):
                return None
            texts.append(content)
            continue
        else:
            continue
        if isinstance(children, list):
            pending.extend(c for c in reversed(children) if isinstance(c, EmailMessage))
    return texts


def mail_blocks(lines: list[str]) -> tuple[Block, ...]:
    """The body of a message: paragraphs, quoted passages by depth, and the signature."""
    blocks: list[Block] = []
    # Looked for in C: a body may be millions of lines.
    marks = [lines.index(mark) for mark in _SIGNATURE_LINES if mark in lines]
    signature = min(marks) if marks else None
    text = lines if signature is None else lines[:signature]
    run: list[str] = []
    depth = 0
    for line in text:
        match = _QUOTE.match(line)
        level = match.group(1).count(">") if match else 0
        if level != depth and run:
            _add_run(blocks, run, depth)
            run = []
        depth = level
        run.append(line[match.end() :] if match else line)
    if run:
        _add_run(blocks, run, depth)
    if signature is not None:
        blocks.extend(plain_block(SIGNATURE, line.strip()) for line in lines[signature + 1 :])
    return tuple(block for block in blocks if block.spans)


def _add_run(blocks: list[Block], run: list[str], depth: int) -> None:
    kind = QUOTE if depth else PARAGRAPH
    blocks.extend(plain_block(kind, text, depth) for text in paragraphs(run))
