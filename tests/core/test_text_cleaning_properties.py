"""Property tests: cleaning a text and judging it Western give what their definitions, one
regular expression each, give; the quicker ways they are done never change an answer."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.body import collapse
from viewer.core.decoding import clean_text, reads_as_western

PROPERTY_SETTINGS = settings(
    max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# The characters the definitions treat in their own ways, among letters, accents and marks.
SPECIAL = "\r\n\t\x00\x07\x0b\x0c\x1b\x1c\x1d\x1e\x7f\x80\x85\x92\x9d\xa0\u2028\u2029\ufffd?"
chars = st.one_of(
    st.sampled_from(list(SPECIAL + "ab Zé€日“”")),
    st.characters(exclude_categories=()),  # lone surrogates too
)
texts = st.text(chars, max_size=300)

BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
C1_AS_CP1252 = {
    code: char
    for code in range(0x80, 0xA0)
    if (char := bytes([code]).decode("cp1252", errors="ignore"))
}
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def cleaned_by_definition(text: str) -> tuple[str, int]:
    """Line ends unified by one expression, then stray controls dropped by another."""
    text = BREAKS.sub("\n", text)
    if not CONTROL.search(text):
        return text, 0
    return CONTROL.subn("", text.translate(C1_AS_CP1252))


def western_by_definition(text: str) -> bool:
    """Most runs of non-ASCII letters sit next to an ASCII letter."""
    runs = implausible = 0
    for match in NON_ASCII_RUN.finditer(text, 0, 65536):
        if not match.group().isalpha():
            continue
        runs += 1
        start, end = match.span()
        before, after = text[start - 1 : start] if start else "", text[end : end + 1]
        if len(match.group()) >= 2 and not any(c.isascii() and c.isalpha() for c in before + after):
            implausible += 1
    return implausible <= 0.1 * runs


@PROPERTY_SETTINGS
@given(texts)
def test_cleaning_gives_what_its_definition_gives(text):
    assert clean_text(text) == cleaned_by_definition(text)


@PROPERTY_SETTINGS
@given(st.one_of(texts, st.text(st.sampled_from(list("abc é?ÉЖ“")), max_size=600)))
def test_judging_a_text_western_gives_what_its_definition_gives(text):
    assert reads_as_western(text) == western_by_definition(text)


def test_a_text_of_many_non_ascii_runs_is_judged_as_defined():
    text = "Жж abc " * 400 + "café"
    assert reads_as_western(text) == western_by_definition(text) is False


@PROPERTY_SETTINGS
@given(texts)
def test_collapsing_white_space_gives_what_its_definition_gives(text):
    assert collapse(text) == re.sub(r"\s+", " ", text).strip()


# Bytes as files hold them: text in UTF-8 or cp1252 with any line ends, and the bytes that
# decoding and cleaning treat in their own ways.
file_bytes = st.one_of(
    st.tuples(texts, st.sampled_from(["utf-8", "cp1252"])).map(
        lambda te: te[0].encode(te[1], errors="ignore")
    ),
    st.binary(max_size=300),
)


@PROPERTY_SETTINGS
@given(file_bytes, st.booleans())
def test_a_text_decoded_as_bare_is_cleaned_by_unifying_its_line_ends(data, truncated):
    from viewer.core.decoding import BinaryContentError, decode

    try:
        decoded = decode(data, truncated=truncated)
    except BinaryContentError:
        return
    if decoded.bare or decoded.plain:
        expected = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        assert clean_text(decoded.text) == (expected, 0)
    if decoded.plain:
        assert "\r" not in decoded.text
