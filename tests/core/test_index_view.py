"""The list served from the index: views of real files, sorted and filtered in SQL, paged."""

import os
import threading
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.date_format import sort_key
from viewer.core.index import LibraryIndex
from viewer.core.index_rows import article_from_row, list_haystack
from viewer.core.index_view import ViewQuery, covers
from viewer.core.parser import NOT_TEXT, parse_file
from viewer.core.view_tables import ScratchFolder, ViewBuilder, ViewReader


def write(folder, name, title, section="World", date="2021-01-01 10:00"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    lines = [title, "", section, ""] if section else [title, ""]
    if date:
        lines += [f"Published: {date}", ""]
    path.write_text("\n".join([*lines, "A plain body.", ""]))
    return str(path)


@pytest.fixture
def scratch():
    folder = ScratchFolder()
    yield folder.path
    folder.remove()


def stored(tmp_path, paths):
    """An index of ``paths``' records; its path and the records."""
    db_path = tmp_path / "index.sqlite3"
    articles = [parse_file(p, header_only=True) for p in paths]
    index = LibraryIndex(db_path)
    index.store(articles)
    index.close()
    return str(db_path), articles


def shown(index_path, scratch, query):
    """Every record of the view, built and paged as the window pages it."""
    builder = ViewBuilder(index_path, scratch)
    count = builder.build(query, "v1")
    builder.close()
    reader = ViewReader(index_path, scratch)
    rows = []
    for first in range(0, count, 3):
        rows.extend(reader.page("v1", first, 3))
    reader.close()
    assert [row for row, _path, _record in rows] == list(range(count))
    return [article_from_row(record) for _row, _path, record in rows if record is not None]


def expected(articles, column, descending):
    """The order the list has always had: known keys sorted, ties by path, unknown ones last."""
    keys = {
        0: lambda a: a.title.casefold() or None,
        1: lambda a: a.section.casefold() if a.section else None,
        2: lambda a: sort_key(a.published),
    }[column]
    known = sorted(
        (a for a in articles if keys(a) is not None),
        key=lambda a: (keys(a), a.path),
        reverse=descending,
    )
    unknown = sorted((a for a in articles if keys(a) is None), key=lambda a: a.path)
    return [a.path for a in known + unknown]


@pytest.fixture
def library(tmp_path):
    news = tmp_path / "news"
    paths = [
        write(news, "a.txt", "Harbour barrier opens", "World", "2021-03-01 10:00"),
        write(news, "b.txt", "rail strike called off", "Business", "2022-05-01 09:00"),
        write(news, "c.txt", "Élections municipales", "world", "not yet known"),
        write(news / "old", "d.txt", "Harbour dredging begins", None, "2019-07-04 12:00"),
        write(news, "e.txt", "Zoo opens late", "Culture", "2020-01-01 08:00"),
    ]
    return news, paths


@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("descending", [False, True])
def test_sorted_views_match_the_lists_order(tmp_path, scratch, library, column, descending):
    news, paths = library
    index_path, articles = stored(tmp_path, paths)
    query = ViewQuery(roots=(str(news),), column=column, descending=descending)
    assert [a.path for a in shown(index_path, scratch, query)] == expected(
        articles, column, descending
    )


def test_first_rows_are_the_views_first_rows(tmp_path, scratch, library):
    news, paths = library
    index_path, _articles = stored(tmp_path, paths)
    reader = ViewReader(index_path, scratch)
    for column in (-1, 0, 1, 2, 3):
        query = ViewQuery(roots=(str(news),), column=column, descending=True)
        whole = [a.path for a in shown(index_path, scratch, query)]
        first = [article_from_row(r).path for r in reader.first_rows(query, 3)]
        assert first == whole[:3]
    reader.close()


def test_filters_pick_what_the_filter_field_and_sections_pick(tmp_path, scratch, library):
    news, paths = library
    index_path, articles = stored(tmp_path, paths)
    by_name = {os.path.basename(a.path): a for a in articles}

    def names(**filters):
        query = ViewQuery(roots=(str(news),), **filters)
        return sorted(os.path.basename(a.path) for a in shown(index_path, scratch, query))

    assert names(words=("harbour",)) == ["a.txt", "d.txt"]
    assert names(words=("harbour", "open")) == ["a.txt"]
    assert names(words=("b.txt",)) == ["b.txt"]  # the file name counts
    assert names(words=("élections",)) == ["c.txt"]
    assert names(section="world") == ["a.txt", "c.txt"]  # folded both ways
    assert names(section="") == ["d.txt"]  # no section
    assert shown(index_path, scratch, ViewQuery(roots=(str(news),), column=2))[-1].title == (
        "Élections municipales"  # an unreadable date sorts last
    )
    assert names(hits=frozenset({paths[1], paths[4], "/elsewhere/x.txt"})) == ["b.txt", "e.txt"]
    read = frozenset({by_name["a.txt"].content_key, by_name["b.txt"].content_key})
    assert names(read_keys=read) == ["c.txt", "d.txt", "e.txt"]
    assert names(read_keys=read, pinned=paths[0]) == ["a.txt", "c.txt", "d.txt", "e.txt"]
    since = sort_key(datetime(2020, 6, 1))
    assert names(published=(since, None)) == ["a.txt", "b.txt"]
    # Every word is looked for as the list's own filter looks for it.
    for article in articles:
        hay = list_haystack(article)
        assert os.path.basename(article.path) in names(words=tuple(hay.split()[:2]))


def test_a_view_holds_only_its_roots(tmp_path, scratch, library):
    news, paths = library
    other = write(tmp_path / "other", "x.txt", "Harbour elsewhere")
    index_path, _ = stored(tmp_path, [*paths, other])
    reader = ViewReader(index_path, scratch)
    assert not covers(reader.db, [str(news)])
    assert covers(reader.db, [str(news), other])
    assert covers(reader.db, [str(tmp_path)])
    assert not covers(reader.db, [str(news / "old"), other])
    reader.close()
    in_news = shown(index_path, scratch, ViewQuery(roots=(str(news),), words=("harbour",)))
    assert sorted(a.path for a in in_news) == [paths[0], paths[3]]
    one_file = shown(index_path, scratch, ViewQuery(roots=(other, str(news / "old"))))
    assert sorted(a.path for a in one_file) == sorted([other, paths[3]])
    # A folder's range never takes in a sibling whose name starts with its name.
    sibling = write(tmp_path / "news-archive", "y.txt", "Sibling")
    index_path, _ = stored(tmp_path, [*paths, sibling])
    assert sibling not in [
        a.path for a in shown(index_path, scratch, ViewQuery(roots=(str(news),)))
    ]


def test_rows_by_path_and_a_file_gone_since(tmp_path, scratch, library):
    news, paths = library
    index_path, _ = stored(tmp_path, paths)
    builder = ViewBuilder(index_path, scratch)
    count = builder.build(ViewQuery(roots=(str(news),), column=0), "v2")
    builder.close()
    reader = ViewReader(index_path, scratch)
    order = [path for _row, path, _record in reader.page("v2", 0, count)]
    assert [reader.row_of("v2", p) for p in order] == list(range(count))
    assert reader.row_of("v2", "/not/listed.txt") is None
    index = LibraryIndex(tmp_path / "index.sqlite3")
    index.remove([order[1]])
    index.close()
    page = reader.page("v2", 0, count)
    assert page[1][1] == order[1] and page[1][2] is None  # the row stays until rebuilt
    assert all(record is not None for _row, _path, record in page if _path != order[1])
    keys = reader.keys_after("v2", 0, 10)
    assert [row for row, _key in keys] == list(range(1, count))
    assert keys[0][1] is None
    reader.close()


def test_undecodable_names_are_listed_and_found(tmp_path, scratch):
    news = tmp_path / "news"
    news.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    path = str(news / name)
    with open(path, "w") as handle:
        handle.write("Café opens\n\nLife\n\nPublished: 2021-01-01\n\nBody.\n")
    plain = write(news, "plain.txt", "Plain one")
    index_path, _ = stored(tmp_path, [path, plain])
    query = ViewQuery(roots=(str(news),), column=0)
    assert [a.path for a in shown(index_path, scratch, query)] == [path, plain]
    reader = ViewReader(index_path, scratch)
    assert [article_from_row(r).path for r in reader.first_rows(query, 5)] == [path, plain]
    assert reader.row_of("v1", path) == 0
    assert covers(reader.db, [str(news)])
    reader.close()


def test_building_stops_when_cancelled(tmp_path, scratch, library):
    news, paths = library
    index_path, _ = stored(tmp_path, paths)
    builder = ViewBuilder(index_path, scratch)
    cancel = threading.Event()
    cancel.set()
    hits = frozenset(f"/x/{i}.txt" for i in range(50000))
    with pytest.raises(Exception, match="interrupt"):
        builder.build(ViewQuery(roots=(str(news),), hits=hits), "v3", cancel)
    assert builder.build(ViewQuery(roots=(str(news),)), "v3") == len(paths)  # still usable
    builder.close()


titles = st.one_of(st.just(""), st.text(st.sampled_from("aAbBéÉ z-1"), max_size=6))
sections = st.one_of(st.none(), st.sampled_from(["World", "world", "Arts", "ÉCO"]))
dates = st.one_of(st.none(), st.datetimes(datetime(1990, 1, 1), datetime(2030, 1, 1)))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(st.tuples(titles, sections, dates), min_size=1, max_size=12),
    column=st.sampled_from([0, 1, 2]),
    descending=st.booleans(),
    filtered=st.booleans(),
)
def test_any_library_sorts_as_the_list_sorts(
    tmp_path_factory, entries, column, descending, filtered
):
    base = tmp_path_factory.mktemp("lib")
    folder = base / "news"
    paths = []
    for i, (title, section, date) in enumerate(entries):
        when = date.strftime("%Y-%m-%d %H:%M") if date else None
        paths.append(write(folder, f"{i:03}.txt", title.strip() or "", section, when))
    index_path, articles = stored(base, paths)
    scratch = ScratchFolder()
    try:
        # Filtered (every file name holds ".txt"), a view is found by another plan.
        words = (".txt",) if filtered else ()
        query = ViewQuery((str(folder),), column=column, descending=descending, words=words)
        assert [a.path for a in shown(index_path, scratch.path, query)] == expected(
            articles, column, descending
        )
    finally:
        scratch.remove()


def test_files_that_are_not_text_are_never_listed(tmp_path, scratch, library):
    news, paths = library
    binary = news / "NOTES"
    binary.write_bytes(b"\x00\x01\x02 binary " * 50)
    index_path, _ = stored(tmp_path, paths)
    record = parse_file(str(binary), header_only=True, sniff=True)
    assert record.error == NOT_TEXT
    index = LibraryIndex(tmp_path / "index.sqlite3")
    index.store([record])  # kept, so that it is not read again
    index.close()
    for column in (-1, 0, 2):
        query = ViewQuery(roots=(str(news),), column=column)
        assert str(binary) not in [a.path for a in shown(index_path, scratch, query)]
        reader = ViewReader(index_path, scratch)
        first = [article_from_row(r).path for r in reader.first_rows(query, 10)]
        assert str(binary) not in first and len(first) == len(paths)
        assert not reader.holds(query, str(binary))
        reader.close()
