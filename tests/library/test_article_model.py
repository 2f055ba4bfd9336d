"""The list model and its proxy: checked by qtmodeltester, then by what a view would show."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from viewer.core.article import Article
from viewer.core.parser import parse_file
from viewer.library.article_model import (
    ARTICLE_ROLE,
    COL_PUBLISHED,
    COL_SECTION,
    COL_TITLE,
    ArticleTableModel,
)
from viewer.library.article_proxy import ArticleFilterProxy


def _records(folder):
    return [parse_file(str(p), header_only=True) for p in sorted(folder.iterdir())]


def _proxy_over(articles: list[Article]) -> tuple[ArticleTableModel, ArticleFilterProxy]:
    """A model of ``articles`` and a proxy over it, as the window has them (keep the model:
    the proxy does not)."""
    model = ArticleTableModel()
    model.add_articles(articles)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_model_passes_qtmodeltester(qtmodeltester, articles):
    model = ArticleTableModel()
    model.add_articles(_records(articles))
    qtmodeltester.check(model)


def test_proxy_passes_qtmodeltester(qtmodeltester, articles):
    _model, proxy = _proxy_over(_records(articles))
    proxy.set_filter_text("story")
    proxy.sort(COL_PUBLISHED, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_display_and_roles(articles):
    model = ArticleTableModel()
    model.add_articles(_records(articles))
    assert model.rowCount() == 4
    index = model.index(0, COL_TITLE)
    assert index.data() == "Oldest story"
    assert model.index(0, COL_SECTION).data() == "World"
    assert model.index(0, COL_PUBLISHED).data() == "5 Jan 2019"
    assert str(articles / "a_oldest.txt") in index.data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(index.data(ARTICLE_ROLE), Article)


def test_an_unreadable_date_shows_its_start_not_megabytes(write_article):
    # The list paints what it is given: a 5 MB cell costs a second and a half a repaint.
    raw = "Tue 2024 " * 600_000
    article = parse_file(str(write_article(f"Title\nPublished: {raw}\n\nBody.\n")))
    model = ArticleTableModel()
    model.add_articles([article])
    shown = model.index(0, COL_PUBLISHED).data()
    assert shown.startswith("Tue 2024 Tue 2024")
    assert len(shown) <= 101


def test_duplicates_are_not_added(articles):
    model = ArticleTableModel()
    model.add_articles(_records(articles))
    model.add_articles(_records(articles))
    assert model.rowCount() == 4


def test_update_in_place_emits_data_changed(qtbot, articles):
    model = ArticleTableModel()
    records = _records(articles)
    model.add_articles(records)
    changed = Article(path=records[1].path, title="Renamed")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_article(changed)
    assert blocker.args[0].row() == 1
    assert model.index(1, COL_TITLE).data() == "Renamed"


def test_sort_on_dates_with_unknown_last_both_ways(articles):
    _model, proxy = _proxy_over(_records(articles))

    def titles():
        return [proxy.index(r, COL_TITLE).data() for r in range(proxy.rowCount())]

    proxy.sort(COL_PUBLISHED, Qt.SortOrder.DescendingOrder)
    assert titles() == ["Newest story", "Middle story", "Oldest story", "Undated story"]
    proxy.sort(COL_PUBLISHED, Qt.SortOrder.AscendingOrder)
    assert titles() == ["Oldest story", "Middle story", "Newest story", "Undated story"]


def test_dates_with_and_without_zones_sort_together(tmp_path):
    _model, proxy = _proxy_over(
        [
            Article(path="/a", title="Aware", published=datetime(2022, 1, 1, tzinfo=UTC)),
            Article(path="/b", title="Naive", published=datetime(2021, 1, 1)),
        ]
    )
    proxy.sort(COL_PUBLISHED, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, COL_TITLE).data() == "Naive"


def test_filter_matches_title_section_and_file_name(articles):
    _model, proxy = _proxy_over(_records(articles))
    proxy.set_filter_text("sport")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Middle story"]
    proxy.set_filter_text("d_undated")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Undated story"]
    proxy.set_filter_text("STORY newest")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Newest story"]
    proxy.set_filter_text("")
    assert proxy.rowCount() == 4


def test_remove_paths(articles):
    model = ArticleTableModel()
    records = _records(articles)
    model.add_articles(records)
    model.remove_paths([records[0].path, records[2].path])
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Newest story",
        "Undated story",
    ]
    assert model.row_of(records[3].path) == 1


def test_unread_count_follows_rows_and_marks(articles):
    model = ArticleTableModel()
    read: set[str] = set()
    model.set_read_keys(read)
    records = _records(articles)
    model.add_articles(records)
    assert model.unread_count() == 4
    read.add(records[0].content_key)
    model.read_changed([records[0].content_key])
    assert model.unread_count() == 3
    model.remove_paths([records[1].path])
    assert model.unread_count() == 2
    model.update_article(records[0].__class__(path=records[0].path, title="x", content_key="new"))
    assert model.unread_count() == 3
    assert model.unread_count() == sum(1 for r in range(model.rowCount()) if not model.is_read(r))


def test_rows_added_later_follow_read_marks_by_content_key(articles):
    model = ArticleTableModel()
    read: set[str] = set()
    model.set_read_keys(read)
    records = _records(articles)
    model.add_articles(records[:2])
    read.add(records[0].content_key)
    model.read_changed([records[0].content_key])
    # Later rows: a copy of a read article, a copy of an unread one, and one with no key.
    model.add_articles(
        [
            records[0]._replace(path=records[0].path + ".copy"),
            records[1]._replace(path=records[1].path + ".copy"),
            records[2]._replace(content_key=None),
        ]
    )
    assert model.unread_count() == 2  # records[1] and its copy
    repainted = []
    model.dataChanged.connect(lambda top, bottom, _roles: repainted.append(top.row()))
    read.add(records[1].content_key)
    model.read_changed([records[1].content_key])
    assert sorted(repainted) == [1, 3]  # the article and its copy, found by their key
    assert model.unread_count() == 0
