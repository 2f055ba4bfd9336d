"""A folder's own rows in the index, found among any number of its subfolders' rows: what
``rows_between`` gives is what filtering every row by hand gives (a real index)."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.article import Article
from viewer.core.index import LibraryIndex
from viewer.core.index_reader import folder_bounds

# Names that sort around the separator ("-" and "." before it, "0" just after it), and one
# that is not valid UTF-8 (a surrogate escape).
name = st.text(alphabet="ab-.0_\udce9", min_size=1, max_size=4)
relative = st.lists(name, min_size=1, max_size=3).map(os.sep.join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paths=st.sets(relative, min_size=1, max_size=300),
    cut=st.tuples(st.integers(0, 300), st.integers(0, 300)),
    through=st.booleans(),
)
def test_a_folders_own_rows_are_found_among_its_subfolders(tmp_path_factory, paths, cut, through):
    root = str(tmp_path_factory.mktemp("library") / "news")
    full = sorted(os.path.join(root, p) for p in paths)
    index = LibraryIndex(None)
    index.store([Article(path=p, title="t", size=1, mtime_ns=1) for p in full])
    own = [p for p in full if os.sep not in p[len(root) + 1 :]]
    low, high = folder_bounds(root)
    # A range within the folder's bounds, as listing a chunk of its files asks for.
    marks = sorted([low, *full, high])
    after = marks[min(cut[0], len(marks) - 1)]
    until = marks[min(max(cut), len(marks) - 1)]
    if until < after:
        after, until = until, after
    expected = [p for p in own if after < p and (p <= until if through else p < until)]
    rows = index.rows_between(root, after, until, through=through)
    assert [row[0] for row in rows] == expected


def test_a_folder_of_many_subfolders_is_looked_through_a_subfolder_at_a_time(tmp_path):
    root = str(tmp_path / "news")
    index = LibraryIndex(None)
    below = [os.path.join(root, f"{d:03}", f"{n:04}.txt") for d in range(200) for n in range(50)]
    own = [os.path.join(root, f"{d:03}.txt") for d in range(0, 200, 40)]
    index.store([Article(path=p, title="t", size=1, mtime_ns=1) for p in below + own])
    reads = []
    index._db.set_trace_callback(reads.append)  # every statement the index runs
    rows = index.rows_between(root, *folder_bounds(root), through=False)
    assert [row[0] for row in rows] == sorted(own)
    # About two statements a subfolder, not ten thousand rows read through.
    assert len(reads) < 3 * 200


def test_rows_as_expected_are_taken_whole_and_any_others_looked_through(tmp_path):
    root = str(tmp_path / "news")
    index = LibraryIndex(None)
    own = [os.path.join(root, f"{n}.txt") for n in ("a", "c")]
    below = os.path.join(root, "b", "x.txt")  # sorts between them
    index.store([Article(path=p, title="t", size=1, mtime_ns=1) for p in own])
    expected = {(p, 1, 1) for p in own}
    scan = index.stamps_in(root, expected)
    assert scan.expected and scan.subfolders == []
    index.store([Article(path=below, title="t", size=1, mtime_ns=1)])
    scan = index.stamps_in(root, expected)
    assert not scan.expected and scan.subfolders == [os.path.join(root, "b")]
    assert [row for run in scan.runs for row in run] == sorted(expected)
    assert not index.stamps_in(root, {(own[0], 1, 2), (own[1], 1, 1)}).expected
