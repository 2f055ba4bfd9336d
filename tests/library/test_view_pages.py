"""A served list's pages: those beside the one the list comes to are read ahead, off the
window's thread."""

import pytest
from conftest import calls_during

from viewer.core.index import LibraryIndex
from viewer.core.index_view import ViewQuery
from viewer.core.parser import parse_file
from viewer.core.view_tables import ViewReader
from viewer.library.article_model import ARTICLE_ROLE
from viewer.library.indexed_model import IndexedArticleModel
from viewer.library.view_pages import PAGE_ROWS


@pytest.fixture
def library(tmp_path):
    """A folder of three pages of articles, and an index that knows them."""
    folder = tmp_path / "news"
    folder.mkdir()
    paths = []
    for n in range(PAGE_ROWS * 3):
        path = folder / f"{n:04}.txt"
        path.write_text(f"Story {n:04}\n\nWorld\n\nPublished: 2021-03-01 10:00\n\nBody.\n")
        paths.append(str(path))
    index_path = tmp_path / "index.sqlite3"
    index = LibraryIndex(index_path)
    index.store(parse_file(p, header_only=True) for p in paths)
    index.close()
    return folder, paths, index_path


@pytest.fixture
def model(qtbot, library):
    folder, _paths, index_path = library
    made = IndexedArticleModel(str(index_path))
    with qtbot.waitSignal(made.viewReady, timeout=10000):
        made.set_query(ViewQuery(roots=(str(folder),), column=0))  # by title
    yield made
    made.close()


def article(model, row):
    return model.data(model.index(row, 0), ARTICLE_ROLE)


def test_the_next_page_is_read_ahead_and_at_hand_when_the_list_gets_there(qtbot, model, library):
    _folder, paths, _index = library
    assert article(model, 5).path == paths[5]  # the first page, read now
    qtbot.waitUntil(lambda: len(model._pages) == 2)  # and the next, in the background
    found, reads = calls_during(lambda: article(model, PAGE_ROWS + 3), ViewReader.page)
    assert found.path == paths[PAGE_ROWS + 3]
    assert reads == []  # no read in the window's thread


def test_a_page_read_ahead_of_a_view_no_longer_shown_is_dropped(qtbot, model, library):
    folder, paths, _index = library
    assert article(model, 0).path == paths[0]
    with qtbot.waitSignal(model.viewReady, timeout=10000):
        model.set_query(ViewQuery(roots=(str(folder),), column=0, descending=True))
    assert article(model, 0).path == paths[-1]
    assert article(model, PAGE_ROWS).path == paths[-1 - PAGE_ROWS]
    assert [article(model, r).path for r in range(model.rowCount())] == paths[::-1]
