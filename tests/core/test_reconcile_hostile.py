"""Reconciling hostile trees: files and folders that vanish mid-walk, folders that cannot be
read, FIFOs, names that are not UTF-8, link loops. A pass never raises and never hangs."""

import errno
import os
import shutil
import threading

import pytest
from conftest import disk_stamps, index_stamps, listed, reconciled

from viewer.core import article_files, folder_differences


def write(path, title="A story"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\nWorld\n\nPublished: 2021-01-01 10:00\n\nSome words.\n")
    return str(path)


def reconciled_in_time(index, roots, seconds=20):
    """A pass in a thread of its own, which must end within ``seconds`` (a FIFO read waits)."""
    done = []
    thread = threading.Thread(target=lambda: done.append(reconciled(index, roots)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, "reconciling hung"
    return done[0]


def walk_doing(monkeypatch, after_folder):
    """Make the pass's walk call ``after_folder(folder)`` once each folder is read, before
    the pass looks at its files."""
    walk = folder_differences.walk_article_folders

    def walking(*args):
        for folder, entries in walk(*args):
            after_folder(folder)
            yield folder, entries

    monkeypatch.setattr(folder_differences, "walk_article_folders", walking)


@pytest.mark.parametrize("known", [True, False], ids=["indexed", "new"])
def test_a_file_that_vanishes_between_the_walk_and_its_stat(tmp_path, monkeypatch, known):
    root = tmp_path / "news"
    kept = write(root / "a.txt")
    vanishing = root / "b.txt"
    index = tmp_path / "index.sqlite3"
    if known:
        write(vanishing)
        listed(index, [root])
    else:
        reconciled(index, [root])
        write(vanishing)
    walk_doing(monkeypatch, lambda folder: vanishing.unlink(missing_ok=True))
    step = reconciled(index, [root])
    assert step.finished and not step.added and not step.changed
    assert step.removed == ([str(vanishing)] if known else [])
    assert set(index_stamps(index)) == {kept}


def test_a_folder_that_vanishes_mid_walk_takes_its_rows(tmp_path, monkeypatch):
    root = tmp_path / "news"
    write(root / "a.txt")
    gone = sorted([write(root / "sub" / "b.txt"), write(root / "sub" / "deep" / "c.txt")])
    index = tmp_path / "index.sqlite3"
    listed(index, [root])
    # Read with the root, then gone before the walk gets to it.
    walk_doing(monkeypatch, lambda folder: shutil.rmtree(root / "sub", ignore_errors=True))
    step = reconciled(index, [root])
    assert step.finished and sorted(step.removed) == gone and not step.unreadable
    assert index_stamps(index) == disk_stamps(root)


def test_a_folder_that_cannot_be_read_keeps_its_rows(tmp_path, monkeypatch):
    root = tmp_path / "news"
    write(root / "a.txt")
    locked = root / "locked"
    below = sorted([write(locked / "b.txt"), write(locked / "deep" / "c.txt")])
    index = tmp_path / "index.sqlite3"
    listed(index, [root])
    read = article_files.read_article_folder

    def refusing(folder):
        if folder == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", folder)
        return read(folder)

    monkeypatch.setattr(article_files, "read_article_folder", refusing)
    step = reconciled(index, [root])
    assert step.finished and step.unreadable == [str(locked)] and not step.removed
    assert set(below) <= set(index_stamps(index))  # they may be right: they are kept


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_a_folder_without_permissions_keeps_its_rows(tmp_path):
    root = tmp_path / "news"
    write(root / "a.txt")
    locked = root / "locked"
    below = write(locked / "b.txt")
    index = tmp_path / "index.sqlite3"
    listed(index, [root])
    locked.chmod(0)
    try:
        step = reconciled(index, [root])
    finally:
        locked.chmod(0o755)
    assert step.finished and step.unreadable == [str(locked)] and not step.removed
    assert below in index_stamps(index)


def test_names_that_are_not_utf8(tmp_path):
    root = tmp_path / "news"
    write(root / "a.txt")
    folder = os.path.join(os.fsencode(root), b"dossi\xe9")
    os.makedirs(folder)
    for name in (b"caf\xe9.txt", b"na\xefve"):
        with open(os.path.join(folder, name), "w") as handle:
            handle.write("Un article\n\nMonde\n\nQuelques mots.\n")
    index = tmp_path / "index.sqlite3"
    step = reconciled(index, [root])
    assert len(step.added) == 3 and step.finished
    assert index_stamps(index) == disk_stamps(root)
    assert not reconciled(index, [root]).added  # known as they are
    os.remove(os.path.join(folder, b"caf\xe9.txt"))
    assert reconciled(index, [root]).removed == [os.fsdecode(os.path.join(folder, b"caf\xe9.txt"))]
    shutil.rmtree(folder)
    assert reconciled(index, [root]).removed == [os.fsdecode(os.path.join(folder, b"na\xefve"))]
    assert index_stamps(index) == disk_stamps(root)


def test_a_fifo_is_never_opened(tmp_path):
    root = tmp_path / "news"
    story = write(root / "a.txt")
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(root / "spool")  # no extension: a file there would be sniffed
    index = tmp_path / "index.sqlite3"
    step = reconciled_in_time(index, [root])
    assert step.finished and step.added == [story]
    # Named on its own, it is looked at, and read without waiting for a writer.
    step = reconciled_in_time(index, [root, root / "pipe.txt"])
    assert step.finished and set(index_stamps(index)) == {story}


def test_a_file_that_becomes_a_fifo(tmp_path):
    root = tmp_path / "news"
    write(root / "a.txt")
    index = tmp_path / "index.sqlite3"
    listed(index, [root])
    (root / "a.txt").unlink()
    os.mkfifo(root / "a.txt")
    step = reconciled_in_time(index, [root])
    assert step.finished and step.removed == [str(root / "a.txt")]


def test_link_loops_are_not_followed(tmp_path):
    root = tmp_path / "news"
    story = write(root / "sub" / "a.txt")
    os.symlink(root, root / "sub" / "loop")  # a folder link back up
    os.symlink(root / "x.txt", root / "y.txt")  # file links round in a circle
    os.symlink(root / "y.txt", root / "x.txt")
    os.symlink(root / "nowhere.txt", root / "broken.txt")
    index = tmp_path / "index.sqlite3"
    step = reconciled_in_time(index, [root])
    assert step.finished and step.added == [story]
    assert index_stamps(index) == disk_stamps(root)


@pytest.mark.parametrize(
    "root",
    ["missing", "with\0nul", "stray\ud800surrogate", "caf\udce9-missing"],
    ids=["missing", "nul", "stray surrogate", "undecodable"],
)
def test_roots_that_are_not_there(tmp_path, root):
    index = tmp_path / "index.sqlite3"
    step = reconciled(index, [str(tmp_path / root)])
    assert step.finished and step.warning is None
    assert (step.added, step.changed, step.removed) == ([], [], [])


def test_a_root_that_is_a_fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    step = reconciled_in_time(tmp_path / "index.sqlite3", [tmp_path / "pipe.txt"])
    assert step.finished and not step.added  # it cannot be read: no row says what it holds
