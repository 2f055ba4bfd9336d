"""Opening a listed article gives what parsing the whole file gives, for files whose
start reads otherwise than the whole (real files, the record as listed and as indexed)."""

import pytest

from viewer.core.index_rows import article_from_row, row_from_article
from viewer.core.listed_reading import read_listed
from viewer.core.parser import parse_file

MAIL_HEAD = b"From: a@example.org\nSubject: Hello\nDate: Tue, 4 Jun 2024 10:00:00 +0000\n"
YAML_FIELDS = b"".join(b"k%d: some value text here and more\n" % i for i in range(80))
TOML_FIELDS = b"".join(b"k%d = %d\n" % (i, i) for i in range(30))
RECEIVED = b"".join(b"Received: from host%d.example.org by mx.example.org\n" % i for i in range(30))
LABELS = b"Caption: a value of some length, that goes on\n" * 60

FILES = {
    # A mail header of exactly as many lines as a listing splits first: the blank line that
    # ends it is the unsplit rest's start.
    "mail header of 24 lines": (
        MAIL_HEAD + b"".join(b"X-H%d: v\n" % i for i in range(21)) + b"\nBody para one.\n"
    ),
    "mail whose Subject comes after its Received lines": (
        b"From: a@example.org\n" + RECEIVED + b"Subject: Hello\nDate: Tue, 4 Jun 2024\n\nBody.\n"
    ),
    # Front matter longer than the 2 KB probe, with no date or author in it.
    "front matter of 3 KB": b"---\ntitle: Real\n" + YAML_FIELDS + b"---\n\nBody para.\n",
    # Front matter longer than the 16 KB a listing reads.
    "front matter of 20 KB": b"---\ntitle: Real\ndesc: " + b"x" * 20000 + b"\n---\n\nBody para.\n",
    # A line opening with the fence's characters inside the block (a TOML multi-line string).
    "TOML string line opening with +++": (
        b'+++\ntitle = "Real"\ndesc = """\n+++ a line\n"""\n' + TOML_FIELDS + b"+++\n\nBody.\n"
    ),
    # Fields with no known key up to the probe's end, then a date.
    "label fields past the probe, then a date": (
        b"Title\n" + LABELS + b"Date: 2024-05-03\n\nBody para.\n" + b"y" * 3000 + b"\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_opening_with_the_record_gives_the_full_parse(tmp_path, name):
    path = tmp_path / "story.txt"
    path.write_bytes(FILES[name])
    full = parse_file(str(path))
    listed = parse_file(str(path), header_only=True)
    indexed = article_from_row(row_from_article(listed))
    assert read_listed(str(path), listed, {})[1] == full
    assert read_listed(str(path), indexed, {})[1] == full


@pytest.mark.parametrize(
    "name",
    [
        "mail header of 24 lines",
        "mail whose Subject comes after its Received lines",
        "front matter of 3 KB",
        "TOML string line opening with +++",
    ],
)
def test_the_listing_reads_the_header_a_full_parse_reads(tmp_path, name):
    path = tmp_path / "story.txt"
    path.write_bytes(FILES[name])
    listed = parse_file(str(path), header_only=True)
    full = parse_file(str(path))
    assert (listed.title, listed.published_raw, dict(listed.fields)) == (
        full.title,
        full.published_raw,
        dict(full.fields),
    )


def test_a_section_line_over_fields_past_the_probe_reads_as_in_full(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"Title\nWorld\n" + LABELS + b"Date: 2024-05-03\n\nBody.\n" + b"y" * 3000)
    full = parse_file(str(path))
    listed = parse_file(str(path), header_only=True)
    assert (full.section, full.published_raw) == ("World", "2024-05-03")
    assert read_listed(str(path), listed, {})[1] == full
