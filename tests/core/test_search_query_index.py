"""The search syntax against a real index of real files: what each form finds, folding in
several scripts, highlights that mark what matched, and no query that SQLite refuses."""

import re
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.index import LibraryIndex
from viewer.core.parser import parse_file
from viewer.core.query_fold import fold_text
from viewer.core.search_query import SearchQueryError, parse_query
from viewer.core.text_search import spans, term_patterns

TODAY = date(2024, 5, 20)

FILES = {
    "harbour.txt": """Harbour city opens tidal barrier

World

Published: 2024-05-10 09:00

Author: Jo Writer

Source: Harbour Gazette


The tidal gates closed for the first time on Saturday morning.

Residents met at the café by the sea wall, where the storm of last winter broke the windows.
""",
    "strike.txt": """Rail unions call off weekend strike

Business

Published: 2022-03-01 10:00

Author: Ann Other


Unions accepted the offer after talks with the operator.
""",
    "elections.txt": """Élections au café du port

Culture

Published: 2020-07-14 08:00

Author: Jo Bloggs


Les électeurs ont voté dimanche. Le CAFÉ était plein, et la marée haute.
""",
    "moscow.txt": """Ёлка на Красной площади

Мир

Published: 2023-12-20 12:00

Author: Пётр Иванов


В Москве поставили новогоднюю ёлку. Ёлка высотой тридцать метров.
""",
    "letter.txt": """كَتَبَ الوَلَدُ رِسالةً

ثقافة

Published: 2021-01-05 18:00


كتب الولد رسالة إلى أمه. وضع الكِتابَ على الطاولة.
""",
    "undated.txt": """Notes from the valley

Tags: storm, flood, river

A flood after the storm moved the river. Nobody agrees on the date.
""",
}


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """The files, and a real index (on disk) holding their records and texts."""
    folder = tmp_path_factory.mktemp("news")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    articles = {name: parse_file(str(folder / name)) for name in FILES}
    index = LibraryIndex(folder / "index.sqlite3")
    index.index_text(articles.values())
    yield index, articles
    index.close()


@pytest.fixture(scope="module")
def find(news):
    index, _ = news

    def find(text):
        query = parse_query(text, today=TODAY)
        return {path.rsplit("/", 1)[-1] for path in index.search(query.match, query.filters)}

    return find


def test_words_phrases_or_and_not(find):
    assert find("tidal") == {"harbour.txt"}
    assert find("storm") == {"harbour.txt", "undated.txt"}
    assert find("storm -flood") == {"harbour.txt"}
    assert find("storm OR unions") == {"harbour.txt", "undated.txt", "strike.txt"}
    assert find("(storm OR unions) -winter") == {"undated.txt", "strike.txt"}
    assert find('"sea wall"') == {"harbour.txt"}
    assert find('"wall sea"') == set()
    assert find("oper*") == {"strike.txt"}
    assert find("storm AND river") == {"undated.txt"}
    assert find("storm NOT (river OR gates)") == set()


def test_near(find):
    assert find("NEAR(tidal closed, 2)") == {"harbour.txt"}  # tidal gates closed
    assert find("NEAR(tidal morning, 3)") == set()
    assert find('"closed tidal"~2') == {"harbour.txt"}  # in any order


def test_columns_and_header_fields(find):
    assert find("title:tidal") == {"harbour.txt"}
    assert find("title:storm") == set()  # in the body only
    assert find("section:world") == {"harbour.txt"}
    assert find("section:мир") == {"moscow.txt"}
    assert find('author:"Jo Writer"') == {"harbour.txt"}
    assert find("author:jo") == {"harbour.txt", "elections.txt"}
    assert find('author:"Writer Jo"') == set()
    assert find("author:gazette") == set()  # in the source, not the author
    assert find("source:gazette") == {"harbour.txt"}
    assert find("author:wri*") == {"harbour.txt"}
    assert find("author:петр") == {"moscow.txt"}  # Пётр, folded
    assert find("tags:flood") == {"undated.txt"}
    assert find("author:jo -title:élections") == {"harbour.txt"}
    assert find("author:jo OR tags:river") == {"harbour.txt", "elections.txt", "undated.txt"}
    assert find("nosuchfield:storm") == set()


def test_dates(find):
    assert find("year:2020") == {"elections.txt"}
    assert find("after:2023") == {"harbour.txt", "moscow.txt"}
    assert find("after:2023-12-21") == {"harbour.txt"}
    assert find("before:2021-01") == {"elections.txt"}
    assert find("after:-30d") == {"harbour.txt"}
    assert find("after:2021 before:2023 OR year:2020") == {
        "strike.txt",
        "letter.txt",
        "elections.txt",
    }
    assert find("storm -year:2024") == {"undated.txt"}  # no date: not from 2024
    assert find("tidal OR year:2021") == {"harbour.txt", "letter.txt"}


def test_case_and_diacritics_fold_in_every_script(find):
    assert find("cafe") == {"harbour.txt", "elections.txt"}
    assert find("CAFÉ") == {"harbour.txt", "elections.txt"}
    assert find("electeurs") == find("ÉLECTEURS") == {"elections.txt"}
    assert find("елка") == find("ЁЛКА") == find("ёлка") == {"moscow.txt"}
    assert find("москве") == {"moscow.txt"}
    assert find("красной площади") == {"moscow.txt"}
    assert find("كتب") == find("كَتَبَ") == {"letter.txt"}
    assert find("الكتاب") == {"letter.txt"}  # written with its vowels, found without
    assert find('"كتب الولد"') == {"letter.txt"}
    assert find("title:رسالة") == {"letter.txt"}
    assert find("رسال*") == {"letter.txt"}


def text_of(article):
    return "\n\n".join([article.title, *article.paragraphs])


@pytest.mark.parametrize(
    ("query", "name", "marked"),
    [
        ("cafe", "harbour.txt", ["café"]),
        ("CAFE", "elections.txt", ["café", "CAFÉ"]),
        ("élections", "elections.txt", ["Élections"]),
        ("елка", "moscow.txt", ["Ёлка", "Ёлка"]),
        ("москв*", "moscow.txt", ["Москве"]),
        ("كتب", "letter.txt", ["كَتَبَ", "كتب"]),
        ("الكتاب", "letter.txt", ["الكِتابَ"]),
        ('"sea wall" OR tidal', "harbour.txt", ["tidal", "tidal", "sea wall"]),
        ("NEAR(tidal gates)", "harbour.txt", ["tidal", "tidal", "gates"]),
        ("storm -flood", "harbour.txt", ["storm"]),
    ],
)
def test_highlights_mark_what_the_index_matched(news, find, query, name, marked):
    _, articles = news
    assert name in find(query)
    text = text_of(articles[name])
    found = [text[start:end] for start, end in spans(term_patterns(parse_query(query).terms), text)]
    assert found == marked


# --- every query runs ---------------------------------------------------------------------

# Any text, lone surrogates and control characters included (a paste can bring them).
any_text = st.text(st.characters(exclude_categories=()), max_size=80)
FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "tidal", "storm", "café", "CAFE", "ёлка", "Москве", "كَتَبَ", "الولد", "oper*", "elect*",
    "*", "a*b", "&", "--", "e-mail", "Note:", "10:30", "http://x.org", "'", "\\", "''", '""',
    "NEAR", "near", "or", "and", "not", "0", "99999999", "ß", "İ", "ı", "\u0301", "\u0640",
]  # fmt: skip
FIELDS = ["title", "section", "author", "source", "tags", "after", "before", "year", "x-y"]
VALUES = [
    "tidal", '"Jo Writer"', "2024", "2024-05", "2024-05-10", "-30d", "-2w", "-6m", "-1y",
    "today", "2021-02-30", "jo*", "(", '"', "", "NEAR(a b)", '"a b"~3', "-99999y",
]  # fmt: skip
OPERATORS = ["OR", "AND", "NOT", "-", "(", ")", "NEAR(", ",", ", 3)", '"', "~", "~5", "*"]


@st.composite
def shaped_queries(draw):
    """Text with the syntax's shapes: words, fields, operators, brackets and quotes, in any
    order and spacing, so that the parser's every path is walked."""
    pieces = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["word", "field", "operator", "phrase", "near", "junk"]))
        if kind == "word":
            piece = draw(st.sampled_from(WORDS))
        elif kind == "field":
            piece = f"{draw(st.sampled_from(FIELDS))}:{draw(st.sampled_from(VALUES))}"
        elif kind == "operator":
            piece = draw(st.sampled_from(OPERATORS))
        elif kind == "phrase":
            inside = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3)))
            piece = f'"{inside}"' + draw(st.sampled_from(["", "*", "~2", "~", "~99999"]))
        elif kind == "near":
            inside = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=4)))
            piece = f"NEAR({inside}{draw(st.sampled_from(['', ', 4', ',', ', x']))})"
        else:
            piece = draw(st.text(string.punctuation + " ", max_size=3))
        pieces.append(draw(st.sampled_from(["", "-", "(", "NOT "])) + piece)
        pieces.append(draw(st.sampled_from([" ", "", "  ", ")", " OR ", " AND "])))
    return "".join(pieces)


def runs_or_explains(index, text):
    try:
        query = parse_query(text, today=TODAY)
    except SearchQueryError as exc:
        assert str(exc)  # explained in words under the field
        assert exc.position is None or 0 <= exc.position <= len(text)
        return
    if query.empty:
        return
    # The index takes it: no LibraryIndexError, by either way in.
    index.search(query.match, query.filters)
    if query.uses_text:
        index.search_documents(query.match, query.filters)
    term_patterns(query.terms)


@FUZZ
@given(any_text)
def test_any_text_runs_on_the_index_or_is_explained(news, text):
    runs_or_explains(news[0], text)


@FUZZ
@given(shaped_queries())
def test_any_query_shaped_text_runs_on_the_index_or_is_explained(news, text):
    runs_or_explains(news[0], text)


def test_the_deepest_and_longest_queries_run(news):
    index = news[0]
    deepest = "(storm OR (" * 5 + "tidal" + "))" * 5
    nested = "(" * 10 + "storm OR tidal -flood" + ")" * 10
    mixed = " OR ".join(f"(author:jo{n} -year:20{n:02d} NEAR(a{n} b{n}))" for n in range(24))
    for text in (deepest, nested, mixed, " OR ".join(f"w{n}" for n in range(100))):
        runs_or_explains(index, text)
        parse_query(text)  # parsed, not explained away


# --- what a query finds is what its words say --------------------------------------------

VOCABULARY = ["storm", "flood", "river", "tidal", "cafe", "unions", "ёлка", "кtb", "كتب", "jo"]


def tokens(article):
    fields = [article.title, article.section or "", *article.fields.values(), *article.paragraphs]
    text = fold_text(" ".join(fields)).lower()
    return set(re.findall(r"[^\W_]+", text))


@st.composite
def boolean_queries(draw, depth=0):
    """A query of words, OR, - and brackets, with what it means as a test of a word set."""
    if depth >= 3 or draw(st.booleans()):
        word = draw(st.sampled_from(VOCABULARY))
        folded = fold_text(word).lower()
        return word, lambda have: folded in have
    parts = [draw(boolean_queries(depth + 1)) for _ in range(draw(st.integers(2, 3)))]
    texts = [text for text, _ in parts]
    tests = [test for _, test in parts]
    how = draw(st.sampled_from(["and", "or", "not"]))
    if how == "and":
        return f"({' '.join(texts)})", lambda have: all(t(have) for t in tests)
    if how == "or":
        return f"({' OR '.join(texts)})", lambda have: any(t(have) for t in tests)
    first, rest = texts[0], texts[1:]
    return (
        f"({first} {' '.join('-' + t for t in rest)})",
        lambda have: tests[0](have) and not any(t(have) for t in tests[1:]),
    )


@settings(max_examples=500, deadline=None)
@given(boolean_queries())
def test_the_index_finds_what_the_words_say(news, find, query):
    _, articles = news
    text, test = query
    expected = {name for name, article in articles.items() if test(tokens(article))}
    assert find(text) == expected, text
