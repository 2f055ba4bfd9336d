"""Listing files against the library index, a chunk at a time, here or in a worker (no Qt).

A chunk is some files of one folder, in path order, with the range of paths the index may hold
for them. Listing it stats each file, takes the stored record of each unchanged one, reads the
header of each new or changed one, and finds the index's paths in the range that are gone. The
chunk and its result are plain data, so a worker process can list it as well as the loader's
own thread; only the loader writes to the index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, cast

from viewer.core.article import NOT_TEXT, Article
from viewer.core.article_files import needs_sniff
from viewer.core.encodings import codec_name
from viewer.core.index import Stamp, stamp_of
from viewer.core.index_reader import IndexReader, folder_bounds
from viewer.core.index_rows import (
    ERROR_AT,
    Row,
    article_from_row,
    decoded_row,
    row_from_article,
)

CHUNK_FILES = 2000  # files listed as one piece of work
FIRST_CHUNK_FILES = 50  # the first chunk of a listing is small, so the first rows come at once


class ListingChunk(NamedTuple):
    """Files to list: some files of one folder, or files named one by one (``folder`` None)."""

    folder: str | None
    paths: list[str]  # a folder's in path order
    after: str  # the index's rows with after < path < until belong to this chunk...
    until: str
    through: bool  # ...or with path <= until, when True
    skip: frozenset[str]  # listed already: neither listed again nor forgotten

    def __reduce__(self) -> tuple[Callable[..., ListingChunk], tuple[object, ...]]:
        # Sent to a worker, the paths go as one string: 2,000 strings pickle ten times slower.
        return _unpacked, (self.folder, "\0".join(self.paths), *self[2:])


def _unpacked(
    folder: str | None, paths: str, after: str, until: str, through: bool, skip: frozenset[str]
) -> ListingChunk:
    """A chunk from its pickled form (paths hold no NUL character)."""
    return ListingChunk(folder, paths.split("\0") if paths else [], after, until, through, skip)


@dataclass(slots=True)
class ListedChunk:
    """What listing a chunk found."""

    # In the chunk's order; with ``raw``, a record is the plain row it was read from the index
    # or stored to it as (``records_of`` makes them records).
    records: list[Article | Row] = field(default_factory=list)
    new_rows: list[Row] = field(default_factory=list)  # for files the index did not know
    changed_rows: list[Row] = field(default_factory=list)  # for files changed since indexed
    gone: list[str] = field(default_factory=list)  # indexed paths in range no longer there
    read: int = 0  # files read, because the index had no up-to-date record of them
    hidden: int = 0  # stored rows of files known not to be text, met and not listed
    dropped: int = 0  # files read and found not to be text, so not listed


class RowSource(Protocol):
    """Where stored rows come from: the loader's index, or a worker's reader."""

    def rows_between(self, folder: str, after: str, until: str, *, through: bool) -> list[Row]:
        """Rows of a folder's files in a range of paths, in path order."""
        ...

    def rows_for(self, paths: Sequence[str]) -> list[Row]:
        """Rows of some paths."""
        ...


def folder_chunks(
    folder: str, paths: list[str], skip: frozenset[str], *, first: bool = False
) -> Iterator[ListingChunk]:
    """Chunks covering a folder's files (sorted here) and every path the index may hold in it.

    ``first``: the folder is the first of a listing, so its first chunk is a small one.
    """
    paths.sort()
    low, high = folder_bounds(folder)
    start, after = 0, low
    size = FIRST_CHUNK_FILES if first else CHUNK_FILES
    while True:
        part = paths[start : start + size]
        start += len(part)
        last = start >= len(paths)
        until = high if last else part[-1]
        chunk_skip = skip.intersection(part) if skip else skip
        yield ListingChunk(folder, part, after, until, not last, chunk_skip)
        if last:
            return
        after, size = until, CHUNK_FILES


def named_chunk(paths: list[str], skip: frozenset[str]) -> ListingChunk:
    """The chunk of files named one by one, in the order given."""
    return ListingChunk(None, paths, "", "", False, skip.intersection(paths))


def stat_paths(paths: Sequence[str]) -> list[Stamp | None]:
    """The stamp of each path, None for one that cannot be looked at (gone, say)."""
    stamps: list[Stamp | None] = []
    for path in paths:
        try:
            info = os.stat(path)
        except (OSError, ValueError):  # ValueError: a NUL or a stray surrogate in a named path
            stamps.append(None)
        else:
            stamps.append(stamp_of(info))
    return stamps


def list_chunk(
    chunk: ListingChunk,
    source: RowSource | None,
    *,
    pause: Callable[[], object] | None = None,
    raw: bool = False,
    encodings: Mapping[str, str] | None = None,
) -> ListedChunk:
    """List one chunk, reading stored rows from ``source`` (None: read every file).

    ``pause`` is called before each file is read, to let the caller wait there a moment.
    ``raw`` leaves stored records as rows, their JSON decoded (see ``records_of``): a worker
    sends those back at less than half the cost of an ``Article``, whose dates pickle slowly.
    ``encodings`` are the reader's choices (content key → codec): files are read in them, and
    a stored row read in another encoding is read again.
    """
    # The stamps first, in one pass of system calls: the merge below is then Python alone.
    stamps = stat_paths(chunk.paths)
    if chunk.folder is None:
        return _list_named(chunk, source, stamps, encodings)
    rows = iter(
        source.rows_between(chunk.folder, chunk.after, chunk.until, through=chunk.through)
        if source is not None
        else ()
    )
    result = ListedChunk()
    row = next(rows, None)
    for path, stamp in zip(chunk.paths, stamps, strict=True):
        while row is not None and row[0] < path:
            result.gone.append(row[0])  # indexed, but no longer in the folder
            row = next(rows, None)
        indexed = None
        if row is not None and row[0] == path:
            indexed, row = row, next(rows, None)
        if path in chunk.skip:
            continue
        if stamp is None:
            if indexed is not None:
                result.gone.append(path)
            continue  # vanished since the folder was read
        if (
            indexed is not None
            and (indexed[1], indexed[2]) == stamp
            and not (encodings and _read_otherwise(indexed, encodings))
        ):
            if indexed[ERROR_AT] == NOT_TEXT:
                result.hidden += 1  # known not to be an article
                continue
            try:
                result.records.append(decoded_row(indexed) if raw else article_from_row(indexed))
                continue
            except (ValueError, TypeError):  # a damaged row: its file is read and it is mended
                pass
        if pause is not None:
            pause()
        sniff = needs_sniff(os.path.basename(path))
        _read(path, indexed is not None, result, raw, encodings, sniff=sniff)
    while row is not None:
        result.gone.append(row[0])
        row = next(rows, None)
    return result


def records_of(listed: ListedChunk, encodings: Mapping[str, str] | None = None) -> list[Article]:
    """The records of a listed chunk, stored rows made records (``encodings`` as listed)."""
    # A record is an Article, a tuple subclass; a row is a tuple itself.
    try:
        return [
            article_from_row(r) if r.__class__ is tuple else cast(Article, r)
            for r in listed.records
        ]
    except (ValueError, TypeError):  # a damaged row (its dates, say): its file tells
        return [
            _record(r, encodings) if r.__class__ is tuple else cast(Article, r)
            for r in listed.records
        ]


def _record(row: Row, encodings: Mapping[str, str] | None) -> Article:
    try:
        return article_from_row(row)
    except (ValueError, TypeError):
        from viewer.core.parser import parse_file  # here: records from the index need no parser

        return parse_file(row[0], header_only=True, encodings=encodings)


def _read_otherwise(row: Row, encodings: Mapping[str, str]) -> bool:
    """True when the reader chose an encoding for a stored row's article other than the one
    it was read in: the row was stored before the choice, and must not win over it."""
    chosen = encodings.get(row[13])  # its content key
    if chosen is None:
        return False
    normal = codec_name(chosen)
    return normal is not None and normal != row[10]  # its encoding


def _list_named(
    chunk: ListingChunk,
    source: RowSource | None,
    stamps: Sequence[Stamp | None],
    encodings: Mapping[str, str] | None,
) -> ListedChunk:
    """Files named one by one: listed whatever their name, even when they cannot be read."""
    known = {row[0]: row for row in source.rows_for(chunk.paths)} if source is not None else {}
    result = ListedChunk()
    for path, stamp in zip(chunk.paths, stamps, strict=True):
        if path in chunk.skip:
            continue
        indexed = known.get(path)
        # A file that cannot be looked at is read all the same: reading it says why.
        if (
            indexed is not None
            and (indexed[1], indexed[2]) == stamp
            and not (encodings and _read_otherwise(indexed, encodings))
        ):
            try:
                result.records.append(article_from_row(indexed))
                continue
            except (ValueError, TypeError):  # a damaged row: as in list_chunk
                pass
        _read(path, indexed is not None, result, False, encodings, sniff=False)
    return result


def list_known(
    files: Sequence[tuple[str, bool]],
    source: RowSource,
    encodings: Mapping[str, str] | None = None,
) -> list[Article]:
    """The records of a few files, each with whether it must sniff as text: the index's for
    those unchanged since it stored them, the header read for the others. Files known not to
    be text come back as such (``NOT_TEXT``), for the caller to leave out."""
    known = {row[0]: row for row in source.rows_for([path for path, _sniff in files])}
    records: list[Article] = []
    for path, sniff in files:
        indexed = known.get(path)
        if indexed is not None and not (encodings and _read_otherwise(indexed, encodings)):
            try:
                if (indexed[1], indexed[2]) == stamp_of(os.stat(path)):
                    records.append(article_from_row(indexed))
                    continue
            except (OSError, ValueError, TypeError):  # reading it says why; a damaged row
                pass
        from viewer.core.parser import parse_file  # here: the index's records need no parser

        records.append(parse_file(path, header_only=True, sniff=sniff, encodings=encodings))
    return records


def _read(
    path: str,
    indexed: bool,
    result: ListedChunk,
    raw: bool,
    encodings: Mapping[str, str] | None,
    *,
    sniff: bool,
) -> None:
    from viewer.core.parser import parse_file  # here: a start that reads no file never loads it

    article = parse_file(path, header_only=True, sniff=sniff, encodings=encodings)
    result.read += 1
    if not article.mtime_ns:  # a file that could not be read is not kept
        result.records.append(article)
        return
    row = row_from_article(article)
    (result.changed_rows if indexed else result.new_rows).append(row)
    if article.error == NOT_TEXT:
        result.dropped += 1
        return  # kept in the index, so that it is not read again, and never listed
    # With ``raw``, the record is its row: pickled once for both lists, and seven times faster
    # to send back than an Article.
    result.records.append(row if raw else article)


def header_rows(
    paths: Sequence[str], encodings: Mapping[str, str] | None = None, *, named: bool = False
) -> tuple[list[Row], list[str]]:
    """The rows of the headers of files, and the paths of those that could not be read.

    Files found in a folder without an extension must read as text to count (``named``: each
    was named one by one, and counts whatever its name); those that do not have a row that
    says so (``NOT_TEXT``), so that they are not read again until they change.
    """
    from viewer.core.parser import parse_file

    rows: list[Row] = []
    failed: list[str] = []
    for path in paths:
        sniff = not named and needs_sniff(os.path.basename(path))
        article = parse_file(path, header_only=True, sniff=sniff, encodings=encodings)
        if article.mtime_ns:
            rows.append(row_from_article(article))
        else:  # it could not be read: a record without a time is never stored
            failed.append(path)
    return rows, failed


# --- in a worker process ---------------------------------------------------------------------

_readers: dict[str | None, IndexReader] = {}


def list_elsewhere(
    chunk: ListingChunk, index_path: str | None, encodings: Mapping[str, str] | None = None
) -> ListedChunk:
    """``list_chunk`` with a connection of its own, for a chunk a worker failed to list."""
    return list_chunk(chunk, IndexReader(index_path), encodings=encodings)


def list_in_worker(
    chunk: ListingChunk, index_path: str | None, encodings: Mapping[str, str] | None = None
) -> ListedChunk:
    """``list_chunk`` for a worker process, with a read-only connection kept between chunks."""
    reader = _readers.get(index_path)
    if reader is None:
        reader = _readers[index_path] = IndexReader(index_path)
    return list_chunk(chunk, reader, raw=True, encodings=encodings)


def listing_record(article: Article) -> Article:
    """The list keeps headers only: drop the body of a fully parsed record."""
    return article._replace(paragraphs=(), has_body=False, blocks=(), source="")
