"""The reader's highlights and notes, by article: kept in the reading state at each change."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from viewer.core.annotations import Annotation, decode, encode
from viewer.core.state.store import ReadingState


class ArticleAnnotations(QObject):
    """Every annotation, found by id or by the content key of its article."""

    changed = Signal(object)  # list[str]: the content keys whose annotations changed

    def __init__(self, state: ReadingState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._all: dict[str, Annotation] = {}
        for identity, text in state.specs("annotations").items():
            found = decode(identity, text)
            if found is not None:
                self._all[identity] = found

    def all(self) -> list[Annotation]:
        """Every annotation, oldest first."""
        return sorted(self._all.values(), key=lambda a: (a.created, a.id))

    def of(self, key: str | None) -> list[Annotation]:
        """The annotations of the article with this content key, in the order of its text."""
        return sorted((a for a in self._all.values() if a.key == key), key=lambda a: a.start)

    def get(self, identity: str) -> Annotation | None:
        """The annotation with this id."""
        return self._all.get(identity)

    def keep(self, annotation: Annotation) -> None:
        """Keep a new or changed annotation."""
        self._all[annotation.id] = annotation
        self._state.set_spec("annotations", annotation.id, encode(annotation))
        self.changed.emit([annotation.key])

    def keep_all(self, annotations: list[Annotation]) -> None:
        """Keep many at once (an import): one write, one change."""
        for annotation in annotations:
            self._all[annotation.id] = annotation
        self._state.set_specs("annotations", {a.id: encode(a) for a in annotations})
        self.changed.emit(sorted({a.key for a in annotations}))

    def remove(self, identity: str) -> Annotation | None:
        """Delete an annotation; the one deleted."""
        gone = self._all.pop(identity, None)
        if gone is not None:
            self._state.set_spec("annotations", identity, None)
            self.changed.emit([gone.key])
        return gone

    def rekey(self, old: str, new: str) -> None:
        """An article's file changed, and with it its content key: its annotations follow."""
        moving = [a for a in self._all.values() if a.key == old]
        if not moving:
            return
        changes: dict[str, str | None] = {}
        for annotation in moving:
            moved = replace(annotation, key=new)
            self._all[moved.id] = moved
            changes[moved.id] = encode(moved)
        self._state.set_specs("annotations", changes)
        self.changed.emit([old, new])
