"""Which first line is a headline, and a title for an article that has none (no Qt).

A headline is short and rarely ends a sentence; a lead paragraph is a sentence or more. Corpora
without title lines (a file that opens with its first paragraph) would otherwise lose that
paragraph to the title, so the line stays in the body and a title is made from it for display.
"""

from __future__ import annotations

import re
from typing import Final

HEADLINE_MAX: Final = 250  # a longer first line is a whole article on one line
# A title longer than this (a mail's Subject, a heading) is shown by its start: the list paints
# a title whole before eliding it, and a 5 MB one cost a second and a half a repaint.
TITLE_MAX: Final = 2000
LEAD_MIN_CHARS: Final = 100  # a first line ending a sentence at this length is a lead...
LEAD_MIN_WORDS: Final = 16  # ...and so is one of this many words
_DERIVED_MAX = 160  # a first sentence up to this long is the derived title
_DERIVED_CUT = 100  # else the title is cut near here, at a space
# Sentence ends in Latin, CJK, Arabic, Urdu and Devanagari writing.
_TERMINAL: Final = (".", "!", "?", "…", "。", "！", "？", "۔", "؟", "।")
_CLOSERS: Final = "'\"’”»)]"
_SENTENCE = re.compile(r"(.+?[.!?…。！？۔؟।][\"'’”»)\]]*)(?:\s|$)")


def ends_sentence(text: str) -> bool:
    """True when the text ends with a full stop, question or exclamation mark (any script)."""
    return text.rstrip().rstrip(_CLOSERS).endswith(_TERMINAL)


def is_lead_paragraph(line: str) -> bool:
    """True for a first line that reads as the start of the body rather than as a headline."""
    text = line.strip()
    if len(text) > HEADLINE_MAX:
        return True
    if not ends_sentence(text):
        return False
    return len(text) >= LEAD_MIN_CHARS or len(text.split()) >= LEAD_MIN_WORDS


def derived_title(text: str) -> str:
    """A title made from the start of a paragraph: its first sentence, or its first words."""
    text = " ".join(text.split())
    sentence = _SENTENCE.match(text)
    if sentence and len(sentence.group(1)) <= _DERIVED_MAX:
        return sentence.group(1)
    if len(text) <= _DERIVED_MAX:
        return text
    cut = text.rfind(" ", 0, _DERIVED_CUT)
    return text[: cut if cut > 0 else _DERIVED_CUT].rstrip(",;:–—-") + "…"
