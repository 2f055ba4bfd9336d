"""Reading the search field's text into a query tree (no Qt): the syntax ``SYNTAX_HELP``
describes (``query_help``).

Two steps: ``tokenize`` cuts the text into words, phrases, brackets and operators, and
``_Parser`` builds the tree from them by recursive descent, the brackets at most ``MAX_DEPTH``
deep. Every mistake raises ``SearchQueryError`` saying where it is and how to mend it; nothing
else is raised, whatever the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from viewer.core.query_dates import DATE_KEYS, EXAMPLES, read_dated
from viewer.core.query_fields import header_name
from viewer.core.query_labels import folded_label
from viewer.core.query_tree import (
    All,
    Either,
    Field,
    Labelled,
    Near,
    Node,
    SearchQueryError,
    Without,
    Words,
)

MAX_DEPTH = 10  # brackets within brackets: FTS5's parser takes about 30 levels of its own
MAX_TERMS = 100  # words, phrases and filters in one query
MAX_DISTANCE = 10_000  # of NEAR
NEAR_DISTANCE = 10  # NEAR's distance when none is given (FTS5's own)
COLUMNS = ("title", "section")  # fields that are columns of the text index
NAMED_FIELDS = ("author", "source")  # header fields the syntax names (any other works too)
_OPERATORS = ("OR", "AND", "NOT")
_FIELD = re.compile(r"([^\W\d_][\w.-]*):(.*)", re.DOTALL)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of the query: ``kind`` is word, phrase, field, an operator (OR, AND, NOT, -,
    NEAR) or a bracket or comma; ``start`` and ``end`` are where it stands in the text."""

    kind: str
    start: int
    end: int
    text: str = ""  # a word as typed, a phrase's inside, a field's name as typed
    prefix: bool = False  # a phrase followed by *
    distance: int | None = None  # a phrase followed by ~N


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; raises ``SearchQueryError`` for an unclosed quotation mark or a
    ``~`` without its number."""
    tokens: list[Token] = []
    nears: list[bool] = []  # the open brackets, each True when NEAR( opened it
    position, size = 0, len(text)
    while position < size:
        char = text[position]
        if char.isspace():
            position += 1
        elif char == "(":
            tokens.append(Token("(", position, position + 1))
            nears.append(False)
            position += 1
        elif char == ")":
            tokens.append(Token(")", position, position + 1))
            if nears:
                nears.pop()
            position += 1
        elif char == "," and nears and nears[-1]:
            tokens.append(Token(",", position, position + 1))
            position += 1
        elif char == '"':
            token = _phrase(text, position)
            tokens.append(token)
            position = token.end
        elif char == "-" and position + 1 < size and _opens_term(text[position + 1]):
            tokens.append(Token("-", position, position + 1))
            position += 1
        else:
            end = position
            while end < size and not text[end].isspace() and text[end] not in '"()':
                if text[end] == "," and nears and nears[-1]:
                    break
                end += 1
            run = text[position:end]
            if run in _OPERATORS:
                tokens.append(Token(run, position, end))
            elif run == "NEAR" and end < size and text[end] == "(":
                tokens.append(Token("NEAR", position, end + 1))
                nears.append(True)
                end += 1
            else:
                tokens.extend(_word_or_field(run, position))
            position = end
    return tokens


def _opens_term(char: str) -> bool:
    """True when a ``-`` before ``char`` leaves something out (``-word``), not stands alone."""
    return not char.isspace() and char not in "),"


def _phrase(text: str, start: int) -> Token:
    close = text.find('"', start + 1)
    if close < 0:
        raise SearchQueryError(
            f'The quotation mark {_at(text, start)} is not closed: add the closing " after '
            "the phrase.",
            start,
        )
    inside, end = text[start + 1 : close], close + 1
    if text.startswith("*", end):
        return Token("phrase", start, end + 1, inside, prefix=True)
    if text.startswith("~", end):
        digits = _DIGITS.match(text, end + 1)
        if digits is None:
            raise SearchQueryError(
                f"The ~ {_at(text, end)} needs a number after it: "
                '"tidal barrier"~5 finds the words within 5 words of each other.',
                end,
            )
        distance = _distance(text, digits.group(), digits.start())
        return Token("phrase", start, digits.end(), inside, distance=distance)
    return Token("phrase", start, end, inside)


def _distance(text: str, digits: str, position: int) -> int:
    """NEAR's distance from its ``digits``, which stand at ``position``."""
    distance = int(digits) if len(digits) <= 6 else MAX_DISTANCE + 1
    if distance > MAX_DISTANCE:
        raise SearchQueryError(
            f"The distance {_at(text, position)} is too large: use at most {MAX_DISTANCE:,} words.",
            position,
        )
    return distance


def _word_or_field(run: str, start: int) -> list[Token]:
    field = _FIELD.fullmatch(run)
    if field is None or field.group(2).startswith("//"):  # a web address is words
        return [Token("word", start, start + len(run), run)]
    name, value = field.groups()
    colon = start + len(name) + 1
    tokens = [Token("field", start, colon, name)]
    if value:
        tokens.append(Token("word", colon, start + len(run), value))
    return tokens


def _at(text: str, position: int) -> str:
    """Where ``position`` is, for a message: its character and what the text holds there."""
    if position >= len(text.rstrip()):
        return "at the end"
    shown = text[position : position + 16].rstrip()
    ellipsis = "…" if len(text) > position + 16 else ""
    return f"at character {position + 1} (“{shown}{ellipsis}”)"


def parse(text: str, today: date) -> Node | None:
    """The tree of the query ``text``; None when it asks for nothing (spaces, punctuation).

    Relative dates count back from ``today``. Raises ``SearchQueryError``.
    """
    return _Parser(text, tokenize(text), today).query()


class _Parser:
    """Recursive descent over the tokens: a query is alternatives (OR) of conjunctions (side
    by side, or AND) of terms, each maybe negated (-, NOT)."""

    def __init__(self, text: str, tokens: list[Token], today: date) -> None:
        self._text = text
        self._tokens = tokens
        self._next = 0
        self._today = today
        self._terms = 0

    def query(self) -> Node | None:
        node, _ = self._alternatives(0)
        token = self._peek()
        if token is not None:  # _alternatives stops early only at a ")"
            raise self._error(
                f"The ) {self._at(token)} closes no (: remove it, or add a ( before what it ends.",
                token,
            )
        return node

    # --- the structure ---------------------------------------------------------------------

    def _alternatives(self, depth: int) -> tuple[Node | None, bool]:
        """Conjunctions joined by OR; and whether anything was there at all."""
        node, found = self._conjunction(depth)
        options = [node]
        while (token := self._peek()) is not None and token.kind == "OR":
            if not found:
                raise self._needs_sides(token)
            self._next += 1
            node, found = self._conjunction(depth)
            if not found:
                raise self._needs_sides(token)
            options.append(node)
        kept = tuple(option for option in options if option is not None)
        if not kept:
            return None, found
        return (kept[0] if len(kept) == 1 else Either(kept)), True

    def _conjunction(self, depth: int) -> tuple[Node | None, bool]:
        """Terms side by side (or joined by AND), all of which must hold."""
        items: list[Node] = []
        found = False
        while (token := self._peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                following = self._peek(1)
                if not found or following is None or following.kind in (")", "OR", "AND"):
                    raise self._needs_sides(token)
                self._next += 1
                continue
            node = self._negation(depth)
            found = True
            if node is not None:
                items.append(node)
        if not items:
            return None, found
        return (items[0] if len(items) == 1 else All(tuple(items))), True

    def _negation(self, depth: int) -> Node | None:
        """A term, after as many - and NOT as there are (read in a loop: a thousand of them
        must not run out of stack)."""
        negations = 0
        while (token := self._peek()) is not None and token.kind in ("-", "NOT"):
            following = self._peek(1)
            if following is None or following.kind in (")", "OR", "AND"):
                what = "NOT" if token.kind == "NOT" else "A -"
                raise self._error(
                    f"{what} {self._at(token)} needs something after it to leave out, "
                    "as in bridge -river or bridge NOT river.",
                    token,
                )
            negations += 1
            self._next += 1
        node = self._term(depth)
        if node is None or negations % 2 == 0:
            return node
        return Without(node)

    def _term(self, depth: int) -> Node | None:
        token = self._take()
        if token.kind == "(":
            return self._group(token, depth)
        if token.kind == "phrase":
            return self._phrase(token, None)
        if token.kind == "NEAR":
            return self._near(token, None)
        if token.kind == "field":
            return self._field(token)
        if token.kind == "word":
            return self._word(token, None)
        return None  # a comma out of place: punctuation, as in the text

    def _group(self, opening: Token, depth: int) -> Node | None:
        if depth >= MAX_DEPTH:
            raise self._error(
                f"The brackets nest too deep {self._at(opening)}: use at most {MAX_DEPTH} levels.",
                opening,
            )
        following = self._peek()
        if following is not None and following.kind == ")":
            raise self._error(
                f"The brackets {self._at(opening)} hold nothing: put words inside, or remove them.",
                opening,
            )
        node, _ = self._alternatives(depth + 1)
        closing = self._peek()
        if closing is None or closing.kind != ")":
            raise self._error(
                f"The ( {self._at(opening)} is not closed: add a ) after what it groups, or "
                "remove it.",
                opening,
            )
        self._next += 1
        return node

    # --- terms -----------------------------------------------------------------------------

    def _word(self, token: Token, column: str | None) -> Words | None:
        text = token.text
        prefix = text.endswith("*")
        body = text[:-1] if prefix else text
        star = body.find("*")
        if star >= 0 or (prefix and not _has_letters(body)):
            where = token.start + (star if star >= 0 else len(body))
            raise SearchQueryError(
                f"The * {_at(self._text, where)} is out of place: a * goes at the end of a "
                "word, as in elect* for election and elected.",
                where,
            )
        if not _has_letters(body):
            return None  # punctuation alone finds nothing, as in the text
        self._count(token)
        return Words(body, prefix, column)

    def _phrase(self, token: Token, column: str | None) -> Node | None:
        words = token.text.split()
        if token.distance is not None:
            items = [Words(word) for word in words if _has_letters(word)]
            if len(items) > 1:
                self._count(token, len(items))
                return Near(tuple(items), token.distance, column)
            words = [item.text for item in items]
        if not _has_letters(" ".join(words)):
            return None
        self._count(token)
        return Words(" ".join(words), token.prefix, column)

    def _near(self, opening: Token, column: str | None) -> Node | None:
        items: list[Words] = []
        given = 0
        distance = NEAR_DISTANCE
        while True:
            token = self._peek()
            if token is None:
                raise self._error(
                    f"The NEAR( {self._at(opening)} is not closed: add a ) after its words, "
                    "as in NEAR(tidal barrier, 5).",
                    opening,
                )
            self._next += 1
            if token.kind == ")":
                break
            if token.kind == "," and given:
                distance = self._near_distance(token)
                break
            if token.kind not in ("word", "phrase") or token.distance is not None:
                raise self._error(
                    f'NEAR( ) takes words and "phrases", then a comma and a number: '
                    f"{self._at(token)} is none of these. Write it as NEAR(tidal barrier, 5).",
                    token,
                )
            given += 1
            word = self._word(token, None) if token.kind == "word" else self._phrase(token, None)
            if isinstance(word, Words):
                items.append(word)
        if given < 2:
            raise self._error(
                f"The NEAR( ) {self._at(opening)} needs two words or more, as in "
                "NEAR(tidal barrier, 5).",
                opening,
            )
        if len(items) < 2:
            return Words(items[0].text, items[0].prefix, column) if items else None
        return Near(tuple(items), distance, column)

    def _near_distance(self, comma: Token) -> int:
        number, closing = self._peek(), self._peek(1)
        if number is None or number.kind != "word" or _DIGITS.fullmatch(number.text) is None:
            raise self._error(
                f"After the comma {self._at(comma)} NEAR( ) needs a number, then ): "
                "NEAR(tidal barrier, 5) finds the words within 5 words of each other.",
                comma,
            )
        if closing is None or closing.kind != ")":
            raise self._error(
                f"The NEAR( ) ends with its number: add a ) {self._at(number, after=True)}.",
                number,
                after=True,
            )
        self._next += 2
        return _distance(self._text, number.text, number.start)

    def _field(self, token: Token) -> Node | None:
        name = token.text.lower()
        value = self._peek()
        if value is not None and (value.start != token.end or value.kind not in _VALUES):
            value = None
        if name in ("label", "nolabel"):
            return self._label(token, name, value)
        if value is None:
            if name in DATE_KEYS or name in COLUMNS or name in NAMED_FIELDS:
                example = EXAMPLES.get(name, "World" if name == "section" else "Jo")
                raise self._error(
                    f"{token.text}: {self._at(token)} needs a value right after the colon, "
                    f"as in {name}:{example}.",
                    token,
                )
            # Not a filter: "Note:" is just a word with a colon.
            return self._word(Token("word", token.start, token.end - 1, token.text), None)
        if value.kind == "(":
            raise self._error(
                f"{token.text}:( ) {self._at(token)} is not understood: put {name}: before "
                f"each word, as in {name}:tidal OR {name}:storm.",
                token,
            )
        self._next += 1
        if name in DATE_KEYS:
            self._count(value)
            return read_dated(name, " ".join(value.text.split()), self._today, value.start)
        column = name if name in COLUMNS else None
        if value.kind == "NEAR":
            if column is None:
                raise self._needs_plain_value(token)
            return self._near(value, column)
        if column is not None:
            if value.kind == "word":
                return self._word(value, column)
            return self._phrase(value, column)
        if value.distance is not None:
            raise self._needs_plain_value(token)
        words = self._word(value, None) if value.kind == "word" else self._phrase(value, None)
        if not isinstance(words, Words):
            return None
        return Field(header_name(token.text), words)

    def _label(self, token: Token, name: str, value: Token | None) -> Node:
        """``label:x`` (the reader's label x) or ``nolabel:`` (no label at all)."""
        if name == "nolabel":
            if value is not None:
                raise self._error(
                    f"nolabel: {self._at(token)} takes no value: it finds the articles without "
                    "any label (label:x finds those with x).",
                    token,
                )
            return Without(Labelled(None))
        if value is None or value.kind == "(" or value.kind == "NEAR":
            raise self._error(
                f"label: {self._at(token)} needs a label's name right after the colon, as in "
                'label:relevant or label:"not relevant".',
                token,
            )
        self._next += 1
        return Labelled(folded_label(value.text))

    # --- helpers ---------------------------------------------------------------------------

    def _peek(self, ahead: int = 0) -> Token | None:
        at = self._next + ahead
        return self._tokens[at] if at < len(self._tokens) else None

    def _take(self) -> Token:
        token = self._tokens[self._next]
        self._next += 1
        return token

    def _count(self, token: Token, terms: int = 1) -> None:
        self._terms += terms
        if self._terms > MAX_TERMS:
            raise self._error(
                f"The query is too long {self._at(token)}: use at most {MAX_TERMS} words, "
                "phrases and filters.",
                token,
            )

    def _at(self, token: Token, *, after: bool = False) -> str:
        return _at(self._text, token.end if after else token.start)

    def _error(self, message: str, token: Token, *, after: bool = False) -> SearchQueryError:
        return SearchQueryError(message, token.end if after else token.start)

    def _needs_sides(self, token: Token) -> SearchQueryError:
        return self._error(
            f"{token.kind} {self._at(token)} needs something to look for on both sides, "
            f"as in tidal {token.kind} storm.",
            token,
        )

    def _needs_plain_value(self, token: Token) -> SearchQueryError:
        return self._error(
            f'{token.text}: {self._at(token)} takes a word or a "phrase"; NEAR and ~ work '
            "in the text, in title: and in section:.",
            token,
        )


_VALUES = ("word", "phrase", "(", "NEAR")  # what may follow a field's colon


def _has_letters(text: str) -> bool:
    """True when ``text`` has a letter or digit: something the index holds words of."""
    return any(char.isalnum() for char in text)
