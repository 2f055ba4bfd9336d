"""The article record: what the parser makes of one file (no Qt)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import NamedTuple

from viewer.core.blocks import Block

WORDS_PER_MINUTE = 230  # a common figure for reading news prose on screen
EMPTY_FILE = "the file is empty"  # the warning of a file with no text at all
# The error of a file without an extension whose start is not text: it is known (so that it is
# not read again until it changes) but never listed. Here rather than in the parser, so that
# the index and the list can tell such rows apart without importing it.
NOT_TEXT = "not text: a file without an extension whose start does not read as text"


class _NoFields(Mapping[str, str]):
    """The empty, read-only mapping that records without extra fields share.

    100,000 empty dicts would cost 6 MB. It pickles as a reference to itself, so records that
    come back from a worker process share it too.
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> str:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "NO_FIELDS"

    def __reduce__(self) -> str:
        return "NO_FIELDS"


NO_FIELDS: Mapping[str, str] = _NoFields()


class Article(NamedTuple):
    """One parsed article file, or the error that kept it from being read.

    A named tuple rather than a frozen dataclass: it is as immutable, and building one is three
    times faster, which counts when a folder lists 100,000 of them.
    """

    path: str
    title: str
    section: str | None = None
    published: datetime | None = None
    published_raw: str | None = None
    updated: datetime | None = None
    updated_raw: str | None = None
    fields: Mapping[str, str] = NO_FIELDS
    paragraphs: tuple[str, ...] = ()
    has_body: bool = False  # False when only the header was read, for a listing
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    size: int = 0
    mtime_ns: int = 0  # the file's modification time, as os.stat gives it
    # A hash of the file's first kilobyte: it follows the article through renames and moves, so
    # read state and reading positions are kept for the article, not for its path.
    content_key: str | None = None
    # Which values the file does not state but were worked out: "title" (from the first
    # sentence of a lead paragraph, or the file name), "published" (from the file's name or
    # folders). Shown as such, never passed off as written.
    derived: tuple[str, ...] = ()
    # The body's structure for layouts that have one (Markdown, mail); empty for plain text,
    # whose paragraphs are all there is. Only a full parse has them.
    blocks: tuple[Block, ...] = ()
    source: str = ""  # the decoded text of the file, for showing it as written (full parse)
    # Where the body starts: the line of the decoded, cleaned text (-1 when no line says so, as
    # in a mail, whose body is a decoded part). With it, opening a listed article reads only
    # its body: the header the list holds is not parsed again.
    body_line: int = -1
    text_notes: int = 0  # how many warnings, first, are about the text rather than the header

    @property
    def ok(self) -> bool:
        """True when the file could be read."""
        return self.error is None

    @property
    def word_count(self) -> int | None:
        """Words in the body, or None when the body was not read; counted on each call."""
        if not self.has_body:
            return None
        # Counted on demand: most records in a listing are never asked, and it costs as much
        # as parsing the body did.
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)

    @property
    def reading_minutes(self) -> int:
        """Estimated reading time in whole minutes: at least one when there are words, else 0."""
        words = self.word_count or 0
        return max(1, round(words / WORDS_PER_MINUTE)) if words else 0
