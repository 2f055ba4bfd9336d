"""Hostile openings: each layout's header built to hang, blow up or swallow text, read from a
real file. Each input took minutes (or lost words) before its bound; the budgets only catch a
hang, they are not benchmarks."""

import time

from viewer.core.parser import parse_file

BODY = "The body has words here."
HANG = 10  # seconds: these inputs finish in well under one; before their fix they took minutes


def parse_quickly(write_article, content, name="article.md"):
    """Parse the file in full, failing when it takes as long as a hang would."""
    path = str(write_article(content, name))
    started = time.perf_counter()
    article = parse_file(path)
    took = time.perf_counter() - started
    assert took < HANG, f"{took:.1f} s"
    assert article.ok
    return article


def all_text(article):
    """Every word the article keeps, wherever it went: title, fields and paragraphs."""
    return " ".join([article.title, *article.fields.values(), *article.paragraphs]).split()


# --- YAML front matter -------------------------------------------------------------------


def test_aliases_of_empty_lists_cannot_hang(write_article):
    # Empty items add no text, so a bound on the text alone let 200**4 of them be visited.
    empty = ", ".join(["''"] * 200)
    lines = ["---", "title: Laughs", f"a: &a [{empty}]"]
    for previous, name in zip("abc", "bcd", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 200)}]")
    lines += ["e: [*d, *d, *d]", "---", "", BODY]
    article = parse_quickly(write_article, "\n".join(lines))
    assert article.title == "Laughs"
    assert article.paragraphs == (BODY,)


def test_an_alias_of_a_huge_string_in_every_field_is_cut_before_it_is_read(write_article):
    # 200 nested maps of 200 fields, each an alias of the same string of 30,000 words (the
    # block stays under the size past which it is not given to the YAML parser at all).
    fields = ", ".join(f"k{i}: *s" for i in range(200))
    maps = "\n".join(f"n{i}: *m" for i in range(198))
    text = f"---\ntitle: Big\nbig: &s {'w ' * 30_000}\nm: &m {{{fields}}}\n{maps}\n---\n{BODY}\n"
    article = parse_quickly(write_article, text)
    assert article.title == "Big"
    assert not article.warnings  # read as YAML
    assert all(len(value) <= 2001 for value in article.fields.values())
    assert article.paragraphs == (BODY,)


def test_a_huge_key_is_cut_to_a_name(write_article):
    for keys in (f"{'k' * 1_000_000}: value", f"big: &s {'w ' * 20_000}\n? *s\n: value"):
        article = parse_quickly(write_article, f"---\ntitle: Keys\n{keys}\n---\n{BODY}\n")
        assert article.title == "Keys"
        assert all(len(key) <= 101 for key in article.fields)
        assert "value" in article.fields.values()
        assert article.paragraphs == (BODY,)


def test_tags_for_python_objects_are_refused_and_kept_as_text(write_article):
    for tag in ("!!python/object/apply:os.system ['echo owned']", "!!python/name:os.system"):
        article = parse_quickly(write_article, f"---\ntitle: Tags\nx: {tag}\n---\n{BODY}\n")
        assert article.title == "Tags"
        assert article.fields["x"] == tag
        assert any("not valid YAML" in warning for warning in article.warnings)
        assert article.paragraphs == (BODY,)


def test_odd_yaml_values_give_text_or_a_warning(write_article):
    text = (
        "---\nbase: &b {title: Merged, tags: [a, b]}\n<<: *b\ndate: 99999-01-01\n"
        "updated: 2024-13-45\n2: two\ntrue: yes\n---\n" + BODY + "\n"
    )
    article = parse_quickly(write_article, text)
    assert (article.title, article.section) == ("Merged", "a")
    assert article.published is None and article.published_raw == "99999-01-01"
    assert article.fields == {"2": "two", "true": "yes", "tags": "a, b"}  # as written
    assert sum(w.startswith("unreadable date") for w in article.warnings) == 2
    for title, shown in (("[a, b]", "a, b"), ("12", "12"), ("yes", "yes")):
        article = parse_quickly(write_article, f"---\ntitle: {title}\n---\n{BODY}\n")
        assert (article.title, article.paragraphs) == (shown, (BODY,))


def test_a_huge_front_matter_is_read_line_by_line(write_article):
    # The parsers take about a second a megabyte here: a 32 MB file would take half a minute.
    for fence, key in (("---", "x:"), ("+++", "x =")):
        numbers = "1," * 8_000_000
        text = f"{fence}\ntitle{key[1:]} 'Numbers'\n{key} [{numbers}]\n{fence}\n{BODY}\n"
        article = parse_quickly(write_article, text, "numbers.md")
        assert article.title == "Numbers"
        assert article.fields["x"].startswith("1, 1, 1")
        assert any("too big" in warning for warning in article.warnings)
        assert article.paragraphs == (BODY,)


def test_a_toml_key_nested_too_deeply_is_not_given_to_the_parser(write_article):
    # tomllib is quadratic in the parts of a dotted key: 20,000 took 4.4 s; this block of
    # 32,000 (just under the size past which no block is given to it) about three times that.
    for line in (".".join(["a"] * 32_000) + " = 1", "[" + ".".join(["a"] * 32_000) + "]"):
        text = f'+++\ntitle = "Deep"\n{line}\nb = 2\n+++\n{BODY}\n'
        article = parse_quickly(write_article, text)
        assert article.title == "Deep"
        assert any("too deep to read as TOML" in warning for warning in article.warnings)
        assert article.paragraphs == (BODY,)


def test_prose_between_two_rules_keeps_every_line(write_article):
    # Not valid YAML or TOML: read line by line, the one "Key: value" line made it a header
    # and every other line was dropped.
    prose = [
        "Harbour news",
        "Update: the gates opened today.",
        "The mayor was there and spoke at length, as she does.",
    ]
    for fence in ("---", "+++"):
        text = f"{fence}\n{prose[0]}\n\n{prose[1]}\n\n{prose[2]}\n{fence}\nMore text here.\n"
        article = parse_quickly(write_article, text, "rules.txt")
        kept = all_text(article)
        for line in [*prose, "More text here."]:
            assert " ".join(line.split()) in " ".join(kept)


def test_broken_front_matter_keeps_its_indented_lines(write_article):
    text = (
        "---\ntitle: Rain: the wettest May\nsummary: It rained\n  on every day\n  but one.\n"
        "tags:\n  - weather\n  - records\n---\nIt rained.\n"
    )
    article = parse_quickly(write_article, text)
    assert article.title == "Rain: the wettest May"
    assert article.fields["summary"] == "It rained on every day but one."
    assert article.section == "weather"
    assert article.paragraphs == ("It rained.",)


# --- the plain layout ----------------------------------------------------------------------


def test_a_line_of_dots_after_www_is_not_read_in_quadratic_time(write_article):
    # Is it an address? "www\.\S+\.\S+" tried every pair of dots: 100,000 of them took minutes.
    line = "www." + "." * 100_000 + " x"
    for under_title in (line, f"World\n{line}"):
        article = parse_quickly(write_article, f"Title\n{under_title}\n\n{BODY}\n", "dots.txt")
        assert article.title == "Title"
        assert article.paragraphs[-2:] == (line, BODY)


def test_a_huge_date_is_not_read_and_its_warning_stays_short(write_article):
    # dateutil reads a 30 MB "date" in most of a quarter of a minute, and the warning quoted
    # all of it (the list's tooltip shows warnings).
    raw = "Tue 2024 " * 3_300_000
    article = parse_quickly(write_article, f"Title\nPublished: {raw}\n\n{BODY}\n", "date.txt")
    assert article.published is None
    assert article.published_raw == raw.strip()
    assert all(len(warning) < 200 for warning in article.warnings)
    assert any(warning.startswith("unreadable date") for warning in article.warnings)
    assert article.paragraphs == (BODY,)


def test_a_header_key_given_again_keeps_every_value(write_article):
    # Only the first of each was kept: a second author, source or address was dropped.
    text = (
        "Title\n\nWorld\n\nAuthor: Ann Lee\nAuthor: Bob Roe\nPublished: 2024-01-01\n"
        "Published: 2024-02-02\nPublished: 2024-03-03\nSource: Wire\n\nThe body text.\n"
    )
    article = parse_quickly(write_article, text, "twice.txt")
    assert article.fields["author"] == "Ann Lee, Bob Roe"
    assert article.published_raw == "2024-01-01"
    assert article.fields["published"] == "2024-02-02, 2024-03-03"
    addresses = "\n".join(f"www.example{n}.org" for n in range(200_000))
    article = parse_quickly(write_article, f"Title\n{addresses}\n\n{BODY}\n", "urls.txt")
    assert article.fields["url"].split(", ") == addresses.split("\n")
    assert article.paragraphs == (BODY,)


# --- wire-service dash lines -----------------------------------------------------------------


def test_a_million_dash_lines_are_not_all_header(write_article):
    # Each dash line was header, and each with a year in it was read as a date: 2.9 s for
    # 100,000, half a minute for a million, all of them in one "note" field.
    lines = [f"-- {n} notes from 2006" for n in range(1_000_000)]
    text = "-- Harbour barrier closes\n-- By Ana Lima\n" + "\n".join(lines) + f"\n\n{BODY}\n"
    article = parse_quickly(write_article, text, "wire.txt")
    assert article.title == "Harbour barrier closes"
    assert article.fields["author"] == "Ana Lima"
    assert len(article.fields.get("note", "")) < 1000
    # The dash lines past the header are body text, as they are written.
    kept = " ".join([*article.fields.get("note", "").split("; "), *article.paragraphs])
    assert [word for word in kept.split() if word != "--"] == " ".join(lines).replace(
        "-- ", ""
    ).split() + BODY.split()


# --- mail and Usenet -----------------------------------------------------------------------

MAIL = "From: Jo <jo@example.org>\nDate: Tue, 16 Apr 2024 12:40:00 +0000\n"
UTF8_QP = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n"


def test_huge_mail_headers_are_kept_as_written_not_parsed(write_article):
    # The email package's header parsers are quadratic or worse in a value's length: each of
    # these (about 1 MB) took from 11 s (References, which is not even kept) to many minutes.
    cases = {
        "subject": "Subject: " + "word " * 200_000,
        "encoded": "Subject: " + "=?utf-8?q?caf=C3=A9?= " * 50_000,
        "from": "Subject: S\nFrom: " + '"a' * 500_000,
        "to": "Subject: S\nTo: " + "a@b.example, " * 80_000,
        "references": "Subject: S\nReferences: " + "<a@b> " * 200_000,
    }
    for name, header in cases.items():
        head = "Date: Tue, 16 Apr 2024 12:40:00 +0000\n" + (
            header if name == "from" else "From: Jo <jo@example.org>\n" + header
        )
        article = parse_quickly(write_article, f"{head}\n\n{BODY}\n", f"{name}.txt")
        assert article.paragraphs == (BODY,), name
        assert article.published is not None, name
    assert article.fields["author"] == "Jo <jo@example.org>"


def test_a_huge_content_type_is_not_parsed(write_article):
    # Parameters (";" after ";") took the MIME parser 1.8 s for 8,000: a megabyte, hours.
    semicolons = ";" * 1_000_000
    top = f"{MAIL}Subject: S\nContent-Type: multipart/mixed; boundary=b{semicolons}\n\n"
    part = f'{MAIL}Subject: S\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
    for text in (
        f"{top}--b\n\n{BODY}\n--b--\n",
        f"{part}Content-Type: text/plain{semicolons}\n\n{BODY}\n--b--\n",
    ):
        article = parse_quickly(write_article, text, "parameters.txt")
        assert BODY in article.paragraphs


def test_a_message_of_a_hundred_thousand_parts_is_shown_as_written(write_article):
    # Each part cost the MIME parser 0.2 ms: 100,000 took 22 s (a 32 MB file, minutes).
    parts = "--b\nContent-Type: text/plain\n\nword\n" * 100_000
    text = f'{MAIL}Subject: S\nContent-Type: multipart/mixed; boundary="b"\n\n{parts}--b--\n'
    article = parse_quickly(write_article, text, "parts.txt")
    assert " ".join(article.paragraphs).split().count("word") == 100_000
    # A message in one part is decoded however many of its lines start with "--".
    rules = "\n\n".join(["----- caf=C3=A9 -----"] * 2000)
    text = f"{MAIL}Subject: S\n{UTF8_QP}\n{rules}\n"
    article = parse_quickly(write_article, text, "rules.txt")
    assert article.paragraphs == ("----- café -----",) * 2000


def test_every_plain_part_of_a_message_is_read(write_article):
    # Only the first plain part was: the second, and a forwarded message's text, were lost.
    text = (
        f'{MAIL}Subject: S\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nFirst part words.\n"
        '--b\nContent-Type: multipart/alternative; boundary="c"\n\n'
        "--c\nContent-Type: text/plain\n\nSecond part words.\n"
        "--c\nContent-Type: text/html\n\n<p>Second part words.</p>\n--c--\n"
        "--b\nContent-Type: message/rfc822\n\nSubject: Fwd\n\nForwarded words.\n"
        "--b\nContent-Type: text/plain\nContent-Disposition: attachment\n\nAttached.\n"
        "--b--\n"
    )
    article = parse_quickly(write_article, text, "parts.txt")
    assert article.paragraphs == ("First part words.", "Second part words.", "Forwarded words.")


def test_plain_text_labelled_base64_is_shown_as_written(write_article):
    # Decoded as base64 it came out as random bytes: every word was lost.
    lines = ["This is plain text, not base64 at all.", "Second line here, as written."]
    body = "\n\n".join(lines)
    text = f"{MAIL}Subject: S\nContent-Transfer-Encoding: base64\n\n{body}\n"
    article = parse_quickly(write_article, text, "mislabelled.txt")
    assert article.paragraphs == tuple(lines)


def test_control_characters_decoded_from_a_message_are_removed_as_the_file_s_are(write_article):
    # Encoded words and quoted-printable bodies bypassed the cleaning of the file's own text:
    # NUL, ESC and BEL reached the title and the paragraphs, and a CR split no line.
    text = (
        f"{MAIL}Subject: =?utf-8?q?Harbour=00_news=1B[31m?=\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "The gates=07 closed=0Dat dawn.=1B]0;title=07\n"
    )
    article = parse_quickly(write_article, text, "controls.txt")
    assert article.title == "Harbour news[31m"
    assert article.paragraphs == ("The gates closed", "at dawn.]0;title")
    assert any("stray control characters" in warning for warning in article.warnings)


# --- titles ----------------------------------------------------------------------------------


def test_a_title_of_megabytes_is_shown_by_its_start_and_kept_whole(write_article):
    # The list paints a title whole before eliding it: 5 MB cost 1.5 s a repaint.
    words = "word " * 1_000_000
    nospace = "w" * 1_000_000
    cases = {
        "mail.txt": (f"{MAIL}Subject: {words}\n\n{BODY}\n", words),
        "wire.txt": (f"-- {words}\n-- By Jo\n\n{BODY}\n", words),
        "fields.txt": (f"{words}\nPublished: 2024-01-02\n\n{BODY}\n", words),
        "heading.md": (f"# {nospace}\n\n{BODY}\n", nospace),
        "heading.txt": (f"# {nospace}\n\n{BODY}\n", nospace),
        "front.md": (f"---\ndate: 2024-01-02\n---\n# {words}\n\n{BODY}\n", words),
    }
    for name, (text, title) in cases.items():
        article = parse_quickly(write_article, text, name)
        assert len(article.title) <= 161, name
        assert title.startswith(article.title.rstrip("…")), name
        assert "title" in article.derived, name
        assert article.fields["title"] == title.strip(), name
        assert article.paragraphs == (BODY,), name


# --- decoding --------------------------------------------------------------------------------


def test_a_byte_order_mark_makes_no_binary_file_text(write_article):
    # A BOM skipped the check for binary: a BOM and 8 KB of NUL bytes listed as an article.
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        path = str(write_article(bom + bytes(8192) + b"\x01\x02" * 4000, "dump"))
        assert parse_file(path, sniff=True).error.startswith("not text")
        assert parse_file(path).error.startswith("binary file")


def test_tiny_and_bom_only_files_are_empty_articles(write_article):
    for data in (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"):
        path = str(write_article(data, "tiny"))
        article = parse_file(path, sniff=True)
        assert article.ok and article.paragraphs == ()
        assert "the file is empty" in article.warnings
