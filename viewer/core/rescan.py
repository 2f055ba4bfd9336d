"""Looking again at opened folders and files: what was added, changed or removed (no Qt)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from viewer.core.article import NOT_TEXT, Article
from viewer.core.article_files import is_listable_name, needs_sniff, read_article_folder
from viewer.core.index import Stamp, stamp_of


@dataclass
class Look:
    """What to look at again: folders with the files listed in each, and files on their own."""

    folders: dict[str, dict[str, Stamp]] = field(default_factory=dict)  # folder → path → stamp
    files: dict[str, Stamp | None] = field(default_factory=dict)  # path → stamp (None: any)
    quiet: set[str] = field(default_factory=set)  # changes the reader sees already: not told

    def __bool__(self) -> bool:
        return bool(self.folders or self.files)

    def merge(self, other: Look) -> None:
        """Take in what ``other`` asks to look at too."""
        self.folders.update(other.folders)
        self.files.update(other.files)
        self.quiet.update(other.quiet)


@dataclass
class Found:
    """What a look found: records to add and to update, paths gone, folders new or lost."""

    added: list[Article] = field(default_factory=list)
    changed: list[Article] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    new_folders: list[str] = field(default_factory=list)
    missing_folders: list[str] = field(default_factory=list)
    readable_folders: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # folder → why
    quiet: set[str] = field(default_factory=set)  # as the look's


def look_again(look: Look, watched: frozenset[str], encodings: Mapping[str, str]) -> Found:
    """Read what changed in ``look``'s folders and files (in a thread: it reads files)."""
    found = Found(quiet=set(look.quiet))
    for folder, listed in look.folders.items():
        try:
            entries, subfolders = read_article_folder(folder)
        except FileNotFoundError:
            found.missing_folders.append(folder)
            found.gone.extend(listed)
            continue
        except OSError as exc:
            found.unreadable[folder] = str(exc)
            continue
        found.readable_folders.append(folder)
        found.new_folders.extend(f for f in subfolders if f not in watched)
        on_disk: dict[str, Stamp] = {}
        for entry in entries:
            if entry.path in listed or is_listable_name(entry.name):
                try:
                    on_disk[entry.path] = stamp_of(entry.stat())
                except OSError:
                    continue  # gone while we looked: as if never there
        for path, seen in on_disk.items():
            if path not in listed:
                _add(found.added, found.gone, _header(path, encodings))
            elif seen != listed[path]:
                _add(found.changed, found.gone, _header(path, encodings))
        found.gone.extend(p for p in listed if p not in on_disk)
    for path, stamp in look.files.items():
        now: Stamp | None
        try:
            now = stamp_of(os.stat(path))
        except FileNotFoundError:
            found.gone.append(path)
            continue
        except OSError:
            now = None  # unreadable now: read again, so that its row says so
        if stamp is None or now != stamp:
            _add(found.changed, found.gone, _header(path, encodings))
    return found


def _header(path: str, encodings: Mapping[str, str]) -> Article:
    from viewer.core.parser import parse_file  # here: the window's start reads no file

    sniff = needs_sniff(os.path.basename(path))
    return parse_file(path, header_only=True, sniff=sniff, encodings=encodings)


def _add(into: list[Article], gone: list[str], article: Article) -> None:
    # No longer text: it leaves the list as a removed file does.
    if article.error == NOT_TEXT:
        gone.append(article.path)
    else:
        into.append(article)
