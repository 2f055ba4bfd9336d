"""Front matter: the YAML (``---``) or TOML (``+++``) block that blog engines open with (no Qt).

Jekyll, Hugo, Zola, Eleventy and most Markdown exports keep an article's title, dates and
taxonomies there. YAML is read with PyYAML's base loader and TOML with the standard library, so
lists, quoted strings with colons, nested maps and dates mean what they mean; a block either
cannot read is taken line by line instead, with a warning, so its values are not lost.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date, datetime, time
from functools import cache, lru_cache
from itertools import islice
from typing import Any, Final, TypeGuard

from viewer.core.header import PUBLISHED_KEYS, TOML, UPDATED_KEYS, YAML, Header
from viewer.core.simple_yaml import simple_values

_FENCES: Final = {"---": (YAML, ("---", "...")), "+++": (TOML, ("+++",))}
_MAX_LINES = 500  # a longer block is not front matter
_MAX_VALUE_CHARS = 2000  # a field's text beyond this is cut: it is a header, not a body
_MAX_ITEMS = 200  # list items and map entries read from one value
_MAX_DEPTH = 4  # nesting followed into a value
_MAX_VISITS = 1000  # items looked at for one value, empty ones too
_MAX_KEY_CHARS = 100  # a key is a name; a longer one is cut
_RAW_CHARS = 4 * _MAX_VALUE_CHARS  # of a string, what is read to make the field's text
_DONE: Final = object()
_LISTS = (list, tuple, set, frozenset)  # a tuple: isinstance() takes it faster than a union
_PLAIN_VALUES = (str, list)  # what most values are: surely no map, asked without isinstance()
_TITLE_KEYS = ("title", "headline")
_SECTION_KEYS = ("section", "categories", "category", "tags", "tag")
_AUTHOR_KEYS = ("author", "authors", "by", "byline", "creator")
_MORE_PUBLISHED = frozenset({"publishdate", "publish date", "date published", "published at"})
_MORE_UPDATED = frozenset({"last mod", "date modified", "updated at", "modified at"})
# How the site builds the page, not what the article says: never shown as fields.
_MERGE = "<<"  # YAML's merge key, which the base loader leaves as a key
_SITE_KEYS = frozenset({"layout", "weight", "aliases", "menu", "toc", "sitemap", "comments"})
_FLAGS = frozenset({"true", "false", "yes", "no", "on", "off"})
_PLAIN_KEY = re.compile(r"([\"']?)(\w[\w.-]*)\1\s*[:=]\s*(.*)")
_TABLE_LINE = re.compile(r"\[\[?[^\[\]]+\]\]?")  # a TOML table's name: its keys follow
_BLOCK_SCALAR = re.compile(r"[|>][+-]?\d?")  # YAML's "the text follows, indented"
# The parsers take about a second a megabyte of front matter; real blocks are a few KB.
_MAX_PARSED_CHARS = 65_536
# tomllib is quadratic in the parts of a dotted key: 20,000 parts take seconds.
_MAX_KEY_PARTS = 64
_KEY_PART = r"(?:[\w-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.[ \t]*"  # a bare or quoted key, a dot
_DEEP_KEY = re.compile(f"(?:{_KEY_PART}){{{_MAX_KEY_PARTS}}}")


def front_matter_end(lines: list[str]) -> int | None:
    """Index of the closing fence when ``lines`` open with front matter, else None."""
    if not lines:
        return None
    fence = _FENCES.get(lines[0].strip())
    if fence is None:
        return None
    closers = fence[1]
    for i in range(1, min(len(lines), _MAX_LINES)):
        if lines[i].strip() in closers:
            return i
    return None


def read_front_matter(lines: list[str], end: int) -> Header | None:
    """The header that the front matter in ``lines[1:end]`` gives; None when the block turns out
    not to be front matter (YAML that is not a map of keys, such as a rule around a line)."""
    layout = _FENCES[lines[0].strip()][0]
    block = lines[1:end]
    notes: list[str] = []
    try:
        values = _load(block, layout)
    except Exception as exc:  # any parser failure: the block is read line by line instead
        lenient = _lenient_values(block)
        if not lenient:
            return None
        values = lenient
        reason = exc.reason if isinstance(exc, _Unparsed) else f"not valid {layout.upper()}"
        notes.append(f"the front matter is {reason} ({_first_line(exc)}); "
                     "its lines were read one by one")  # fmt: skip
    if values.__class__ is not dict and not isinstance(values, Mapping):
        return None
    header = _to_header(values, end + 1)
    header.layout = layout
    header.notes.extend(notes)
    return header


class _Unparsed(ValueError):
    """A block the parsers are not given: they would take too long over it."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def _load(lines: list[str], layout: str) -> object:
    # The length of the block's text, without joining it: most blocks never need it joined.
    length = sum(map(len, lines)) + len(lines) - 1 if lines else 0
    if length > _MAX_PARSED_CHARS:
        raise _Unparsed(f"too big to read as {layout.upper()}", f"{length:,} characters")
    if layout == TOML:
        text = "\n".join(lines)
        if text.count(".") >= _MAX_KEY_PARTS and _DEEP_KEY.search(text):
            raise _Unparsed("too deep to read as TOML", "a key of too many dotted parts")
        import tomllib  # imported on first need, as yaml below: TOML front matter is rare

        return tomllib.loads(text)
    simple = simple_values(lines)  # most front matter, at a fraction of PyYAML's cost
    if simple is not None:
        return simple
    import yaml  # imported on first need: most files have no front matter

    return yaml.load("\n".join(lines), Loader=_yaml_loader())


# YAML's own types; a block that tags a value with anything else (!!python/object…) is refused
# and read line by line, so the tag shows as written.
_YAML_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary",
                 "merge", "set", "omap", "pairs", "value")
)  # fmt: skip


@cache
def _yaml_loader() -> type[Any]:
    """PyYAML's base loader: every value as written ("1.10" stays 1.10, a date, even one that
    is no date such as 2024-13-45, is read by our own date parser), plain data only."""
    import yaml

    class Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
        """The base loader, refusing tags that are not YAML's own."""

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node.tag not in _YAML_TAGS:
                raise yaml.constructor.ConstructorError(None, None, f"tag {node.tag}")
            return super().construct_object(node, deep)

    return Loader


def _first_line(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    return message[:120] + ("…" if len(message) > 120 else "")


def _lenient_values(lines: list[str]) -> dict[str, object] | None:
    """``key: value`` (or ``key = value``) lines, ``[a, b]`` lists, ``- item`` lists and
    indented lines going on with the value above; None when a line is none of these: prose
    between two rules is no front matter, and is read as text so that none of it is lost."""
    values: dict[str, object] = {}
    key: str | None = None
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _TABLE_LINE.fullmatch(stripped):
            continue
        items = values.get(key) if key is not None else None
        if stripped.startswith("- ") and isinstance(items, list):
            items.append(_unquote(stripped[2:]))
            continue
        match = _PLAIN_KEY.fullmatch(stripped)
        if match is not None:
            key, raw = match.group(2), match.group(3).strip()
            if raw.startswith("[") and raw.endswith("]"):
                found = raw[1:-1].split(",", _MAX_ITEMS)[:_MAX_ITEMS]
                values[key] = [_unquote(item) for item in found if item.strip()]
            elif _BLOCK_SCALAR.fullmatch(raw):
                values[key] = ""  # the text follows on indented lines
            else:
                values[key] = _unquote(raw) if raw else []  # a block list may follow
        elif key is not None and line[:1] in (" ", "\t"):
            # A wrapped value; past what a field keeps, the rest would only cost time.
            value = values[key]
            if isinstance(value, list):
                value.append(stripped)
            elif len(str(value)) < _RAW_CHARS:
                values[key] = f"{value} {stripped}".strip()
        else:
            return None
    return values


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _to_header(values: Mapping[Any, Any], body_start: int) -> Header:
    header = Header(body_start=body_start)
    flat = _flatten(values)
    header.title = _pop_first(flat, _TITLE_KEYS)
    for key in _SECTION_KEYS:
        value = flat.get(key)
        first = _first_item(value) if value is not None else ""
        if first:
            header.section = first
            break
    flat.pop("section", None)
    author = _pop_first(flat, _AUTHOR_KEYS)
    if author:
        header.fields["author"] = author
    for key, value in flat.items():
        text = _text(value)
        if not text or key in _SITE_KEYS or (key in _SECTION_KEYS and text == header.section):
            continue
        if (key in PUBLISHED_KEYS or key in UPDATED_KEYS) and text.lower() in _FLAGS:
            continue  # Jekyll's "published: false" is a switch, not a date
        # The first date of each kind is the article's; any other stays a field.
        if header.published_raw is None and (key in PUBLISHED_KEYS or key in _MORE_PUBLISHED):
            header.published_raw = text
        elif header.updated_raw is None and (key in UPDATED_KEYS or key in _MORE_UPDATED):
            header.updated_raw = text
        else:
            header.fields.setdefault(key, text)
    return header


def _flatten(values: Mapping[Any, Any]) -> dict[str, object]:
    """Keys made readable ("last_mod" → "last mod"), the entries of nested maps brought up
    (Zola's ``[taxonomies]``, Hugo's ``params``), each under its own name when that is free."""
    flat: dict[str, object] = {}
    nested: list[tuple[str, Mapping[Any, Any]]] = []
    for raw_key, value in islice(values.items(), _MAX_ITEMS):
        # _key's, for a string, without the call: most keys are strings.
        is_str = raw_key.__class__ is str
        key = _readable_key(raw_key[: _MAX_KEY_CHARS + 1]) if is_str else _key(raw_key)
        if value.__class__ not in _PLAIN_VALUES and isinstance(value, Mapping):
            nested.append((key, value))
        elif key and key not in flat:
            flat[key] = value
    for parent, table in nested:
        for raw_key, value in islice(table.items(), _MAX_ITEMS):
            if len(flat) >= _MAX_ITEMS:
                return flat  # aliases can repeat one map under every key: 40,000 fields
            key = _key(raw_key)
            if not key or isinstance(value, Mapping):
                continue
            # A YAML merge key ("<<: *defaults") gives its entries as the map's own.
            named = key if key not in flat or parent == _MERGE else f"{parent} {key}"
            flat.setdefault(named, value)
    return flat


def _key(raw: object) -> str:
    if raw.__class__ is str:  # nearly every key: the rest is for those that are not
        return _readable_key(raw[: _MAX_KEY_CHARS + 1])
    text = str(raw[: _MAX_KEY_CHARS + 1] if isinstance(raw, str | bytes) else raw)
    return _readable_key(text)


@lru_cache(maxsize=1024)  # the same few keys open every file of a site
def _readable_key(text: str) -> str:
    key = " ".join(text.replace("_", " ").replace("-", " ").split()).lower()
    return key if len(key) <= _MAX_KEY_CHARS else key[:_MAX_KEY_CHARS] + "…"


def _pop_first(flat: dict[str, object], keys: tuple[str, ...]) -> str:
    """The text of the first of ``keys`` that has one; those keys are taken out."""
    found = ""
    for key in keys:
        value = flat.pop(key, None)
        if not found and value is not None:
            found = _text(value)
    return found


def _first_item(value: object) -> str:
    if _is_list(value):
        return _text(next(iter(value), None))
    return _text(value)


def _text(value: object) -> str:
    """A value as the text of a field: lists joined with commas, dates in ISO form."""
    if value.__class__ is str:  # most values: asked first, without a call
        return _str_text(value)
    return _list_text(value) if _is_list(value) else _scalar_text(value)


def _is_list(value: object) -> TypeGuard[Collection[object]]:
    return isinstance(value, _LISTS)


def _str_text(value: str) -> str:
    """A string as the text of a field: its white space folded, cut when long."""
    if len(value) <= _MAX_VALUE_CHARS:  # most: then folding it cannot make it too long
        return " ".join(value.split())
    text = " ".join(value[:_RAW_CHARS].split())
    if len(value) > _RAW_CHARS or len(text) > _MAX_VALUE_CHARS:
        return text[:_MAX_VALUE_CHARS] + "…"
    return text


def _scalar_text(value: object) -> str:
    if type(value) is str:  # most values: the checks below are for the others
        return _str_text(value)
    if value is None or isinstance(value, Mapping):
        return ""  # a map inside a list is nothing a reader would call a value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    # Cut before reading: an alias can repeat one huge string in every field.
    cut = isinstance(value, str | bytes) and len(value) > _RAW_CHARS
    text = " ".join(str(value[:_RAW_CHARS] if isinstance(value, str | bytes) else value).split())
    return text[:_MAX_VALUE_CHARS] + "…" if cut or len(text) > _MAX_VALUE_CHARS else text


def _list_text(items: Collection[object]) -> str:
    """Items joined with commas, nested lists flattened; bounded in the items looked at, not
    only in the text, so that aliases nested on aliases (a "billion laughs") cannot blow it up:
    their items may all be empty."""
    parts: list[str] = []
    size = visits = 0
    head = items[:_MAX_ITEMS] if type(items) is list else None
    if head is not None and all(type(item) is str for item in head):
        # A flat list of strings, as nearly all are: what the walk below makes of it.
        for item in head:
            if size > _MAX_VALUE_CHARS:
                break
            part = _str_text(item)
            if part:
                parts.append(part)
                size += len(part) + 2
        text = ", ".join(parts)
        return text if len(text) <= _MAX_VALUE_CHARS else text[:_MAX_VALUE_CHARS] + "…"
    pending = [islice(items, _MAX_ITEMS)]
    while pending and visits < _MAX_VISITS and size <= _MAX_VALUE_CHARS:
        item = next(pending[-1], _DONE)
        if item is _DONE:
            pending.pop()
            continue
        visits += 1
        if not _is_list(item):
            part = _scalar_text(item)
        elif len(pending) < _MAX_DEPTH:
            pending.append(islice(item, _MAX_ITEMS))
            continue
        else:
            part = "…"
        if part:
            parts.append(part)
            size += len(part) + 2
    text = ", ".join(parts)
    return text if len(text) <= _MAX_VALUE_CHARS else text[:_MAX_VALUE_CHARS] + "…"
