"""A long text is cleaned and split a slice at a time, with the same result as all at once."""

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core import decoding

TEXTS = st.text(alphabet="ab \r\n\x0b\x0c\x85\u2028\x01\x7f\x92é", max_size=120)


@settings(max_examples=2000, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=9))
def test_slices_change_nothing(text, size):
    whole_lines, whole_clean = text.split("\n"), decoding.clean_text(text)
    saved = decoding._SLICE
    decoding._SLICE = size  # tiny slices: cut everywhere, CR LF pairs and ends included
    try:
        assert decoding.split_lines(text) == whole_lines
        assert decoding.clean_text(text) == whole_clean
        assert "".join(decoding.line_slices(text)) == text
    finally:
        decoding._SLICE = saved


def test_a_long_text_is_split_as_written():
    text = "line\r\n" * 300_000 + "last"
    cleaned, dropped = decoding.clean_text(text)
    assert dropped == 0 and "\r" not in cleaned
    assert decoding.split_lines(cleaned) == cleaned.split("\n")
    assert len(decoding.line_slices(cleaned)) > 1
