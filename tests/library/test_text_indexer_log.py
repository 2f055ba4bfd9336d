"""The text indexer lets the index's write-ahead log grow long, and copies it into the database
itself before it ends, so that the window's connection, open all along, never has to (real
files, a real index, the real indexing thread)."""

import shutil
import sqlite3

from viewer.core.index import LibraryIndex, SearchFilters
from viewer.core.parser import parse_file
from viewer.library.text_indexer import TextIndexer


def linked_in_file_alone(index_path, folder):
    """How many rows have a text document in the database file itself, its log left aside."""
    copy = folder / "copy.sqlite3"
    shutil.copyfile(index_path, copy)
    db = sqlite3.connect(copy)
    try:
        return db.execute("SELECT count(*) FROM articles WHERE doc_id > 0").fetchone()[0]
    finally:
        db.close()


def test_the_indexer_leaves_its_texts_in_the_database_file(qtbot, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    paths = []
    for n in range(5):
        path = folder / f"{n}.txt"
        path.write_text(f"Story {n}\n\nWorld\n\nPublished: 2021-01-01\n\nHarbour words {n}.\n")
        paths.append(str(path))
    index_path = tmp_path / "index.sqlite3"
    window = LibraryIndex(index_path, checkpoint_pages=0)  # as the window's search opens it
    window.store(parse_file(p, header_only=True) for p in paths)
    indexer = TextIndexer(paths, index_path)
    with qtbot.waitSignal(indexer.finished, timeout=10_000):
        indexer.start()
    indexer.wait()
    assert linked_in_file_alone(index_path, tmp_path) == len(paths)
    assert window.search('"harbour"', SearchFilters()) == set(paths)
    window.close()
