"""``article-viewer search QUERY PATH...``: the window's search from the command line (no Qt).

It asks the window's own index (the cache folder's ``library.sqlite3``), first brought up to
date with the paths: a reconciling pass lists what changed (``reconcile``), and the texts not
indexed yet are read and indexed, in worker processes when there are many. It then prints one
JSON object per matching article, or with ``--kwic`` the concordance as TSV, one row per
occurrence: the lines of the window's concordance (``concordance``), read from the files, again
in workers when there are many.

Exit status: 0 with hits, 1 without, 2 for a usage or query syntax error. A file that cannot be
read is named on stderr, with why, and the search goes on without it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple, TextIO

from viewer.core.appinfo import APP_ID, ORGANIZATION
from viewer.core.article import NOT_TEXT, Article
from viewer.core.concordance import CONTEXT_CHARS as MAX_CONTEXT
from viewer.core.concordance import Done, Job, Line, chunk_lines
from viewer.core.index import INDEX_FILE_NAME, LibraryIndex, LibraryIndexError
from viewer.core.index_rows import ERROR_AT
from viewer.core.query_help import SYNTAX_HELP
from viewer.core.search_query import SearchQuery, SearchQueryError, parse_query
from viewer.core.text_search import term_patterns
from viewer.core.worker_pool import WorkerPool

TSV_COLUMNS = ("path", "title", "published", "left", "hit", "right", "offset")
JSON_KEYS = ("path", "title", "published", "section", "hits", "contexts")
CONTEXT_CHARS = 40  # on each side of a hit, unless told (at most the window's, MAX_CONTEXT)
POOL_MIN_FILES = 3000  # files to read before worker processes pay for their start (0.2 s)
TEXT_CHUNK = 1000  # texts indexed in one transaction, as the window's text indexer does
READ_CHUNK = 200  # matching files read for their contexts as one piece of a worker's work
_IN_HAND = 2  # chunks of texts read and not saved yet, at most
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

Say = Callable[[str], None]  # what tells of a trouble (on stderr)


class Found(NamedTuple):
    """A matching article as printed: its record (without its body), and its concordance
    lines, as the window's concordance makes them."""

    record: Article
    lines: list[Line]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``search``."""
    parser = argparse.ArgumentParser(
        prog=f"{APP_ID} search",
        description="Search the text of article files with the window's index and query "
        "syntax; print one JSON object per matching article (path, title, published, "
        "section, hits, contexts).",
        epilog=SYNTAX_HELP
        + '\nA QUERY that starts with - goes after --: search -- "-storm port" PATH.\n'
        "Exit status: 0 when articles match, 1 when none does, 2 for a usage or query error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", metavar="QUERY", help="what to look for (see below)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--kwic",
        action="store_true",
        help="print the concordance as TSV: one row per occurrence, with the columns "
        + ", ".join(TSV_COLUMNS),
    )
    output.add_argument(
        "-l",
        "--files-with-matches",
        action="store_true",
        help="print only the paths of the matching articles, one per line",
    )
    parser.add_argument(
        "--context",
        type=int,
        default=CONTEXT_CHARS,
        metavar="N",
        help=f"characters of context on each side of a hit (default {CONTEXT_CHARS})",
    )
    return parser


def run_search(argv: Sequence[str]) -> int:
    """Run ``search`` with its arguments (after the word ``search``); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with status 2 on a usage error
    if not 0 <= args.context <= MAX_CONTEXT:
        parser.error(f"--context takes a number from 0 to {MAX_CONTEXT}")
    try:
        query = parse_query(args.query)
    except SearchQueryError as exc:
        print(f"{APP_ID} search: {exc}", file=sys.stderr)
        return 2
    if query.empty:
        print(f"{APP_ID} search: the query has no word to look for.", file=sys.stderr)
        return 2
    from viewer.core.state.store import default_state_path, stored_encodings

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        # Names that are not valid UTF-8 go out as the bytes they are.
        out.reconfigure(encoding="utf-8", errors="surrogateescape")
    # The encodings chosen in the window's View ▸ Text Encoding hold here too.
    encodings = stored_encodings(default_state_path())
    _use_stored_labels()
    try:
        found = search(query, args.paths, encodings, say=_say)
        if args.kwic:
            out.write("\t".join(TSV_COLUMNS) + "\n")
        status = 1
        for item in _described(found, query, encodings, args):
            status = 0
            _print(item, out, args)
        out.flush()
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not an error of ours.
        sys.stderr.close()
        return 0
    except LibraryIndexError as exc:
        print(f"{APP_ID} search: the library index failed: {exc}", file=sys.stderr)
        return 2
    return status


def _use_stored_labels() -> None:
    """``label:x`` asks the reader's labels, as the window has saved them."""
    from viewer.core.labels import decode_names
    from viewer.core.query_labels import use_labels
    from viewer.core.state.file import stored_specs
    from viewer.core.state.store import default_state_path

    stored = stored_specs(default_state_path(), "labels")
    use_labels({key: decode_names(spec) for key, spec in stored.items()})


def _say(message: str) -> None:
    print(f"{APP_ID} search: {message}", file=sys.stderr)


def _described(
    paths: list[str], query: SearchQuery, encodings: Mapping[str, str], args: argparse.Namespace
) -> Iterator[Found]:
    if args.files_with_matches:
        yield from (Found(Article(path=path, title=""), []) for path in paths)
        return
    patterns = term_patterns(query.terms)
    for item in read_found(paths, patterns, encodings):
        if item.record.error is not None:  # changed since it was indexed
            _say(f"{_shown(item.record.path)}: {item.record.error}")
            continue
        yield item


def _print(item: Found, out: TextIO, args: argparse.Namespace) -> None:
    record, width = item.record, args.context
    if args.files_with_matches:
        out.write(record.path + "\n")
        return
    published = record.published.isoformat() if record.published else None
    contexts = [(_last(line.left, width), line.hit, line.right[:width]) for line in item.lines]
    if args.kwic:
        for line, (left, hit, right) in zip(item.lines, contexts, strict=True):
            row = (record.path, record.title, published or "", left, hit, right, str(line.offset))
            out.write("\t".join(map(tsv_field, row)) + "\n")
        return
    from viewer.dump import json_line

    values = (
        record.path,
        record.title,
        published,
        record.section,
        len(contexts),
        [{"left": left, "hit": hit, "right": right} for left, hit, right in contexts],
    )
    out.write(json_line(dict(zip(JSON_KEYS, values, strict=True))))


def _last(text: str, width: int) -> str:
    return text[max(0, len(text) - width) :]


def tsv_field(value: str) -> str:
    """A value as one TSV field: backslash, tab and line ends escaped as ``\\\\``, ``\\t``,
    ``\\n`` and ``\\r``."""
    return value.translate(_TSV_ESCAPES)


# --- the index ----------------------------------------------------------------------------


def cache_index_path() -> Path | None:
    """The window's index, worked out without Qt: where ``QStandardPaths.CacheLocation`` puts
    it on Linux and other XDG systems. None where that cannot be told."""
    if sys.platform in ("win32", "darwin"):
        return None  # Qt's folders there are not worth guessing: a temporary index serves
    cache = os.environ.get("XDG_CACHE_HOME", "")
    try:
        # Qt, too, ignores a relative XDG_CACHE_HOME.
        base = Path(cache) if os.path.isabs(cache) else Path.home() / ".cache"
    except RuntimeError:  # no home folder to be found
        return None
    return base / ORGANIZATION / APP_ID / INDEX_FILE_NAME


def search(
    query: SearchQuery, paths: Sequence[str], encodings: Mapping[str, str], *, say: Say
) -> list[str]:
    """The paths of the articles among ``paths`` (files and folders) that match, in path
    order, after bringing the index up to date with them (reading files in ``encodings``, the
    reader's choices); ``say`` tells of files that cannot be read and of the index's
    troubles."""
    from viewer.core.index_location import IndexLocation

    roots = [os.path.abspath(path) for path in paths]
    location = IndexLocation(cache_index_path())
    try:
        if location.note:
            say(location.note)
        listed = refresh(location.path, roots, encodings, say)
        index = LibraryIndex(location.path)
        try:
            found = index.search(query.match, query.filters)
        finally:
            index.close()
        return sorted(path for path in found if path in listed)
    finally:
        location.remove()


def refresh(
    index_path: Path, roots: Sequence[str], encodings: Mapping[str, str], say: Say
) -> set[str]:
    """Bring the index in line with ``roots`` (their records and their texts); the paths of
    the readable articles among them."""
    from viewer.core.reconcile import reconcile

    for root in roots:
        if not os.path.lexists(root):
            say(f"{_shown(root)}: no such file or folder")
    present = [root for root in roots if os.path.lexists(root)]
    for step in reconcile(index_path, present, threading.Event(), encodings=encodings):
        for folder in step.unreadable:
            say(f"{_shown(folder)}: the folder cannot be read")
        if step.warning:
            say(step.warning)
    index = LibraryIndex(index_path)
    try:
        listed, todo = _listed(index, present, say)
        if todo:
            index_texts(index, todo, encodings, say)
    finally:
        index.close()
    return listed


def _listed(index: LibraryIndex, roots: Sequence[str], say: Say) -> tuple[set[str], list[str]]:
    """The articles of ``roots`` the index holds that could be read, and those of them whose
    text it lacks; the others are named, with why."""
    states: dict[str, tuple[str | None, bool]] = {}
    named = [root for root in roots if not os.path.isdir(root)]
    for root in roots:
        if root not in named:
            states.update(
                (path, (error, done)) for path, error, done in index.text_states_under(root)
            )
    lacking = set(index.needs_text(named))
    for row in index.rows_for(named):
        states[row[0]] = (row[ERROR_AT], row[0] not in lacking)
    for path in named:
        if path not in states:
            # A file the index keeps no row of could not even be looked at (a FIFO, say).
            states[path] = (_why_unread(path), True)
    listed: set[str] = set()
    todo: list[str] = []
    for path, (error, done) in sorted(states.items()):
        if error is None:
            listed.add(path)
            if not done:
                todo.append(path)
        elif error != NOT_TEXT:  # a file without an extension that is not text: no article
            say(f"{_shown(path)}: {error}")
    return listed, todo


def _why_unread(path: str) -> str:
    from viewer.core.parser import parse_file

    return parse_file(path, header_only=True).error or "could not be read"


def index_texts(
    index: LibraryIndex, paths: list[str], encodings: Mapping[str, str], say: Say
) -> None:
    """Read ``paths`` in full and index their texts, in worker processes when there are many
    (as the window's text indexer does, without its thread)."""
    from viewer.core.parser import parse_files

    parse = partial(parse_files, encodings=dict(encodings) or None)
    pool: WorkerPool[list[str], list[Article]] = WorkerPool(parse, parse, "text indexing")
    if len(paths) >= POOL_MIN_FILES:
        pool.start()
    never = threading.Event()
    try:
        for first in range(0, len(paths), TEXT_CHUNK):
            chunk = paths[first : first + TEXT_CHUNK]
            if pool.up():
                pool.submit(chunk)
                while pool.pending() > _IN_HAND:
                    _save(index, next(pool.rest(never)), say)
            else:
                _save(index, parse(chunk), say)
            for articles in pool.ready():
                _save(index, articles, say)
        for articles in pool.rest(never):
            _save(index, articles, say)
    finally:
        pool.close()


def _save(index: LibraryIndex, articles: list[Article], say: Say) -> None:
    try:
        index.index_text(articles)
    except LibraryIndexError:
        for article in articles:  # one article must not cost the others their place
            try:
                index.index_text([article])
            except LibraryIndexError as exc:
                say(f"{_shown(article.path)}: its text could not be indexed ({exc})")


# --- the contexts -------------------------------------------------------------------------


def read_found(
    paths: list[str], patterns: Sequence[re.Pattern[str]], encodings: Mapping[str, str]
) -> Iterator[Found]:
    """Each matching article, read again for its concordance lines, in the order of
    ``paths``: in worker processes when there are many (the window's concordance's work)."""
    chunks: list[Job] = [
        (list(enumerate(paths[first : first + READ_CHUNK], first)), patterns, encodings)
        for first in range(0, len(paths), READ_CHUNK)
    ]
    if len(paths) < POOL_MIN_FILES:
        for job in chunks:
            yield from _found(chunk_lines(job))
        return
    pool: WorkerPool[Job, Done] = WorkerPool(chunk_lines, chunk_lines, "reading contexts")
    pool.start()
    never = threading.Event()
    try:
        for job in chunks:
            if pool.up():
                pool.submit(job)
            else:  # not up yet (or failed): here, after what was handed out, in order
                for done in pool.rest(never):
                    yield from _found(done)
                yield from _found(chunk_lines(job))
            while pool.pending() > 8:  # a few in hand, so that the first rows print soon
                yield from _found(next(pool.rest(never)))
        for done in pool.rest(never):
            yield from _found(done)
    finally:
        pool.close()


def _found(done: Done) -> Iterator[Found]:
    return (Found(record, lines) for record, lines in done)


_SURROGATES = re.compile("[\ud800-\udfff]")


def _shown(path: str) -> str:
    """A path for a message: the bytes of a name that is not UTF-8 as ``\\xNN``."""
    if _SURROGATES.search(path) is None:
        return path
    return os.fsencode(path).decode("utf-8", "backslashreplace")
