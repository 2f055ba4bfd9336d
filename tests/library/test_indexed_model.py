"""The list model served from the index: real files, a real table view, pages and views."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from viewer.core.index import LibraryIndex
from viewer.core.index_view import ViewQuery
from viewer.core.parser import parse_file
from viewer.library.article_model import ARTICLE_ROLE
from viewer.library.indexed_model import FIRST_SCREEN, KEPT_PAGES, IndexedArticleModel

WORDS = ["harbour", "council", "river", "market", "storm", "bridge", "school", "festival"]


def write(folder, number, title, section, day):
    path = folder / f"{number:04}.txt"
    path.write_text(f"{title}\n\n{section}\n\nPublished: 2021-03-{day:02} 10:00\n\nBody.\n")
    return str(path)


@pytest.fixture
def library(tmp_path):
    """A folder of 300 articles, and an index that knows them."""
    folder = tmp_path / "news"
    folder.mkdir()
    paths = [
        write(
            folder, n, f"{WORDS[n % 8].title()} story {n:03}", ["World", "Arts"][n % 2], n % 28 + 1
        )
        for n in range(300)
    ]
    index_path = tmp_path / "index.sqlite3"
    index = LibraryIndex(index_path)
    index.store(parse_file(p, header_only=True) for p in paths)
    index.close()
    return folder, paths, index_path


@pytest.fixture
def model(qtbot, library):
    _folder, _paths, index_path = library
    made = IndexedArticleModel(str(index_path))
    yield made
    made.close()


def show(qtbot, model, query):
    with qtbot.waitSignal(model.viewReady, timeout=10000):
        model.set_query(query)


def titles(model):
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, model, library):
    folder, _paths, _index = library
    show(qtbot, model, ViewQuery(roots=(str(folder),), column=0))
    qtmodeltester.check(model)
    show(qtbot, model, ViewQuery(roots=(str(folder),), column=2, descending=True, words=("storm",)))
    qtmodeltester.check(model)
    view = QTableView()  # a view with a current row and a selection, as the tester watches
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectionModel().setCurrentIndex(
        model.index(model.rowCount() - 1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    with qtbot.waitSignal(model.viewReady, timeout=10000):
        model.sort(0, Qt.SortOrder.AscendingOrder)  # the same rows, another order
    with qtbot.waitSignal(model.viewReady, timeout=10000):
        model.refresh()
    qtmodeltester.check(model)


def test_a_view_shows_its_first_screen_at_once_and_the_rest_when_written(qtbot, model, library):
    folder, paths, _index = library
    model.set_query(ViewQuery(roots=(str(folder),), column=0))
    assert model.rowCount() == FIRST_SCREEN  # before anything else runs
    first = titles(model)
    assert first == sorted(first, key=str.casefold)
    qtbot.waitUntil(model.is_final, timeout=10000)
    assert model.rowCount() == len(paths)
    every = titles(model)
    assert every[:FIRST_SCREEN] == first
    assert every == sorted(every, key=str.casefold)


def test_sorting_keeps_the_current_article_through_a_real_view(qtbot, model, library):
    folder, paths, _index = library
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    show(qtbot, model, ViewQuery(roots=(str(folder),), column=0))
    view.selectionModel().setCurrentIndex(
        model.index(250, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    chosen = model.data(model.index(250, 0), ARTICLE_ROLE)
    with qtbot.waitSignal(model.viewReady, timeout=10000):
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        current = view.currentIndex()  # parked, showing its article, while the view is written
        assert model.data(current, ARTICLE_ROLE).path == chosen.path
    current = view.currentIndex()
    assert model.data(current, ARTICLE_ROLE).path == chosen.path
    assert current.row() == len(paths) - 1 - 250
    every = titles(model)
    assert every == sorted(every, key=str.casefold, reverse=True)


def test_filters_and_sections_narrow_the_view(qtbot, model, library):
    folder, _paths, _index = library
    query = ViewQuery(roots=(str(folder),), column=0, words=("storm",))
    show(qtbot, model, query)
    assert titles(model) and all("storm" in t.lower() for t in titles(model))
    assert model.rowCount() == sum(WORDS[n % 8] == "storm" for n in range(300))
    show(qtbot, model, replace(query, section="arts"))
    expected = [n for n in range(300) if WORDS[n % 8] == "storm" and n % 2 == 1]
    assert model.rowCount() == len(expected)
    show(qtbot, model, replace(query, words=("nothing-like-this",)))
    assert model.rowCount() == 0


def test_files_added_and_removed_show_after_a_refresh(qtbot, model, library):
    folder, paths, index_path = library
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    show(qtbot, model, ViewQuery(roots=(str(folder),), column=0))
    current = model.index(10, 0)
    view.setCurrentIndex(current)
    chosen = model.data(current, ARTICLE_ROLE).path
    index = LibraryIndex(index_path)
    new = write(folder, 900, "Aardvark arrives", "World", 3)
    index.store([parse_file(new, header_only=True)])
    index.remove(paths[:20])
    index.close()
    with qtbot.waitSignal(model.viewReady, timeout=10000):
        model.refresh()
    assert model.rowCount() == len(paths) - 20 + 1
    assert titles(model)[0] == "Aardvark arrives"
    assert model.data(view.currentIndex(), ARTICLE_ROLE).path == chosen
    shown = {model.data(model.index(r, 0), ARTICLE_ROLE).path for r in range(model.rowCount())}
    assert not shown & set(paths[:20])


def test_read_articles_are_bold_no_more_and_next_unread_skips_them(qtbot, model, library):
    folder, _paths, _index = library
    show(qtbot, model, ViewQuery(roots=(str(folder),)))
    read = {model.data(model.index(r, 0), ARTICLE_ROLE).content_key for r in range(0, 40)}
    model.set_read_keys(read)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(40, 0), Qt.ItemDataRole.FontRole).bold()
    assert model.is_read(5) and not model.is_read(40)
    assert model.next_unread(0) == 40
    qtbot.waitUntil(lambda: model.stats().unread == 260, timeout=10000)
    assert model.stats().total == 300
    more = {model.data(model.index(r, 0), ARTICLE_ROLE).content_key for r in range(40, 300)}
    read |= more
    model.read_changed(list(more))
    assert model.next_unread(0) is None
    assert model.stats().unread == 0


def test_only_pages_are_held_however_far_one_scrolls(qtbot, model, library):
    folder, paths, _index = library
    show(qtbot, model, ViewQuery(roots=(str(folder),)))
    seen = [model.data(model.index(r, 0), ARTICLE_ROLE).path for r in range(model.rowCount())]
    assert seen == sorted(paths)
    assert len(model._pages) <= KEPT_PAGES
