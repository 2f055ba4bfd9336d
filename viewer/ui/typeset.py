"""A document being typeset, and what is still to be written into it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtGui import QTextDocument

from viewer.core.article_parts import Parts
from viewer.core.soft_breaks import SoftBreaks


@dataclass
class Typeset:
    """A document and what is still to be written into it, a step (of a cost) at a time."""

    document: QTextDocument
    steps: Iterator[int] = field(default_factory=lambda: iter(()))
    breaks: SoftBreaks = field(default_factory=SoftBreaks)
    parts: Parts | None = None  # a long body's units and parts, one of which is set here
    part: int = 0
    body_start: int = 0  # where that part's first unit starts in the document

    def finish(self) -> QTextDocument:
        """Write all that is left, at once."""
        for _ in self.steps:
            pass
        return self.document
