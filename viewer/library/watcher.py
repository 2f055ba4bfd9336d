"""Live folders: noticing files added, changed or removed in opened folders.

Three sources, cheapest first: ``QFileSystemWatcher`` on every opened folder (files added,
removed or renamed, which is how most programs save) and on the article being read (changed in
place); folders the system would not watch (its watch limit reached) are polled every second,
as are folders whose path is not valid UTF-8, which Qt cannot name; and a background sweep
compares the files' stamps a slice at a time, for files written in place while not on show.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QFileSystemWatcher, QObject, QThread, QTimer, Signal

from viewer.core.index import Stamp, stamp_of

POLL_MS = 1000
SETTLE_MS = 300  # wait for a burst of events (a copy of many files) to end before rescanning
# Files whose stamps one sweep compares (about 30 ms of a background thread): a library of
# this size is swept every second, a larger one a slice a second.
SWEEP_SLICE = 10000


class StampSweep(QThread):
    """Stats a slice of files off the GUI thread and reports those that changed or went."""

    found = Signal(object, object)  # changed paths, vanished paths

    def __init__(self, stamps: Sequence[tuple[str, Stamp]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stamps = list(stamps)
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop early."""
        self._cancelled.set()

    def run(self) -> None:
        """Compare each file's stamp with the one it was listed with."""
        changed: list[str] = []
        vanished: list[str] = []
        for path, stamp in self._stamps:
            if self._cancelled.is_set():
                return
            try:
                if stamp_of(os.stat(path)) != stamp:
                    changed.append(path)
            except FileNotFoundError:
                vanished.append(path)
            except OSError:
                changed.append(path)  # unreadable now: parsing it again will say why
        if changed or vanished:
            self.found.emit(changed, vanished)


class FolderWatcher(QObject):
    """Emits ``folderChanged`` for a folder whose entries may have changed, ``fileChanged``
    for the watched article file, and ``stampsChanged`` from the background sweep."""

    folderChanged = Signal(object)  # a str, which a Qt string would strip of surrogate escapes
    fileChanged = Signal(str)  # only Qt reports these: valid text
    stampsChanged = Signal(object, object)  # changed paths, vanished paths

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._folder_event)
        self._watcher.fileChanged.connect(self._file_event)
        self._folders: set[str] = set()
        self._polled: set[str] = set()
        self._file: str | None = None
        self._dirty: set[str] = set()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._flush)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._tick)
        self._sweep: StampSweep | None = None
        self._sweep_offset = 0
        # Gives the (path, stamp) of up to so many listed files from a row on, for the sweep,
        # and the row to go on from: only a slice, as making them all took the window 90 ms
        # a second at 100,000 files.
        self.stamp_source: Callable[[int, int], tuple[Sequence[tuple[str, Stamp]], int]] | None = (
            None
        )

    # --- what to watch ---------------------------------------------------------------------

    def watch_folders(self, folders: Iterable[str]) -> None:
        """Watch these folders (again is harmless); those the system refuses are polled."""
        new = [f for f in dict.fromkeys(folders) if f not in self._folders]
        if not new:
            return
        self._folders.update(new)
        # Qt would watch a path without the surrogate escapes of its bad bytes, another path
        # or none at all: such folders are polled.
        nameable = [f for f in new if _nameable(f)]
        self._polled.update(f for f in new if not _nameable(f))
        if nameable:
            self._polled.update(self._watcher.addPaths(nameable))
        if not self._poll.isActive():
            self._poll.start()

    def watched_folders(self) -> set[str]:
        """Every folder being followed."""
        return set(self._folders)

    def watch_file(self, path: str | None) -> None:
        """Follow the article on show (only one file at a time)."""
        if path == self._file:
            return
        if self._file is not None and _nameable(self._file):
            self._watcher.removePath(self._file)
        self._file = path
        # One Qt cannot name is left to the sweep.
        if path is not None and _nameable(path) and os.path.isfile(path):
            self._watcher.addPath(path)

    def forget_folders(self, folders: Iterable[str]) -> None:
        """Stop following folders that were closed or deleted."""
        gone = [f for f in folders if f in self._folders]
        if gone:
            self._folders.difference_update(gone)
            self._polled.difference_update(gone)
            self._watcher.removePaths([f for f in gone if f in self._watcher.directories()])

    def stop(self) -> None:
        """Stop following anything: every watch, timer and the sweep (for good)."""
        # A closed window must not go on reading folders (and storing what it read).
        self._watcher.blockSignals(True)
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._folders.clear()
        self._polled.clear()
        self._dirty.clear()
        self._poll.stop()
        self._settle.stop()
        if self._sweep is not None:
            self._sweep.cancel()
            self._sweep.wait()

    # --- events ----------------------------------------------------------------------------

    def _folder_event(self, folder: str) -> None:
        self._dirty.add(folder)
        self._settle.start()

    def _file_event(self, path: str) -> None:
        # Editors that save by replacing the file end the watch; follow the new file.
        if os.path.isfile(path) and path not in self._watcher.files():
            self._watcher.addPath(path)
        self.fileChanged.emit(path)

    def _flush(self) -> None:
        dirty, self._dirty = self._dirty, set()
        for folder in sorted(dirty):
            self.folderChanged.emit(folder)

    def _tick(self) -> None:
        for folder in self._polled:
            self._dirty.add(folder)
        if self._dirty:
            self._flush()
        self._start_sweep()

    def _start_sweep(self) -> None:
        if self._sweep is not None and self._sweep.isRunning():
            return
        if self.stamp_source is None:
            return
        window, self._sweep_offset = self.stamp_source(self._sweep_offset, SWEEP_SLICE)
        if not window:
            return
        self._sweep = StampSweep(window, self)
        self._sweep.found.connect(self.stampsChanged)
        self._sweep.start()


def _nameable(path: str) -> bool:
    """True when Qt can take the path: it is valid text, with no surrogate escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
