"""What a search query says, as a tree: words and phrases, header fields, dates, and how they
combine (no Qt). ``query_syntax`` reads it from text, ``query_compile`` turns it into SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class SearchQueryError(ValueError):
    """The query cannot be understood; the message says where and how to mend it."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position  # where in the query text the trouble is, when known


@dataclass(frozen=True)
class Term:
    """A word or phrase to look for, as typed (for highlighting)."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Words:
    """A word, a word's start (``prefix``) or a phrase, in the text or in one of its columns
    (``title``, ``section``; None: anywhere)."""

    text: str  # as typed
    prefix: bool = False
    column: str | None = None


@dataclass(frozen=True)
class Near:
    """Words or phrases within ``distance`` words of each other, in any order."""

    items: tuple[Words, ...]
    distance: int
    column: str | None = None


@dataclass(frozen=True)
class Field:
    """A header field (by its name, folded) whose value holds the words."""

    name: str
    value: Words


@dataclass(frozen=True)
class Dated:
    """Published on or after ``start`` and before ``end`` (None: no bound)."""

    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class Labelled:
    """Has the label ``name`` (folded), or any label (None), in the reader's labels."""

    name: str | None


@dataclass(frozen=True)
class All:
    """Every one of these."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Either:
    """Any one of these."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Without:
    """Not this."""

    child: Node


Node = Words | Near | Field | Dated | Labelled | All | Either | Without


def has_text(node: Node) -> bool:
    """True when answering ``node`` needs the text index (it is not about dates alone)."""
    if isinstance(node, Dated):
        return False
    if isinstance(node, All | Either):
        return any(has_text(child) for child in node.children)
    if isinstance(node, Without):
        return has_text(node.child)
    return True


def terms_of(node: Node, *, wanted: bool = True) -> list[Term]:
    """The words the query looks for (not those it leaves out), in order, for highlighting."""
    if isinstance(node, Words):
        return [Term(node.text, node.prefix)] if wanted else []
    if isinstance(node, Near):
        return [Term(item.text, item.prefix) for item in node.items] if wanted else []
    if isinstance(node, Field):
        return terms_of(node.value, wanted=wanted)
    if isinstance(node, All | Either):
        return [term for child in node.children for term in terms_of(child, wanted=wanted)]
    if isinstance(node, Without):
        return terms_of(node.child, wanted=not wanted)
    return []
