"""Opening a listed article takes its header from the list's record and parses only its body,
and what it gives is exactly what parsing the whole file gives."""

import os
from pathlib import Path

from conftest import calls_during
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core import layouts
from viewer.core.index_rows import article_from_row, row_from_article
from viewer.core.listed_reading import read_listed
from viewer.core.parser import parse_file

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

LETTERS = "abcdefghijklmnopqrstuvwxyzéüñçøАБВГДежзαβγδابتث日本語"
word = st.text(alphabet=LETTERS, min_size=1, max_size=10)
line = st.lists(word, min_size=1, max_size=12).map(" ".join)
any_line = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)

HEADERS = [
    "{title}\n\nWorld\n\nPublished: 2024-03-01 09:00\nLast Updated: 2024-03-02\n\n{title}\n\n",
    "---\ntitle: {title}\ndate: 2024-05-03\ntags: [a, b]\n---\n\n",
    "---\nauthor: Someone\n---\n\n# {title}\n\n",
    '+++\ntitle = "{title}"\ndate = 2021-01-02\n+++\n',
    "-- {title}\n-- Wire desk\n-- 2024-06-07\n\n",
    "From: a@example.org\nSubject: {title}\nDate: Tue, 4 Jun 2024 10:00:00 +0000\n\n",
    "# {title}\n\n",
    "{title}\n",
    "",
]


@st.composite
def article_files(draw):
    """The bytes of an article file in one of many layouts, sometimes with a body that starts
    past the first 16 KB, or with bytes of another encoding, control characters or CR LF."""
    title = draw(line)
    head = draw(st.sampled_from(HEADERS)).format(title=title)
    body_lines = draw(st.lists(st.one_of(line, any_line, st.just(""), st.just(title)), max_size=30))
    body = "\n".join(body_lines) + draw(st.sampled_from(["", "\n"]))
    padding = draw(
        st.one_of(st.just(""), st.sampled_from(["\n" * 20000, " " * 17000 + "\n", "x" * 17000]))
    )
    text = head + padding + body
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-16"])), errors="replace")
    return data + draw(st.sampled_from([b"", b"\x93quoted\x94 caf\xe9\n", b"\x00\x07", b"\xff"]))


def both_ways(path: str):
    """The file parsed in full, and read with its listed record (as listed, and as indexed)."""
    listed = parse_file(path, header_only=True)
    indexed = article_from_row(row_from_article(listed))
    return parse_file(path), read_listed(path, listed, {})[1], read_listed(path, indexed, {})[1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=article_files(), name=st.sampled_from(["a.txt", "a.md", "a"]))
def test_reading_with_the_record_gives_what_a_full_parse_gives(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("listed") / name
    path.write_bytes(data)
    full, listed, indexed = both_ways(str(path))
    assert listed == full
    assert indexed == full


def test_every_bundled_sample_reads_the_same_with_its_record():
    paths = sorted(p for p in SAMPLES.rglob("*") if p.is_file())
    assert len(paths) > 10
    for path in paths:
        full, listed, indexed = both_ways(str(path))
        assert listed == full, path.name
        assert indexed == full, path.name


def header_reads_while(action):
    """How many times a header is read while ``action`` runs, and what it returned."""
    result, calls = calls_during(action, layouts.read_opening)
    return len(calls), result


def test_the_header_of_an_unchanged_file_is_taken_from_its_record(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Old Title\n\nWorld\n\nPublished: 2024-03-01\n\nOld Title\n\nThe body.\n")
    listed = parse_file(str(path), header_only=True)
    assert listed.body_line == 8  # past the title repeated as a caption
    # The record is taken as it is, unparsed: a title it holds is the title shown.
    record = listed._replace(title="Title From The List")
    reads, (_stamp, article) = header_reads_while(lambda: read_listed(str(path), record, {}))
    assert reads == 0
    assert (article.title, article.paragraphs, article.has_body) == (
        "Title From The List",
        ("The body.",),
        True,
    )


def test_a_file_changed_since_it_was_listed_is_parsed_in_full(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Old Title\n\nThe first body.\n")
    listed = parse_file(str(path), header_only=True)
    path.write_text("New Title\n\nWorld\n\nPublished: 2024-04-01\n\nThe second body, longer.\n")
    reads, (stamp, article) = header_reads_while(lambda: read_listed(str(path), listed, {}))
    assert reads == 1
    assert (article.title, article.section, article.paragraphs) == (
        "New Title",
        "World",
        ("The second body, longer.",),
    )
    info = os.stat(path)
    assert stamp == (info.st_size, info.st_mtime_ns)


def test_a_file_that_reads_in_another_encoding_in_full_is_parsed_in_full(tmp_path):
    path = tmp_path / "story.txt"
    # Plain ASCII for its first 16 KB, then a byte that is not UTF-8: the whole is cp1252.
    path.write_bytes(b"Title\n\n" + b"A line of words.\n" * 1200 + b"\ncaf\xe9\n")
    listed = parse_file(str(path), header_only=True)
    assert listed.body_line >= 0
    reads, (_stamp, article) = header_reads_while(lambda: read_listed(str(path), listed, {}))
    assert reads == 1
    assert article == parse_file(str(path))
    assert article.paragraphs[-1] == "café"


def test_a_file_that_vanished_says_so(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Title\n\nBody.\n")
    listed = parse_file(str(path), header_only=True)
    path.unlink()
    stamp, article = read_listed(str(path), listed, {})
    assert stamp is None
    assert not article.ok
    assert article.error == "file not found"
