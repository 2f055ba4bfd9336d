"""The pending file: changes to the reading state that could not be written before the viewer
quit, kept beside it as JSON until the next start writes them (no Qt).

When the state's folder cannot take it either (read-only, full, gone), the file goes to a
fallback folder the caller names (the cache folder, say), which only this user may enter: it is
made with mode 0700 and checked for owner, mode and symbolic links before each use. There it is
named for the state file's path, so that two states never share one."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from viewer.core.state.file import TABLES, Row, checked

log = logging.getLogger("viewer")

PENDING_FILE = "reading-state.pending.json"
_VERSION = 1

Change = tuple[str, str, Row | None]  # table, key, the row's values (None: the row goes)


def fallback_pending(state: Path, folder: Path) -> Path:
    """The pending file in the fallback ``folder`` for the state file at ``state``."""
    import hashlib  # here: most starts have no fallback folder to look in, and it loads OpenSSL

    digest = hashlib.sha256(os.fsencode(state.absolute())).hexdigest()[:16]
    return folder / f"{Path(PENDING_FILE).stem}-{digest}.json"


def private_folder(folder: Path, *, make: bool) -> str | None:
    """Why ``folder`` is no place for pending changes, or None when only this user can enter
    it. ``make``: make it first (mode 0700) if it is missing."""
    if not hasattr(os, "getuid"):
        return "who owns a folder cannot be checked here"
    if make:
        with contextlib.suppress(OSError):  # exists already, or the check below says why not
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
    # Here, not at the top: a start that needs no fallback folder need not import sockets.
    from viewer.core.private_socket import folder_problem

    return folder_problem(os.fspath(folder))


def read_pending(path: Path) -> list[Change]:
    """The changes in the pending file, oldest first; none when there is no file. A file that
    cannot be understood is set aside, not lost."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("cannot read the pending reading state: %s", exc)
        return []
    try:
        data = json.loads(text)
        entries = data["changes"] if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise ValueError("no list of changes")
    except (ValueError, KeyError) as exc:
        log.warning("the pending reading state is damaged (%s); setting it aside", exc)
        with contextlib.suppress(OSError):
            path.rename(path.with_name(path.name + ".damaged"))
        return []
    changes: list[Change] = []
    for entry in entries:
        change = _change(entry)
        if change is not None:
            changes.append(change)
    return changes


def _change(entry: object) -> Change | None:
    if not isinstance(entry, list) or len(entry) != 3:
        return None
    table, key, values = entry
    if table not in TABLES or not isinstance(key, str):
        return None
    if values is None:
        return table, key, None
    row = checked(table, values) if isinstance(values, list) else None
    return (table, key, row) if row is not None else None


def write_pending(path: Path, changes: list[Change]) -> None:
    """Add ``changes`` to the pending file, atomically (a temporary file, then a rename), so a
    crash leaves the old file or the new one, never half of one. Raises OSError."""
    merged = {(table, key): values for table, key, values in read_pending(path)}
    merged.update({(table, key): values for table, key, values in changes})
    data = {
        "version": _VERSION,
        "changes": [[table, key, values] for (table, key), values in merged.items()],
    }
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as file:
            json.dump(data, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def pending_identity(path: Path) -> tuple[int, int, int] | None:
    """The pending file's inode and modification time: tells the one read from a newer one."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_mtime_ns
