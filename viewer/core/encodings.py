"""The text encodings a reader can choose for an article, grouped as browsers group them (no Qt).

Codecs are Python's names; ``codec_name`` gives the normal spelling that ``Article.encoding``
reports (``koi8_r`` → ``koi8-r``), so a choice and a record can be compared.
"""

from __future__ import annotations

import codecs
import functools
from typing import Final, NamedTuple


class EncodingChoice(NamedTuple):
    """One encoding in the menu: its group ("Cyrillic"), its name there ("KOI8-R"), its codec."""

    group: str
    name: str
    codec: str

    @property
    def label(self) -> str:
        """The choice in full, as "Cyrillic (KOI8-R)"."""
        return f"{self.group} ({self.name})"


def _group(group: str, *choices: tuple[str, str]) -> tuple[EncodingChoice, ...]:
    return tuple(EncodingChoice(group, name, codec) for name, codec in choices)


# In the order the menu shows them; a group of one is a single entry there.
ENCODING_GROUPS: Final = (
    _group("Unicode", ("UTF-8", "utf_8"), ("UTF-16 LE", "utf_16_le"), ("UTF-16 BE", "utf_16_be")),
    _group(
        "Western",
        ("Windows-1252", "cp1252"),
        ("ISO-8859-1", "latin_1"),
        ("ISO-8859-15", "iso8859_15"),
        ("Mac Roman", "mac_roman"),
    ),
    _group("Central European", ("Windows-1250", "cp1250"), ("ISO-8859-2", "iso8859_2")),
    _group(
        "Cyrillic",
        ("Windows-1251", "cp1251"),
        ("KOI8-R", "koi8_r"),
        ("KOI8-U", "koi8_u"),
        ("ISO-8859-5", "iso8859_5"),
        ("IBM 866", "cp866"),
    ),
    _group("Greek", ("Windows-1253", "cp1253"), ("ISO-8859-7", "iso8859_7")),
    _group("Turkish", ("Windows-1254", "cp1254")),
    _group("Hebrew", ("Windows-1255", "cp1255"), ("ISO-8859-8", "iso8859_8")),
    _group("Arabic", ("Windows-1256", "cp1256"), ("ISO-8859-6", "iso8859_6")),
    _group("Baltic", ("Windows-1257", "cp1257")),
    _group("Vietnamese", ("Windows-1258", "cp1258")),
    _group("Thai", ("Windows-874", "cp874")),
    _group(
        "Japanese", ("Shift_JIS", "shift_jis"), ("EUC-JP", "euc_jp"), ("ISO-2022-JP", "iso2022_jp")
    ),
    # GB18030 reads all of GBK (and GB2312) the same way, and more besides.
    _group("Chinese Simplified", ("GBK/GB18030", "gb18030")),
    _group("Chinese Traditional", ("Big5", "big5")),
    _group("Korean", ("EUC-KR", "euc_kr")),
)
ENCODING_CHOICES: Final = tuple(choice for group in ENCODING_GROUPS for choice in group)


@functools.cache
def codec_name(name: str) -> str | None:
    """The normal name of a text codec (``koi8_r`` → ``koi8-r``), None for one Python lacks."""
    try:
        # Refuses bytes-to-bytes codecs (base64, zlib) as well as unknown names; empty bytes
        # would not: they decode without a look at the codec.
        b"x".decode(name, errors="replace")
        return codecs.lookup(name).name
    except (LookupError, TypeError, ValueError):
        return None


def choice_of(encoding: str | None) -> EncodingChoice | None:
    """The menu's choice for an encoding (any spelling of its codec), if it has one."""
    normal = codec_name(encoding) if encoding else None
    if normal is None:
        return None
    return next((c for c in ENCODING_CHOICES if codec_name(c.codec) == normal), None)


def encoding_label(encoding: str) -> str:
    """How the reader knows an encoding: "Windows-1252", "KOI8-R"; else its name in capitals."""
    choice = choice_of(encoding)
    return choice.name if choice is not None else encoding.upper()
