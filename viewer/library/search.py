"""Full-text search over the listed articles: the query, the index, and document → row."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.core.article import Article
from viewer.core.index import LibraryIndex, LibraryIndexError
from viewer.core.index_location import file_identity
from viewer.library.article_model import ArticleTableModel

if TYPE_CHECKING:  # the query's module comes with the first search
    from viewer.core.search_query import SearchQuery

log = logging.getLogger("viewer")


class LibrarySearch(QObject):
    """Answers queries with model rows, from the index the session's listing keeps."""

    failed = Signal(str)  # what to say when a search could not be run

    def __init__(
        self, model: ArticleTableModel, index_path: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._index_path = index_path
        self._index: LibraryIndex | None = None
        self._file: tuple[int, int] | None = None
        # Rows counted as they change, so a search knows when its document → row map is stale.
        self._generation = 0
        self._doc_rows: list[int] = []
        self._doc_rows_key: tuple[object, ...] | None = None
        self._prepared: tuple[tuple[object, ...], list[int]] | None = None
        self._preparing: threading.Thread | None = None
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._rows_changed)

    def search(self, text: str) -> tuple[SearchQuery, list[int] | None]:
        """The query and the model rows it finds (None: no query, show everything).

        Raises ``SearchQueryError`` for a malformed query, with a message for the person.
        """
        from viewer.core.search_query import parse_query

        query = parse_query(text)
        if query.empty:
            return query, None
        if not query.uses_text:
            # Dates alone: answered from the listing, which holds every article.
            return query, rows_passing(self._model.articles(), query)
        try:
            index = self.index()
            documents = index.search_documents(query.match, query.filters)
            rows = self._document_rows(index)
        except LibraryIndexError as exc:
            self.failed.emit(f"Search failed: {exc}")
            return query, []
        size = len(rows)
        return query, [row for doc in documents if doc < size and (row := rows[doc]) >= 0]

    def search_paths(self, text: str) -> tuple[SearchQuery, set[str] | None]:
        """The query and the paths it finds (None: no query), for a list the index serves."""
        from viewer.core.search_query import parse_query

        query = parse_query(text)
        if query.empty:
            return query, None
        try:
            return query, self.index().search(query.match, query.filters)
        except LibraryIndexError as exc:
            self.failed.emit(f"Search failed: {exc}")
            return query, set()

    def index(self) -> LibraryIndex:
        """The search's own connection to the index, opened afresh if the file was replaced."""
        # A file deleted or replaced under the viewer: this connection would go on with the
        # old one while the listing and the indexer write to the new.
        if self._index is not None and file_identity(self._index_path) != self._file:
            self._index.close()
            self._index = None
        if self._index is None:
            # Never a checkpoint on the window's thread: its few writes would copy in the
            # long log the text indexer leaves until its end, and wait for two syncs.
            self._index = LibraryIndex(self._index_path, checkpoint_pages=0)
            self._file = file_identity(self._index_path)
        return self._index

    def preparing(self) -> bool:
        """True while the document → row map is being made in the background."""
        return self._preparing is not None and self._preparing.is_alive()

    def prepare(self) -> None:
        """Make the document → row map in the background, so the first search is as quick as
        the next (making it takes 0.1 s at 100,000 articles)."""
        if self.preparing():
            return
        generation, index_path, row_of = self._generation, self._index_path, self._model.row_of

        def prepare() -> None:
            try:
                index = LibraryIndex(index_path)
                try:
                    key = (index.documents_version(), generation)
                    self._prepared = (key, _rows_of_documents(index.document_paths(), row_of))
                finally:
                    index.close()
            except Exception as exc:  # the first search makes it instead
                log.warning("could not prepare search: %s", exc)

        self._preparing = threading.Thread(target=prepare, name="prepare-search", daemon=True)
        self._preparing.start()

    def close(self) -> None:
        """Wait for the map being made, and close the index."""
        if self._preparing is not None:
            self._preparing.join()
        if self._index is not None:
            self._index.close()
            self._index = None

    def _document_rows(self, index: LibraryIndex) -> list[int]:
        """Document number → model row (-1: none), made again when either side changed."""
        key = (index.documents_version(), self._generation)
        if key != self._doc_rows_key:
            if self._preparing is not None:
                self._preparing.join()  # nearly done, most likely: quicker than starting over
            prepared = self._prepared
            if prepared is not None and prepared[0] == key:
                self._doc_rows = prepared[1]
            else:
                self._doc_rows = _rows_of_documents(index.document_paths(), self._model.row_of)
            self._doc_rows_key = key
        return self._doc_rows

    def _rows_changed(self, *_args: object) -> None:
        self._generation += 1


def _rows_of_documents(paths: dict[int, str], row_of: Callable[[str], int | None]) -> list[int]:
    """Document number → model row, -1 for documents not listed."""
    rows = [-1] * (max(paths, default=0) + 1)
    for doc, path in paths.items():
        row = row_of(path)
        if row is not None:
            rows[doc] = row
    return rows


def rows_passing(articles: Sequence[Article], query: SearchQuery) -> list[int]:
    """Rows of the articles that pass a query of dates alone."""
    return [row for row, article in enumerate(articles) if query.passes(article)]
