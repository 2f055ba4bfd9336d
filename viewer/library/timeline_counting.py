"""What the timeline counts, and when: every article listed, the list's filter, the queries
compared; counted again (off the window's thread) whenever the list, the library or a choice
of the reader's changes, by published or updated date, per period."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from viewer.core.date_range import DATE_FIELDS, DateRange
from viewer.core.index_view import ViewQuery
from viewer.core.timeline_counts import PERIODS, Counts, count, local_days
from viewer.library.session import LibrarySession
from viewer.library.shown_articles import ShownArticles
from viewer.library.timeline_counter import Job, ServedIndex, TimelineCounter
from viewer.library.timeline_dates import MemoryDates
from viewer.library.timeline_model import TimelineCountsModel, TimelineResult

MAX_QUERIES: Final = 5  # queries compared at once: more colours than this cannot be told apart
SHOWN: Final = "Shown in the list"  # the series of the list's own filter, section and search
LOADING_MS: Final = 500  # while rows stream in, counts follow a couple of times a second


@dataclass(frozen=True)
class Series:
    """A search compared: its query, and for a smart folder its section and filter too."""

    name: str
    query: str
    section: str | None = None
    filter: str = ""


class TimelineCounting(QObject):
    """Keeps ``model`` counted for the list as it is."""

    counted = Signal()  # the model holds new counts
    note = Signal(str)  # something the reader should know of a count ("" when all is well)

    def __init__(
        self, shown: ShownArticles, session: LibrarySession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.shown = shown
        self.session = session
        self.model = TimelineCountsModel(self)
        self.field = "published"
        self.period: str | None = None  # None: chosen for the span shown
        self.series: list[Series] = []
        self._dates = MemoryDates(shown.model, self)
        # A compared search's rows in memory, kept while the rows are as they were (searching
        # again at every change of the list would cost the window's thread a search each).
        self._found: dict[Series, np.ndarray | None] = {}
        self._found_at = -1
        # Served: the days of everything listed, kept until the counts over it change (read
        # in the counting thread; a filter or a search of the list leaves them as they were).
        self._every: dict[object, np.ndarray] = {}
        shown.countsChanged.connect(self._forget_listed)
        self._counter = TimelineCounter(self)
        self._counter.done.connect(self._done)
        self._generation = 0
        self._waiting = False  # a count was asked for and has not come back
        self._active = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.count_now)
        for changed in (shown.shownChanged, shown.viewReady, shown.countsChanged):
            changed.connect(self.count_soon)
        session.searchResultsChanged.connect(self._found.clear)
        session.searchResultsChanged.connect(self.count_soon)

    # --- the reader's choices --------------------------------------------------------------

    def set_active(self, active: bool) -> None:
        """Count only while the timeline is shown (and at once when it shows)."""
        self._active = active
        if active:
            self.count_now()
        else:
            self._soon.stop()

    def set_field(self, field: str) -> None:
        """Count by "published" or "updated" date."""
        if field in DATE_FIELDS and field != self.field:
            self.field = field
            self.count_now()

    def set_period(self, period: str | None) -> None:
        """Count per day, week, month or year (None: the period that suits the span)."""
        chosen = period if period in PERIODS else None
        if chosen != self.period:
            self.period = chosen
            self.count_now()

    @property
    def queries(self) -> list[str]:
        """The names of the series compared, in order."""
        return [s.name for s in self.series]

    def add_query(self, text: str) -> bool:
        """Compare ``text`` (a search query) as a series; False when five are compared."""
        text = text.strip()
        return not text or self.add_series(Series(text, text))

    def add_series(self, series: Series) -> bool:
        """Compare a search (or a smart folder); False when five are compared already."""
        if series.name in self.queries:
            return True
        if len(self.series) >= MAX_QUERIES:
            return False
        self.series.append(series)
        self.count_now()
        return True

    def remove_query(self, name: str) -> None:
        """Compare the series ``name`` no more."""
        kept = [s for s in self.series if s.name != name]
        if kept != self.series:
            self.series = kept
            self.count_now()

    def range_of(self, first_bar: int, last_bar: int) -> DateRange:
        """The range of dates of bars ``first_bar`` to ``last_bar`` of the counts shown."""
        from viewer.core.timeline_counts import bucket_range

        low, high = bucket_range(self.model.counts(), first_bar, last_bar)
        return DateRange(self.field, low, high)

    # --- counting --------------------------------------------------------------------------

    def count_soon(self) -> None:
        """Count again once this turn of the event loop is over (while rows stream in, a couple
        of times a second): changes come in bursts."""
        if self._active and not self._soon.isActive():
            self._soon.start(LOADING_MS if self.session.is_loading() else 0)

    def busy(self) -> bool:
        """True while a count is waited for."""
        return self._soon.isActive() or self._waiting

    def _forget_listed(self) -> None:
        self._every = {}

    def after_own_change(self, waiting: bool) -> None:
        """The list changed only by the timeline's own range, which it counts without:
        no count for it (``waiting``: one was due before, and stays)."""
        if not waiting and not self.shown.served_from_index():
            self._soon.stop()

    def waiting(self) -> bool:
        """True while a count is due."""
        return self._soon.isActive()

    def count_now(self) -> None:
        """Count again, from now."""
        self._soon.stop()
        if not self._active:
            return
        self._generation += 1
        self._waiting = True
        if self.shown.served_from_index():
            self._counter.request(self._generation, str(self.session.index_path), self._served())
        else:
            self._counter.request(self._generation, None, self._in_memory())

    def _in_memory(self) -> Job:
        """The job for a list in memory: the arrays it needs are copied here, counted there."""
        from viewer.core.search_query import SearchQueryError

        keys = np.frombuffer(self._dates.keys(self.field), dtype=np.float64).copy()
        total = len(keys)
        rows = self.shown.proxy.unranged_rows()
        picks: list[np.ndarray | None] = []
        names: list[str] = []
        notes: list[str] = []
        if len(rows) < total:
            picks.append(np.fromiter(rows, dtype=np.int64, count=len(rows)))
            names.append(SHOWN)
        if self._found_at != self._dates.version:
            self._found.clear()
            self._found_at = self._dates.version
        proxy = self.shown.proxy
        for each in self.series:
            if each not in self._found:
                try:
                    _query, found = self.session.search(each.query)
                except SearchQueryError as exc:
                    notes.append(f"“{each.name}” cannot be read: {exc}")
                    continue
                if each.filter.strip() or each.section:
                    found = proxy.matching_rows(each.filter, each.section, found)
                self._found[each] = None if found is None else np.fromiter(found, np.int64)
            picks.append(self._found[each])
            names.append(each.name)
        period = self.period

        def job(_served: ServedIndex | None) -> TimelineResult:
            days = local_days(keys)
            series = [days if p is None else days[p[p < total]] for p in picks]
            return TimelineResult(count(days, period, series), tuple(names), tuple(notes))

        return job

    def _served(self) -> Job:
        """The job for a list the index serves: the dates are read there, in the thread."""
        listed = self.shown.listed_query()
        unranged = self.shown.unranged_query()
        filtering = replace(unranged, column=-1, descending=False, pinned=None) != listed
        column = DateRange(self.field).column()
        compared, period = list(self.series), self.period
        kept, key = self._every, (listed, column, self.shown.total())

        def job(served: ServedIndex | None) -> TimelineResult:
            from viewer.core.search_query import SearchQueryError, parse_query

            assert served is not None
            builder = served.builder()

            def days_of(query: ViewQuery) -> np.ndarray:
                return local_days(np.array(builder.date_keys(query, column), dtype=np.float64))

            every = kept.get(key)
            if every is None:
                kept.clear()
                every = kept[key] = days_of(listed)
            series, names, notes = [], [], []
            if filtering:
                series.append(days_of(unranged))
                names.append(SHOWN)
            for each in compared:
                try:
                    query = parse_query(each.query)
                except SearchQueryError as exc:
                    notes.append(f"“{each.name}” cannot be read: {exc}")
                    continue
                view = replace(
                    listed,
                    words=tuple(each.filter.casefold().split()),
                    section=each.section.casefold() if each.section else None,
                )
                if not query.empty:
                    hits = frozenset(served.index().search(query.match, query.filters))
                    view = replace(view, hits=hits)
                series.append(every if view == listed else days_of(view))
                names.append(each.name)
            return TimelineResult(count(every, period, series), tuple(names), tuple(notes))

        return job

    def _done(self, generation: int, made: object) -> None:
        if generation != self._generation:
            return
        self._waiting = False
        if isinstance(made, str):
            self.note.emit(made)
            return
        assert isinstance(made, TimelineResult)
        self.model.set_result(made)
        self.note.emit(" ".join(made.notes))
        self.counted.emit()

    def counts(self) -> Counts:
        """The counts shown."""
        return self.model.counts()

    def stop(self) -> None:
        """End the counting thread; a count still on its way is dropped."""
        self._active = False
        self._generation += 1
        self._soon.stop()
        self._counter.stop()
