"""Bad input is normal input: each case gets a clear message for that one file."""

import errno
import os
import threading

import pytest

from viewer.core.file_reading import MAX_FILE_SIZE, describe_os_error
from viewer.core.parser import parse_file


def test_missing_file(tmp_path):
    article = parse_file(str(tmp_path / "gone.txt"))
    assert article.error == "file not found"
    assert article.title == "gone.txt"


def test_folder_named_like_a_file(tmp_path):
    (tmp_path / "looks-like.txt").mkdir()
    article = parse_file(str(tmp_path / "looks-like.txt"))
    assert article.error is not None and "folder" in article.error


def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = []
    reader = threading.Thread(target=lambda: result.append(parse_file(str(fifo))), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert result, "parsing a FIFO blocked"
    assert result[0].error is not None and "not a regular file" in result[0].error


def test_device_is_not_a_regular_file():
    assert "not a regular file" in (parse_file("/dev/null").error or "")


def test_too_large(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_SIZE + 1)  # sparse: no need to write 32 MB
    article = parse_file(str(big))
    assert article.error is not None and "too large" in article.error


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
        bytes(range(1, 32)) * 40,
    ],
)
def test_binary_files(write_article, data):
    article = parse_file(str(write_article(data, "image.txt")))
    assert article.error is not None and article.error.startswith("binary file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(write_article):
    path = write_article("Secret\n\nBody.\n")
    path.chmod(0)
    assert parse_file(str(path)).error == "permission denied"


def test_permission_message():
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied")) == (
        "permission denied"
    )


def test_vanished_between_listing_and_reading(write_article):
    path = write_article("Title\n\nBody.\n")
    assert parse_file(str(path)).ok
    path.unlink()
    assert parse_file(str(path)).error == "file not found"


def test_a_file_whose_size_reads_as_zero_is_read_to_its_end():
    """/proc files say they are empty and hold text; they are read, not shown as empty."""
    article = parse_file("/proc/self/status")
    assert article.ok
    assert article.size > 0
    assert any("Pid" in p for p in (article.title, *article.paragraphs))
    assert "the file is empty" not in article.warnings
