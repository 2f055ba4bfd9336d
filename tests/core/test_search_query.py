"""The search syntax: what each form means, and the mistakes people make while typing."""

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.article import Article
from viewer.core.query_help import SYNTAX_HELP
from viewer.core.query_tree import Dated, Field, Words
from viewer.core.search_query import SearchQueryError, Term, parse_query

TODAY = date(2024, 6, 15)


def parse(text):
    return parse_query(text, today=TODAY)


def test_words_are_all_required():
    query = parse("climate talks")
    assert query.match == '"climate" AND "talks"'
    assert query.terms == (Term("climate"), Term("talks"))
    assert query.uses_text


def test_phrases_prefixes_and_exclusions():
    assert parse('"tidal barrier" harbour').match == '"tidal barrier" AND "harbour"'
    assert parse("elect*").terms == (Term("elect", prefix=True),)
    assert parse("elect*").match == '"elect" *'
    assert parse('"tidal barr"*').match == '"tidal barr" *'
    assert parse("bridge -river").match == '"bridge" NOT "river"'
    assert parse("bridge NOT river").match == '"bridge" NOT "river"'
    assert parse("bridge -river").terms == (Term("bridge"),)  # what is left out is not marked


def test_or_and_brackets():
    assert parse("storm OR flood").match == '"storm" OR "flood"'
    assert parse("(storm OR flood) port").match == '("storm" OR "flood") AND "port"'
    assert parse("port AND storm").match == '"port" AND "storm"'
    assert parse("storm OR flood port").match == '"storm" OR ("flood" AND "port")'
    assert parse("port -(storm OR flood)").match == '"port" NOT ("storm" OR "flood")'
    assert parse("a OR (b -c)").match == '"a" OR ("b" NOT "c")'


def test_operators_in_lower_case_are_words():
    assert parse("cats and dogs or near").match == (
        '"cats" AND "and" AND "dogs" AND "or" AND "near"'
    )
    assert parse("NEAR by").match == '"NEAR" AND "by"'  # NEAR without its bracket


def test_near_and_proximity():
    assert parse("NEAR(tidal barrier, 5)").match == 'NEAR("tidal" "barrier", 5)'
    assert parse('NEAR(tidal "sea wall" elect*)').match == (
        'NEAR("tidal" "sea wall" "elect" *, 10)'
    )
    assert parse('"tidal barrier"~3').match == 'NEAR("tidal" "barrier", 3)'
    query = parse('"tidal barrier"~3')
    assert query.terms == (Term("tidal"), Term("barrier"))
    assert parse('"tidal"~3').match == '"tidal"'  # one word is near itself


def test_columns_and_header_fields():
    assert parse("title:barrier").match == 'title : "barrier"'
    assert parse('title:"tidal barrier"').match == 'title : "tidal barrier"'
    assert parse("Section:World").match == 'section : "World"'
    assert parse('title:"tidal barrier"~4').match == 'title : NEAR("tidal" "barrier", 4)'
    query = parse('author:"Jo Writer"')
    assert query.tree == Field("author", Words("Jo Writer"))
    assert query.match == 'fields : "Jo Writer"'  # the index narrows, the field check decides
    assert query.filters.params == ("author", "jo writer", 0)
    assert parse("Source_URL:example*").tree == Field("source url", Words("example", True))
    assert parse("tags:restoration").tree == Field("tags", Words("restoration"))


def test_a_colon_that_is_no_field():
    assert parse("Note: this").match == '"Note" AND "this"'
    assert parse("https://example.org/a").tree == Words("https://example.org/a")
    assert parse("10:30").tree == Words("10:30")


def test_dates_whole_partial_and_relative():
    def dated(text):
        return parse(text).tree

    assert dated("after:2024-05-03") == Dated(datetime(2024, 5, 3), None)
    assert dated("after:2024-05") == Dated(datetime(2024, 5, 1), None)
    assert dated("before:2024") == Dated(None, datetime(2024, 1, 1))
    assert dated('before:"2021-6"') == Dated(None, datetime(2021, 6, 1))
    assert dated("year:2020") == Dated(datetime(2020, 1, 1), datetime(2021, 1, 1))
    assert dated("after:-30d") == Dated(datetime(2024, 5, 16), None)
    assert dated("after:-2w") == Dated(datetime(2024, 6, 1), None)
    assert dated("after:-6m") == Dated(datetime(2023, 12, 15), None)
    assert dated("before:-1y") == Dated(None, datetime(2023, 6, 15))
    assert dated("after:today") == Dated(datetime(2024, 6, 15), None)
    assert dated("after:yesterday") == Dated(datetime(2024, 6, 14), None)


def test_dates_alone_are_answered_from_the_records():
    query = parse("year:2020 OR -after:2010")
    assert query.match is None and not query.uses_text and not query.empty

    def article(published):
        return Article(path="/a.txt", title="A", published=published)

    assert query.passes(article(datetime(2020, 7, 1)))
    assert query.passes(article(datetime(2005, 7, 1)))
    assert not query.passes(article(datetime(2015, 7, 1)))
    assert query.passes(article(None))  # not after 2010: it has no date at all
    assert not parse("year:2020").passes(article(None))


def test_folding_reaches_the_match_but_not_the_highlight_terms():
    query = parse("Café ёлка كَتَبَ")
    assert query.match == '"Cafe" AND "елка" AND "كتب"'
    assert query.terms == (Term("Café"), Term("ёлка"), Term("كَتَبَ"))


def test_nothing_to_look_for():
    for text in ("", "   ", "& --", '""', '"  "', "(&)"):
        assert parse(text).empty, text
    assert parse("& tidal").match == '"tidal"'
    assert parse("tidal OR &").match == '"tidal"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"tidal barrier', 'not closed: add the closing "'),
        ('tidal "barrier', "at character 7"),
        ("*", "end of a word"),
        ("el*ect", "end of a word"),
        ("-river", "leaves articles out"),
        ("NOT river", "leaves articles out"),
        ("-river -storm", "leaves articles out"),
        ("after:someday", "needs a date such as"),
        ("before:2021-02-30", "not a real date"),
        ("after:2021-13", "not a real date"),
        ("year:20", "needs four digits"),
        ("after:-99999y", "before the year 1"),
        ("section:", "needs a value"),
        ("title: tidal", "right after the colon"),
        ("author:", "needs a value"),
        ("(storm OR flood", "is not closed: add a )"),
        ("storm)", "closes no ("),
        ("()", "hold nothing"),
        ("storm OR", "both sides"),
        ("OR storm", "both sides"),
        ("storm OR OR flood", "both sides"),
        ("storm AND", "both sides"),
        ("AND storm", "both sides"),
        ("storm -", None),  # a lone - is punctuation: storm alone
        ("storm NOT", "needs something after it"),
        ("NEAR(tidal", "NEAR( at character 1"),
        ("NEAR(tidal)", "two words or more"),
        ("NEAR(tidal barrier, x)", "needs a number"),
        ("NEAR(tidal barrier, 5 6)", "add a )"),
        ("NEAR(tidal (barrier))", "takes words"),
        ("NEAR(a b, 99999999)", "too large"),
        ('"tidal barrier"~', "needs a number"),
        ("title:(a OR b)", "put title: before each word"),
        ('author:"a b"~3', "takes a word"),
        ("(" * 11 + "a" + ")" * 11, "nest too deep"),
        (" ".join(f"w{n}" for n in range(101)), "too long"),
    ],
)
def test_bad_queries_explain_themselves(text, message):
    if message is None:
        assert parse(text).match == '"storm"'
        return
    with pytest.raises(SearchQueryError, match=re.escape(message)) as error:
        parse(text)
    assert str(error.value).endswith(".")


def test_errors_say_where():
    with pytest.raises(SearchQueryError) as error:
        parse('storm "sea wall')
    assert error.value.position == 6
    assert "at character 7" in str(error.value)
    assert '“"sea wall”' in str(error.value)
    with pytest.raises(SearchQueryError) as error:
        parse("(storm OR flood) port)")
    assert error.value.position == 21
    assert "at character 22" in str(error.value)
    with pytest.raises(SearchQueryError, match="at the end"):
        parse("NEAR(tidal barrier, 5")


def test_many_negations_and_brackets_do_not_run_out_of_stack():
    assert parse("tidal " + "-" * 5001 + "storm").match == '"tidal" NOT "storm"'
    assert parse("tidal " + "NOT " * 2000 + "storm").match == '"tidal" AND "storm"'
    with pytest.raises(SearchQueryError):
        parse("(" * 100_000)
    assert parse("tidal " * 100).terms[0] == Term("tidal")


def test_control_characters_and_lone_surrogates_are_spaces():
    assert parse("tidal\x00barrier\ud800").match == '"tidal" AND "barrier"'


def test_the_help_shows_every_form():
    for example in (
        '"tidal barrier"',
        "elect*",
        " OR ",
        "NEAR(",
        '"~5',
        "-storm",
        "title:",
        "section:",
        'author:"Jo Writer"',
        "after:-30d",
        "after:2024-05",
        "before:2024",
        "year:2020",
    ):
        assert example in SYNTAX_HELP, example
    for line in SYNTAX_HELP.splitlines():
        for term in line.split("  ")[1:2]:  # each example parses
            if term.strip() and not term.startswith(" "):
                parse(term.strip())


def test_near_and_phrase_words_are_counted_for_the_limit():
    with pytest.raises(SearchQueryError, match="too long"):
        parse(" ".join(f'"a{n} b{n}"~2' for n in range(51)))


def test_the_field_check_in_words():
    from viewer.core.query_fields import field_holds

    fields = '{"author": "Jo Writer and Ann Éditeur", "source": "Harbour Gazette"}'
    assert field_holds(fields, "author", "jo writer", 0)
    assert field_holds(fields, "author", "editeur", 0)
    assert field_holds(fields, "author", "edit", 1)
    assert not field_holds(fields, "author", "edit", 0)
    assert not field_holds(fields, "author", "writer jo", 0)
    assert not field_holds(fields, "source", "writer", 0)
    assert not field_holds(None, "author", "jo", 0)
    assert not field_holds("not json", "author", "jo", 0)
    assert not field_holds('["list"]', "author", "jo", 0)
    assert not field_holds(fields, "author", "", 0)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Café NAÏVE", "Cafe NAIVE"),
        ("cafe\u0301", "cafe"),  # a mark apart from its letter
        ("Ёлка и мой дом", "Елка и мой дом"),  # ё folds, й stays
        ("и\u0306 у\u0306 а\u0306", "й ў а"),
        ("كَتَبَ كتـــب أحمد", "كتب كتب احمد"),
        ("שָׁלוֹם", "שלום"),
        ("Łódź, Ærø", "Lodz, Æro"),
        ("한국어 “quoted” — dash", "한국어 “quoted” — dash"),
        ("हिंदी が", "हिंदी が"),  # marks that make other letters stay
    ],
)
def test_folding(text, folded):
    from viewer.core.query_fold import fold_text

    assert fold_text(text) == folded


FOLDED_ALPHABET = "aeé\u0301ÉèçñÅøłёЁйЙиу\u0306ўкَتـبأשָׁ한が“—  "


@given(st.text(st.sampled_from(FOLDED_ALPHABET), max_size=40))
def test_folding_takes_the_quick_ways_to_the_long_way_s_outcome(text):
    import unicodedata

    from viewer.core.query_fold import _decomposed_fold, fold_text

    text = unicodedata.normalize("NFC", text)
    assert fold_text(text) == _decomposed_fold(text)
    assert fold_text(fold_text(text)) == fold_text(text)
