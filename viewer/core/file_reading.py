"""Reading an article file's bytes safely: size limit, FIFOs, devices, folders (no Qt)."""

from __future__ import annotations

import errno
import os
import stat

MAX_FILE_SIZE = 32 * 1024 * 1024  # larger "articles" are logs or dumps, not something to read
HEADER_BYTES = 16 * 1024  # enough for any header; what listing a folder reads of each file


class ArticleFileError(OSError):
    """A file that cannot be read as an article, with a message meant for the reader."""


# O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_file(path: str, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """Return up to ``limit`` bytes of a regular file (all of it when None) and its stat."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if os.path.isdir(path):  # a folder it may not even open: say that it is one
            raise ArticleFileError(folder_problem(path)) from None
        raise ArticleFileError(describe_os_error(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise ArticleFileError(folder_problem(path))
            raise ArticleFileError("not a regular file (a FIFO, socket or device)")
        if info.st_size > MAX_FILE_SIZE:
            raise ArticleFileError(
                f"too large to read ({info.st_size / 1048576:.1f} MB; "
                f"the limit is {MAX_FILE_SIZE // 1048576} MB)"
            )
        # /proc and some network file systems say 0 for files that hold text: read those to
        # their end, up to the limit, rather than as empty.
        size = info.st_size or MAX_FILE_SIZE + 1
        want = size if limit is None else min(limit, size)
        data = os.read(fd, want)  # a regular file gives all of it at once, nearly always
        if 0 < len(data) < want:
            chunks = [data]
            got = len(data)
            while got < want:
                chunk = os.read(fd, want - got)
                if not chunk:
                    break  # the file shrank since fstat
                chunks.append(chunk)
                got += len(chunk)
            data = b"".join(chunks)
        if len(data) > MAX_FILE_SIZE:
            limit_mb = MAX_FILE_SIZE // 1048576
            raise ArticleFileError(f"too large to read (the limit is {limit_mb} MB)")
        return data, info
    except OSError as exc:
        if isinstance(exc, ArticleFileError):
            raise
        raise ArticleFileError(describe_os_error(exc)) from None
    finally:
        os.close(fd)


def folder_problem(path: str) -> str:
    """What to say of a folder where a file was expected, or found in a folder and unreadable."""
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return f"a folder that cannot be read ({describe_os_error(exc)})"
    return "is a folder, not a file"


def describe_os_error(exc: OSError) -> str:
    """Say in plain words why the operating system refused a file."""
    messages = {
        errno.ENOENT: "file not found",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a folder, not a file",
        errno.ENOTDIR: "file not found (a part of the path is not a folder)",
        errno.ELOOP: "too many symbolic links",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.ENXIO: "not a regular file (a FIFO, socket or device)",
        errno.EIO: "the disk reported an input/output error",
    }
    return messages.get(exc.errno or 0, exc.strerror or str(exc)).rstrip(".")
