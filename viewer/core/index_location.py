"""Where a session keeps its library index: the cache folder's file, or a temporary one (no Qt).

The listing, the text indexer and search each open their own connection to the index, so they
must agree on one file. When the cache folder's index cannot be used (a file or folder in the
way, a read-only cache), they share a temporary file for the session instead of each keeping
an index in memory that the others never see: search then still finds what was listed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from viewer.core.index import INDEX_FILE_NAME, LibraryIndex


class IndexLocation:
    """The index file of one session, and what the reader should be told about it."""

    def __init__(self, wanted: Path | None) -> None:
        """``wanted`` is the cache folder's index; None asks for a temporary one outright."""
        self.note: str | None = None
        self._temporary: Path | None = None
        if wanted is not None:
            index = LibraryIndex(wanted)
            usable, warning = index.persistent, index.warning
            index.close()
            if usable:
                self.path = wanted
                self.note = warning  # rebuilt, say, but in its place
                return
            said = warning or "The library index cannot be saved."
            self.note = f"{said} A temporary index serves this session, so search still works."
        self._temporary = Path(tempfile.mkdtemp(prefix="article-viewer-index-"))
        self.path = self._temporary / INDEX_FILE_NAME

    @property
    def temporary(self) -> bool:
        """True when the index lasts only as long as the session."""
        return self._temporary is not None

    def remove(self) -> None:
        """Delete a temporary index (the cache folder's one stays)."""
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)


def file_identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode, to notice it was deleted or replaced; None when gone."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino
