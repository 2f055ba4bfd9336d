"""Highlights and notes: what the reader marked in an article, anchored as the W3C Web
Annotation model does it, and written out (no Qt).

An annotation is kept with the article's content key, a quote selector (the exact text, with a
little text before and after it) and a position selector (where it starts and ends in the
article's text as the pane shows it). When the text is as it was, the position holds; after a
file changes, the annotation moves only to the one place where its quote is found exactly
once, and is otherwise kept, orphaned, never moved by a guess.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, Final

from viewer.core.article_export import escape_markdown

CONTEXT: Final = 32  # characters of prefix and suffix kept with a quote
QUOTE_LIMIT: Final = 20_000  # characters of a quote kept; a highlight is a passage, not a book
NOTE_LIMIT: Final = 50_000
COLOURS: Final = {"yellow": "#fff59d", "green": "#c5e1a5", "blue": "#90caf9", "pink": "#f48fb1"}
W3C_CONTEXT: Final = "http://www.w3.org/ns/anno.jsonld"


@dataclass(frozen=True)
class Annotation:
    """A highlight (no note) or a note on a passage of one article."""

    id: str
    key: str  # the article's content key
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    colour: str = "yellow"
    note: str = ""
    created: float = 0.0
    modified: float = 0.0
    path: str = ""  # where the article was when last seen: for lists and exports
    title: str = ""

    @property
    def is_note(self) -> bool:
        """True when the annotation carries a note."""
        return bool(self.note.strip())


def made(key: str, text: str, start: int, end: int, **rest: Any) -> Annotation:
    """A new annotation of ``text[start:end]`` (the text as the pane shows it)."""
    now = _now()
    return Annotation(
        uuid.uuid4().hex,
        key,
        text[start:end][:QUOTE_LIMIT],
        text[max(0, start - CONTEXT) : start],
        text[end : end + CONTEXT],
        start,
        end,
        created=now,
        modified=now,
        **rest,
    )


def anchor(text: str, annotation: Annotation) -> tuple[int, int] | None:
    """Where ``annotation`` is in ``text``: its own place when the quote is still there, else
    the one place the quote is found exactly once; None (orphaned) otherwise."""
    exact = annotation.exact
    if not exact:
        return None
    start = annotation.start
    if text[start : start + len(exact)] == exact:
        return start, start + len(exact)
    first = text.find(exact)
    if first < 0 or text.find(exact, first + 1) >= 0:
        return None
    return first, first + len(exact)


def encode(annotation: Annotation) -> str:
    """An annotation as the reading state keeps it."""
    spec = asdict(annotation)
    del spec["id"]
    return json.dumps(spec, ensure_ascii=False)


def decode(key: str, text: str) -> Annotation | None:
    """The annotation a kept spec describes; None when it is not one (never raises)."""
    try:
        spec = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(spec, dict):
        return None
    strings = ("key", "exact", "prefix", "suffix", "colour", "note", "path", "title")
    numbers = ("start", "end", "created", "modified")
    values: dict[str, Any] = {}
    for name in strings:
        value = spec.get(name, "")
        if not isinstance(value, str):
            return None
        values[name] = value
    for name in numbers:
        value = spec.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            return None
        values[name] = value
    if not values["key"] or not values["exact"]:
        return None
    values["start"], values["end"] = int(values["start"]), int(values["end"])
    if values["colour"] not in COLOURS:
        values["colour"] = "yellow"
    return Annotation(key, **values)


def edited(annotation: Annotation, **changes: Any) -> Annotation:
    """The annotation with ``changes``, its modified time now."""
    return replace(annotation, modified=_now(), **changes)


# --- writing out -------------------------------------------------------------------------------


def to_w3c(annotation: Annotation, source: str) -> dict[str, Any]:
    """One annotation in the W3C Web Annotation model (JSON-LD), its target ``source`` (the
    file's URI)."""
    shade = COLOURS.get(annotation.colour, COLOURS["yellow"])
    record: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": f"urn:uuid:{uuid.UUID(annotation.id)}",
        "type": "Annotation",
        "motivation": "commenting" if annotation.is_note else "highlighting",
        "created": _iso(annotation.created),
        "modified": _iso(annotation.modified),
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.exact,
                    "prefix": annotation.prefix,
                    "suffix": annotation.suffix,
                },
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
        "stylesheet": {
            "type": "CssStylesheet",
            "value": f".hl {{ background: {shade} }}",
        },
        "viewer:contentKey": annotation.key,
        "viewer:title": annotation.title,
    }
    if annotation.is_note:
        record["body"] = {"type": "TextualBody", "value": annotation.note, "format": "text/plain"}
    return record


def from_w3c(record: Mapping[str, Any]) -> Annotation | None:
    """An annotation read back from ``to_w3c``'s record (None when it is not one)."""
    try:
        target = record["target"]
        selectors = {s["type"]: s for s in target["selector"]}
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        body = record.get("body") or {}
        colour = str(record.get("stylesheet", {}).get("value", "")).split("background: ")[-1]
        spec = {
            "key": record["viewer:contentKey"],
            "exact": quote["exact"],
            "prefix": quote.get("prefix", ""),
            "suffix": quote.get("suffix", ""),
            "start": position["start"],
            "end": position["end"],
            "colour": next((n for n, c in COLOURS.items() if colour.startswith(c)), "yellow"),
            "note": body.get("value", "") if isinstance(body, dict) else "",
            "created": _seconds(record.get("created")),
            "modified": _seconds(record.get("modified")),
            "path": _path_of(str(target.get("source", ""))),
            "title": record.get("viewer:title", ""),
        }
        identity = uuid.UUID(str(record["id"]).removeprefix("urn:uuid:")).hex
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return decode(identity, json.dumps(spec))


def markdown_notes(annotations: Iterable[Annotation]) -> str:
    """Highlights and notes as Markdown, grouped by article, in the order of the text."""
    by_article: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        by_article.setdefault(annotation.key, []).append(annotation)
    out: list[str] = []
    for group in sorted(by_article.values(), key=lambda g: (g[0].title.casefold(), g[0].path)):
        first = group[0]
        out.append(f"## {escape_markdown(first.title or first.path)}\n")
        if first.path:
            out.append(f"*{escape_markdown(first.path)}*\n")
        for annotation in sorted(group, key=lambda a: a.start):
            quote = " ".join(annotation.exact.split())
            out.append(f"> {escape_markdown(quote)}\n")
            if annotation.is_note:
                out.append(f"{escape_markdown(annotation.note.strip())}\n")
        out.append("")
    return "\n".join(out)


def _now() -> float:
    """The time, to the millisecond: what a W3C record's date keeps, so it reads back equal."""
    return round(time.time(), 3)


def _iso(seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _seconds(text: object) -> float:
    if not isinstance(text, str):
        return 0.0
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round(moment.timestamp(), 3)


def source_of(path: str) -> str:
    """A file's path as a ``file:`` URI (its bytes percent-encoded, whatever they are)."""
    from urllib.parse import quote

    return "file://" + quote(os.fsencode(path))


def _path_of(source: str) -> str:
    from urllib.parse import unquote_to_bytes, urlparse

    parsed = urlparse(source)
    return os.fsdecode(unquote_to_bytes(parsed.path)) if parsed.scheme == "file" else source
