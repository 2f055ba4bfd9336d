"""Finding article files: which names count, and expanding folders (no Qt)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# A name that is not valid UTF-8 comes from the file system with its bad bytes as surrogate
# escapes, U+DC80..U+DCFF (os.fsdecode(b"caf\xe9") == "caf\udce9"). Other lone surrogates,
# and NUL, cannot be in a path: they only come from a hostile message or URL, and are replaced.
_NEVER_IN_PATHS = re.compile("[\0\ud800-\udc7f\udd00-\udfff]")


def file_system_text(text: str) -> str:
    """``text`` as the file system could have given it: what no path holds becomes U+FFFD."""
    return _NEVER_IN_PATHS.sub("\ufffd", text)


def path_bytes(path: str) -> bytes:
    """The bytes a path stands for on disk (``os.fsencode``, which never fails here)."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:
        return os.fsencode(file_system_text(path))


def display_path(path: str) -> str:
    """A path or file name as people read it: bytes that are not UTF-8 show as U+FFFD.

    Qt silently drops lone surrogates ("caf\udce9.txt" would show as "caf.txt"), so nothing
    that may hold them is shown without this.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path_bytes(path).decode("utf-8", "replace")
    return path


# Folders of version control and tools, never of articles (hidden ones, .git and the like, are
# skipped with every hidden entry).
_SKIPPED_FOLDERS = frozenset({"CVS", "RCS", "SCCS", "_darcs", "__pycache__", "node_modules"})
# Files without an extension that a folder of articles holds beside them and that are no
# article: a corpus's own documentation and build files.
_PROJECT_FILES = frozenset({
    "readme", "license", "licence", "copying", "authors", "contributors", "changelog",
    "changes", "news", "notice", "install", "todo", "makefile", "dockerfile", "vagrantfile",
    "procfile", "gemfile", "rakefile", "cmakelists", "manifest",
})  # fmt: skip


def is_article_name(name: str) -> bool:
    """True for file names with an article extension, in any case."""
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def needs_sniff(name: str) -> bool:
    """True for a file name without an extension (a news spool's "1042", a scraped story's
    slug): such a file in a folder is listed only when its start is text."""
    return "." not in name and name.lower() not in _PROJECT_FILES


def is_skipped_folder(name: str) -> bool:
    """True for a folder a listing never enters: hidden, or version control's or tools'."""
    return name.startswith(".") or name in _SKIPPED_FOLDERS


def is_listable_name(name: str) -> bool:
    """True for the names a folder's listing takes: article extensions, and none at all."""
    # is_article_name(name) or needs_sniff(name), with one lower() and no calls: a walk asks
    # this of every file.
    lower = name.lower()
    if lower.endswith(ARTICLE_SUFFIXES):
        return not name.startswith(".")
    return "." not in name and lower not in _PROJECT_FILES


def is_markdown_name(path: str) -> bool:
    """True for a file whose name says it holds Markdown."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Yield each named file as it is, and the article files of each named folder, in order,
    each with whether it must sniff as text to count (found in a folder, with no extension)."""
    for path in paths:
        if os.path.isdir(path):
            unreadable: list[str] = []
            found = sorted(e.path for e in walk_article_files(path, unreadable=unreadable))
            for file in found:
                yield file, needs_sniff(os.path.basename(file))
            # A folder that cannot be read is named as a file is, so that reading it says why.
            for folder in sorted(unreadable):
                yield folder, False
        else:
            yield path, False


def iter_folder(folder: str) -> Iterator[str]:
    """Yield the article files below a folder, skipping hidden entries and unreadable folders."""
    return (entry.path for entry in walk_article_files(folder))


def walk_article_files(
    root: str, folders: list[str] | None = None, unreadable: list[str] | None = None
) -> Iterator[os.DirEntry[str]]:
    """Yield the directory entry of each article file below ``root``, folder by folder."""
    for _folder, entries in walk_article_folders(root, folders, unreadable):
        yield from entries


def walk_article_folders(
    root: str, folders: list[str] | None = None, unreadable: list[str] | None = None
) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """Yield each folder below ``root`` (itself first) with the entries of its article files.

    Hidden entries are skipped, and folders that cannot be read (appended to ``unreadable``
    when given, so that they can be reported); symbolic links to folders are not followed, so
    a link loop cannot hang a scan. Each folder visited is appended to ``folders`` when given.
    """
    pending = [root]
    while pending:
        folder = pending.pop()
        if folders is not None:
            folders.append(folder)
        try:
            files, subfolders = read_article_folder(folder)
        except OSError:
            if unreadable is not None:
                unreadable.append(folder)
            continue
        pending.extend(subfolders)
        yield folder, [entry for entry in files if is_listable_name(entry.name)]


def read_article_folder(folder: str) -> tuple[list[os.DirEntry[str]], list[str]]:
    """One folder's regular files and the folders below it to walk, hidden ones left out.

    The one look at a folder that a listing and a live folder's rescan share; raises OSError
    when the folder cannot be read. Files of any name are given: the caller keeps those it lists.
    """
    with os.scandir(folder) as entries:
        listing = list(entries)
    files: list[os.DirEntry[str]] = []
    subfolders: list[str] = []
    for entry in listing:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if not is_skipped_folder(entry.name):
                    subfolders.append(entry.path)
            elif entry.is_file():
                files.append(entry)
        except OSError:
            continue  # vanished while we looked
    return files, subfolders
