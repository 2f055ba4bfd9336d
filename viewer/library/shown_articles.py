"""The article list as the window's controllers see it, whichever model serves it.

A library of a few thousand articles is listed in memory (``ArticleTableModel`` under the
sorting and filtering ``ArticleFilterProxy``); a big one the index knows is served from the
index a page at a time (``IndexedArticleModel``). The controllers ask this one object what
is shown, where an article is and what is unread, and set the filters, without knowing which
it is; the list view is given the model that serves it (``modelChanged``).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Signal

from viewer.core.article import Article
from viewer.core.date_range import DateRange
from viewer.core.facets import LABEL_FACET, clean_spellings, count_values, folded, merged
from viewer.core.index_view import ViewQuery, listed
from viewer.library.article_model import ARTICLE_ROLE, ArticleTableModel, LabelSource
from viewer.library.article_proxy import ArticleFilterProxy

if TYPE_CHECKING:  # the model of a served list, and what it loads, come when one is served
    from viewer.library.indexed_model import IndexedArticleModel

_CHANGES: Final = ("rowsInserted", "rowsRemoved", "modelReset", "layoutChanged")


class ShownArticles(QObject):
    """What the list shows, and the filters that choose it."""

    modelChanged = Signal(object)  # QAbstractItemModel: the list view is to show this one
    shownChanged = Signal()  # rows came, went, or were sorted or filtered
    reset = Signal()  # the rows shown were chosen anew: the current row is to be found again
    viewReady = Signal()  # the index's whole view is known (its rows, its count)
    countsChanged = Signal()  # the counts over everything listed changed
    trouble = Signal(str)  # the index cannot serve the list as it should: for the status bar

    def __init__(
        self, model: ArticleTableModel, proxy: ArticleFilterProxy, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = proxy
        self.indexed: IndexedArticleModel | None = None  # serving the list, when not None
        self._read: set[str] | None = None
        self._words: tuple[str, ...] = ()
        self._section: str | None = None
        self._labels: LabelSource | None = None
        self._facets: dict[str, str] = {}  # facet → the value chosen (as the box shows it)
        self._hits: frozenset[str] | None = None
        self._hide_read = False
        self._pinned: str | None = None
        self._dates: DateRange | None = None  # the timeline's range
        self._follow(proxy)
        proxy.modelReset.connect(self.reset)
        # The proxy drops removed rows before the model has: count again once the model has.
        model.rowsRemoved.connect(self.shownChanged)

    def _follow(self, model: QAbstractItemModel) -> None:
        for name in _CHANGES:
            getattr(model, name).connect(self.shownChanged)

    # --- which model -----------------------------------------------------------------------

    def view_model(self) -> QAbstractItemModel:
        """The model the list view shows."""
        return self.indexed if self.indexed is not None else self.proxy

    def serve_from_index(self, index_path: str, roots: Iterable[str]) -> None:
        """Show ``roots`` served from the index (the in-memory list is empty: see
        ``ServedLibrary.wants``)."""
        if self.indexed is None:
            from viewer.library.indexed_model import IndexedArticleModel

            self.indexed = IndexedArticleModel(index_path, self)
            self._follow(self.indexed)
            self.indexed.modelReset.connect(self.reset)
            self.indexed.viewReady.connect(lambda _count: self.viewReady.emit())
            self.indexed.viewReady.connect(lambda _count: self.shownChanged.emit())
            self.indexed.countsChanged.connect(self.countsChanged)
            self.indexed.viewFailed.connect(self.trouble)
            self.indexed.viewReady.connect(self._freeze_once)
            self.indexed.set_read_keys(self._read)
            self.indexed.set_label_source(self._labels)
            self.modelChanged.emit(self.indexed)
        self._push(roots=tuple(dict.fromkeys([*self._query().roots, *roots])))

    def _freeze_once(self) -> None:
        """The first view of a served list is written: what the process built by now lives as
        long as the window. Frozen out of the collector's full passes, which walked all of it
        in whichever thread allocated (15-40 ms: a key press's stall while scrolling); each
        object is still freed once nothing refers to it. Once a process."""
        assert self.indexed is not None
        self.indexed.viewReady.disconnect(self._freeze_once)
        if not gc.get_freeze_count():
            gc.collect()  # the garbage first: a cycle frozen would never be collected
            gc.freeze()

    def view_known(self) -> bool:
        """True once the rows shown are all known (always, in memory)."""
        return self.indexed is None or self.indexed.is_final()

    def served_from_index(self) -> bool:
        """True while the index serves the list."""
        return self.indexed is not None

    def close(self) -> None:
        """Let go of the index's scratch views."""
        if self.indexed is not None:
            self.indexed.close()

    def listed_query(self) -> ViewQuery:
        """What a served list lists, whatever its filters: for counting other filters."""
        return listed(self._query())

    def _query(self) -> ViewQuery:
        return self.indexed.query() if self.indexed is not None else ViewQuery()

    def _push(self, **changes: object) -> None:
        """Show the index's view with ``changes`` to its query."""
        assert self.indexed is not None
        query = replace(self._query(), **changes)  # type: ignore[arg-type]
        hide = self._hide_read and self._read is not None
        read_keys = frozenset(self._read) if hide and self._read is not None else None
        self.indexed.set_query(
            replace(
                query,
                words=self._words,
                section=self._section,
                facets=self._served_facets(),
                hits=self._hits,
                read_keys=read_keys,
                pinned=self._pinned if hide else None,
                dates=self._dates,
            )
        )

    # --- rows --------------------------------------------------------------------------------

    def row_count(self) -> int:
        """Rows shown."""
        return self.view_model().rowCount()

    def index(self, row: int) -> QModelIndex:
        """The first cell of a shown row."""
        return self.view_model().index(row, 0)

    def article_at(self, row: int) -> Article | None:
        """The record of a shown row."""
        article = self.index(row).data(ARTICLE_ROLE)
        return article if isinstance(article, Article) else None

    def shown_index(self, path: str) -> QModelIndex:
        """The shown row of the article of ``path`` (invalid when it is not shown)."""
        if self.indexed is not None:
            row = self.indexed.row_of(path)
            return QModelIndex() if row is None else self.indexed.index(row, 0)
        row = self.model.row_of(path)
        return QModelIndex() if row is None else self.proxy.mapFromSource(self.model.index(row, 0))

    def is_listed(self, path: str) -> bool:
        """True when the article of ``path`` is listed, shown or filtered out."""
        if self.indexed is not None:
            return self.indexed.is_listed(path)
        return self.model.row_of(path) is not None

    def is_read_at(self, row: int) -> bool:
        """True when the article of a shown row was read."""
        if self.indexed is not None:
            return self.indexed.is_read(row)
        return self.model.is_read(self.proxy.mapToSource(self.proxy.index(row, 0)).row())

    def next_unread(self, start: int) -> int | None:
        """The first unread shown row after ``start``, wrapping round to the top."""
        if self.indexed is not None:
            found = self.indexed.next_unread(start)
            if found is None and start >= 0:
                found = self.indexed.next_unread(-1)
                found = found if found is not None and found <= start else None
            return found
        count = self.proxy.rowCount()
        for step in range(1, count + 1):
            row = (start + step) % count
            if not self.is_read_at(row):
                return row
        return None

    def listed_articles(self) -> Iterator[Article]:
        """The articles shown, in the list's order."""
        for row in range(self.row_count()):
            article = self.article_at(row)
            if article is not None:
                yield article

    def for_export(self) -> tuple[Iterable[Article], int]:
        """The articles shown, in order, and how many: an iterable to read in another thread
        when the index serves the list (a million records would not fit this one)."""
        if self.indexed is not None:
            return self.indexed.articles_in_order(), self.indexed.rowCount()
        listed = list(self.listed_articles())
        return listed, len(listed)

    # --- counts ------------------------------------------------------------------------------

    def counted(self) -> bool:
        """True once the counts are known (always, in memory; a moment after a served list's
        first screen)."""
        return self.indexed is None or self.indexed.counted()

    def counts_current(self) -> bool:
        """True when the counts are up to date with the index (always, in memory)."""
        return self.indexed is None or self.indexed.counts_current()

    def total(self) -> int:
        """Articles listed, shown or not."""
        if self.indexed is not None:
            return self.indexed.stats().total
        return self.model.rowCount()

    def passing(self) -> int:
        """Articles that pass the filters (those shown and those about to be)."""
        if self.indexed is not None:
            return self.indexed.rowCount()
        return self.proxy.passing_count()

    def unread(self) -> int:
        """Articles listed and unread."""
        if self.indexed is not None:
            return self.indexed.stats().unread
        return self.model.unread_count()

    def unreadable(self) -> int:
        """Articles listed whose file could not be read."""
        if self.indexed is not None:
            return self.indexed.stats().unreadable
        return sum(1 for article in self.model.articles() if not article.ok)

    def section_counts(self) -> Counter[str]:
        """Articles listed per section, by the spelling most of them use."""
        if self.indexed is not None:
            spellings = self.indexed.stats().sections
        else:
            spellings = Counter(a.section for a in self.model.articles() if a.section)
        # "World" and "WORLD" are one section, as the filter sees it.
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        for spelling, count in spellings.most_common():
            folded = spelling.casefold()
            names.setdefault(folded, spelling)
            counts[names[folded]] += count
        return counts

    def facet_counts(self, facet: str) -> Counter[str]:
        """Articles listed per value of ``facet`` (author, source), by the spelling most use;
        per label for the label facet."""
        if facet == LABEL_FACET:
            return self._label_counts()
        if self.indexed is not None:
            spellings = clean_spellings(self.indexed.stats().facets.get(facet, Counter()))
        else:
            spellings = count_values((a.fields for a in self.model.articles()), facet)
        return merged(spellings)

    def _label_counts(self) -> Counter[str]:
        source = self._labels
        if source is None:
            return Counter()
        if self.indexed is not None:
            keys: Iterable[str | None] = self.indexed.keys_listed(list(source.labelled()))
        else:
            keys = (a.content_key for a in self.model.articles())
        return Counter(name for key in keys for name in source.of(key))

    # --- filters -----------------------------------------------------------------------------

    def set_facet(self, facet: str, value: str | None) -> None:
        """Show only articles whose ``facet`` is ``value`` (any spelling; None: any value)."""
        self.proxy.set_facet(facet, value)
        if value:
            self._facets[facet] = value
        else:
            self._facets.pop(facet, None)
        if self.indexed is not None:
            self._push()

    def _served_facets(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The facets chosen, each with the values the index stores that fold to it."""
        if not self._facets or self.indexed is None:
            return ()
        stored = self.indexed.stats().facets
        chosen: list[tuple[str, tuple[str, ...]]] = []
        for facet, value in sorted(self._facets.items()):
            if facet == LABEL_FACET:
                chosen.append((facet, (value,)))
                continue
            wanted = folded(value)
            raws = tuple(r for r in stored.get(facet, ()) if folded(r) == wanted)
            chosen.append((facet, raws))
        return tuple(chosen)

    def set_filter_text(self, text: str) -> None:
        """Show only articles whose title, section or file name hold every word of ``text``."""
        self.proxy.set_filter_text(text)
        words = tuple(text.casefold().split())
        if words != self._words:
            self._words = words
            if self.indexed is not None:
                self._push()

    def set_section(self, section: str | None) -> None:
        """Show one section only (``None``: all)."""
        self.proxy.set_section(section)
        folded = section.casefold() if section else None
        if folded != self._section:
            self._section = folded
            if self.indexed is not None:
                self._push()

    def set_hits(self, paths: Iterable[str] | None, rows: Iterable[int] | None = None) -> None:
        """Show only a search's hits (``None``: every article)."""
        if self.indexed is None:
            self.proxy.set_allowed_rows(rows)
            return
        hits = None if paths is None else frozenset(paths)
        if hits != self._hits:
            self._hits = hits
            self._push()

    def set_dates(self, dates: DateRange | None) -> None:
        """Show only articles in the timeline's range of dates (None: any date)."""
        self.proxy.set_dates(dates)
        if dates != self._dates:
            self._dates = dates
            if self.indexed is not None:
                self._push()

    def dates(self) -> DateRange | None:
        """The timeline's range, if one is set."""
        return self._dates

    def unranged_query(self) -> ViewQuery:
        """What a served list shows, whatever the timeline's range: what the timeline counts."""
        return replace(self._query(), dates=None)

    def set_hide_read(self, hide: bool) -> None:
        """Leave read articles out, but for the one on show."""
        self.proxy.set_hide_read(hide)
        if hide != self._hide_read:
            self._hide_read = hide
            if self.indexed is not None:
                self._push()

    def hide_read(self) -> bool:
        """True while read articles are left out."""
        return self._hide_read

    def set_pinned_path(self, path: str | None) -> None:
        """The article on show: it stays listed while read articles are hidden."""
        self.proxy.set_pinned_path(path)
        if path != self._pinned:
            left, self._pinned = self._pinned, path
            if self.indexed is not None and self._hide_read and left is not None:
                self._push()  # the article left behind may have been read: it goes now

    def remove(self, paths: Iterable[str]) -> None:
        """Take these articles off a list the index serves (their files are not touched)."""
        if self.indexed is not None:
            query = self._query()
            self._push(removed=query.removed | frozenset(paths))

    def set_deferred_sorting(self, deferred: bool) -> None:
        """While rows stream in, sort them into place a few times a second."""
        self.proxy.set_deferred_sorting(deferred)

    # --- read marks --------------------------------------------------------------------------

    def set_read_keys(self, keys: set[str] | None) -> None:
        """The live set of read content keys: unread articles show in bold."""
        self._read = keys
        self.model.set_read_keys(keys)
        if self.indexed is not None:
            self.indexed.set_read_keys(keys)

    def set_label_source(self, source: LabelSource | None) -> None:
        """Show these labels in the Labels column, whichever model serves the list."""
        self._labels = source
        self.model.set_label_source(source)
        if self.indexed is not None:
            self.indexed.set_label_source(source)

    def labels_changed(self, keys: list[str]) -> None:
        """Labels were given or taken: repaint those rows."""
        self.model.labels_changed(keys)
        if self.indexed is not None:
            self.indexed.labels_changed(keys)

    def read_changed(self, keys: list[str]) -> None:
        """Read marks flipped: repaint those rows."""
        self.model.read_changed(keys)
        if self.indexed is not None:
            self.indexed.read_changed(keys)
