"""The article format, rule by rule, on real files."""

from datetime import UTC, datetime, timedelta

from conftest import SEED_LIKE

from viewer.core.parser import parse_file


def test_seed_format(write_article):
    article = parse_file(str(write_article(SEED_LIKE)))
    assert article.ok
    assert article.title == "Harbour city opens tidal barrier"
    assert article.section == "World"
    assert article.published == datetime(2020, 10, 24, 16, 27)
    assert article.published_raw == "2020-10-24 16:27"
    assert article.updated == datetime(2024, 4, 16, 12, 40)
    assert article.fields == {}
    assert article.paragraphs == (
        "The gates closed for the first time on Saturday morning, ten years after the work "
        "began in the port.",
        "Residents watched from the sea wall as the four gates rose out of their concrete beds "
        "in twelve minutes.",
        "The project ran three years late.",
    )
    assert article.word_count == 19 + 19 + 6
    assert article.encoding == "utf-8"
    assert article.warnings == ()


def test_compact_header_parses_the_same(write_article):
    compact = "\n".join(line for line in SEED_LIKE.splitlines() if line.strip())
    spaced = parse_file(str(write_article(SEED_LIKE, "a.txt")))
    tight = parse_file(str(write_article(compact, "b.txt")))
    assert (tight.title, tight.section, tight.published, tight.updated) == (
        spaced.title,
        spaced.section,
        spaced.published,
        spaced.updated,
    )
    # Adjacent lines stay separate paragraphs either way.
    assert tight.paragraphs == spaced.paragraphs


def test_other_fields_go_into_fields_lower_case(write_article):
    text = (
        "Title here\n\nWorld\n\nPublished: 2021-01-02\nAuthor: Ana Lima\nSource: Wire\n"
        "URL: https://example.org/a\nTags: a, b\n\nBody line one.\n"
    )
    article = parse_file(str(write_article(text)))
    assert article.section == "World"
    assert article.fields == {
        "author": "Ana Lima",
        "source": "Wire",
        "url": "https://example.org/a",
        "tags": "a, b",
    }
    assert article.paragraphs == ("Body line one.",)


def test_date_key_variants(write_article):
    text = "T\n\nDate: 2021-03-04 05:06\nModified: 2021-03-05\n\nBody.\n"
    article = parse_file(str(write_article(text)))
    assert article.published == datetime(2021, 3, 4, 5, 6)
    assert article.updated == datetime(2021, 3, 5)
    assert article.section is None


def test_no_header_means_no_section(write_article):
    text = "A title\n\nWorld\n\nThe body starts here.\n"
    article = parse_file(str(write_article(text)))
    assert article.section is None
    assert article.paragraphs == ("World", "The body starts here.")


def test_lone_unknown_key_is_body_text(write_article):
    text = "Final tonight\n\nResult: 6-2 6-3\n\nHe said: we played well.\n"
    article = parse_file(str(write_article(text)))
    assert article.fields == {}
    assert article.paragraphs == ("Result: 6-2 6-3", "He said: we played well.")


def test_speech_after_header_stays_in_body(write_article):
    text = "T\nPublished: 2021-01-01\n\nHe said: this is body text.\n"
    article = parse_file(str(write_article(text)))
    assert article.paragraphs == ("He said: this is body text.",)


def test_header_ends_at_first_non_field_line(write_article):
    text = "T\nPublished: 2021-01-01\nBody begins.\nAuthor: not a header any more\n"
    article = parse_file(str(write_article(text)))
    assert article.fields == {}
    assert article.paragraphs == ("Body begins.", "Author: not a header any more")


def test_url_line_under_title_is_not_a_field_nor_body(write_article):
    text = "A title\nhttps://news.example.org/story/1\n\nThe body.\n"
    article = parse_file(str(write_article(text)))
    assert "https" not in article.fields
    assert article.fields == {"url": "https://news.example.org/story/1"}
    assert article.paragraphs == ("The body.",)


def test_title_repeats_are_dropped_with_whitespace_collapsed(write_article):
    text = "Big  news today\n\nBig news today\n  Big   news  today \n\nReal body.\nBig news today\n"
    article = parse_file(str(write_article(text)))
    # Only repeats at the start of the body go; a later line that matches is content.
    assert article.paragraphs == ("Real body.", "Big news today")


def test_one_paragraph_per_line_is_never_merged(write_article):
    lines = [
        "Officials said the talks would continue next week in the capital.",
        "The minister did not comment on the report when asked by reporters.",
        "Markets rose slightly after the announcement was made on Friday.",
    ]
    article = parse_file(str(write_article("T\n\n" + "\n".join(lines) + "\n")))
    assert article.paragraphs == tuple(lines)


def test_hard_wrapped_blocks_are_reflowed(write_article):
    text = (
        "T\n\n"
        "Nobody in the valley agrees on exactly when the river decided to move.\n"
        "The older farmers say it was the flood of the spring before last, when\n"
        "the water stood in the lower meadows for nine days and left behind a\n"
        "bank of gravel.\n"
        "\n"
        "Either way, the old channel is now a string of quiet ponds, full of\n"
        "frogs in the evenings.\n"
    )
    article = parse_file(str(write_article(text)))
    assert article.paragraphs == (
        "Nobody in the valley agrees on exactly when the river decided to move. The older "
        "farmers say it was the flood of the spring before last, when the water stood in the "
        "lower meadows for nine days and left behind a bank of gravel.",
        "Either way, the old channel is now a string of quiet ponds, full of frogs in the "
        "evenings.",
    )


def test_wrapped_paragraphs_without_blank_lines_split_at_short_lines(write_article):
    text = (
        "T\n\n"
        "The council met on Tuesday to discuss the plan for the new bridge over\n"
        "the river, delayed by a dispute.\n"
        "Residents asked for a vote. The mayor said that the decision would be\n"
        "taken in the spring.\n"
    )
    article = parse_file(str(write_article(text)))
    assert len(article.paragraphs) == 2
    assert article.paragraphs[1].startswith("Residents asked for a vote.")


def test_front_matter(write_article):
    text = (
        '---\ntitle: "Front matter title"\ndate: 2022-02-03T04:05:06Z\n'
        "lastmod: 2022-02-04\ncategories: [Science, Space]\nauthor: Kim\n---\n\n"
        "# Front matter title\n\nFirst paragraph.\n"
    )
    article = parse_file(str(write_article(text, "post.md")))
    assert article.title == "Front matter title"
    assert article.section == "Science"
    assert article.published == datetime(2022, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert article.updated == datetime(2022, 2, 4)
    assert article.fields == {"categories": "Science, Space", "author": "Kim"}
    assert article.paragraphs == ("First paragraph.",)


def test_front_matter_block_lists_and_tags_as_section(write_article):
    text = "---\ntitle: T\ntags:\n  - Travel\n  - Rail\n---\nBody.\n"
    article = parse_file(str(write_article(text, "post.md")))
    assert article.section == "Travel"
    assert article.fields["tags"] == "Travel, Rail"
    assert article.paragraphs == ("Body.",)


def test_front_matter_without_title_uses_first_heading(write_article):
    text = "---\ndate: 2022-02-03\n---\n# The heading\n\nBody.\n"
    article = parse_file(str(write_article(text, "post.md")))
    assert article.title == "The heading"
    assert article.paragraphs == ("Body.",)


def test_empty_file_is_titled_by_its_name_and_says_it_is_empty(write_article):
    for content in ("", "\n  \n\t\n"):
        article = parse_file(str(write_article(content, "quiet-day.txt")))
        assert article.ok
        assert article.title == "quiet-day"
        assert article.derived == ("title",)
        assert article.warnings == ("the file is empty",)
        assert article.paragraphs == ()
        assert article.word_count == 0


def test_text_without_a_title_line_is_titled_by_its_name(write_article):
    article = parse_file(str(write_article("---\ndate: 2021-01-01\n---\n\n", "x.md")))
    assert article.title == "x"
    assert "no title line; the file name is shown instead" in article.warnings


def test_title_and_body_without_header(write_article):
    text = "Plain dataset title\n\nFirst paragraph of the body.\nSecond paragraph.\n"
    article = parse_file(str(write_article(text)))
    assert article.title == "Plain dataset title"
    assert article.section is None
    assert article.paragraphs == ("First paragraph of the body.", "Second paragraph.")


def test_article_on_one_line(write_article):
    sentence = "The storm closed every road into the valley on Monday night. "
    line = sentence + "Crews worked until dawn to clear them, " * 10
    article = parse_file(str(write_article(line.strip() + "\n")))
    assert article.title == sentence.strip()
    assert article.paragraphs == (line.strip(),)


def test_cp1252_with_crlf(write_article):
    text = (
        "Café owners protest\r\n\r\nWorld\r\n\r\nPublished: 2021-05-06\r\n\r\n"
        "Été – “naïve” résumé.\r\n"
    )
    article = parse_file(str(write_article(text.encode("cp1252"))))
    assert article.encoding == "cp1252"
    assert article.title == "Café owners protest"
    assert article.section == "World"
    assert article.paragraphs == ("Été – “naïve” résumé.",)


def test_cr_only_line_endings(write_article):
    article = parse_file(str(write_article(b"T\rWorld\rPublished: 2021-01-01\r\rBody.\r")))
    assert (article.title, article.section, article.paragraphs) == ("T", "World", ("Body.",))


def test_stray_control_bytes_are_removed_with_a_warning(write_article):
    article = parse_file(str(write_article(b"Ti\x01tle\n\nBo\x07dy text.\x1b\n")))
    assert article.ok
    assert article.title == "Title"
    assert article.paragraphs == ("Body text.",)
    assert any("control" in w for w in article.warnings)


def test_unreadable_date_is_null_with_a_warning_naming_it(write_article):
    text = "T\n\nPublished: the day after tomorrow\nUpdated: 2021-01-01\n\nBody.\n"
    article = parse_file(str(write_article(text)))
    assert article.ok
    assert article.published is None
    assert article.published_raw == "the day after tomorrow"
    assert article.updated == datetime(2021, 1, 1)
    assert any("the day after tomorrow" in w and "Published" in w for w in article.warnings)


def test_dates_with_zones_keep_their_offset(write_article):
    text = (
        "T\n\nPublished: Tue, 16 Apr 2024 12:40:00 +0000\nUpdated: 2024-04-16T14:40:00+02:00\n\nB\n"
    )
    article = parse_file(str(write_article(text)))
    assert article.published == datetime(2024, 4, 16, 12, 40, tzinfo=UTC)
    assert article.updated is not None
    assert article.updated.utcoffset() == timedelta(hours=2)


def test_header_only_parse_reads_header_not_body(write_article):
    text = SEED_LIKE + ("More body text. " * 80 + "\n") * 40
    path = write_article(text)
    header = parse_file(str(path), header_only=True)
    full = parse_file(str(path))
    assert (header.title, header.section, header.published) == (
        full.title,
        full.section,
        full.published,
    )
    assert header.paragraphs == ()
    assert header.word_count is None
    assert full.word_count is not None and full.word_count > 1000


def test_prose_with_colons_after_a_header_stays_body(write_article):
    text = (
        "T\n\nWorld\n\nPublished: 2021-01-02\nPhoto Credit: Ana Lima\n\n"
        "Paragraph 0: the river rose and the town watched it.\n"
        "Witnesses: several people on the bridge said they had never seen it so high.\n"
    )
    article = parse_file(str(write_article(text)))
    assert article.fields == {"photo credit": "Ana Lima"}
    assert article.paragraphs == (
        "Paragraph 0: the river rose and the town watched it.",
        "Witnesses: several people on the bridge said they had never seen it so high.",
    )
