"""Turning a file's bytes into text: BOMs, UTF-8, and legacy 8-bit code pages (no Qt)."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

# Code pages a detector may choose from once a file is neither UTF-8 nor Western. Limiting the
# choice keeps it from naming DOS or Mac code pages that a saved news article almost never uses,
# and from ISO 8859 tables where the Windows page that extends them is what files really use.
_LEGACY_CANDIDATES = (
    "cp1251", "cp1256", "cp1250", "cp1253", "cp1254", "cp1255", "cp1257", "koi8_r",
    "koi8_u", "iso8859_5", "cp874", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FIRST_BYTES = frozenset(bom[0] for bom, _ in _BOMS)

# Deleting these from the bytes leaves only control bytes: NUL, BEL, ESC, DEL and the like.
_PLAIN_BYTES = b"\t\n\r" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
_LF_BYTES = _PLAIN_BYTES.replace(b"\r", b"")  # the same, less CR: what plain text is made of
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05
_BINARY_MIN_CONTROLS = 16  # a short text with a few stray control bytes is still text

# Code pages a detector may name that write Latin script: a file that cp1252 reads cleanly is
# Western before it is any of these (the reader can choose another in View ▸ Text Encoding).
_LATIN_PAGES = frozenset({"cp1250", "cp1254", "cp1257"})
_STRAY_BYTES = 3  # this many bad bytes among good UTF-8 are damage, not another encoding
# Bytes that cp1252 leaves undefined: a lone one in ASCII text is a stray, not a code page.
_UNDEFINED_IN_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
_ASCII_OR_UNDEFINED = bytes(range(0x80)) + bytes(sorted(_UNDEFINED_IN_CP1252))
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Western text has a few accented letters a line: found one by one, they are found 3-5 times
# faster than by the expression, which scans every character; a text of many is scanned.
_FEW_RUN_CHARS = 256
_QUESTION_MARK = ord("?")
_WESTERN_SAMPLE = 65536  # characters; enough to judge, and a huge file costs no more


# How files of common binary formats begin: a file without an extension that starts so is not
# an article, however its first bytes happen to decode.
_SIGNATURES = (
    b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM",
    b"RIFF", b"OggS", b"fLaC", b"ID3", b"%PDF-", b"%!PS-Adobe", b"{\\rtf", b"PK\x03\x04",
    b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x28\xb5\x2f\xfd",
    b"\x7fELF", b"MZ", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xd0\xcf\x11\xe0",
    b"SQLite format 3", b"\x00asm", b"wOFF", b"wOF2",
)  # fmt: skip
_SNIFF_BYTES = 8192
_SLICE = 1 << 20  # characters: a long text is cleaned and split a slice at a time

# CRLF and CR line ends, and the rarer breaks (form feed, Unicode line separators).
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_RARE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # the breaks above, CR aside
# C0 controls other than tab and newline, DEL, and C1 controls: stray bytes from scrapers.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NOT_C0_CONTROLS = bytes(b for b in range(256) if not (b < 0x09 or 0x0E <= b < 0x20 or b == 0x7F))
# C1 characters in Unicode text are nearly always cp1252 punctuation decoded as latin-1 on the
# way (\x92 for a right quote), so they are mapped back to what the writer typed.
_C1_AS_CP1252 = {
    code: char
    for code in range(0x80, 0xA0)
    if (char := bytes([code]).decode("cp1252", errors="ignore"))
}


def clean_text(text: str) -> tuple[str, int]:
    """The text with its line ends unified and stray control characters dropped, and how many
    of those went."""
    if len(text) <= _SLICE:
        return _clean(text)
    # A slice at a time: one regular-expression pass over 30 MB holds the interpreter lock
    # for a third of a second, and a window reading beside this thread would stand still.
    cleaned = [_clean(piece) for piece in line_slices(text)]
    return "".join(piece for piece, _ in cleaned), sum(dropped for _, dropped in cleaned)


def split_lines(text: str) -> list[str]:
    """``text.split("\n")``, a slice at a time for a long text (see ``clean_text``)."""
    if len(text) <= _SLICE:
        return text.split("\n")
    pieces = line_slices(text)
    lines: list[str] = []
    for piece in pieces[:-1]:
        lines.extend(piece.split("\n"))
        lines.pop()  # the slice ends with a line end: what follows it starts the next slice
    lines.extend(pieces[-1].split("\n"))
    return lines


def line_slices(text: str) -> list[str]:
    """``text`` in slices of about a megabyte, each but the last ending just after a line end
    (so that no CR LF pair is cut in two)."""
    slices = []
    start = 0
    while True:
        cut = text.find("\n", start + _SLICE)
        if cut < 0 or cut + 1 == len(text):
            slices.append(text[start:])
            return slices
        slices.append(text[start : cut + 1])
        start = cut + 1


def _clean(text: str) -> tuple[str, int]:
    if "\r" in text:
        # What the expression does to CR LF and CR, done by replacing: ten times faster.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(brk in text for brk in _RARE_BREAKS):  # each looked for in C, at memchr speed
        text = _LINE_BREAKS.sub("\n", text)
    if not _has_controls(text):
        return text, 0
    return _CONTROL.subn("", text.translate(_C1_AS_CP1252))


def _has_controls(text: str) -> bool:
    """True when the text holds a character ``_CONTROL`` matches: looked for in its UTF-8,
    in C, three times faster than the expression searches (C1 controls are C2 80 to C2 9F)."""
    data = text.encode("utf-8", errors="surrogatepass")
    return bool(data.translate(None, _NOT_C0_CONTROLS)) or _has_c1_controls(data)


def looks_like_text(data: bytes, *, truncated: bool = False) -> bool:
    """True when the start of a file reads as text: no known binary signature, no NUL or
    other sign of binary, and it decodes cleanly (no replaced bytes, no guessed encoding)."""
    if data.startswith(_SIGNATURES) or data[4:8] == b"ftyp":  # ftyp: MP4, HEIF, …
        return False
    try:
        sample = decode(data[:_SNIFF_BYTES], truncated=truncated or len(data) > _SNIFF_BYTES)
    except BinaryContentError:
        return False
    return not sample.warnings


class BinaryContentError(ValueError):
    """The bytes are not text: an image, an archive, a program."""


class Decoded(NamedTuple):
    """Text decoded from a file, the encoding that read it, and what went wrong on the way.

    ``plain`` promises the text has no line ends but LF (no CR, no U+2028) and no control
    characters, so the parser can skip looking for them. ``bare`` promises as much but for CR
    (a file with CR LF or CR line ends): cleaning it only unifies its line ends.
    """

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    plain: bool = False
    bare: bool = False


def decode(data: bytes, *, truncated: bool = False, forced: str | None = None) -> Decoded:
    """Decode a file's bytes; ``truncated`` says the bytes are only the start of the file.

    ``forced`` names the codec the reader chose (a normal name, see ``viewer.core.encodings``): the
    bytes are read with it, whatever detection would say. Binary data is refused either way.
    """
    if forced is not None:
        return _decode_forced(data, forced, truncated)
    if data[:1] and data[0] in _BOM_FIRST_BYTES:
        for bom, name in _BOMS:
            if data.startswith(bom):
                decoded = _decode_unicode(data[len(bom) :], name, truncated)
                # A BOM makes no binary file text: what follows it is judged as any text is.
                _refuse_binary(decoded.text[:_BINARY_SAMPLE].encode("utf-8", errors="replace"))
                return decoded
    controls = data.translate(None, _PLAIN_BYTES)
    if controls:
        _refuse_binary(data)
        if b"\x00" in controls:
            bomless = _bomless_utf16(data[:_BINARY_SAMPLE])
            if bomless:
                return _decode_unicode(data, bomless, truncated)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return Decoded(data[: exc.start].decode("utf-8"), "utf-8")
    else:
        # U+0080..U+009F (C1 controls) are encoded as C2 80..C2 9F. Cleaning unifies U+2028
        # and U+2029 too: a plain text has neither, or a file would split into other lines as
        # a whole than by its start (with a CR past it, say).
        bare = not controls and not _has_c1_controls(data) and not _has_unicode_breaks(text)
        return Decoded(text, "utf-8", (), bare and b"\r" not in data, bare)
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    # cp1252 reads bytes without control bytes as text without control characters or other
    # line breaks: what it makes of 80..9F is punctuation, and it defines no NEL.
    return _decode_legacy(data, not controls and b"\r" not in data, not controls)


def plain_utf8(data: bytes) -> str | None:
    """The text of UTF-8 bytes that ``decode`` reads without a warning and cleaning leaves as
    it is (no CR, control characters or Unicode line breaks; a BOM may open them), else None."""
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    if data.translate(None, _LF_BYTES):  # one pass in C finds control bytes and CR alike
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if data.isascii():
        return text  # holds no C1 control nor U+2028, and no U+FFFD
    # After a BOM the text is decoded replacing bad bytes, and a U+FFFD counts as one.
    if _has_c1_controls(data) or _has_unicode_breaks(text) or (bom and "\ufffd" in text):
        return None
    return text


def _decode_forced(data: bytes, encoding: str, truncated: bool) -> Decoded:
    """Read the bytes with the codec the reader chose, replacing what it cannot read."""
    for bom, name in _BOMS:
        if name == encoding and data.startswith(bom):
            data = data[len(bom) :]  # a BOM of the chosen codec only agrees: it is no text
            break
    if encoding.startswith(("utf-16", "utf-32")):
        # NUL bytes are what these are made of; their text must not be binary instead.
        decoded = _decode_unicode(data, encoding, truncated)
        _refuse_binary(decoded.text[:_BINARY_SAMPLE].encode("utf-8", errors="replace"))
        return decoded
    if data.translate(None, _PLAIN_BYTES):
        _refuse_binary(data)
    return _decode_unicode(data, encoding, truncated)


def _refuse_binary(data: bytes) -> None:
    """Raise ``BinaryContentError`` when the start of the data is not text."""
    sample = data[:_BINARY_SAMPLE]
    if _bomless_utf16(sample):
        return
    if b"\x00" in sample:
        raise BinaryContentError("binary file (it contains NUL bytes)")
    controls = len(sample.translate(None, _PLAIN_BYTES))
    if controls > max(_BINARY_MIN_CONTROLS, _BINARY_CONTROL_SHARE * len(sample)):
        raise BinaryContentError("binary file (too many control bytes to be text)")


def _has_unicode_breaks(text: str) -> bool:
    """True when the text holds U+2028 or U+2029 (looked for in the text: an ASCII one cannot
    hold them, which costs nothing to tell, and searching bytes for three costs 30 µs)."""
    return "\u2028" in text or "\u2029" in text


def _has_c1_controls(data: bytes) -> bool:
    """True when valid UTF-8 data encodes a C1 control (C2 80 to C2 9F)."""
    start = data.find(b"\xc2")
    while start >= 0:
        if 0x80 <= data[start + 1] <= 0x9F:  # valid UTF-8: a C2 lead byte is never last
            return True
        start = data.find(b"\xc2", start + 2)
    return False


def _decode_unicode(data: bytes, encoding: str, truncated: bool) -> Decoded:
    if truncated:
        # A cut in the middle of a character is the read limit's doing, not the file's.
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = decoder.decode(data, final=False)
    else:
        text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    warnings = (_replaced(bad, encoding.upper()),) if bad else ()
    return Decoded(text, encoding, warnings)


def _bomless_utf16(sample: bytes) -> str | None:
    """Name the byte order of BOM-less UTF-16 text that is mostly ASCII, if it is that."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """Read UTF-8 with a few bad bytes as UTF-8, since such text is rarely anything else.

    That is: more good characters than bad bytes, or a few stray bytes beside any good one, or
    in plain ASCII a few bytes that no Western code page defines either (a lone 0x9D).
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")  # one replacement character for each invalid byte
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    stray = bad <= _STRAY_BYTES and (
        good > 0 or not data.translate(None, _ASCII_OR_UNDEFINED)  # high bytes all undefined
    )
    if good < 2 * bad and not stray:
        return None
    return Decoded(text, "utf-8", (_replaced(bad, "UTF-8"),))


def _replaced(count: int, encoding: str) -> str:
    if count == 1:
        return f"1 byte is not valid {encoding} and was replaced"
    return f"{count:,} bytes are not valid {encoding} and were replaced"


def _decode_legacy(data: bytes, plain: bool, bare: bool) -> Decoded:
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and reads_as_western(western):
        return Decoded(western, "cp1252", (), plain, bare)
    detected = _detect(data)
    if detected is not None and (western is None or _other_script(data.decode(detected), detected)):
        return Decoded(data.decode(detected), detected)
    if western is not None:
        note = "the encoding could not be determined; shown as cp1252"
        return Decoded(western, "cp1252", (note,), plain, bare)
    note = "no encoding reads this file cleanly; unreadable bytes were replaced"
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252", (note,))


def reads_as_western(text: str) -> bool:
    """True when non-ASCII letters sit inside Latin words, as accents do in Western text."""
    # Cyrillic or Arabic read as cp1252 comes out as words made only of accented letters;
    # Western words mix them with plain Latin letters ("café", "Été"), bar one-letter words.
    runs = implausible = 0
    for start, end in _non_ascii_runs(text):
        run = text[start:end]
        if not run.isalpha():
            continue  # curly quotes, dashes, the euro sign
        runs += 1
        before = text[start - 1 : start] if start else ""
        after = text[end : end + 1]
        if len(run) >= 2 and not _is_ascii_letter(before) and not _is_ascii_letter(after):
            implausible += 1
    return implausible <= 0.1 * runs


def _other_script(text: str, encoding: str) -> bool:
    """True when ``text`` (a detector's reading of bytes cp1252 also reads) is written in
    another script, its letters making words of their own rather than accents in Latin ones."""
    if encoding in _LATIN_PAGES:
        return False
    runs = standalone = 0
    for start, end in _non_ascii_runs(text):
        if not text[start:end].isalpha():
            continue
        runs += 1
        before = text[start - 1 : start] if start else ""
        if not _is_ascii_letter(before) and not _is_ascii_letter(text[end : end + 1]):
            standalone += 1
    return runs > 0 and standalone >= 0.8 * runs


def _non_ascii_runs(text: str) -> list[tuple[int, int]]:
    """Where the runs of non-ASCII characters are in the first ``_WESTERN_SAMPLE`` characters
    of ``text`` (a run cut there ends there)."""
    sample = text[:_WESTERN_SAMPLE]
    if sample.isascii():
        return []
    marked = sample.encode("ascii", errors="replace")  # each one a "?", found by memchr
    if marked.count(b"?") > _FEW_RUN_CHARS:
        return [match.span() for match in _NON_ASCII_RUN.finditer(sample)]
    runs = []
    start = marked.find(b"?")
    while start >= 0:
        if sample[start] == "?":  # a question mark of the text's own
            start = marked.find(b"?", start + 1)
            continue
        end = start + 1
        while end < len(sample) and marked[end] == _QUESTION_MARK and sample[end] != "?":
            end += 1
        runs.append((start, end))
        start = marked.find(b"?", end)
    return runs


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported late: it is only needed here

    best = from_bytes(data, cp_isolation=list(_LEGACY_CANDIDATES)).best()
    if best is None:
        return None
    return codecs.lookup(best.encoding).name
