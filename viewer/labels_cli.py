"""``article-viewer labels import|export``: the reader's labels on the command line, in the
same reading state as the window (no Qt, no display)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from viewer.core.appinfo import APP_ID
from viewer.core.index_paths import unbind
from viewer.core.label_io import (
    Labelling,
    Unused,
    csv_text,
    export_record,
    file_sha256,
    jsonl_line,
    read_labellings,
)
from viewer.core.labels import (
    REVIEW_SEPARATOR,
    added_defs,
    decode_names,
    encode_def,
    encode_names,
)
from viewer.core.parser import content_key
from viewer.core.state.store import ReadingState, default_state_path

KEY_BYTES = 1024  # what a content key is made of: the file's first kilobyte


def build_parser() -> argparse.ArgumentParser:
    """The arguments of ``labels``."""
    parser = argparse.ArgumentParser(
        prog=f"{APP_ID} labels",
        description="Import or export the labels given to articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser(
        "import",
        help='read JSON Lines {"path" or "sha256": ..., "labels": [...]} into your labels',
    )
    importing.add_argument("file", metavar="FILE.jsonl", help="the labels ('-': standard input)")
    importing.add_argument(
        "--as", dest="set_name", metavar="NAME", help="into a named set, to review in the window"
    )
    exporting = commands.add_parser("export", help="print the labelled articles")
    exporting.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    exporting.add_argument(
        "--text",
        action="store_true",
        help='with each article\'s text, as doccano reads it: {"text", "label", "meta"}',
    )
    exporting.add_argument(
        "paths", nargs="*", metavar="PATH", help="only articles below these files or folders"
    )
    return parser


def run_labels(argv: Sequence[str]) -> int:
    """Run ``labels`` with its arguments; the exit status."""
    args = build_parser().parse_args(argv)
    path = default_state_path()
    if path is None:
        print(f"{APP_ID} labels: the reading state's place is unknown here", file=sys.stderr)
        return 2
    state = ReadingState(path)
    try:
        for notice in state.take_notices():
            print(f"{APP_ID} labels: {notice}", file=sys.stderr)
        if args.command == "import":
            return _import(state, args.file, args.set_name)
        return _export(state, args.paths, args.format, with_text=args.text)
    finally:
        state.close()
        if state.warning:
            print(f"{APP_ID} labels: {state.warning}", file=sys.stderr)


def _import(state: ReadingState, source: str, set_name: str | None) -> int:
    try:
        if source == "-":
            lines = list(sys.stdin)
        else:
            with open(source, encoding="utf-8", errors="replace") as file:
                lines = list(file)
    except OSError as exc:
        print(f"{APP_ID} labels: {source}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    items = list(read_labellings(lines))
    keys_by_sha = _keys_by_sha(items)
    given: dict[str, set[str]] = {}
    unused = [item for item in items if isinstance(item, Unused)]
    for item in items:
        if not isinstance(item, Labelling):
            continue
        key = _key_of(item, keys_by_sha)
        if key is None:
            unused.append(Unused(item.line, "no such article (its file cannot be read)"))
            continue
        given.setdefault(key, set()).update(item.labels)
    if set_name:
        table, prefix = "review", set_name + REVIEW_SEPARATOR
        changes = {prefix + k: encode_names(v) for k, v in given.items()}
    else:
        table, prefix = "labels", ""
        kept = state.specs("labels")
        changes = {
            k: encode_names(v | set(decode_names(kept.get(k, "[]")))) for k, v in given.items()
        }
        _define(state, {n for names in given.values() for n in names})
    state.set_specs(table, changes)
    for item in sorted(unused, key=lambda u: u.line):
        print(f"{APP_ID} labels: line {item.line}: {item.why}", file=sys.stderr)
    where = f"the set “{set_name}”" if set_name else "your labels"
    print(f"{APP_ID} labels: {len(given):,} articles imported into {where}", file=sys.stderr)
    return 0 if given else 1


def _define(state: ReadingState, names: set[str]) -> None:
    """Put names the label set lacks into it, after the others, with no key."""
    added = added_defs(state.specs("label_defs"), names)
    state.set_specs("label_defs", {d.name: encode_def(d) for d in added})


def _key_of(item: Labelling, keys_by_sha: Mapping[str, str]) -> str | None:
    if item.path is not None:
        try:
            with open(item.path, "rb") as file:
                return content_key(file.read(KEY_BYTES))
        except OSError:
            return None
    return keys_by_sha.get(item.sha256 or "")


def _keys_by_sha(items: list[Labelling | Unused]) -> dict[str, str]:
    """SHA-256 → content key of the files the index knows, when lines name files so."""
    wanted = {i.sha256 for i in items if isinstance(i, Labelling) and i.path is None}
    if not wanted:
        return {}
    from viewer.search_cli import cache_index_path

    found: dict[str, str] = {}
    for path, key in _indexed(cache_index_path()):
        sha = file_sha256(path)
        if sha is not None and sha in wanted and key:
            found[sha] = key
    return found


def _export(state: ReadingState, paths: Sequence[str], fmt: str, *, with_text: bool) -> int:
    labels = {k: decode_names(v) for k, v in state.specs("labels").items()}
    labels = {k: v for k, v in labels.items() if v}
    roots = [os.path.abspath(p) for p in paths]
    from viewer.core.index_location import IndexLocation
    from viewer.search_cli import cache_index_path

    location = IndexLocation(cache_index_path()) if roots else None
    try:
        index = location.path if location is not None else cache_index_path()
        if location is not None:
            _bring_up_to_date(location.path, roots, state)
        records = []
        for path, key, title, published in _indexed(index, with_record=True):
            if key not in labels or (roots and not _below(path, roots)):
                continue
            sha = file_sha256(path)
            records.append(export_record(path, sha, title, published, labels[key]))
    finally:
        if location is not None:
            location.remove()
    records.sort(key=lambda r: str(r["path"]))
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="surrogateescape")
    try:
        if fmt == "csv":
            out.write(csv_text(records))
        else:
            for record in records:
                out.write(jsonl_line(doccano(record, state) if with_text else record))
        out.flush()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return 0 if records else 1


def doccano(record: dict[str, object], state: ReadingState) -> dict[str, object]:
    """An export record as doccano imports one: the article's text, its labels, the rest as
    meta (the text read in the encoding the reader chose for it, if any)."""
    from viewer.core.concordance import body_text
    from viewer.core.parser import parse_file

    path = str(record["path"])
    article = parse_file(path, encodings=state.encodings())
    text = body_text(article) if article.ok else ""
    meta = {k: v for k, v in record.items() if k != "labels"}
    if not article.ok:
        meta["error"] = article.error
    return {"text": text, "label": record["labels"], "meta": meta}


def _bring_up_to_date(index: Path, roots: list[str], state: ReadingState) -> None:
    """Have the index know the files below ``roots`` as they are now (their records only)."""
    import threading

    from viewer.core.reconcile import reconcile

    present = [root for root in roots if os.path.lexists(root)]
    for root in roots:
        if root not in present:
            print(f"{APP_ID} labels: {root}: no such file or folder", file=sys.stderr)
    for _step in reconcile(index, present, threading.Event(), encodings=state.encodings()):
        pass


def _below(path: str, roots: Sequence[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _indexed(index: Path | None, *, with_record: bool = False) -> Iterator[tuple[Any, ...]]:
    """The readable articles an index knows: (path, content key[, title, published])."""
    if index is None or not index.is_file():
        return
    try:
        db = sqlite3.connect(f"file:{_uri(index)}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return
    try:
        columns = "CAST(path AS BLOB), content_key" + (", title, published" if with_record else "")
        sql = f"SELECT {columns} FROM articles WHERE error IS NULL AND content_key IS NOT NULL"
        for row in db.execute(sql):
            yield (unbind(row[0]), *row[1:])
    except sqlite3.Error as exc:
        print(f"{APP_ID} labels: the library index cannot be read: {exc}", file=sys.stderr)
    finally:
        db.close()


def _uri(path: Path) -> str:
    from urllib.parse import quote

    return quote(os.fsencode(path))
