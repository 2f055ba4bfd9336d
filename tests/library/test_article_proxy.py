"""The filtering and sorting proxy, against a plain Python reference, while rows come and go."""

import random
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from viewer.core.article import Article
from viewer.core.date_format import sort_key
from viewer.library.article_model import (
    COL_PUBLISHED,
    COL_SECTION,
    COL_TITLE,
    COL_UPDATED,
    ArticleTableModel,
)
from viewer.library.article_proxy import ArticleFilterProxy

SECTIONS = ["World", "Sport", "Business", None]
WORDS = ["harbour", "bridge", "vote", "storm", "museum", "train"]


def make(rng: random.Random, n: int) -> Article:
    published = (
        None if rng.random() < 0.2 else datetime(2020, 1, 1) + timedelta(hours=rng.randint(0, 9999))
    )
    return Article(
        path=f"/news/{n:05d}_{rng.choice(WORDS)}.txt",
        title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {n}",
        section=rng.choice(SECTIONS),
        published=published,
        updated=published,
    )


def reference(model, words, section, allowed, column, descending):
    rows = []
    for row in range(model.rowCount()):
        article = model.article(row)
        name = article.path.rsplit("/", 1)[-1]
        hay = f"{article.title}\n{article.section or ''}\n{name}".casefold()
        if not all(w in hay for w in words):
            continue
        if section is not None and (article.section or "").casefold() != section.casefold():
            continue
        if allowed is not None and article.path not in allowed:
            continue
        rows.append(article)
    if column < 0:
        return [a.path for a in rows]
    key = {
        COL_TITLE: lambda a: a.title.casefold() or None,
        COL_SECTION: lambda a: (a.section or "").casefold() or None,
        COL_PUBLISHED: lambda a: sort_key(a.published),
        COL_UPDATED: lambda a: sort_key(a.updated),
    }[column]
    present = [a for a in rows if key(a) is not None]
    missing = [a for a in rows if key(a) is None]
    present.sort(key=key, reverse=descending)
    return [a.path for a in present + missing]


def shown(proxy):
    return [
        proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).path for r in range(proxy.rowCount())
    ]


@pytest.mark.parametrize("seed", range(6))
def test_random_operations_match_the_reference(qtmodeltester, seed):
    rng = random.Random(seed)
    model = ArticleTableModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    words: list[str] = []
    section = None
    allowed = None
    column, descending = -1, False
    counter = 0
    for _ in range(40):
        op = rng.choice(["add", "add", "remove", "update", "filter", "sort", "section", "allow"])
        if op == "add":
            batch = [make(rng, counter + i) for i in range(rng.randint(1, 30))]
            counter += len(batch)
            model.add_articles(batch)
        elif op == "remove" and model.rowCount():
            paths = [model.article(rng.randrange(model.rowCount())).path for _ in range(3)]
            model.remove_paths(paths)
        elif op == "update" and model.rowCount():
            old = model.article(rng.randrange(model.rowCount()))
            published = None if rng.random() < 0.3 else datetime(2019, 1, rng.randint(1, 28))
            model.update_article(
                Article(
                    path=old.path,
                    title=f"{rng.choice(WORDS)} renamed",
                    section=rng.choice(SECTIONS),
                    published=published,
                    updated=old.updated,
                )
            )
        elif op == "filter":
            words = rng.sample(WORDS, rng.randint(0, 1))
            proxy.set_filter_text(" ".join(words))
        elif op == "sort":
            column = rng.choice([-1, COL_TITLE, COL_SECTION, COL_PUBLISHED, COL_UPDATED])
            descending = rng.random() < 0.5
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            proxy.sort(column, order)
        elif op == "section":
            section = rng.choice(SECTIONS)
            proxy.set_section(section)
        elif op == "allow" and model.rowCount():
            allowed = (
                None
                if rng.random() < 0.5
                else {model.article(r).path for r in range(model.rowCount()) if rng.random() < 0.5}
            )
            proxy.set_allowed_paths(allowed)
        assert shown(proxy) == reference(model, words, section, allowed, column, descending), op
    qtmodeltester.check(proxy)


def test_selection_survives_sorting_and_new_rows(qtbot):
    from PySide6.QtWidgets import QTreeView

    rng = random.Random(3)
    model = ArticleTableModel()
    model.add_articles([make(rng, i) for i in range(50)])
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setCurrentIndex(proxy.index(10, 0))
    chosen = view.currentIndex().data(Qt.ItemDataRole.UserRole + 2).path
    proxy.sort(COL_PUBLISHED, Qt.SortOrder.DescendingOrder)
    model.add_articles([make(rng, 100 + i) for i in range(50)])
    assert view.currentIndex().data(Qt.ItemDataRole.UserRole + 2).path == chosen


def test_header_titles_show_with_no_rows():
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(ArticleTableModel())
    assert proxy.headerData(COL_TITLE, Qt.Orientation.Horizontal) == "Title"


def test_rows_streaming_in_show_a_few_times_a_second(qtbot, qtmodeltester):
    from PySide6.QtWidgets import QTableView

    from viewer.library.article_proxy import RESORT_MS

    rng = random.Random(5)
    model = ArticleTableModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    proxy.sort(COL_PUBLISHED, Qt.SortOrder.DescendingOrder)
    proxy.set_deferred_sorting(True)
    inserted = []
    proxy.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))

    model.add_articles([make(rng, i) for i in range(10)])
    assert proxy.rowCount() == 10  # the first rows show at once
    for batch in range(1, 6):
        model.add_articles([make(rng, batch * 100 + i) for i in range(10)])
    assert model.rowCount() == 60
    assert proxy.rowCount() == 10  # the rest wait for the next turn...
    assert proxy.passing_count() == 60  # ...and the window counts them as shown already
    qtbot.waitUntil(lambda: proxy.rowCount() == 60, timeout=RESORT_MS * 5)
    assert inserted == [10, 50]  # ...and come together, in one repaint
    assert shown(proxy) == reference(model, [], None, None, COL_PUBLISHED, True)

    # A waiting row asked for by its place in the model is shown at once.
    model.add_articles([make(rng, 900 + i) for i in range(5)])
    model.add_articles([make(rng, 950)])
    wanted = model.index(model.rowCount() - 1, 0)
    assert proxy.mapFromSource(wanted).isValid()
    assert proxy.rowCount() == 66

    # Rows removed while others wait, then the stream ends: everything shows, sorted.
    model.add_articles([make(rng, 990 + i) for i in range(3)])
    model.remove_paths([model.article(0).path, model.article(model.rowCount() - 1).path])
    proxy.set_deferred_sorting(False)
    assert proxy.rowCount() == model.rowCount() == 67
    assert shown(proxy) == reference(model, [], None, None, COL_PUBLISHED, True)
    qtmodeltester.check(proxy)
