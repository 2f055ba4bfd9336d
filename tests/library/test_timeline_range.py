"""The timeline's range in the list in memory: the proxy and the dates it keeps, against a plain
Python reference, while rows come, change and go."""

import math
import random
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.article import Article
from viewer.core.date_format import sort_key
from viewer.core.date_range import DateRange
from viewer.library.article_model import ArticleTableModel
from viewer.library.article_proxy import ArticleFilterProxy
from viewer.library.timeline_dates import MemoryDates

START = datetime(2024, 1, 1)


def make(rng: random.Random, n: int) -> Article:
    def some_date():
        return None if rng.random() < 0.2 else START + timedelta(hours=rng.randint(0, 4000))

    return Article(
        path=f"/news/{n:05d}.txt",
        title=f"{rng.choice(['Harbour', 'Bridge', 'Vote'])} {n}",
        section=rng.choice(["World", "Sport"]),
        published=some_date(),
        updated=some_date(),
    )


def shown_paths(proxy):
    model = proxy.sourceModel()
    return sorted(model.article(proxy.mapToSource(proxy.index(r, 0)).row()).path
                  for r in range(proxy.rowCount()))  # fmt: skip


def passing(model, dates, section=None):
    return sorted(
        a.path
        for a in model.articles()
        if dates.passes(sort_key(getattr(a, dates.field)))
        and (section is None or a.section == section)
    )


def hours(n):
    return sort_key(START + timedelta(hours=n))


ranges = st.one_of(
    st.builds(
        lambda field, low, span: DateRange(field, hours(low), hours(low + span)),
        st.sampled_from(["published", "updated"]),
        st.integers(-100, 4000),
        st.integers(1, 3000),
    ),
    st.builds(
        lambda field: DateRange(field, undated=True), st.sampled_from(["published", "updated"])
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), ranges, st.sampled_from([None, "World"]))
def test_the_proxy_shows_the_rows_in_range_as_rows_come_change_and_go(qapp, seed, dates, section):
    rng = random.Random(seed)
    model = ArticleTableModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    kept = MemoryDates(model)
    model.add_articles([make(rng, n) for n in range(60)])
    proxy.set_section(section)
    proxy.set_dates(dates)
    assert shown_paths(proxy) == passing(model, dates, section)
    model.add_articles([make(rng, n) for n in range(60, 90)])  # rows come while it is set
    assert shown_paths(proxy) == passing(model, dates, section)
    changed = make(rng, 5)
    model.update_article(changed._replace(path="/news/00005.txt"))
    model.remove_paths([f"/news/{n:05d}.txt" for n in range(10, 20)])
    assert shown_paths(proxy) == passing(model, dates, section)
    # What the timeline counts: the section's rows whatever the range, and every row's dates.
    unranged = sorted(model.article(r).path for r in proxy.unranged_rows())
    assert unranged == sorted(a.path for a in model.articles() if section in (None, a.section))
    for field in ("published", "updated"):
        keys = [None if math.isnan(k) else k for k in kept.keys(field)]
        assert keys == [sort_key(getattr(a, field)) for a in model.articles()]
    proxy.set_dates(None)
    assert shown_paths(proxy) == sorted(
        a.path for a in model.articles() if section in (None, a.section)
    )


def test_the_proxy_with_a_range_is_a_sound_model(qtmodeltester):
    rng = random.Random(7)
    model = ArticleTableModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    model.add_articles([make(rng, n) for n in range(50)])
    proxy.set_dates(DateRange("published", hours(100), hours(2000)))
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < 50
