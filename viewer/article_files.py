"""Finding article files: which names count, and expanding folders (no Qt)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def is_article_name(name: str) -> bool:
    """True for file names with an article extension, in any case."""
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield each named file as it is, and the article files of each named folder, in order."""
    for path in paths:
        if os.path.isdir(path):
            yield from sorted(iter_folder(path))
        else:
            yield path


def iter_folder(folder: str) -> Iterator[str]:
    """Yield the article files below a folder, skipping hidden entries and unreadable folders."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Symbolic links to folders are not followed, so a link loop cannot hang a scan.
            if entry.is_dir(follow_symlinks=False):
                yield from iter_folder(entry.path)
            elif is_article_name(entry.name):
                yield entry.path
        except OSError:
            continue
