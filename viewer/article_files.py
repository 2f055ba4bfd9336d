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


def is_article_name(name: str) -> bool:
    """True for file names with an article extension, in any case."""
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def is_markdown_name(path: str) -> bool:
    """True for a file whose name says it holds Markdown."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield each named file as it is, and the article files of each named folder, in order."""
    for path in paths:
        if os.path.isdir(path):
            yield from sorted(iter_folder(path))
        else:
            yield path


def iter_folder(folder: str) -> Iterator[str]:
    """Yield the article files below a folder, skipping hidden entries and unreadable folders."""
    return (entry.path for entry in walk_article_files(folder))


def walk_article_files(root: str, folders: list[str] | None = None) -> Iterator[os.DirEntry[str]]:
    """Yield the directory entry of each article file below ``root``, folder by folder."""
    for _folder, entries in walk_article_folders(root, folders):
        yield from entries


def walk_article_folders(
    root: str, folders: list[str] | None = None
) -> Iterator[tuple[str, list[os.DirEntry[str]]]]:
    """Yield each folder below ``root`` (itself first) with the entries of its article files.

    Hidden entries and folders that cannot be read are skipped; symbolic links to folders
    are not followed, so a link loop cannot hang a scan. Each folder visited is appended to
    ``folders`` when given.
    """
    pending = [root]
    while pending:
        folder = pending.pop()
        if folders is not None:
            folders.append(folder)
        try:
            with os.scandir(folder) as entries:
                listing = list(entries)
        except OSError:
            continue
        files: list[os.DirEntry[str]] = []
        for entry in listing:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif is_article_name(entry.name) and entry.is_file():
                    files.append(entry)
            except OSError:
                continue  # vanished while we looked
        yield folder, files
