#!/usr/bin/env python3
"""Saving article texts for search against a bare FTS5 insert of the same texts, in one run.

Usage: python benchmarks/bench_text_index.py DIR [--rounds R]
Every file of DIR is parsed in full first (not timed). Then, alternating, each round times:
  bare FTS5   the same four columns inserted into an FTS5 table of the same tokenizer, in one
              transaction, into a fresh database file
  the index   ``LibraryIndex.index_text`` in the text indexer's chunks, into a fresh index that
              holds the files' listing records already, as after a listing
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
from viewer.library.text_indexer import TEXT_CHUNK

_FTS = (
    "CREATE VIRTUAL TABLE article_text USING fts5(title, section, fields, body, "
    "content='', tokenize='unicode61 remove_diacritics 2')"
)


def bare(articles: list[Article], folder: Path) -> float:
    """Seconds to insert the texts into a bare FTS5 table, in one transaction."""
    db = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(_FTS)
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
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def ours(articles: list[Article], listed: list[Article], folder: Path) -> float:
    """Seconds for the index to take the texts, chunk by chunk, after a listing stored them."""
    index = LibraryIndex(folder / "index.sqlite3")
    index.store(listed)
    start = time.perf_counter()
    for first in range(0, len(articles), TEXT_CHUNK):
        index.index_text(articles[first : first + TEXT_CHUNK])
    seconds = time.perf_counter() - start
    index.close()
    return seconds


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
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            times["bare FTS5 insert"].append(bare(articles, Path(folder)))
        with tempfile.TemporaryDirectory() as folder:
            times["index_text"].append(ours(articles, listed, Path(folder)))
    base = statistics.median(times["bare FTS5 insert"])
    print(f"{len(paths):,} texts, median of {args.rounds} rounds")
    for name, runs in times.items():
        seconds = statistics.median(runs)
        print(f"{name:<18} {seconds:7.2f} s  {seconds / base:5.2f}x")
    print("target: index_text within 1.5x of the bare insert")


if __name__ == "__main__":
    main()
