"""The persistent index: build, reopen, changes, deletions, and every way it can be broken."""

import os
import sqlite3
from datetime import datetime

import pytest
from conftest import index_row

from viewer.core.index import (
    LibraryIndex,
    SearchFilters,
    Stamp,
    article_from_row,
    stamp_of,
)
from viewer.core.index_reader import folder_bounds
from viewer.core.parser import parse_file
from viewer.core.search_query import parse_query


def write(folder, name, title, section="World", date="2021-01-01 10:00", body="Plain body."):
    path = folder / name
    path.write_text(f"{title}\n\n{section}\n\nPublished: {date}\n\n{body}\n")
    return str(path)


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    paths = [
        write(folder, "a.txt", "Harbour barrier opens", body="The tidal gates closed at noon."),
        write(
            folder,
            "b.txt",
            "Rail strike called off",
            "Business",
            "2022-05-01 09:00",
            body="Unions accepted the offer after talks.",
        ),
        write(
            folder,
            "c.txt",
            "Élections municipales",
            "World",
            "2020-03-15 08:00",
            body="Les électeurs ont voté dimanche.",
        ),
    ]
    return folder, paths


def build(db_path, paths):
    index = LibraryIndex(db_path)
    index.index_text([parse_file(p) for p in paths])
    return index


def test_build_and_reopen(tmp_path, library):
    folder, paths = library
    index = build(tmp_path / "index.sqlite3", paths)
    index.close()
    again = LibraryIndex(tmp_path / "index.sqlite3")
    assert again.warning is None
    assert again.count() == 3
    rows = again.rows_between(str(folder), *folder_bounds(str(folder)), through=False)
    assert [row[0] for row in rows] == sorted(paths)
    assert stamp_of(os.stat(paths[0])) == Stamp(rows[0][1], rows[0][2])
    assert article_from_row(rows[1]) == again.load([paths[1]])[0]
    (record,) = again.load([paths[1]])
    assert record.title == "Rail strike called off"
    assert record.section == "Business"
    assert record.published == datetime(2022, 5, 1, 9, 0)
    assert record.paragraphs == () and not record.has_body
    assert again.needs_text(paths) == []


def test_rows_between_are_the_folders_own_files_in_a_range(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "news-2").mkdir()
    own = sorted(write(folder, f"{n}.txt", f"Story {n}") for n in range(5))
    others = [
        write(folder / "sub", "x.txt", "Below"),
        write(tmp_path / "news-2", "y.txt", "Beside"),
    ]
    index = build(tmp_path / "i.sqlite3", own + others)

    def between(after, until, through):
        return [row[0] for row in index.rows_between(str(folder), after, until, through=through)]

    low, high = folder_bounds(str(folder))
    assert between(low, high, False) == own
    assert between(low, own[1], True) == own[:2]
    assert between(own[1], own[3], False) == own[2:3]
    assert between(own[3], high, False) == own[4:]
    assert [
        row[0]
        for row in index.rows_between(
            str(folder / "sub"), *folder_bounds(str(folder / "sub")), through=False
        )
    ] == [others[0]]


def test_files_of_vanished_folders_are_forgotten(tmp_path):
    root = tmp_path / "news"
    (root / "old").mkdir(parents=True)
    kept = write(root, "a.txt", "Kept")
    (root / "old" / "deep").mkdir()
    gone = [write(root / "old", "b.txt", "Gone"), write(root / "old" / "deep", "c.txt", "Gone too")]
    elsewhere = write(tmp_path, "d.txt", "Not below the root")
    index = build(tmp_path / "i.sqlite3", [kept, *gone, elsewhere])
    index.forget_folders_except(str(root), [str(root)])
    assert index.count() == 2
    assert {a.path for a in index.load([kept, *gone, elsewhere])} == {kept, elsewhere}


def test_search_words_phrases_prefixes_and_filters(tmp_path, library):
    _, paths = library
    index = build(tmp_path / "i.sqlite3", paths)

    def find(text):
        query = parse_query(text)
        return index.search(query.match, query.filters)

    assert find("tidal") == {paths[0]}
    assert find('"accepted the offer"') == {paths[1]}
    assert find('"offer accepted"') == set()
    assert find("uni*") == {paths[1]}
    assert find("electeurs") == {paths[2]}  # accents folded
    assert find("section:world") == {paths[0], paths[2]}
    assert find("after:2021-01-01") == {paths[0], paths[1]}
    assert find("before:2021-06-30 section:World") == {paths[0], paths[2]}
    assert find("talks -unions") == set()
    assert find("barrier") == {paths[0]}  # titles are indexed


def test_changed_file_is_stale_until_read_again(tmp_path, library):
    _, paths = library
    index = build(tmp_path / "i.sqlite3", paths)
    os.utime(paths[0], ns=(1, 1))
    write(tmp_path / "news", "a.txt", "Harbour barrier reopens", body="Now with seagulls.")
    fresh = parse_file(paths[0], header_only=True)
    index.store([fresh])
    assert index.needs_text(paths) == [paths[0]]
    assert index.search('"tidal"', SearchFilters()) == set()  # the old text is not returned
    index.index_text([parse_file(paths[0])])
    assert index.search('"seagulls"', SearchFilters()) == {paths[0]}


def test_deleted_file_is_forgotten(tmp_path, library):
    _, paths = library
    index = build(tmp_path / "i.sqlite3", paths)
    index.remove([paths[1]])
    assert index.count() == 2
    assert index.search('"unions"', SearchFilters()) == set()


def test_unreadable_file_is_not_retried(tmp_path, library):
    folder, paths = library
    binary = folder / "x.txt"
    binary.write_bytes(b"\x00\x01" * 100)
    index = build(tmp_path / "i.sqlite3", [*paths, str(binary)])
    assert index.needs_text([str(binary)]) == []


def test_corrupt_database_is_rebuilt(tmp_path, library):
    _, paths = library
    db = tmp_path / "i.sqlite3"
    db.write_bytes(b"this is not a database, just bytes" * 100)
    index = LibraryIndex(db)
    assert index.warning is not None and "rebuilt" in index.warning
    assert index.persistent
    index.index_text([parse_file(p) for p in paths])
    assert index.count() == 3


def test_outdated_schema_is_rebuilt(tmp_path):
    db = tmp_path / "i.sqlite3"
    old = sqlite3.connect(db)
    old.execute("CREATE TABLE articles (path TEXT)")
    old.execute("PRAGMA user_version = 999")
    old.commit()
    old.close()
    index = LibraryIndex(db)
    assert index.warning is not None and "another version" in index.warning
    assert index.count() == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_cache_folder_bypasses(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    index = LibraryIndex(cache / "i.sqlite3")
    assert not index.persistent
    assert index.warning


def test_cache_folder_that_is_a_file_bypasses(tmp_path, library):
    _, paths = library
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    index = LibraryIndex(blocker / "i.sqlite3")
    assert not index.persistent
    assert index.warning and "not saved" in index.warning
    index.index_text([parse_file(p) for p in paths])  # still works, in memory
    assert index.search('"tidal"', SearchFilters()) == {paths[0]}


def test_locked_database_bypasses_after_a_wait(tmp_path, library, monkeypatch):
    import viewer.core.index as module

    monkeypatch.setattr(module, "_BUSY_TIMEOUT", 0.1)
    db = tmp_path / "i.sqlite3"
    LibraryIndex(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        index = LibraryIndex(db)
        assert not index.persistent
        assert index.warning
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_worker_sends_stored_records_back_as_they_were_stored(tmp_path):
    from viewer.core.listing import folder_chunks, list_chunk, list_in_worker, records_of

    folder = tmp_path / "news"
    folder.mkdir()
    paths = [
        write(folder, "plain.txt", "Plain story"),
        write(folder, "undated.txt", "No date at all", date="sometime soon"),
    ]
    rich = folder / "rich.txt"
    rich.write_bytes(
        "Caf\u00e9 owners protest\n\nBusiness\n\nPublished: 2021-06-30 18:45\n\n"
        "Last Updated: 2021-07-01 08:00\n\nBy: A. Writer\n\nBody text.\n".encode("cp1252")
    )
    paths.append(str(rich))
    index_path = tmp_path / "i.sqlite3"
    index = LibraryIndex(index_path)
    records = [parse_file(p, header_only=True) for p in paths]
    index.store(records)
    index.close()
    (chunk,) = folder_chunks(str(folder), list(paths), frozenset())

    by_worker = list_in_worker(chunk, str(index_path))
    here = list_chunk(chunk, LibraryIndex(index_path))

    assert by_worker.read == 0 and here.read == 0
    assert all(type(r) is tuple for r in by_worker.records)  # rows, which pickle quickly
    assert records_of(by_worker) == here.records == sorted(records, key=lambda a: a.path)
    shown = {a.path: a for a in records_of(by_worker)}[str(rich)]
    assert shown.encoding == "cp1252" and shown.fields == {"by": "A. Writer"}
    assert shown.updated == datetime(2021, 7, 1, 8, 0)
    undated = {a.path: a for a in records_of(by_worker)}[paths[1]]
    assert undated.warnings and undated.published is None


def test_a_chunk_sent_to_a_worker_arrives_whole():
    import pickle

    from viewer.core.listing import ListingChunk, folder_chunks

    paths = [f"/news/{n:04d} caf\u00e9.txt" for n in range(5)]
    for chunk in [
        *folder_chunks("/news", paths, frozenset(paths[:1])),
        *folder_chunks("/e", [], frozenset()),
    ]:
        again = pickle.loads(pickle.dumps(chunk))
        assert again == chunk and isinstance(again, ListingChunk)


def test_records_without_fields_or_warnings_store_nothing_for_them(tmp_path, library):
    _folder, paths = library
    index = build(tmp_path / "i.sqlite3", paths)
    index.close()
    db = sqlite3.connect(tmp_path / "i.sqlite3")
    assert db.execute("SELECT DISTINCT fields, warnings FROM articles").fetchall() == [(None, None)]


def test_a_worker_sends_files_it_read_back_as_the_rows_it_stores(tmp_path, library):
    from viewer.core.listing import folder_chunks, list_chunk, list_in_worker, records_of

    folder, paths = library
    (folder / "d.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    (chunk,) = folder_chunks(str(folder), [*paths, str(folder / "d.txt")], frozenset())
    empty = tmp_path / "empty.sqlite3"
    LibraryIndex(empty).close()

    by_worker = list_in_worker(chunk, str(empty))
    here = list_chunk(chunk, LibraryIndex(tmp_path / "other.sqlite3"))

    assert by_worker.read == here.read == 4
    assert by_worker.new_rows == here.new_rows
    # Each record is the very row stored for it, which pickles once for both.
    assert all(any(r is row for row in by_worker.new_rows) for r in by_worker.records)
    assert records_of(by_worker) == here.records
    assert "binary" in (records_of(by_worker)[-1].error or "")


def test_damaged_rows_are_read_from_their_files_again(tmp_path):
    from viewer.core.listing import folder_chunks, list_chunk, list_in_worker, records_of

    folder = tmp_path / "news"
    folder.mkdir()
    paths = [write(folder, f"{n}.txt", f"Story {n}", body=f"Body {n}.") for n in range(4)]
    index_path = tmp_path / "i.sqlite3"
    index = LibraryIndex(index_path)
    index.store([parse_file(p, header_only=True) for p in paths])
    index.close()
    db = sqlite3.connect(index_path)
    db.execute("UPDATE articles SET fields = '{not json' WHERE path = ?", (paths[1],))
    db.execute("UPDATE articles SET published = 'yesterday-ish' WHERE path = ?", (paths[2],))
    db.commit()
    db.close()
    expected = [parse_file(p, header_only=True) for p in paths]
    (chunk,) = folder_chunks(str(folder), list(paths), frozenset())

    here = list_chunk(chunk, LibraryIndex(index_path))
    assert here.records == expected
    assert {row[0] for row in here.changed_rows} == {paths[1], paths[2]}  # to be mended

    by_worker = list_in_worker(chunk, str(index_path))
    assert records_of(by_worker) == expected


def test_indexing_a_text_keeps_the_listing_record_stored_for_it(tmp_path):
    path = tmp_path / "long.txt"
    # A stray control character past the first 16 KB: only a full parse sees it.
    head = "Long story\n\nWorld\n\nPublished: 2021-01-01\n\n"
    path.write_text(head + "Words.\n" * 4000 + "\x07\n")
    listed = parse_file(str(path), header_only=True)
    full = parse_file(str(path))
    assert listed.warnings != full.warnings
    index_path = tmp_path / "i.sqlite3"
    index = LibraryIndex(index_path)
    index.store([listed])
    before = index_row(index_path, str(path), "size, mtime_ns, title, warnings, doc_id")
    index.index_text([full])
    after = index_row(index_path, str(path), "size, mtime_ns, title, warnings, doc_id")
    assert after[:4] == before[:4]  # the listing's record, not stored again
    assert after[4] is not None and before[4] is None  # linked to its text now
    assert index.search('"words"', SearchFilters()) == {str(path)}


def test_the_text_of_a_file_changed_since_it_was_indexed_replaces_its_record(tmp_path, library):
    _, paths = library
    index_path = tmp_path / "i.sqlite3"
    index = build(index_path, paths)
    os.utime(paths[0], ns=(1, 1))
    write(tmp_path / "news", "a.txt", "Harbour barrier reopens", body="Now with seagulls.")
    index.index_text([parse_file(paths[0])])
    info = os.stat(paths[0])
    assert index_row(index_path, paths[0], "size, mtime_ns, title") == (
        info.st_size,
        info.st_mtime_ns,
        "Harbour barrier reopens",
    )
    assert index.search('"seagulls"', SearchFilters()) == {paths[0]}
    assert index.search('"tidal"', SearchFilters()) == set()
    with sqlite3.connect(index_path) as db:
        orphans = db.execute("SELECT value FROM meta WHERE key = 'orphans'").fetchone()[0]
    assert orphans == 1  # the old text's document, counted to be swept


def test_a_cold_listing_fills_the_index_with_more_cache_and_a_longer_log(tmp_path):
    from viewer.core.index import BULK_CACHE_KB, BULK_CHECKPOINT_PAGES, BULK_ROWS
    from viewer.core.index_rows import row_from_article

    folder = tmp_path / "news"
    folder.mkdir()
    paths = [write(folder, f"{n:04d}.txt", f"Story number {n}") for n in range(BULK_ROWS + 1)]
    articles = [parse_file(p, header_only=True) for p in paths]
    index = LibraryIndex(tmp_path / "index.sqlite3")
    index.store_rows([row_from_article(articles[0])], new=True)  # a few: settings unchanged
    assert index._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    index.store_rows([row_from_article(a) for a in articles[1:]], new=True)
    index.store_rows([row_from_article(articles[-1])], new=True)
    assert index._db.execute("PRAGMA cache_size").fetchone()[0] == -BULK_CACHE_KB
    assert index._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == BULK_CHECKPOINT_PAGES
    index.close()
    # Closing copied the log into the database: another connection finds every row there.
    wal = tmp_path / "index.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    again = LibraryIndex(tmp_path / "index.sqlite3")
    assert sorted(again.load(paths)) == sorted(articles)
    again.close()
    # A connection given a checkpoint of its own keeps it.
    own = LibraryIndex(tmp_path / "own.sqlite3", checkpoint_pages=0)
    own.store_rows([row_from_article(a) for a in articles], new=True)
    assert own._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    own.close()
