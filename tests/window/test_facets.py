"""Facets: the author and source fields beside sections, with counts, combined with the search,
in a list in memory and in one the index serves."""

from collections import Counter

from conftest import open_and_wait, wait_for_text_index
from test_served_library import served_window, shown_titles

from viewer.core.facets import count_values, facet_value, merged, sql_value

AUTHORS = ["Jo Writer", "JO WRITER", "Ana Lima", None, "Émile Zola"]
SOURCES = ["Harbour Post", None, "Harbour Post", "Valley Times", None]


def write_library(folder, count):
    """Articles with an author and a source now and then, in any case."""
    folder.mkdir()
    for n in range(count):
        author, source = AUTHORS[n % len(AUTHORS)], SOURCES[n % len(SOURCES)]
        header = f"Author: {author}\n\n" if author else ""
        header += f"Source: {source}\n\n" if source else ""
        word = "river" if n % 2 else "market"
        (folder / f"{n:03}.txt").write_text(
            f"Report {n:03}\n\nWorld\n\nPublished: 2021-01-{n % 28 + 1:02} 10:00\n\n{header}"
            f"The {word} story number {n}.\n"
        )


def expected_counts(count, values):
    """Values counted apart from the viewer: by case-folded value, over ``count`` articles."""
    folded = Counter(values[n % len(values)].casefold() for n in range(count) if values[n % 5])
    return folded


def box_counts(window, facet):
    box = window.list_pane.facet_boxes[facet]
    found = Counter()
    for i in range(1, box.count()):
        label = box.itemText(i)
        name, _, number = label.rpartition(" (")
        found[name.casefold()] = int(number.rstrip(")").replace(",", ""))
    return found


def choose(qtbot, window, facet, value):
    box = window.list_pane.facet_boxes[facet]
    qtbot.waitUntil(lambda: box.findData(value) >= 0)
    window.list_pane.choose_facet(facet, value)


def test_authors_and_sources_are_counted_and_filter_the_list_with_the_search(
    qtbot, library_window, tmp_path
):
    window = library_window
    write_library(tmp_path / "news", 30)
    open_and_wait(qtbot, window, [tmp_path / "news"])
    wait_for_text_index(qtbot, window)
    authors = expected_counts(30, AUTHORS)
    qtbot.waitUntil(lambda: box_counts(window, "author") == authors)
    assert box_counts(window, "source") == expected_counts(30, SOURCES)
    assert window.list_pane.facet_boxes["author"].isVisible()
    box = window.list_pane.facet_boxes["author"]
    jo = next(box.itemData(i) for i in range(box.count()) if "writer" in box.itemText(i).lower())
    choose(qtbot, window, "author", jo)
    qtbot.waitUntil(lambda: window.shown.row_count() == authors["jo writer"])
    # Combined with the search: Jo Writer's articles about the river.
    window.search("river")
    wanted = [
        f"Report {n:03}"
        for n in range(30)
        if (AUTHORS[n % 5] or "").casefold() == "jo writer" and n % 2
    ]
    qtbot.waitUntil(lambda: sorted(shown_titles(window)) == wanted)
    window.list_pane.choose_facet("author", None)
    qtbot.waitUntil(lambda: window.shown.row_count() == 15)


def test_a_library_without_the_fields_shows_no_facet_boxes(qtbot, library_window, tmp_path):
    window = library_window
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text("Plain\n\nWorld\n\nPublished: 2021-01-01\n\nNo author here.\n")
    open_and_wait(qtbot, window, [folder])
    qtbot.waitUntil(lambda: window.list_pane.section_box.count() == 2)
    assert not any(box.isVisible() for box in window.list_pane.facet_boxes.values())


def test_a_served_list_counts_and_filters_its_facets_in_the_index(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    write_library(folder, 90)
    window = served_window(qtbot, make_window, folder)
    sources = expected_counts(90, SOURCES)
    qtbot.waitUntil(lambda: box_counts(window, "source") == sources, timeout=20000)
    assert box_counts(window, "author") == expected_counts(90, AUTHORS)
    choose(qtbot, window, "source", "Harbour Post")
    qtbot.waitUntil(
        lambda: window.shown.view_known() and window.shown.passing() == sources["harbour post"]
    )
    box = window.list_pane.facet_boxes["author"]
    jo = next(box.itemData(i) for i in range(box.count()) if "writer" in box.itemText(i).lower())
    choose(qtbot, window, "author", jo)  # both spellings, from the index, as in memory
    both = sum(
        1
        for n in range(90)
        if SOURCES[n % 5] == "Harbour Post" and (AUTHORS[n % 5] or "").casefold() == "jo writer"
    )
    qtbot.waitUntil(lambda: window.shown.view_known() and window.shown.passing() == both)


def test_facet_values_read_any_fields_and_damaged_json_gives_none(tmp_path):
    import sqlite3

    assert facet_value({"by": "  Jo \n Writer "}, "author") == "Jo Writer"
    assert facet_value({"author": "", "byline": "Ana"}, "author") == "Ana"
    assert facet_value({}, "source") is None
    counts = merged(count_values([{"author": "Jo"}, {"author": "JO"}, {"author": "Ana"}], "author"))
    assert counts == Counter({"Jo": 2, "Ana": 1})
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE articles (fields TEXT)")
    db.executemany(
        "INSERT INTO articles VALUES (?)",
        [('{"author": "Jo"}',), ("{not json",), (None,), ('{"by": "Ana"}',)],
    )
    values = [row[0] for row in db.execute(f"SELECT {sql_value('author')} FROM articles")]
    assert values == ["Jo", None, None, "Ana"]


def test_a_box_lists_the_most_common_values_and_says_how_many_more(qtbot, library_window, tmp_path):
    from viewer.ui.list_pane import FACET_LIMIT

    window = library_window
    folder = tmp_path / "many"
    folder.mkdir()
    names = [f"Writer {n:03}" for n in range(FACET_LIMIT + 20)]
    for n, name in enumerate(names):
        copies = 2 if n < 5 else 1  # the first five are the most common
        for copy in range(copies):
            (folder / f"{n:03}-{copy}.txt").write_text(
                f"Story {n} {copy}\n\nWorld\n\nPublished: 2021-01-01\n\nAuthor: {name}\n\nText.\n"
            )
    open_and_wait(qtbot, window, [folder])
    box = window.list_pane.facet_boxes["author"]
    qtbot.waitUntil(lambda: box.count() == FACET_LIMIT + 2)
    listed = [box.itemText(i) for i in range(1, box.count() - 1)]
    assert all(f"Writer {n:03} (2)" in listed for n in range(5))
    assert box.itemText(box.count() - 1).startswith("… 20 more")
    assert not box.model().item(box.count() - 1).isEnabled()
    choose(qtbot, window, "author", "Writer 002")
    qtbot.waitUntil(lambda: window.shown.row_count() == 2)
