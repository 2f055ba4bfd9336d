"""Encodings and line endings: each must come out exactly right, with the encoding reported."""

import codecs

import pytest

from viewer.core.parser import parse_file

RUSSIAN = (
    "Новый мост открыт\n\nМир\n\nPublished: 2021-01-01\n\n"
    "В понедельник в городе открылся новый мост через реку. Жители давно ждали этого.\n"
)
ARABIC = (
    "افتتاح جسر جديد\n\nالعالم\n\nPublished: 2021-01-01\n\n"
    "افتتح جسر جديد فوق النهر يوم الاثنين. قال رئيس البلدية إن السكان انتظروا طويلا.\n"
)
WESTERN = (
    "Façade of the old café restored\n\nCulture\n\nPublished: 2021-01-01\n\n"
    "The “Zürich” façade — once grey — is now crème; Señor Núñez’s œuvre costs €12.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (ARABIC, "cp1256"),
        (WESTERN, "cp1252"),
        ("Short café note\n\nÉté.\n", "cp1252"),
    ],
)
def test_legacy_code_pages_decode_exactly(write_article, text, encoding):
    article = parse_file(str(write_article(text.encode(encoding))))
    assert article.encoding == encoding
    first, *_ = text.split("\n")
    assert article.title == first
    assert article.paragraphs[-1] == text.rstrip("\n").split("\n")[-1]
    assert article.warnings == ()


@pytest.mark.parametrize(
    ("prefix", "encoding", "reported"),
    [
        (b"", "utf-8", "utf-8"),
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_unicode_encodings(write_article, prefix, encoding, reported):
    article = parse_file(str(write_article(prefix + RUSSIAN.encode(encoding))))
    assert article.encoding == reported
    assert article.title == "Новый мост открыт"
    assert article.section == "Мир"
    assert not article.title.startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_parse_the_same(write_article, newline):
    article = parse_file(str(write_article(WESTERN.replace("\n", newline).encode("utf-8"))))
    assert article.section == "Culture"
    assert len(article.paragraphs) == 1


def test_mostly_utf8_with_a_bad_byte_stays_utf8(write_article):
    data = "Naïve résumé\n\nCafé crème, déjà vu.\n".encode() + b"bad \xff byte\n"
    article = parse_file(str(write_article(data)))
    assert article.encoding == "utf-8"
    assert article.title == "Naïve résumé"
    assert any("not valid UTF-8" in w for w in article.warnings)


def test_undecodable_text_still_opens_with_a_warning(write_article):
    # Bytes no single-byte table reads as language: the file opens, flagged.
    data = bytes(range(0x80, 0x100)) * 4 + b"\nAnd some text.\n"
    article = parse_file(str(write_article(data)))
    assert article.ok
    assert article.warnings
    assert article.paragraphs[-1] == "And some text."


def test_header_only_read_cut_inside_a_character(write_article, tmp_path):
    # 16 KB cut in the middle of a two-byte character must not turn into a decoding warning.
    text = "Заголовок\n\n" + "ж" * 20000 + "\n"
    article = parse_file(str(write_article(text)), header_only=True)
    assert article.encoding == "utf-8"
    assert article.title == "Заголовок"
    assert article.warnings == ()


def test_a_lone_stray_byte_in_utf8_stays_utf8(write_article):
    quoted = "“Tens of thousands marched”, the organisers said.\n\nThe march went on.\n"
    data = quoted.encode().replace("”".encode(), b"\x9d")
    article = parse_file(str(write_article(data)))
    assert article.encoding == "utf-8"
    assert article.title == "“Tens of thousands marched\ufffd, the organisers said."
    assert article.warnings == ("1 byte is not valid UTF-8 and was replaced",)


def test_a_stray_byte_in_ascii_text_is_not_a_code_page(write_article):
    article = parse_file(str(write_article(b"Harbour news\n\nOne stray \x9d byte here.\n")))
    assert article.encoding == "utf-8"
    assert article.paragraphs == ("One stray \ufffd byte here.",)


@pytest.mark.parametrize(
    "text",
    [
        "Für Ärzte: ÄÖÜ-Regeln gelten ab Mai. Straße gesperrt.\n",
        "ÀÉÎ ÔÙ: çà où l’été.\n",
        "Øl og ÆØÅ-tegn på dansk; Ålborg ligger nord.\n",
    ],
)
def test_western_text_cp1252_reads_never_comes_out_as_another_latin_page(write_article, text):
    article = parse_file(str(write_article(text.encode("cp1252"))))
    assert article.encoding == "cp1252"
    assert article.title == text.strip()


def test_long_koi8_text_is_still_found(write_article):
    text = "Новый мост\n\n" + "В понедельник в городе открылся новый мост через реку. " * 6
    article = parse_file(str(write_article(text.encode("koi8_r"))))
    assert article.encoding == "koi8-r"
    assert article.title == "Новый мост"
