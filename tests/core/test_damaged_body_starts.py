"""A stored row whose body start is damaged, or a file changed in place without its
size or time changing, never makes opening raise or read past the file (guards; real files,
a real index)."""

import os
import sqlite3

import pytest

from viewer.core.index import LibraryIndex
from viewer.core.index_reader import IndexReader
from viewer.core.listed_reading import read_listed
from viewer.core.listing import list_known
from viewer.core.parser import parse_file

TEXT = "Title\n\nWorld\n\nPublished: 2024-03-01\n\nBody one.\n\nBody two.\n"


@pytest.mark.parametrize("body_at", [-5, -1, 10**15, 2**62, 2.5, 9.5, "abc", b"\x00", None])
def test_a_damaged_body_start_is_read_from_the_file(tmp_path, body_at):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    index_path = tmp_path / "i.sqlite3"
    index = LibraryIndex(index_path)
    index.store([parse_file(str(path), header_only=True)])
    index.close()
    with sqlite3.connect(index_path) as db:
        db.execute("UPDATE articles SET body_at = ?", (body_at,))
    reader = IndexReader(str(index_path), timeout=0.1)
    try:
        [record] = list_known([(str(path), False)], reader)
    finally:
        reader.close()
    assert read_listed(str(path), record, {})[1] == parse_file(str(path))


def test_a_file_changed_in_place_with_its_size_and_time_reads_safely(tmp_path):
    path = tmp_path / "a.md"
    fields = "".join(f"k{i}: value {i:04d}\n" for i in range(100))
    path.write_text(f"---\ntitle: Old title\n{fields}---\n\nFirst.\n\nSecond.\n")
    info = os.stat(path)
    listed = parse_file(str(path), header_only=True)
    before = path.read_text()

    def changed_in_place(text):
        assert len(text) == info.st_size
        path.write_text(text)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        stamp, article = read_listed(str(path), listed, {})
        assert stamp == (info.st_size, info.st_mtime_ns)
        return article

    # Past the first kilobyte (the content key), the same size: the record's header stays, and
    # the body is read from the line it says, a line late now: the file's own text all the same.
    merged = "k80: value 0080 and 0081 merged\n"
    article = changed_in_place(before.replace("k80: value 0080\nk81: value 0081\n", merged))
    assert article.title == "Old title"
    assert article.paragraphs == ("Second.",)
    # Fewer lines than the record's header: the file is parsed whole.
    article = changed_in_place(before[:1100] + "x" * (info.st_size - 1101) + "\n")
    assert article == parse_file(str(path))
