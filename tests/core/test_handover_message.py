"""The hand-over message: only ``{"paths": [str, ...]}`` is taken, and nothing makes it raise."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.handover_message import MAX_MESSAGE, decode, encode

# Any text a path can arrive as, lone surrogates (names that are not valid UTF-8) included.
any_text = st.text(st.characters(exclude_categories=()), max_size=40)


@given(st.lists(any_text, max_size=8))
def test_what_is_encoded_decodes_to_the_same_paths(paths):
    message = encode(paths)
    assert message.endswith(b"\n")
    assert message.isascii()
    assert decode(message[:-1]) == paths


@given(st.binary(max_size=200))
def test_any_bytes_decode_to_paths_or_none(data):
    result = decode(data)
    assert result is None or all(isinstance(p, str) for p in result)


@pytest.mark.parametrize(
    "line",
    [
        b"[" * 200_000,
        b"{" * 200_000,
        b'{"paths": ' + b"[" * 200_000,
        b'{"paths": [' + b'"a", [' * 100_000 + b"]" * 100_000 + b"]}",
    ],
    ids=["brackets", "braces", "inside-the-message", "nested-among-paths"],
)
def test_deep_nesting_is_refused_before_json_reads_it(line):
    assert decode(line) is None  # and no RecursionError


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"null",
        b"[]",
        b'"paths"',
        b'{"paths": "/a.txt"}',
        b'{"paths": [1, 2]}',
        b'{"paths": [null]}',
        b'{"paths": [["/a.txt"]]}',
        b'{"paths": [], "more": 1}',
        b'{"other": []}',
        b"\xff\xfe",
        b'{"paths": ["/a.txt"]} trailing',
    ],
)
def test_anything_but_the_one_shape_is_refused(line):
    assert decode(line) is None


def test_brackets_and_quotes_inside_names_are_only_text():
    names = ["/news/[draft] {2024}.txt", '/news/a "quoted" [[[ name.txt', "/news/back\\slash["]
    assert decode(encode(names).rstrip(b"\n")) == names


def test_a_message_over_the_limit_is_refused():
    name = "/" + "a" * MAX_MESSAGE
    assert decode(encode([name]).rstrip(b"\n")) is None


def test_escaped_quotes_cannot_make_the_check_slow():
    # An unclosed string of escaped quotes: a scan that starts again at every quote would take
    # most of an hour over this; the check is linear.
    line = b'{"paths": ["' + b'\\"[' * 300_000
    started = time.perf_counter()
    assert decode(line) is None
    assert time.perf_counter() - started < 5
