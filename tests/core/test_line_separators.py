"""U+2028 and U+2029 split a file into the same lines whether or not a CR or a control
character comes later, so that a file's start reads as the whole does (real files)."""

from viewer.core.listed_reading import read_listed
from viewer.core.parser import parse_bytes, parse_file

HEAD = "Title\u2028Second\u2028Third\n\nBody one.\n\nBody two.\n".encode()


def test_opening_a_listed_file_with_a_line_separator_gives_the_full_parse(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(HEAD + b"x" * 3000 + b"\nend\r\n")  # the CR is past the 2 KB probe
    full = parse_file(str(path))
    listed = parse_file(str(path), header_only=True)
    assert listed.title == full.title
    assert read_listed(str(path), listed, {})[1] == full


def test_a_line_separator_is_a_line_break_with_or_without_a_cr_elsewhere():
    without = parse_bytes(HEAD, "a.txt")
    with_cr = parse_bytes(HEAD + b"end\r\n", "a.txt")
    assert without.title == with_cr.title == "Title"
    assert without.paragraphs == with_cr.paragraphs[:-1]
