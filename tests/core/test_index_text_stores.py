"""Saving texts writes each file's row of the index once: its listing record is never stored
twice, whether the row takes only its text's link, a record the full parse made anew with the
link, or a name that is not valid UTF-8 comes after it (real files, a real index; a trigger in
the database counts the writes to each row)."""

import os
import sqlite3

import pytest

from viewer.core.index import LibraryIndex, SearchFilters
from viewer.core.parser import parse_file

UNDECODABLE = "caf\udce9.txt"  # the name b"caf\xe9.txt", which is not valid UTF-8


def article_file(folder, name, title, body):
    path = folder / name
    path.write_text(f"{title}\n\nWorld\n\nPublished: 2021-01-01 10:00\n\n{body}\n")
    return str(path)


def counting_writes(index_path):
    """Count, in the index file itself, each insert and update of a row of ``articles``."""
    db = sqlite3.connect(index_path)
    try:
        db.executescript(
            """
            CREATE TABLE row_writes (path BLOB);
            CREATE TRIGGER row_inserted AFTER INSERT ON articles
                BEGIN INSERT INTO row_writes VALUES (CAST(new.path AS BLOB)); END;
            CREATE TRIGGER row_updated AFTER UPDATE ON articles
                BEGIN INSERT INTO row_writes VALUES (CAST(new.path AS BLOB)); END;
            """
        )
    finally:
        db.close()


def writes(index_path):
    """Path → how many times its row was written since ``counting_writes``, and start again."""
    db = sqlite3.connect(index_path)
    try:
        rows = db.execute("SELECT path, count(*) FROM row_writes GROUP BY path").fetchall()
        db.execute("DELETE FROM row_writes")
        db.commit()
    finally:
        db.close()
    return {path.decode("utf-8", "surrogatepass"): count for path, count in rows}


def listed_index(tmp_path, paths):
    """An index that holds the listing records of ``paths``, counting writes from now on."""
    index_path = tmp_path / "index.sqlite3"
    index = LibraryIndex(index_path)
    index.store(parse_file(p, header_only=True) for p in paths)
    counting_writes(index_path)
    return index, index_path


@pytest.fixture
def folder(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    return news


def test_a_listed_text_takes_its_link_in_one_write(tmp_path, folder):
    paths = [article_file(folder, f"{n}.txt", f"Story {n}", f"Words of story {n}.") for n in "ab"]
    index, index_path = listed_index(tmp_path, paths)
    index.index_text([parse_file(p) for p in paths])
    assert writes(index_path) == dict.fromkeys(paths, 1)
    assert index.search('"words"', SearchFilters()) == set(paths)


def test_a_record_made_anew_is_stored_once_with_its_link(tmp_path, folder):
    changed = article_file(folder, "changed.txt", "Old title", "Old words.")
    # Front matter longer than the 16 KB a listing reads: the listing cannot finish its record.
    unfinished = folder / "long.md"
    unfinished.write_text("---\ntitle: Real title\ndesc: " + "x" * 20000 + "\n---\n\nDeep body.\n")
    plain = article_file(folder, "plain.txt", "Plain", "Plain words.")
    paths = [changed, str(unfinished), plain]
    index, index_path = listed_index(tmp_path, paths)
    article_file(folder, "changed.txt", "New title", "Brand new words.")
    os.utime(changed, ns=(1, 1))  # changed since the listing
    index.index_text([parse_file(p) for p in paths])
    assert writes(index_path) == dict.fromkeys(paths, 1)
    assert index.search('"brand"', SearchFilters()) == {changed}
    assert index.search('"deep"', SearchFilters()) == {str(unfinished)}
    assert [r.title for r in sorted(index.load(paths))] == ["New title", "Real title", "Plain"]
    assert index.needs_text(paths) == []


def test_a_name_that_is_not_utf8_costs_the_rows_before_it_no_second_write(tmp_path, folder):
    paths = [
        article_file(folder, "a.txt", "First", "First words."),
        article_file(folder, UNDECODABLE, "Second", "Second words."),
    ]
    index, index_path = listed_index(tmp_path, paths)
    index.index_text([parse_file(p) for p in paths])  # links only
    assert writes(index_path) == dict.fromkeys(paths, 1)
    assert index.search('"words"', SearchFilters()) == set(paths)

    unknown = [
        article_file(folder, "b.txt", "Third", "Third words."),
        article_file(folder, "caf\udce9-2.txt", "Fourth", "Fourth words."),
    ]
    index.index_text([parse_file(p) for p in unknown])  # records the index did not hold
    assert writes(index_path) == dict.fromkeys(unknown, 1)
    assert index.search('"fourth"', SearchFilters()) == {unknown[1]}


def test_listing_stores_a_record_once_before_a_name_that_is_not_utf8(tmp_path, folder):
    paths = [
        article_file(folder, "a.txt", "First", "First words."),
        article_file(folder, UNDECODABLE, "Second", "Second words."),
    ]
    index, index_path = listed_index(tmp_path, [])
    index.store(parse_file(p, header_only=True) for p in paths)
    assert writes(index_path) == dict.fromkeys(paths, 1)
    assert sorted(r.title for r in index.load(paths)) == ["First", "Second"]
