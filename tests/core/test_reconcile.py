"""Reconciling the index with the disk: what a pass finds and applies, on real files."""

import os
import shutil
import threading

import pytest
from conftest import disk_stamps, index_rows, index_stamps, listed, reconciled

from viewer.core import reconcile as reconcile_module
from viewer.core.index import LibraryIndex
from viewer.core.parser import NOT_TEXT, parse_file


def write(path, title="A story", body="Some words of it.", mtime_ns=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\nWorld\n\nPublished: 2021-01-01 10:00\n\n{body}\n")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return str(path)


@pytest.fixture
def tree(tmp_path):
    """A library of a few folders, listed into an index."""
    root = tmp_path / "news"
    for name in ("a.txt", "b.md", "sub/c.txt", "sub/deep/d.txt", "other/e.txt"):
        write(root / name, title=f"Story {name}")
    index = tmp_path / "index.sqlite3"
    listed(index, [root])
    return root, index


def test_nothing_changed_changes_nothing(tree):
    root, index = tree
    before = index_rows(index)
    step = reconciled(index, [root])
    assert step.finished and step.warning is None
    assert (step.added, step.changed, step.removed) == ([], [], [])
    assert step.folders_done == 4 and step.files_checked == 5
    assert sorted(step.folders) == sorted(  # what the window then watches
        str(root / sub) for sub in ("", "sub", "sub/deep", "other")
    )
    assert index_rows(index) == before


def test_a_file_added_changed_and_removed(tree):
    root, index = tree
    added = write(root / "sub" / "new.txt", title="Fresh story")
    (root / "a.txt").write_text("Longer now\n\nWorld\n\nIt grew by a line or two.\n")
    os.remove(root / "b.md")
    step = reconciled(index, [root])
    assert step.added == [added]
    assert step.changed == [str(root / "a.txt")]
    assert step.removed == [str(root / "b.md")]
    assert index_stamps(index) == disk_stamps(root)
    (record,) = LibraryIndex(index).load([str(root / "a.txt")])
    assert record.title == "Longer now"


def test_a_file_changed_in_time_alone_is_read_again(tree):
    root, index = tree
    path = root / "sub" / "c.txt"
    info = os.stat(path)
    path.write_text(path.read_text().replace("Story", "Stary"))  # the same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    step = reconciled(index, [root])
    assert step.changed == [str(path)] and not step.added and not step.removed
    assert LibraryIndex(index).load([str(path)])[0].title == "Stary sub/c.txt"


def test_a_subfolder_removed_takes_its_rows_and_those_below(tree):
    root, index = tree
    shutil.rmtree(root / "sub")
    step = reconciled(index, [root])
    assert sorted(step.removed) == [str(root / "sub" / "c.txt"), str(root / "sub/deep/d.txt")]
    assert index_stamps(index) == disk_stamps(root)


def test_a_subfolder_added_is_read(tree):
    root, index = tree
    paths = [write(root / "sub" / "new" / f"{n}.txt") for n in range(3)]
    step = reconciled(index, [root])
    assert sorted(step.added) == paths
    assert index_stamps(index) == disk_stamps(root)


def test_a_subfolder_hidden_since_is_gone_as_the_listing_would_have_it(tree):
    root, index = tree
    (root / "other").rename(root / ".other")
    step = reconciled(index, [root])
    assert step.removed == [str(root / "other" / "e.txt")]


def test_the_index_then_holds_what_a_fresh_listing_would(tree, tmp_path):
    root, index = tree
    write(root / "sub" / "new.txt", title="Fresh story")
    write(root / "added" / "x.md", title="In a new folder")
    (root / "a.txt").write_text("Longer now\n\nWorld\n\nIt grew by a line or two.\n")
    os.remove(root / "b.md")
    shutil.rmtree(root / "sub" / "deep")
    (root / "1042").write_bytes(b"\x00\x01\x02 not text at all")  # sniffed, as the listing does
    (root / "1043").write_text("A spool story\n\nIts body.\n")
    reconciled(index, [root])
    fresh = tmp_path / "fresh.sqlite3"
    listed(fresh, [root])
    assert index_rows(index) == index_rows(fresh)


def test_files_without_an_extension_that_are_not_text_are_kept_as_such(tree):
    root, index = tree
    (root / "1042").write_bytes(b"\x00\x01\x02 not text at all")
    step = reconciled(index, [root])
    assert step.added == step.not_text == [str(root / "1042")]
    assert LibraryIndex(index).rows_for([str(root / "1042")])[0][12] == NOT_TEXT
    assert not reconciled(index, [root]).added  # known, so not read again


def test_files_named_on_their_own_count_whatever_their_name(tmp_path):
    root = tmp_path / "news"
    named = [root / "README", root / "1042"]  # one is never listed, one would be sniffed
    root.mkdir()
    for path in named:
        path.write_bytes(b"\x00\x01 binary, but named")
    story = write(root / "a.txt")
    index = tmp_path / "index.sqlite3"
    roots = [root, *named]
    step = reconciled(index, roots)
    assert sorted(step.added) == sorted([*map(str, named), story]) and not step.not_text
    fresh = tmp_path / "fresh.sqlite3"
    listed(fresh, roots)
    # A listing stores README's row, then its folder's chunk finds it among the folder's rows
    # and not among its files, and forgets it; the pass keeps it, as the file is opened.
    readme = os.fsencode(named[0])
    assert [row for row in index_rows(index) if row[0] != readme] == index_rows(fresh)
    # The folder's pass leaves the named files to their own: neither read nor gone twice.
    again = reconciled(index, roots)
    assert (again.added, again.changed, again.removed) == ([], [], [])
    named[0].unlink()
    assert reconciled(index, roots).removed == [str(named[0])]


def test_a_root_inside_another_is_its_own(tmp_path):
    root = tmp_path / "news"
    hidden = write(root / ".drafts" / "draft.txt")  # a listing of the root leaves it out
    index = tmp_path / "index.sqlite3"
    step = reconciled(index, [root, root / ".drafts"])
    assert step.added == [hidden]
    assert not reconciled(index, [root, root / ".drafts"]).removed
    assert reconciled(index, [root]).removed == [hidden]  # opened without it now


def test_a_folder_opened_with_the_folder_above_it_is_compared_once(tree):
    root, index = tree
    added = write(root / "sub" / "new.txt")
    os.remove(root / "sub" / "deep" / "d.txt")
    step = reconciled(index, [root, root / "sub"])
    assert step.added == [added] and step.removed == [str(root / "sub/deep/d.txt")]
    assert step.folders_done == 4
    assert index_stamps(index) == disk_stamps(root)


def test_a_vanished_root_takes_its_rows(tree):
    root, index = tree
    shutil.rmtree(root)
    step = reconciled(index, [root])
    assert step.finished and len(step.removed) == 5
    assert index_stamps(index) == {}


def test_many_files_are_read_in_worker_processes(tmp_path, monkeypatch):
    root = tmp_path / "news"
    paths = sorted(write(root / f"{n // 10}" / f"{n:02}.txt", f"Story {n}") for n in range(40))
    started = []

    class WaitedFor(reconcile_module.WorkerPool):
        def start(self):
            super().start()
            started.append(self.wait_until_up(30))  # so that the batches go to the workers

    monkeypatch.setattr(reconcile_module, "WorkerPool", WaitedFor)
    monkeypatch.setattr(reconcile_module, "POOL_MIN_READS", 5)
    monkeypatch.setattr(reconcile_module, "READ_BATCH", 4)
    index = tmp_path / "index.sqlite3"
    step = reconciled(index, [root])
    assert started and all(started)
    assert sorted(step.added) == paths
    fresh = tmp_path / "fresh.sqlite3"
    listed(fresh, [root])
    assert index_rows(index) == index_rows(fresh)


def test_removing_a_file_with_a_text_document_orphans_it(tree):
    root, index = tree
    path = str(root / "a.txt")
    library = LibraryIndex(index)
    library.index_text([parse_file(path)])
    orphans = library._run("SELECT value FROM meta WHERE key='orphans'")[0][0]
    os.remove(path)
    (root / "b.md").write_text("# Changed\n\nSo its document is an orphan too.\n")
    library.index_text([parse_file(str(root / "b.md"))])
    os.utime(root / "b.md", ns=(1, 1))
    reconciled(index, [root])
    again = library._run("SELECT value FROM meta WHERE key='orphans'")[0][0]
    assert again == orphans + 2


def test_cancelled_it_stops_and_keeps_what_it_applied(tmp_path):
    root = tmp_path / "news"
    for folder in range(5):
        for n in range(3):
            write(root / f"{folder}" / f"{n}.txt")
    index = tmp_path / "index.sqlite3"
    cancelled = threading.Event()
    steps = []
    for step in reconcile_module.reconcile(index, [str(root)], cancelled):
        steps.append(step)
        cancelled.set()  # after the first folder
    assert len(steps) == 2 and not steps[-1].finished
    assert steps[0].folders_done == 1
    applied = {p for step in steps for p in step.added}
    assert set(index_stamps(index)) == applied
    assert len(applied) < 15
    step = reconciled(index, [root])
    assert step.finished and index_stamps(index) == disk_stamps(root)


def test_cancelled_before_it_starts_it_applies_nothing(tree):
    root, index = tree
    write(root / "new.txt")
    cancelled = threading.Event()
    cancelled.set()
    step = reconciled(index, [root], cancelled)
    assert not step.finished and not step.added
    assert str(root / "new.txt") not in index_stamps(index)


def test_changes_are_applied_as_the_pass_goes_once_they_wait_long_enough(tmp_path, monkeypatch):
    root = tmp_path / "news"
    for folder in range(3):
        write(root / f"{folder}" / "a.txt")
    monkeypatch.setattr(reconcile_module, "FLUSH_SECONDS", 0)
    index = tmp_path / "index.sqlite3"
    steps = list(reconcile_module.reconcile(index, [str(root)], threading.Event()))
    # One step a folder (the root first, with no files), each with its own: none waits for
    # the end.
    assert [len(step.added) for step in steps] == [0, 1, 1, 1, 0]


def test_an_index_that_cannot_be_used_ends_the_pass_with_a_warning(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    step = reconciled(tmp_path / "a-file" / "index.sqlite3", [tmp_path])
    assert step.warning and not step.finished
