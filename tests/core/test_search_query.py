"""The search syntax, including the mistakes people make while typing."""

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.search_query import SearchQueryError, Term, parse_query


def test_words_are_all_required():
    query = parse_query("climate talks")
    assert query.match == '"climate" "talks"'
    assert query.terms == (Term("climate"), Term("talks"))


def test_phrases_prefixes_and_exclusions():
    assert parse_query('"tidal barrier" harbour').match == '"tidal barrier" "harbour"'
    assert parse_query("elect*").terms == (Term("elect", prefix=True),)
    assert parse_query("elect*").match == '"elect" *'
    assert parse_query("bridge -river").match == '"bridge" NOT "river"'


def test_filters():
    query = parse_query('section:"Foreign Affairs" after:2020-01-01 before:2021-06 war')
    assert query.filters.section == "Foreign Affairs"
    assert query.filters.after == datetime(2020, 1, 1)
    assert query.filters.before == datetime(2021, 6, 1)
    assert query.match == '"war"'


def test_filters_alone_have_no_match():
    query = parse_query("section:World")
    assert query.match is None
    assert not query.empty


def test_fts_operators_are_just_words():
    assert parse_query("cats AND dogs OR NEAR").match == '"cats" "AND" "dogs" "OR" "NEAR"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"tidal barrier', "not closed"),
        ("*", "end of a word"),
        ("el*ect", "end of a word"),
        ("-river", "leaves articles out"),
        ("after:yesterday", "needs a date"),
        ("before:2021-02-30", "not a real date"),
        ("section:", "needs a value"),
    ],
)
def test_bad_queries_explain_themselves(text, message):
    with pytest.raises(SearchQueryError, match=message):
        parse_query(text)


@given(st.text(max_size=60))
def test_any_text_parses_or_explains(text):
    try:
        query = parse_query(text)
    except SearchQueryError as exc:
        assert str(exc)
    else:
        assert query.match is None or query.match.count('"') % 2 == 0


# Any text, lone surrogates included (a paste or a hand-over can bring them).
any_text = st.text(st.characters(exclude_categories=()), max_size=80)
FUZZ = settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fts_index():
    """A real index with a few articles, to run every query the parser makes against FTS5."""
    from viewer.core.article import Article
    from viewer.core.index import LibraryIndex

    index = LibraryIndex(None)
    index.index_text(
        Article(
            path=f"/news/{n}.txt", title=f"Story {n}", section="World", paragraphs=("harbour",),
            has_body=True, mtime_ns=1, size=10, content_key=str(n),
        )
        for n in range(3)
    )  # fmt: skip
    yield index
    index.close()


@given(st.text(max_size=40))
def test_the_index_schema_accepts_every_parsed_query(fts_index, text):
    try:
        query = parse_query(text)
    except SearchQueryError:
        return
    if query.match is not None:
        hits = fts_index.search_documents(query.match, query.filters)
        assert all(isinstance(doc, int) for doc in hits)


def test_a_query_finds_its_words_in_the_project_index(fts_index):
    query = parse_query("harbour section:world")
    assert len(fts_index.search_documents(query.match, query.filters)) == 3
    missing = parse_query('"harbour gates"')
    assert fts_index.search_documents(missing.match, missing.filters) == []


@FUZZ
@given(any_text)
def test_any_query_is_explained_or_runs_on_the_index(fts_index, text):
    try:
        query = parse_query(text)
    except SearchQueryError as exc:
        assert str(exc)  # explained in words under the field
        return
    if query.match is not None:
        # FTS5 takes it: no LibraryIndexError
        fts_index.search_documents(query.match, query.filters)
