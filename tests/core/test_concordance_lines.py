"""The concordance's lines of a body: every hit, with the text either side, in order."""

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.article import Article
from viewer.core.concordance import CONTEXT_CHARS, article_lines, write_lines
from viewer.core.search_query import parse_query
from viewer.core.text_search import term_patterns

WORDS = ["river", "River", "bridge", "rivers", "the", "council", "é", "mill"]


def patterns(text):
    return term_patterns(parse_query(text).terms)


@given(st.lists(st.sampled_from([*WORDS, " ", "\n", ", ", ". "]), max_size=200))
def test_every_hit_is_a_line_with_the_text_beside_it(pieces):
    body = "".join(pieces)
    lines = article_lines(3, body, patterns("river"))
    expected = [m.span() for m in re.finditer(r"\briver\b", body, re.IGNORECASE)]
    assert [(line.offset, line.offset + len(line.hit)) for line in lines] == expected
    assert [line.ordinal for line in lines] == list(range(len(expected)))
    for line in lines:
        assert line.article == 3 and line.hit.casefold() == "river"
        before = body[max(0, line.offset - CONTEXT_CHARS) : line.offset]
        after = body[line.offset + len(line.hit) : line.offset + len(line.hit) + CONTEXT_CHARS]
        assert line.left == re.sub(r"\s+", " ", before)
        assert line.right == re.sub(r"\s+", " ", after)
        left_words = re.findall(r"\w+", before)
        assert line.left_words[0] == (left_words[-1].casefold() if left_words else "")


def test_the_words_beside_the_hit_are_what_it_sorts_by():
    [line] = article_lines(0, "Up the old River Mill road", patterns("river"))
    assert line.left_words == ("old", "the") and line.right_words == ("mill", "road")
    [alone] = article_lines(0, "river", patterns("river"))
    assert alone.left_words == ("", "") and alone.right_words == ("", "")


def test_the_export_names_each_line_and_keeps_formulas_as_text():
    article = Article(path="/news/a.txt", title='=HYPERLINK("x")')
    lines = article_lines(0, "-1 said the river\tto the sea", patterns("river"))
    out = io.StringIO()
    assert write_lines(lines, [article], out, tabs=True) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue()), dialect="excel-tab"))
    assert rows[0] == ["path", "title", "published", "left", "hit", "right", "offset"]
    assert rows[1] == ["/news/a.txt", "'=HYPERLINK(\"x\")", "", "'-1 said the ", "river",
                       " to the sea", "12"]  # fmt: skip
