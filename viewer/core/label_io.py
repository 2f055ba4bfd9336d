"""Labels in and out of the viewer: JSON Lines to import, and the records an export writes
(no Qt). Every line read is hostile: one that is not a labelling says why, and the rest go on."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from viewer.core.article_export import inert_cell
from viewer.core.labels import clean_name

EXPORT_KEYS: Final = ("path", "sha256", "title", "published", "labels")
_CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class Labelling:
    """One line of an import: which article (by path or by the SHA-256 of its file), and its
    labels."""

    line: int
    path: str | None
    sha256: str | None
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Unused:
    """A line of an import that is not a labelling, and why."""

    line: int
    why: str


def read_labellings(lines: Iterable[str]) -> Iterator[Labelling | Unused]:
    """The labellings of JSON Lines ``{"path" or "sha256": …, "labels": [...]}``; blank lines
    are passed over."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except (ValueError, RecursionError):
            yield Unused(number, "not a JSON object")
            continue
        if not isinstance(record, dict):
            yield Unused(number, "not a JSON object")
            continue
        path, sha, labels = record.get("path"), record.get("sha256"), record.get("labels")
        if not isinstance(path, str) or not path:
            path = None
        if not isinstance(sha, str) or len(sha) != 64:
            sha = None
        if path is None and sha is None:
            yield Unused(number, 'neither a "path" nor a "sha256" of 64 hex digits')
            continue
        if not isinstance(labels, list) or not all(isinstance(n, str) for n in labels):
            yield Unused(number, '"labels" is not a list of names')
            continue
        names = tuple(dict.fromkeys(n for name in labels if (n := clean_name(name))))
        yield Labelling(number, path, sha.lower() if sha else None, names)


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def export_record(
    path: str, sha256: str | None, title: str, published: str | None, labels: Iterable[str]
) -> dict[str, object]:
    """What an export says of one labelled article."""
    return {
        "path": path,
        "sha256": sha256,
        "title": title,
        "published": published,
        "labels": sorted(labels, key=str.casefold),
    }


def jsonl_line(record: dict[str, object]) -> str:
    """A record as one line of JSON (a name that is not valid UTF-8 kept as its escapes)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def csv_text(records: Iterable[dict[str, object]]) -> str:
    """Records as CSV with a header: labels joined by "; "; a cell a spreadsheet would run as
    a formula starts with '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_KEYS)
    for record in records:
        cells = []
        for key in EXPORT_KEYS:
            value = record.get(key)
            text = "; ".join(value) if isinstance(value, list) else "" if value is None else value
            cells.append(inert_cell(str(text)))
        writer.writerow(cells)
    return out.getvalue()
