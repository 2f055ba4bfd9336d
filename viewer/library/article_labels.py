"""The labels the reader gives articles: the label set, toggling, undo, counts; each change
kept in the reading state at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from PySide6.QtCore import QObject, Signal

from viewer.core.labels import (
    REVIEW_SEPARATOR,
    STARTER,
    LabelDef,
    added_defs,
    decode_names,
    encode_def,
    encode_names,
    ordered_defs,
    toggled,
)
from viewer.core.query_labels import labels_changed, use_labels
from viewer.core.state.store import ReadingState

UNDO_LIMIT: Final = 200  # label changes Ctrl+Z can take back


class ArticleLabels(QObject):
    """Labels by content key, and the set they come from."""

    changed = Signal(object)  # list[str]: the content keys whose labels changed
    defsChanged = Signal()  # the label set changed (names, colours, keys, order)

    def __init__(self, state: ReadingState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._labels: dict[str, tuple[str, ...]] = {}
        for key, text in state.specs("labels").items():
            names = decode_names(text)
            if names:
                self._labels[key] = names
        self._defs = ordered_defs(state.specs("label_defs"))
        use_labels(self._labels)  # searches (label:x) see them as they change
        self._undo: list[dict[str, tuple[str, ...]]] = []

    # --- the set -----------------------------------------------------------------------------

    def defs(self) -> list[LabelDef]:
        """The label set, in order."""
        return list(self._defs)

    def by_key(self, key: str) -> LabelDef | None:
        """The label a key (``1``–``9``, ``0``) gives."""
        return next((d for d in self._defs if d.key == key), None)

    def colour(self, name: str) -> str | None:
        """A label's colour; None for a name no longer in the set."""
        return next((d.colour for d in self._defs if d.name == name), None)

    def offer_starter(self) -> bool:
        """Give an empty set the starter labels; True when it did."""
        if self._defs:
            return False
        self.set_defs(list(STARTER))
        return True

    def set_defs(self, labels: list[LabelDef], renamed: Mapping[str, str] | None = None) -> None:
        """Keep a new label set. ``renamed`` (old name → new) carries the labels given; a name
        that is dropped from the set stays on its articles until they are relabelled."""
        old = {d.name for d in self._defs}
        numbered = [LabelDef(d.name, d.colour, d.key, n) for n, d in enumerate(labels)]
        changes: dict[str, str | None] = {d.name: encode_def(d) for d in numbered}
        for name in old - {d.name for d in numbered}:
            changes[name] = None
        self._state.set_specs("label_defs", changes)
        self._defs = ordered_defs(self._state.specs("label_defs"))
        if renamed:
            moved = {
                key: tuple(renamed.get(n, n) for n in names)
                for key, names in self._labels.items()
                if any(n in renamed for n in names)
            }
            self._write(moved)
            self.changed.emit(list(moved))
        self.defsChanged.emit()

    # --- the labels given ----------------------------------------------------------------------

    def of(self, key: str | None) -> tuple[str, ...]:
        """The labels of the article with this content key."""
        return self._labels.get(key, ()) if key else ()

    def labelled(self) -> list[str]:
        """The content keys of every labelled article."""
        return list(self._labels)

    def mapping(self) -> Mapping[str, tuple[str, ...]]:
        """Content key → labels, for every labelled article: a read-only view."""
        return MappingProxyType(self._labels)

    def toggle(self, keys: Iterable[str | None], name: str) -> list[str]:
        """Put ``name`` on these articles, or take it off when all of them have it; the keys
        changed (an undo step)."""
        wanted = [k for k in dict.fromkeys(keys) if k]
        if not wanted:
            return []
        on = not all(name in self.of(k) for k in wanted)
        before = {k: self.of(k) for k in wanted}
        after = {}
        for key, names in before.items():
            if (name in names) != on:
                after[key] = toggled(names, name)
        if not after:
            return []
        self._undo.append({k: before[k] for k in after})
        del self._undo[:-UNDO_LIMIT]
        self._write(after)
        self.changed.emit(list(after))
        return list(after)

    def set_labels(self, changes: Mapping[str, Iterable[str]]) -> None:
        """Give articles exactly these labels (an import, say): one undo step."""
        after = {k: tuple(sorted(set(v), key=str.casefold)) for k, v in changes.items() if k}
        after = {k: v for k, v in after.items() if v != self.of(k)}
        if not after:
            return
        self._undo.append({k: self.of(k) for k in after})
        del self._undo[:-UNDO_LIMIT]
        self._write(after)
        self.changed.emit(list(after))

    def carry_over(self, old: str, new: str) -> None:
        """An article's file changed in place, and with it its content key: its labels follow
        (not an undo step: nothing the reader did)."""
        names = self._labels.get(old)
        if names and not self._labels.get(new):
            self._write({new: names, old: ()})
            self.changed.emit([old, new])

    def can_undo(self) -> bool:
        """True when there is a change to take back."""
        return bool(self._undo)

    def undo(self) -> list[str]:
        """Take back the last change; the content keys it touched."""
        if not self._undo:
            return []
        before = self._undo.pop()
        self._write(before)
        self.changed.emit(list(before))
        return list(before)

    # --- sets imported for review ----------------------------------------------------------

    def review_sets(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Each named set imported for review: set name → content key → its labels."""
        sets: dict[str, dict[str, tuple[str, ...]]] = {}
        for row, text in self._state.specs("review").items():
            name, _, key = row.partition(REVIEW_SEPARATOR)
            names = decode_names(text)
            if name and key and names:
                sets.setdefault(name, {})[key] = names
        return sets

    def accept(self, set_name: str, keys: Iterable[str] | None = None) -> int:
        """Take a set's labels as the reader's own for these articles (None: every one of
        the set's); one undo step. How many articles changed."""
        labelled = self.review_sets().get(set_name, {})
        chosen = labelled if keys is None else {k: labelled[k] for k in keys if k in labelled}
        changed = sum(1 for k, names in chosen.items() if set(names) != set(self.of(k)))
        self._define(n for names in chosen.values() for n in names)
        self.set_labels(chosen)
        return changed

    def add_labels(self, given: Mapping[str, Iterable[str]], set_name: str | None = None) -> None:
        """Labels from elsewhere: added to the reader's own (one undo step), or kept as the
        named set ``set_name`` for review."""
        if set_name:
            rows = {f"{set_name}{REVIEW_SEPARATOR}{k}": encode_names(v) for k, v in given.items()}
            self._state.set_specs("review", rows)
            return
        merged = {k: {*self.of(k), *v} for k, v in given.items()}
        self._define(n for names in merged.values() for n in names)
        self.set_labels(merged)

    def dismiss(self, set_name: str, keys: Iterable[str]) -> None:
        """Reject a set's labels for these articles: they leave the set, the reader's own
        labels stay as they are."""
        rows = {f"{set_name}{REVIEW_SEPARATOR}{key}": None for key in keys}
        self._state.set_specs("review", rows)

    def drop_set(self, set_name: str) -> None:
        """Forget a set imported for review (the reader's own labels stay)."""
        prefix = set_name + REVIEW_SEPARATOR
        rows = [row for row in self._state.specs("review") if row.startswith(prefix)]
        self._state.set_specs("review", dict.fromkeys(rows))

    def _define(self, names: Iterable[str]) -> None:
        """Put names the set lacks into it, after the others."""
        added = added_defs((d.name for d in self._defs), names)
        if added:
            self.set_defs([*self._defs, *added])

    def counts(self, keys: Iterable[str | None]) -> Counter[str]:
        """How many of these articles have each label."""
        labels = self._labels
        return Counter(name for key in keys if key in labels for name in labels[key or ""])

    def _write(self, labels: Mapping[str, tuple[str, ...]]) -> None:
        for key, names in labels.items():
            if names:
                self._labels[key] = tuple(names)
            else:
                self._labels.pop(key, None)
        self._state.set_specs("labels", {k: encode_names(v) for k, v in labels.items()})
        labels_changed()  # the queries' tables of labels are filled again
