"""Property tests: whatever bytes a file holds, the parser returns an article and never raises."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.parser import parse_bytes, parse_text

FIELD_KEYS = ["Published", "Last Updated", "Updated", "Author", "Source", "Date", "Tags"]
PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# The fuzz of what files hold: ten thousand inputs each, every run.
FUZZ = settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=4096), st.booleans())
def test_any_bytes_give_an_article_or_an_error(data, truncated):
    article = parse_bytes(data, "x.txt", truncated=truncated)
    assert article.title
    if article.ok:
        assert article.encoding
        assert all(p and p == p.strip() for p in article.paragraphs)
    else:
        assert article.error


@FUZZ
@given(
    st.text(st.characters(exclude_categories=()), max_size=2000),  # lone surrogates too
    st.sampled_from(["x.txt", "x.md", "x"]),
)
def test_any_text_parses(text, name):
    article = parse_text(text, name)
    assert article.ok
    assert article.word_count == sum(len(p.split()) for p in article.paragraphs)


words = st.text(alphabet=string.ascii_letters, min_size=1, max_size=10)
sentences = st.lists(words, min_size=3, max_size=30).map(lambda w: " ".join(w) + ".")


@PROPERTY_SETTINGS
@given(
    title=st.lists(words, min_size=1, max_size=8).map(" ".join),
    section=st.sampled_from(["World", "Business", "Local News"]),
    fields=st.lists(
        st.tuples(st.sampled_from(FIELD_KEYS), st.lists(words, min_size=1, max_size=4)),
        min_size=1,
        max_size=6,
    ),
    body=st.lists(sentences, min_size=1, max_size=8),
    blank_between=st.booleans(),
)
def test_header_lines_never_leak_into_paragraphs(title, section, fields, body, blank_between):
    gap = "\n\n" if blank_between else "\n"
    header = gap.join(f"{key}: {' '.join(value)}" for key, value in fields)
    text = f"{title}{gap}{section}{gap}{header}\n\n" + "\n".join(body) + "\n"
    article = parse_text(text, "x.txt")
    assert article.title == title
    assert article.section == section
    for key, _ in fields:
        assert not any(p.startswith(f"{key}:") for p in article.paragraphs)
    assert " ".join(article.paragraphs).split() == " ".join(body).split()
