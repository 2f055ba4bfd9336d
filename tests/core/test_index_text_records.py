"""Indexing a text keeps the listing's record only when that record is whole; one the
listing could not finish (its header ran past the file's start) gives way to the full parse's,
as every record did before (real files, a real index)."""

import sqlite3

from conftest import index_row

from viewer.core.index import LibraryIndex, SearchFilters
from viewer.core.parser import parse_file


def stored(index_path, path):
    return index_row(index_path, path, "title, body_at, doc_id")


def test_a_record_the_listing_could_not_finish_is_replaced_by_the_full_parse(tmp_path):
    path = tmp_path / "long.md"
    # Front matter longer than the 16 KB a listing reads: it cannot tell it is front matter.
    path.write_text("---\ntitle: Real title\ndesc: " + "x" * 20000 + "\n---\n\nThe body.\n")
    listed = parse_file(str(path), header_only=True)
    full = parse_file(str(path))
    assert listed.body_line == -1 and full.body_line >= 0
    index_path = tmp_path / "i.sqlite3"
    index = LibraryIndex(index_path)
    index.store([listed])
    index.index_text([full])
    title, body_at, doc_id = stored(index_path, str(path))
    assert (title, doc_id) == ("Real title", 1)
    assert body_at is not None
    assert index.search('"body"', SearchFilters()) == {str(path)}
    index.index_text([full])  # indexed already: neither stored nor indexed again
    assert stored(index_path, str(path)) == (title, body_at, doc_id)
    with sqlite3.connect(index_path) as db:
        assert db.execute("SELECT count(*) FROM article_text").fetchone()[0] == 1
        assert db.execute("SELECT value FROM meta WHERE key = 'orphans'").fetchone()[0] == 0
