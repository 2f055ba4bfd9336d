"""A listing's fast paths for the common layouts (and for YAML front matter) make exactly the
record the general path makes, field for field, whatever varies in a file's start (its
encoding, its line ends, its lines); and they are the paths most files take."""

import contextlib
from pathlib import Path
from unittest import mock

import pytest
from conftest import SEED_LIKE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from viewer.core import parser
from viewer.core.common_layouts import common_article, front_matter_article
from viewer.core.parser import parse_bytes, parse_file

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZéüñçøАБВГДежзαβγδابتث日本語0123456789"
word = st.text(alphabet=LETTERS, min_size=1, max_size=10)
words = st.lists(word, min_size=1, max_size=12).map(" ".join)
any_line = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
# What a line may carry beside its words: the characters and forms the general path treats in
# its own way (separators, stray controls, marks that open other layouts, colons, addresses).
ODD = [
    "", "", "", " ", "  ", "\t", "\u00a0", "\u3000", "\u2028", "\u2029", "\x85", "\x0c", "\x00",
    "\x07", "\x9d", "\r", ":", ": x", "#", "# ", "-- ", "---", "+++", "=====", "From ", "www.",
    "http://example.org/a", ".", "!", "…", "\"", "“", "(", "_", "\ufffd", "\ufeff",
]  # fmt: skip
odd = st.sampled_from(ODD)
odd_words = st.tuples(odd, words, odd).map("".join)
long_line = st.sampled_from(["z" * 3000, "w " * 9000, "Lead sentence that ends. " * 10])
SECTIONS = [
    "World", "Business", "Local News", "Arts & Culture", "Rock'n'Roll", "A B C D E", "A B C D E F",
    "x" * 41, "World.", "Key: value", "https://example.org", "===", "Économie", "2024", "World ",
]  # fmt: skip
KEYS = [
    "Published", "Last Updated", "Updated", "Author", "Source", "Tags", "Date", "By", "url",
    "published", "PUBLISHED ON", "Last  Updated", "Caption", "Photo Credit", "He said", "Lead",
]  # fmt: skip
DATES = [
    "2024-03-01 09:00", "2020-10-24T16:27:00+01:00", "June 27, 2021 09:40 AM", "2024/05/03",
    "Fri, 30 Jul 2021 17:34:00 +0000", "sometime after the final round", "2024-13-45", "",
    " 2024-03-01", "2024-03-01  ", "2024-03-01\t", "\u00a02024", "a: b", "x" * 300,
]  # fmt: skip
ADDRESSES = [
    "https://news.example.org/a",
    "ftp://x.org/f",
    "www.example.org",
    "http://a b",
    "https://x.org ",
]


def usually(usual, odd_one, one_in=4):
    """``usual``, or now and then (one time in ``one_in``) ``odd_one``."""
    return st.integers(0, one_in - 1).flatmap(lambda n: odd_one if n == 0 else usual)


headline = st.lists(word, min_size=2, max_size=12).map(" ".join)
odd_title = st.one_of(odd_words, st.sampled_from(["x" * 260, "y " * 1100, "Lead. " * 30]))
USUAL_GAPS = ["", "\n", "\n", "\n\n"]
odd_gap = st.sampled_from([*USUAL_GAPS, "\n" * 5, "\n \n", "\n\t\n", "\n\u00a0\n"])
odd_section = st.sampled_from(SECTIONS) | odd_words
odd_name = st.sampled_from(KEYS)
odd_value = st.sampled_from(DATES) | words | odd_words
# A body's first line, usually prose longer than a section line.
prose = st.lists(word, min_size=8, max_size=30).map(lambda w: " ".join(w) + ".")
odd_line = st.one_of(words, any_line, long_line, odd_words, st.just(""))


@st.composite
def common_starts(draw):
    """The text of an article file in the seed's layout, or a title over its body (maybe with
    an address between). Most are well formed, so that the fast path takes them; the others
    have their parts varied, left out or doubled, each now and then."""
    clean = draw(st.integers(0, 3)) > 0

    def part(usual, odd_one):
        return draw(usual if clean else usually(usual, odd_one))

    head = part(headline, odd_title)
    gap = st.sampled_from(USUAL_GAPS)
    parts = [head, "\n", part(gap, odd_gap)]
    if draw(st.booleans()):  # the seed's layout: a section and fields
        if part(st.just(True), st.booleans()):
            parts += [part(st.sampled_from(SECTIONS[:7]), odd_section), "\n", part(gap, odd_gap)]
        for _ in range(part(st.integers(1, 4), st.integers(0, 10))):
            name = part(st.sampled_from(KEYS[:6]), odd_name)
            space = part(st.just(" "), st.sampled_from(["  ", "\t", ""]))
            after = part(st.just(""), st.sampled_from([" ", "\t", "\u00a0"]))
            given_value = part(st.sampled_from(DATES[:5]), odd_value)
            parts += [f"{name}:{space}{given_value}{after}\n", part(gap, odd_gap)]
    else:  # a title over the body, maybe with web addresses
        for _ in range(part(st.integers(0, 1), st.integers(0, 3))):
            address = part(st.just(ADDRESSES[0]), st.sampled_from(ADDRESSES))
            parts += [address, "\n", part(st.sampled_from(USUAL_GAPS[1:]), odd_gap)]
    if parts[-1] == "":
        parts[-1] = "\n"  # a title over its body has a blank line between
    variants = st.sampled_from([head.upper(), f"# {head}", f"{head} ", "Other"])
    repeat = part(st.just(head), variants)
    for _ in range(draw(st.integers(0, 3))):
        parts += [repeat, "\n", part(gap, odd_gap)]
    parts.append(part(prose, odd_line))
    for _ in range(draw(st.integers(0, 6))):
        parts += ["\n", part(prose, odd_line)]
    return "".join(parts)


@st.composite
def common_files(draw):
    """A common start's bytes as a file holds them: UTF-8 with or without a BOM, CR LF, other
    encodings, a few bytes that are no text, and padding that moves it across the 2 KB the
    listing probes first."""
    text = draw(common_starts())
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    pad = draw(
        usually(
            st.just(""), st.sampled_from(["p" * 1500, "q\n" * 700, "r" * 2100, "s\n" * 9000]), 3
        )
    )
    text += "\n" + pad if pad else ""
    encoding = draw(
        usually(st.just("utf-8"), st.sampled_from(["utf-8-sig", "utf-8-sig", "cp1252", "utf-16"]))
    )
    data = text.encode(encoding, errors="replace")
    ending = usually(
        st.just(b""), st.sampled_from([b"\n", b"\xe9t\xe9\n", b"\x00\x01", b"\xc2"]), 6
    )
    return data + draw(ending)


@contextlib.contextmanager
def no_fast_paths():
    """The parser with its fast paths set aside: every file takes the general path."""
    with (
        mock.patch.object(parser, "common_article", lambda *args: None),
        mock.patch.object(parser, "front_matter_article", lambda *args, **kwargs: None),
    ):
        yield


def general(data: bytes, path: str, **kwargs: object) -> parser.Article:
    """The record the general path makes of a file's start, the fast paths set aside."""
    with no_fast_paths():
        return parse_bytes(data, path, header_only=True, **kwargs)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=common_files(),
    name=st.sampled_from(["a.txt", "a.md", "a", "2024-05-03-story.txt", "2021/06/07/b.txt"]),
    truncated=st.booleans(),
)
@example(data=SEED_LIKE.encode(), name="a.txt", truncated=False)
@example(
    data=b"Title\n\nWorld\n\nPublished: 2024-03-01\n\nTitle\n\nBody.", name="a", truncated=False
)
@example(
    data=b"From here to there\nWorld\nDate: 2024-03-01\n\nBody line.\n", name="a", truncated=False
)
def test_the_fast_path_makes_the_record_the_general_path_makes(data, name, truncated):
    # The record of a file cut at 16 KB: its size says so.
    size = len(data) + (5000 if truncated else 0)
    fast = parse_bytes(data, name, header_only=True, truncated=truncated, size=size, mtime_ns=7)
    assert fast == general(data, name, truncated=truncated, size=size, mtime_ns=7)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=3000) | common_starts().map(lambda t: t[: len(t) // 2]))
def test_the_fast_path_never_raises_on_any_text(text):
    article = common_article(text, "x.txt", "utf-8", [], len(text), 0, "key")
    assert article is None or article.ok


@pytest.mark.parametrize(
    "data",
    [
        b"\xff" * 20000,
        b"Title\n\nWorld\n\nPublished: " + b"9" * 2_000_000 + b"\n\nBody.\n",
        b"T" * 3_000_000,
        b"Title\n" + b"\n" * 1_000_000 + b"Body.\n",
        b"Title\n\nWorld\n\n" + b"Published: 2024-03-01\n" * 100_000,
        b"Title\x00\n\nWorld\n\nPublished: 2024\n\nBody.\n",
    ],
    ids=[
        "bad bytes",
        "megabyte date",
        "megabyte title",
        "a million blank lines",
        "many fields",
        "a NUL",
    ],
)
def test_hostile_starts_give_the_general_paths_record(data):
    start = data[:16384]
    truncated = len(data) > len(start)
    fast = parse_bytes(start, "x.txt", header_only=True, truncated=truncated, size=len(data))
    assert fast == general(start, "x.txt", truncated=truncated, size=len(data))


def sample_paths() -> list[Path]:
    """The bundled samples."""
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file())


def takes_the_fast_path(path: Path) -> bool:
    """True when listing ``path`` gets its record from the fast path."""
    made = []

    def spy(*args):
        made.append(common_article(*args))
        return made[-1]

    def front_spy(*args, **kwargs):
        made.append(front_matter_article(*args, **kwargs))
        return made[-1]

    with (
        mock.patch.object(parser, "common_article", spy),
        mock.patch.object(parser, "front_matter_article", front_spy),
    ):
        parse_file(str(path), header_only=True)
    return any(article is not None for article in made)


def test_every_bundled_sample_lists_as_the_general_path_lists_it():
    paths = sample_paths()
    assert len(paths) > 10
    for path in paths:
        with no_fast_paths():
            expected = parse_file(str(path), header_only=True)
        assert parse_file(str(path), header_only=True) == expected, path.name


@pytest.mark.parametrize(
    "text",
    [
        SEED_LIKE,  # the seed's layout
        "Title\nWorld\nPublished: June 27, 2021 09:40 AM\nAuthor: Staff\n\nThe body goes on.\n",
        "Title\n\nWorld\n\nPublished: 2024-03-01\n\nThe body, hard-wrapped at seventy\ncolumns.\n",
        "Title\n\nThe first paragraph of the body, as datasets have it, one a line.\nMore.\n",
        "Title\nhttps://news.example.org/story\n\nThe first paragraph of the body, here.\nMore.\n",
        "A first line that is the lead paragraph of the article itself, long enough to be "
        "one, and ending as sentences do.\n\nThe second paragraph is here, and it goes on.\n",
    ],
)
def test_the_common_layouts_take_the_fast_path(tmp_path, text):
    for encoding, ends in [("utf-8", "\n"), ("utf-8", "\r\n"), ("cp1252", "\n"), ("utf-16", "\n")]:
        path = tmp_path / "story.txt"
        path.write_bytes(text.replace("\n", ends).encode(encoding))
        assert takes_the_fast_path(path), (encoding, ends)


def test_most_of_the_samples_take_the_fast_path():
    taken = [path.name for path in sample_paths() if takes_the_fast_path(path)]
    assert len(taken) >= 8, taken


# --- front matter ----------------------------------------------------------------------------

FRONT_KEYS = [
    "title", "headline", "date", "published", "updated", "lastmod", "categories", "tags",
    "section", "category", "author", "authors", "layout", "slug", "permalink", "draft", "Title",
    "last_mod", "x-y", "_",
]  # fmt: skip
FRONT_VALUES = [
    "2024-03-01", "2020-10-24T16:27:00Z", "2024-13-45", "false", "yes", "/2021/06/07/story",
    "[World, News]", "[]", "[a: b, c]", "[x, [y]]", "", '""', "''", '"a \\" b"', "'it''s'",
    "a: b", "a #b", "|", "&x 1", "*x", "{a: b}", "!!str 1", "x" * 2100, "é ü 日本", "  spaced  ",
]  # fmt: skip
front_value = st.one_of(
    headline, headline.map(lambda h: f'"{h}"'), headline.map(lambda h: f"[{h}, News]"),
    st.sampled_from(FRONT_VALUES), any_line,
)  # fmt: skip
front_line = st.one_of(
    st.tuples(st.sampled_from(FRONT_KEYS), front_value).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.sampled_from(FRONT_KEYS).map(lambda k: f"{k}:\n  - One\n  - Two"),
    st.sampled_from(["", "# a comment", "  indented: x", "- item", "not a key line", "..."]),
)


@st.composite
def front_matter_starts(draw):
    """A file opening with front matter: usually YAML of a few plain keys closed by "---",
    now and then with odd fences, keys, values or lines; then the title repeated as a heading
    or not, and the body."""
    clean = draw(st.integers(0, 3)) > 0

    def part(usual, odd_one):
        return draw(usual if clean else usually(usual, odd_one))

    head = part(headline, odd_title)
    fence = part(st.just("---"), st.sampled_from(["+++", "--- ", " ---", "----", "..."]))
    lines = [fence, f'title: "{head}"'] if part(st.just(True), st.booleans()) else [fence]
    usual_line = st.sampled_from(
        [f"date: {DATES[1]}", "categories: [World, News]", "tags: [a, b]", "author: Staff"]
    )
    lines += draw(st.lists(usual_line if clean else usually(usual_line, front_line), max_size=6))
    lines.append(part(st.just("---"), st.sampled_from(["...", "  ---", "----", "+++", ""])))
    text = "\n".join(lines) + "\n" + part(st.sampled_from(["\n", "\n\n"]), odd_gap)
    odd_repeat = st.sampled_from([f"## {head}", "Other"])
    repeat = part(st.sampled_from([f"# {head}", head, ""]), odd_repeat)
    text += repeat + "\n\n" if repeat else ""
    body = [part(prose, odd_line) for _ in range(draw(st.integers(0, 6)))]
    return text + "\n\n".join(body)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=front_matter_starts(),
    name=st.sampled_from(["a.md", "a.markdown", "a.txt", "2024-05-03-story.md", "2021/06/07/b"]),
    pad=usually(st.just(""), st.sampled_from(["p" * 1500, "q\n" * 700, "r" * 2100, "s\n" * 9000])),
    encoding=usually(st.just("utf-8"), st.sampled_from(["utf-8-sig", "cp1252", "utf-16"])),
    crlf=usually(st.just(False), st.just(True), 8),
    truncated=st.booleans(),
)
@example(
    text='---\ntitle: "Night trains"\ndate: 2026-08-21T10:00:00Z\ncategories: [Travel, News]\n'
    "---\n\n# Night trains\n\nThe first paragraph.\n\nThe second.",
    name="a.md", pad="", encoding="utf-8", crlf=False, truncated=False,
)  # fmt: skip
def test_the_front_matter_path_makes_the_record_the_general_path_makes(
    text, name, pad, encoding, crlf, truncated
):
    text += "\n" + pad if pad else ""
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding, errors="replace")
    size = len(data) + (5000 if truncated else 0)
    fast = parse_bytes(data, name, header_only=True, truncated=truncated, size=size, mtime_ns=7)
    assert fast == general(data, name, truncated=truncated, size=size, mtime_ns=7)


def test_the_corpus_front_matter_takes_the_front_matter_path(tmp_path):
    text = (
        '---\ntitle: "Night trains return"\ndate: 2026-08-21T10:00:00Z\n'
        "categories: [Travel, News]\n---\n\n# Night trains return\n\n"
    ) + "\n\n".join(["The first paragraph of the body, as a blog writes it. " * 8] * 6)
    for name in ("post.md", "post.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert takes_the_fast_path(path), name
        article = parse_file(str(path), header_only=True)
        assert (article.title, article.section, article.body_line) == (
            "Night trains return", "Travel", 8,
        )  # fmt: skip
