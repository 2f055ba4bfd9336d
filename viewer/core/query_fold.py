"""Folding text for search: diacritics dropped the same way in the index, the query and the
reading pane's highlights (no Qt).

SQLite's tokenizer folds case, and drops the diacritics of Latin letters; it keeps those of
other scripts, so Cyrillic ё stays apart from е and an Arabic word written with its vowel marks
(harakat) apart from its bare spelling. The index's text and the query's words are therefore
folded here first, alike: canonical decomposition, the diacritical marks dropped, composed
again. The marks dropped are those of the combining diacritics blocks and the points and vowel
marks of Hebrew and Arabic (with Arabic's tatweel, a stretch of the line); the marks of other
scripts (Indic vowel signs, Japanese voicing marks) make other letters, and stay. So does the
breve of Cyrillic й and ў, letters of their own. A few letters with a stroke (ł, ø, đ, ħ, ŧ)
and dotless ı have no decomposition and fold by a table.

``variants`` gives the highlights what folds to a letter, so that a pattern finds in the text as
written whatever the index matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# The diacritical marks folded away (all nonspacing or enclosing marks), and tatweel.
DIACRITIC_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks: Latin, Greek, Cyrillic ё
    (0x0483, 0x0489),  # Cyrillic titlo and the like
    (0x0591, 0x05BD),  # Hebrew cantillation and points
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C5),
    (0x05C7, 0x05C7),
    (0x0610, 0x061A),  # Arabic marks
    (0x064B, 0x065F),  # Arabic harakat, hamza and madda above and below
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06DC),  # Quranic annotation
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D3, 0x08E1),  # Arabic extended marks
    (0x08E3, 0x08FF),
    (0x1AB0, 0x1AFF),  # combining diacritical marks extended
    (0x1DC0, 0x1DFF),  # combining diacritical marks supplement
    (0x20D0, 0x20FF),  # combining marks for symbols
    (0xFE20, 0xFE2F),  # combining half marks
)
TATWEEL = "\u0640"
_BREVE = "\u0306"
_SHORT_LETTERS = "иИуУ"  # with a breve: й Й ў Ў, kept
# Letters that carry a diacritic but have no decomposition into one.
_STROKES = str.maketrans("łŁøØđĐħĦŧŦı", "lLoOdDhHtTi")
_STROKED = re.compile("[łŁøØđĐħĦŧŦı]")
_COMPOSED_AGAIN = re.compile("[йЙўЎ\uac00-\ud7a3]")  # what decomposes into what stays


def _class_ranges(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(chr(low) + (f"-{chr(high)}" if high > low else "") for low, high in ranges)


# A character class (without its brackets) of the marks, for patterns built on it.
MARKS = _class_ranges(DIACRITIC_RANGES)
_BUT_BREVE = ((0x0300, ord(_BREVE) - 1), (ord(_BREVE) + 1, 0x036F), *DIACRITIC_RANGES[1:])
_DROPPED = re.compile(f"[{_class_ranges(_BUT_BREVE)}{TATWEEL}]")
_LONE_BREVE = re.compile(f"{_BREVE}(?<![{_SHORT_LETTERS}]{_BREVE})")  # not that of й, ў
_FOLDING = re.compile(f"[{MARKS}{TATWEEL}łŁøØđĐħĦŧŦı]")  # what folds without decomposing


def fold_text(text: str) -> str:
    """``text`` with its diacritics dropped (case is left to the tokenizer): ``café`` →
    ``cafe``, ``ёлка`` → ``елка``, ``كَتَبَ`` → ``كتب``; ASCII comes back as it is, at once."""
    if text.isascii():
        return text
    if unicodedata.is_normalized("NFD", text) and _FOLDING.search(text) is None:
        return text  # nothing to fold: typographic quotes and dashes, most other scripts
    if _BREVE not in text and _COMPOSED_AGAIN.search(text) is not None:
        # Decomposing й or Hangul means composing all of the text again, which takes ten
        # times as long as touching only what folds, a run at a time (elsewhere, the other way).
        return _foldable().sub(_folded, text)
    return _decomposed_fold(text)


def _folded(match: re.Match[str]) -> str:
    return _fold_run(match.group())


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    return _decomposed_fold(run)


def _decomposed_fold(text: str) -> str:
    """What ``fold_text`` does, the long way: decomposed, marks dropped, composed again."""
    decomposed = unicodedata.normalize("NFD", text)
    dropped = _DROPPED.sub("", decomposed)
    if _BREVE in dropped:
        dropped = _LONE_BREVE.sub("", dropped)
    if _STROKED.search(dropped) is not None:
        dropped = dropped.translate(_STROKES)
    if dropped == text:
        return text
    return unicodedata.normalize("NFC", dropped)


# Blocks that hold letters which fold to another letter: Latin, Greek, Cyrillic, Hebrew and
# Arabic with their precomposed forms, and the letterlike symbols (the ångström sign).
_PRECOMPOSED_BLOCKS = (
    (0x00C0, 0x024F),
    (0x0370, 0x052F),
    (0x0620, 0x06FF),
    (0x1E00, 0x1FFF),
    (0x2100, 0x214F),
    (0xFB1D, 0xFB4F),
)


@cache
def _foldable() -> re.Pattern[str]:
    """What finds runs of characters that fold: the marks, tatweel, the letters with a stroke
    and the precomposed letters that decompose with a mark; made at the first text folded,
    in a few milliseconds."""
    letters = [
        chr(code)
        for low, high in _PRECOMPOSED_BLOCKS
        for code in range(low, high + 1)
        if _decomposed_fold(chr(code)) != chr(code)
    ]
    escaped = "".join(re.escape(letter) for letter in letters)
    return re.compile(f"[{_class_ranges(_BUT_BREVE)}{TATWEEL}{escaped}]+")


@cache
def _variant_table() -> dict[str, str]:
    """Lower-case folded letter → every letter that folds to it (any case); made at the first
    highlight, in about a millisecond."""
    table: dict[str, list[str]] = {}
    for low, high in _PRECOMPOSED_BLOCKS:
        for code in range(low, high + 1):
            letter = chr(code)
            folded = fold_text(letter)
            if len(folded) == 1 and folded != letter:
                table.setdefault(folded.lower(), []).append(letter)
    return {base: "".join(letters) for base, letters in table.items()}


def variants(letter: str) -> str:
    """``letter`` (folded) and every letter that folds to it, in any case: what a highlight
    of it matches."""
    lower = letter.lower()
    found = [letter, lower, letter.upper(), *_variant_table().get(lower, "")]
    return "".join(dict.fromkeys(c for c in found if len(c) == 1))  # each once


# A letter or digit, or a mark on one: inside a word. A phrase's words stand apart by anything
# else but a paragraph's end (the text as the reader has it breaks paragraphs with "\n").
_IN_WORD = f"(?:[^\\W_]|[{MARKS}{TATWEEL}])"
_APART = r"(?:[^\w\n]|_)+"
# Nothing of a word before the first letter, looked for once that letter is found: a pattern
# that starts with its letter is looked for three times as fast as one that starts by looking
# back.
_STARTED = f"(?<![^\\W_].)(?<![{MARKS}{TATWEEL}].)"
_END = f"(?![^\\W_])(?![{MARKS}{TATWEEL}])"
_MARKED = f"[{MARKS}{TATWEEL}]*"  # what may follow a letter and fold away


def term_pattern(text: str, *, prefix: bool = False) -> re.Pattern[str] | None:
    """What finds ``text`` in a text as written, as the index finds it: whole words (the last
    one a word's start with ``prefix``), any case, with or without diacritics, apart by
    spaces or punctuation; None when it has no letters or digits."""
    pieces: list[str] = []
    apart = False
    for char in fold_text(text):
        if char.isalnum() or unicodedata.category(char).startswith("M"):
            if apart and pieces:
                pieces.append(_APART)
            apart = False
            letters = variants(char) if char.isalnum() else char
            escaped = "".join(re.escape(letter) for letter in letters)
            pieces.append(f"[{escaped}]" if len(letters) > 1 else escaped)
            pieces.append(_STARTED + _MARKED if len(pieces) == 1 else _MARKED)
        else:
            apart = True
    if not pieces:
        return None
    end = _IN_WORD + "*" if prefix else _END
    return re.compile("".join(pieces) + end, re.IGNORECASE)
