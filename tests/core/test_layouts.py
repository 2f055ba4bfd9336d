"""The layouts people keep articles in, each read from a real file as a reader expects."""

import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from viewer.core.blocks import QUOTE, SIGNATURE
from viewer.core.parser import parse_file

EDT = timezone(timedelta(hours=-4))


# --- front matter ------------------------------------------------------------------------


def test_toml_front_matter_of_a_static_site(write_article):
    text = (
        "+++\n"
        'title = "Ferry timetable changes: what riders need to know"\n'
        "date = 2024-05-03T08:30:00+02:00\n"
        "updated = 2024-05-04\n"
        'authors = ["Mina Osei", "Tom Vale"]\n'
        "draft = false\n"
        "\n"
        "[taxonomies]\n"
        'categories = ["Transport"]\n'
        'tags = ["ferries", "timetables"]\n'
        "\n"
        "[extra]\n"
        'subtitle = "Three crossings move"\n'
        "+++\n"
        "\n"
        "The early crossing now leaves at six.\n"
    )
    article = parse_file(str(write_article(text, "ferry.md")))
    assert article.title == "Ferry timetable changes: what riders need to know"
    assert article.published == datetime(2024, 5, 3, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    assert article.updated == datetime(2024, 5, 4)
    assert article.section == "Transport"
    assert article.fields["author"] == "Mina Osei, Tom Vale"
    assert article.fields["tags"] == "ferries, timetables"
    assert article.fields["subtitle"] == "Three crossings move"
    assert article.fields["draft"] == "false"
    assert article.paragraphs == ("The early crossing now leaves at six.",)
    assert article.warnings == ()


def test_toml_front_matter_with_hugo_categories_at_the_top(write_article):
    text = '+++\ntitle = "Pier reopens"\ncategories = ["Local", "Coast"]\n+++\nBody here.\n'
    article = parse_file(str(write_article(text, "pier.md")))
    assert (article.title, article.section) == ("Pier reopens", "Local")


def test_yaml_front_matter_is_real_yaml(write_article):
    text = (
        "---\n"
        'title: "Budget vote: council splits 5-4"\n'
        "date: 2023-11-02 18:00:00 +01:00\n"
        "author: 'Ines Duarte'\n"
        "categories:\n"
        "  - Politics\n"
        "  - Local\n"
        "summary: >\n"
        "  The council passed its budget\n"
        "  by a single vote.\n"
        "params:\n"
        "  location: Riverside\n"
        "---\n"
        "The vote came after midnight.\n"
    )
    article = parse_file(str(write_article(text, "budget.md")))
    assert article.title == "Budget vote: council splits 5-4"
    assert article.published == datetime(2023, 11, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    assert article.section == "Politics"
    assert article.fields["author"] == "Ines Duarte"
    assert article.fields["summary"] == "The council passed its budget by a single vote."
    assert article.fields["location"] == "Riverside"
    assert article.paragraphs == ("The vote came after midnight.",)


def test_broken_yaml_is_read_line_by_line_with_a_warning(write_article):
    text = "---\ntitle: Rain: the wettest May\ndate: 2024-06-01\n---\nIt rained.\n"
    article = parse_file(str(write_article(text, "rain.md")))
    assert article.title == "Rain: the wettest May"
    assert article.published == datetime(2024, 6, 1)
    assert article.paragraphs == ("It rained.",)
    assert any("not valid YAML" in w for w in article.warnings)


def test_yaml_that_is_not_a_map_is_not_front_matter(write_article):
    text = "---\nJust a line between rules\n---\nThe text goes on.\n"
    article = parse_file(str(write_article(text, "rules.txt")))
    assert "The text goes on." in article.paragraphs
    assert "Just a line between rules" in " ".join((article.title, *article.paragraphs))


def test_yaml_aliases_cannot_blow_up(write_article):
    names = "abcdefghij"
    lines = ["---", "title: Laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "\n".join([*lines, "---", "Body.", ""])
    article = parse_file(str(write_article(text, "laughs.md")))
    assert article.title == "Laughs"
    assert all(len(value) <= 2001 for value in article.fields.values())
    assert article.paragraphs == ("Body.",)


# --- dates from the path -----------------------------------------------------------------


def test_jekyll_file_name_gives_the_date_marked_as_derived(write_article):
    text = "---\ntitle: Spring fair\n---\nStalls open at nine.\n"
    article = parse_file(str(write_article(text, "_posts/2024-04-27-spring-fair.md")))
    assert article.published == datetime(2024, 4, 27)
    assert article.published_raw == "2024-04-27"
    assert "published" in article.derived


def test_front_matter_path_gives_the_date(write_article):
    text = '---\ntitle: Tide tables\npath: "/2021/03/09/tide-tables"\n---\nHigh water at noon.\n'
    article = parse_file(str(write_article(text, "tide.md")))
    assert article.published == datetime(2021, 3, 9)
    assert article.derived == ("published",)


def test_dated_folders_give_the_date(write_article):
    article = parse_file(str(write_article("Fog delays flights\n\nBody.\n", "2019/11/05/fog.txt")))
    assert article.published == datetime(2019, 11, 5)
    day = parse_file(str(write_article("Fog lifts\n\nBody.\n", "wire/20061020/fog-lifts")))
    assert day.published == datetime(2006, 10, 20)


def test_a_stated_date_wins_over_the_path(write_article):
    text = "---\ntitle: T\ndate: 2024-05-01\n---\nB.\n"
    article = parse_file(str(write_article(text, "2020-01-01-t.md")))
    assert article.published == datetime(2024, 5, 1)
    assert article.derived == ()


def test_no_date_from_numbers_that_are_not_one(write_article):
    article = parse_file(str(write_article("T\n\nB.\n", "2024-13-45-nothing.txt")))
    assert article.published is None
    assert article.derived == ()


# --- wire-service dash headers -----------------------------------------------------------

DASH_STORY = """-- Harbour barrier closes for the first time after storm warning
-- By  Ana  Lima
-- Fri Oct 20, 2006 6:15pm EDT
-- http://www.example.com/article/2006/10/20/harbour-barrier

  WESTMARK (Wire) - The gates of the tidal barrier closed on Friday
 evening for the first time since the project was finished, as the
 coast guard warned of a surge of up to two metres.

  "We built it for nights like this one," the harbour master said,
 standing on the sea wall as the gates rose.
"""


def test_dash_header_of_a_wire_story(write_article):
    article = parse_file(str(write_article(DASH_STORY, "harbour-barrier-idWX20061020")))
    assert article.title == "Harbour barrier closes for the first time after storm warning"
    assert article.fields["author"] == "Ana Lima"
    assert article.published == datetime(2006, 10, 20, 18, 15, tzinfo=EDT)
    assert article.fields["url"] == "http://www.example.com/article/2006/10/20/harbour-barrier"
    assert article.paragraphs == (
        "WESTMARK (Wire) - The gates of the tidal barrier closed on Friday evening for the "
        "first time since the project was finished, as the coast guard warned of a surge of "
        "up to two metres.",
        '"We built it for nights like this one," the harbour master said, standing on the sea '
        "wall as the gates rose.",
    )


# --- mail and Usenet ---------------------------------------------------------------------

USENET = """Path: news.example.net!not-for-mail
From: Jo Writer <jo@example.org>
Newsgroups: alt.news.harbour,alt.local.westmark
Subject: Re: Barrier test on Saturday
Date: Tue, 16 Apr 2024 08:40:00 -0400 (EDT)
Organization: Westmark Harbour Watchers
Lines: 14
Message-ID: <abc123@example.org>
X-Newsreader: Something 1.0

Pat Reader wrote:
> Does anyone know when the gates will be
> tested again?
>> I heard it was in the spring.

They test them on the first Saturday of each month, at
ten in the morning, weather permitting.

--\x20
Jo Writer
Westmark, by the sea
"""


def test_usenet_article(write_article):
    article = parse_file(str(write_article(USENET, "spool/alt/news/harbour/1042")))
    assert article.title == "Re: Barrier test on Saturday"
    assert article.fields["author"] == "Jo Writer <jo@example.org>"
    assert article.published == datetime(2024, 4, 16, 8, 40, tzinfo=EDT)
    assert article.section == "alt.news.harbour"
    assert article.fields["newsgroups"] == "alt.news.harbour,alt.local.westmark"
    assert article.fields["organization"] == "Westmark Harbour Watchers"
    assert article.fields["message id"] == "<abc123@example.org>"
    assert "path" not in article.fields and "lines" not in article.fields
    kinds = [(block.kind, block.level, block.text) for block in article.blocks]
    assert kinds == [
        ("paragraph", 0, "Pat Reader wrote:"),
        (QUOTE, 1, "Does anyone know when the gates will be tested again?"),
        (QUOTE, 2, "I heard it was in the spring."),
        (
            "paragraph",
            0,
            "They test them on the first Saturday of each month, at ten in the morning, "
            "weather permitting.",
        ),
        (SIGNATURE, 0, "Jo Writer"),
        (SIGNATURE, 0, "Westmark, by the sea"),
    ]
    assert article.paragraphs[1] == "Does anyone know when the gates will be tested again?"


def test_mail_with_encoded_subject_and_quoted_printable_body(write_article):
    text = (
        "From: =?utf-8?q?Ren=C3=A9e_Dupr=C3=A9?= <renee@example.org>\n"
        "To: desk@example.org\n"
        "Subject: =?utf-8?q?Caf=C3=A9_prices_rise?=\n"
        "Date: Mon, 3 Jun 2024 09:00:00 +0000\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "The caf=C3=A9 on the quay raised its prices by a third this week, citing=\n"
        " the cost of milk.\n"
    )
    article = parse_file(str(write_article(text, "mail.eml.txt")))
    assert article.title == "Café prices rise"
    assert article.fields["author"] == "Renée Dupré <renee@example.org>"
    assert article.fields["to"] == "desk@example.org"
    assert article.published == datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
    assert article.paragraphs == (
        "The café on the quay raised its prices by a third this week, citing the cost of milk.",
    )


def test_mbox_separator_line_and_header_only_listing(write_article):
    text = "From jo@example.org Tue Apr 16 08:40:00 2024\n" + USENET
    path = str(write_article(text, "one.mbox.txt"))
    listed = parse_file(path, header_only=True)
    assert listed.title == "Re: Barrier test on Saturday"
    assert listed.section == "alt.news.harbour"


def test_an_article_opening_with_a_colon_line_is_not_mail(write_article):
    text = "Subject: the harbour\n\nWe talked about the harbour.\n"
    article = parse_file(str(write_article(text)))
    assert article.title == "Subject: the harbour"
    assert article.blocks == ()


# --- zone names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "offset"),
    [
        ("Fri Oct 20, 2006 6:15pm EDT", -4),
        ("Tue, 16 Apr 2024 12:40:00 GMT", 0),
        ("Tue, 16 Apr 2024 12:40:00 EST", -5),
        ("16 April 2024 12:40 BST", 1),
        ("2024-04-16 12:40 CET", 1),
        ("April 16, 2024 4:40 AM PST", -8),
        ("April 16, 2024, 8:40 a.m. EDT", -4),
        ("Tue, 16 Apr 2024 08:40:00 -0400 (EDT)", -4),
        ("16 Apr 2024 20:40 AEST", 10),
        ("2024-04-16 12:40 CEST", 2),
    ],
)
def test_zone_names_are_read_with_their_offsets(write_article, written, offset):
    article = parse_file(str(write_article(f"T\n\nPublished: {written}\n\nB.\n")))
    assert article.published is not None, article.warnings
    assert article.published.utcoffset() == timedelta(hours=offset)
    assert article.published.date() == date(2024, 4, 16) or "2006" in written


# --- titles ------------------------------------------------------------------------------


def test_a_long_headline_is_kept_whole(write_article):
    headline = (
        "Harbour authority confirms that the tidal barrier will close every night this week "
        "while engineers inspect the hinges of the four gates, after a crack was found during "
        "the routine checks on Sunday"
    )
    assert 180 < len(headline) < 250
    article = parse_file(str(write_article(f"{headline}\n\nWorld\n\nPublished: 2024-01-01\n\nB.")))
    assert article.title == headline
    assert article.derived == ()


def test_a_lead_paragraph_stays_in_the_body_with_a_derived_title(write_article):
    lead = (
        "Министр транспорта заявил в понедельник, что новая линия метро откроется весной, "
        "на полгода позже, чем обещали."
    )
    second = "Строительство задержали из-за грунтовых вод."
    article = parse_file(str(write_article(f"{lead}\n{second}\n")))
    assert article.paragraphs == (lead, second)
    assert article.title == lead
    assert article.derived == ("title",)


def test_a_file_with_no_title_line_titles_itself_by_its_first_sentence(write_article):
    first = (
        "أعلنت البلدية يوم الأحد أن الجسر الجديد سيفتح أمام السيارات في الشهر المقبل بعد "
        "ثلاث سنوات من العمل. وقال رئيس البلدية إن المشروع كلف أقل مما كان متوقعا."
    )
    article = parse_file(str(write_article(first + "\n\nوسيبقى الجسر القديم مفتوحا للمشاة.\n")))
    assert article.paragraphs[0] == first
    assert article.title == first.split(". ")[0] + "."
    assert "title" in article.derived


def test_a_short_headline_with_a_full_stop_is_still_a_headline(write_article):
    article = parse_file(str(write_article("Fire destroys barn.\n\nNobody was hurt.\n")))
    assert article.title == "Fire destroys barn."
    assert article.paragraphs == ("Nobody was hurt.",)


def test_a_lead_like_first_line_followed_by_a_header_is_the_title(write_article):
    title = "A very long and oddly punctuated headline that ends with a full stop and goes on."
    title = title + " " + "More words in it."
    article = parse_file(str(write_article(f"{title}\n\nWorld\n\nPublished: 2024-01-01\n\nB.")))
    assert article.title == title
    assert article.paragraphs == ("B.",)


def test_a_setext_title_keeps_its_header(write_article):
    text = (
        "Harbour *notes*\n===============\n\nWorld\n\nPublished: 2024-01-02\n\nThe tide *rose*.\n"
    )
    article = parse_file(str(write_article(text, "notes.md")))
    assert article.title == "Harbour notes"
    assert (article.section, article.published) == ("World", datetime(2024, 1, 2))
    assert article.paragraphs == ("The tide rose.",)
    plain = parse_file(str(write_article(text, "notes.txt")))
    assert plain.title == "Harbour *notes*"
    assert plain.section == "World"
