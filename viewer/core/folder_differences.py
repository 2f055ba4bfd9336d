"""How opened folders and files on disk differ from the library index, folder by folder (no Qt).

The walk is the listing's (``walk_article_folders``): the same names, hidden entries and
symbolic links to folders left out. Each file is stat'ed and its stamp compared with the one
the index holds for it, read a folder at a time over the path key. Nothing is read or written
here: ``reconcile`` applies what this finds.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from viewer.core.article_files import walk_article_folders
from viewer.core.index import LibraryIndex
from viewer.core.index_reader import prefix_range
from viewer.core.listing import stat_paths


@dataclass(slots=True)
class FolderDiff:
    """How one folder differs from the index (``folder`` None: the files named one by one)."""

    folder: str | None
    new: list[str] = field(default_factory=list)  # on disk, unknown to the index
    changed: list[str] = field(default_factory=list)  # size or time differ from the index's
    gone: list[str] = field(default_factory=list)  # in the index, no longer on disk
    checked: int = 0  # files looked at on disk
    readable: bool = True  # False: the folder could not be read, and its rows are kept


def differences(
    index: LibraryIndex, roots: Sequence[str], cancelled: threading.Event
) -> Iterator[FolderDiff]:
    """Each folder below the folders of ``roots`` as it differs from ``index``, then the
    subfolders that vanished, then the files named in ``roots``; stops once ``cancelled``.

    Raises ``LibraryIndexError`` only when the index fails; the disk never makes it raise.
    """
    roots = list(dict.fromkeys(roots))  # a root named twice is looked at once
    named = [root for root in roots if not os.path.isdir(root)]
    done: set[str] = set()  # folders compared already: roots may hold one another
    for root in roots:
        if root not in named:
            yield from _root_differences(index, root, roots, done, cancelled)
        if cancelled.is_set():
            return
    if named:
        yield _named_differences(index, named)


def _root_differences(
    index: LibraryIndex,
    root: str,
    roots: Sequence[str],
    done: set[str],
    cancelled: threading.Event,
) -> Iterator[FolderDiff]:
    """The differences of the folders below one root folder, and of those gone from it."""
    kept = _kept_apart(root, roots)
    folders: list[str] = []  # every folder the walk went to, read or not
    unreadable: list[str] = []
    met: list[str] = []  # subfolders the index holds files in
    for folder, entries in walk_article_folders(root, folders, unreadable):
        yield from _unreadable_differences(index, unreadable, kept)
        if folder in done or (kept and _held_apart(folder, kept)):
            continue  # compared already, or another root's to compare
        done.add(folder)
        if kept:  # a file another root holds is neither looked at here nor gone from here
            entries = [entry for entry in entries if not _held_apart(entry.path, kept)]
        diff, subfolders = _folder_differences(index, folder, entries)
        met.extend(subfolders)
        diff.gone = _unkept(diff.gone, kept)
        yield diff
        if cancelled.is_set():
            return
    yield from _unreadable_differences(index, unreadable, kept)
    # A subfolder the index knows and the walk did not go to is gone, with everything below
    # it; or it is hidden now, or a link, which the listing does not follow either.
    walked = set(folders)
    for subfolder in met:
        if subfolder not in walked and subfolder not in done:
            done.add(subfolder)
            yield FolderDiff(subfolder, gone=_unkept(index.paths_under(subfolder), kept))


def _folder_differences(
    index: LibraryIndex, folder: str, entries: list[os.DirEntry[str]]
) -> tuple[FolderDiff, list[str]]:
    """One folder's differences, and the subfolders the index holds files in."""
    # The stamps first, in one pass of system calls, then the index's, in one query or two.
    on_disk = _stamps(folder, entries)
    # Most folders have not changed: the index's rows are found to be the files' in C, with
    # no loop here.
    scan = index.stamps_in(folder, expected=on_disk)
    diff = FolderDiff(folder, checked=len(entries))
    if scan.expected:
        return diff, scan.subfolders
    rows = scan.runs[0] if len(scan.runs) == 1 else [row for run in scan.runs for row in run]
    found = {path: (size, mtime_ns) for path, size, mtime_ns in on_disk}
    for path, size, mtime_ns in rows:
        stamp = found.pop(path, None)
        if stamp is None:
            diff.gone.append(path)
        elif stamp[0] != size or stamp[1] != mtime_ns:
            diff.changed.append(path)
    diff.new = sorted(found)  # those the index did not know
    return diff, scan.subfolders


def _stamps(folder: str, entries: list[os.DirEntry[str]]) -> set[tuple[str, int, int]]:
    """(path, size, mtime_ns) of each file in ``folder``; one gone since the folder was read
    is left out, as if never there."""
    stamps: set[tuple[str, int, int]] = set()
    add, stat = stamps.add, os.stat
    try:
        # Each file stat'ed by its name in the open folder: the kernel need not walk the
        # folder's path again for each, which takes about a tenth off each stat.
        fd = os.open(folder, os.O_RDONLY | _FOLDER_FLAGS)
    except OSError:
        fd = -1
    try:
        for entry in entries:
            try:
                info = stat(entry.name, dir_fd=fd) if fd >= 0 else stat(entry.path)
            except OSError:
                continue
            add((entry.path, info.st_size, info.st_mtime_ns))
    finally:
        if fd >= 0:
            os.close(fd)
    return stamps


_FOLDER_FLAGS = getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _unreadable_differences(
    index: LibraryIndex, unreadable: list[str], kept: frozenset[str]
) -> Iterator[FolderDiff]:
    """Folders the walk could not read, taken off ``unreadable``: one that is there is told of
    and its rows are kept (they may be right); one that vanished takes its rows with it."""
    while unreadable:
        folder = unreadable.pop()
        if kept and _held_apart(folder, kept):
            continue  # another root's to tell of
        if os.path.isdir(folder):
            yield FolderDiff(folder, readable=False)
        else:
            yield FolderDiff(folder, gone=_unkept(index.paths_under(folder), kept))


def _named_differences(index: LibraryIndex, named: list[str]) -> FolderDiff:
    """How the files named one by one differ: each counts whatever its name."""
    stamps = dict(zip(named, stat_paths(named), strict=True))
    known = {row[0]: (row[1], row[2]) for row in index.rows_for(named)}
    diff = FolderDiff(None, checked=len(named))
    for path, stamp in stamps.items():
        if stamp is None:
            if path in known:
                diff.gone.append(path)
            # A named folder that vanished: it is no file, and no folder either now.
            diff.gone.extend(index.paths_under(path))
        elif path not in known:
            diff.new.append(path)
        elif known[path] != stamp:
            diff.changed.append(path)
    return diff


def _kept_apart(root: str, roots: Sequence[str]) -> frozenset[str]:
    """The other roots below ``root``: what is below them is theirs, never gone from it (a
    file named on its own, a hidden folder opened as well)."""
    prefix = prefix_range(root)[0]
    return frozenset(other for other in roots if other != root and other.startswith(prefix))


def _unkept(paths: list[str], kept: frozenset[str]) -> list[str]:
    """``paths`` without those that another root holds."""
    if not kept or not paths:
        return paths
    return [path for path in paths if not _held_apart(path, kept)]


def _held_apart(path: str, kept: frozenset[str]) -> bool:
    """True when ``path`` is one of the roots ``kept`` or below one."""
    return path in kept or any(path.startswith(prefix_range(other)[0]) for other in kept)
