#!/usr/bin/env python3
"""Saving article texts for search against a bare FTS5 insert of the same texts, in one run.

Usage: python benchmarks/bench_text_index.py DIR [--rounds R]
Every file of DIR is parsed in full first (not timed). Then, alternating, each round times:
  bare FTS5   the same four columns inserted into an FTS5 table made as the index makes its
              own (the same tokenizer), in one transaction, into a fresh database file
  the index   ``LibraryIndex.index_text`` in the text indexer's chunks, on a connection opened
              as the text indexer opens its own, into a fresh index that a listing (another
              connection) filled with the files' records
Both are timed until their connection is closed: whatever is left in the write-ahead log has
been copied into the database by then, as the bare insert's commit copies it all.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from viewer.core.article import Article
from viewer.core.article_files import iter_folder
from viewer.core.index import LibraryIndex
from viewer.core.parser import parse_file, parse_files
from viewer.library.text_indexer import TEXT_CHECKPOINT_PAGES, TEXT_CHUNK


def text_table(folder: Path) -> str:
    """The statement that makes the index's FTS5 table, as the index itself makes it."""
    LibraryIndex(folder / "schema.sqlite3").close()
    db = sqlite3.connect(folder / "schema.sqlite3")
    try:
        query = "SELECT sql FROM sqlite_master WHERE name = 'article_text'"
        return str(db.execute(query).fetchone()[0])
    finally:
        db.close()


def bare(articles: list[Article], folder: Path, table: str) -> float:
    """Seconds to insert the texts into a bare FTS5 table, in one transaction."""
    db = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(table)
    rows = [
        (n, a.title, a.section or "", " ".join(a.fields.values()), "\n".join(a.paragraphs))
        for n, a in enumerate(articles, 1)
    ]
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO article_text (rowid, title, section, fields, body) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - start


def ours(articles: list[Article], listed: list[Article], folder: Path) -> float:
    """Seconds for the index to take the texts, chunk by chunk, after a listing stored them."""
    listing = LibraryIndex(folder / "index.sqlite3")
    listing.store(listed)
    listing.close()
    index = LibraryIndex(folder / "index.sqlite3", checkpoint_pages=TEXT_CHECKPOINT_PAGES)
    start = time.perf_counter()
    for first in range(0, len(articles), TEXT_CHUNK):
        index.index_text(articles[first : first + TEXT_CHUNK])
    index.close()
    return time.perf_counter() - start


def main() -> None:
    """Alternate the two, several rounds, and print medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(iter_folder(args.folder))
    articles = parse_files(paths)
    listed = [parse_file(path, header_only=True) for path in paths]
    times: dict[str, list[float]] = {"bare FTS5 insert": [], "index_text": []}
    with tempfile.TemporaryDirectory() as folder:
        table = text_table(Path(folder))
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            times["bare FTS5 insert"].append(bare(articles, Path(folder), table))
        with tempfile.TemporaryDirectory() as folder:
            times["index_text"].append(ours(articles, listed, Path(folder)))
    base = statistics.median(times["bare FTS5 insert"])
    print(f"{len(paths):,} texts, median of {args.rounds} rounds")
    for name, runs in times.items():
        seconds = statistics.median(runs)
        print(f"{name:<18} {seconds:7.2f} s  {seconds / base:5.2f}x")
    each = zip(times["index_text"], times["bare FTS5 insert"], strict=True)
    print("each round         " + " ".join(f"{mine / theirs:.2f}x" for mine, theirs in each))
    print("target: index_text within 1.5x of the bare insert")


if __name__ == "__main__":
    main()
