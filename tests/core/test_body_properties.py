"""Property tests: whatever the layout, every word below the header reaches the paragraphs."""

import textwrap

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from viewer.core.parser import parse_bytes, parse_text

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Words of several scripts, with digits and the punctuation prose has inside sentences.
LETTERS = "abcdefghijklmnopqrstuvwxyzéüñçøłžАБВГДежзийклмнαβγδεابتثجحخ日本語"
word = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=12)
inner = st.sampled_from(["", "", "", ",", ";", "'s", "%"])
sentence = st.lists(st.tuples(word, inner).map("".join), min_size=4, max_size=24).map(
    lambda words: words[0].capitalize() + " " + " ".join(words[1:]) + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
headline = st.lists(st.text(alphabet=LETTERS, min_size=2, max_size=9), min_size=2, max_size=9)
headline = headline.map(lambda words: " ".join(words).capitalize())


def words(texts):
    return " ".join(texts).split()


def layout(title, body_text, kind):
    """An article in one of the layouts people keep."""
    if kind == "plain":
        return f"{title}\n\n{body_text}"
    if kind == "seed":
        return (
            f"{title}\n\nWorld\n\nPublished: 2020-10-24 16:27\n\nLast Updated: 2024-04-16 "
            f"12:40\n\n\n{title}\n\n{body_text}"
        )
    if kind == "compact":
        return f"{title}\nWorld\nPublished: 2020-10-24\nAuthor: Jo\n{body_text}"
    if kind == "yaml":
        return f'---\ntitle: "{title}"\ndate: 2021-02-03\ntags: [a, b]\n---\n\n{body_text}'
    if kind == "toml":
        return f'+++\ntitle = "{title}"\ndate = 2021-02-03\n+++\n{body_text}'
    if kind == "mail":
        return (
            f"From: Jo <jo@example.org>\nSubject: {title}\nDate: Tue, 16 Apr 2024 12:40:00 "
            f"+0000\nNewsgroups: alt.test\n\n{body_text}"
        )
    assert kind == "dash"
    return f"-- {title}\n-- By  Jo Writer\n-- Fri Oct 20, 2006 6:15pm EDT\n\n{body_text}"


KINDS = ["plain", "seed", "compact", "yaml", "toml", "mail", "dash"]


@PROPERTY_SETTINGS
@given(
    title=headline,
    body=st.lists(paragraph, min_size=1, max_size=6),
    kind=st.sampled_from(KINDS),
    width=st.one_of(st.none(), st.integers(min_value=40, max_value=100)),
    indent=st.sampled_from(["", " ", "  "]),
    gap=st.sampled_from(["\n", "\n\n", "\n \n"]),
    crlf=st.booleans(),
)
def test_the_words_of_the_body_are_the_words_of_the_source(
    title, body, kind, width, indent, gap, crlf
):
    if width is None:
        lines = [indent + p for p in body]
    else:
        lines = [
            "\n".join(textwrap.wrap(p, width, initial_indent=indent, subsequent_indent=indent))
            for p in body
        ]
    text = layout(title, gap.join(lines) + "\n", kind)
    if crlf:
        text = text.replace("\n", "\r\n")
    article = parse_text(text, "story.txt")
    assert article.title == title
    assert words(article.paragraphs) == words(body)
    # A paragraph written on one line is never merged with the next one.
    if width is None:
        assert len(article.paragraphs) == len(body)


@PROPERTY_SETTINGS
@given(body=st.lists(paragraph, min_size=1, max_size=6), width=st.integers(40, 100))
def test_hard_wrapped_paragraphs_come_back_whole(body, width):
    assume(all(len(p) > width for p in body))
    filled = [textwrap.wrap(p, width) for p in body]
    # Some line must be broken mid-sentence: text whose every line ends a sentence reads as
    # one sentence a line, to a person as to the parser.
    assume(any(not line.endswith(".") for lines in filled for line in lines[:-1]))
    # ...and the text must fill its width, as prose does (long words can leave short lines).
    assume(max(len(line) for lines in filled for line in lines) >= 0.75 * width)
    wrapped = "\n\n".join("\n".join(lines) for lines in filled)
    article = parse_text(f"Headline\n\n{wrapped}\n", "story.txt")
    assert article.paragraphs == tuple(body)


@PROPERTY_SETTINGS
@given(lead=paragraph, rest=st.lists(paragraph, min_size=0, max_size=3))
def test_a_file_without_a_title_line_keeps_its_first_paragraph(lead, rest):
    assume(len(lead) >= 100)
    article = parse_bytes(("\n".join([lead, *rest]) + "\n").encode(), "story.txt")
    assert words(article.paragraphs) == words([lead, *rest])
    assert article.derived == ("title",)
    assert article.title in lead or article.title.endswith("…")
