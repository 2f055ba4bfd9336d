"""Markdown articles: read into blocks and styled spans, safely, whatever the file holds."""

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.blocks import (
    CODE,
    CODE_SPAN,
    EMPHASIS,
    HEADING,
    IMAGE,
    ITEM,
    PARAGRAPH,
    QUOTE,
    RULE,
    STRIKE,
    STRONG,
    Block,
    paragraphs_of,
)
from viewer.markdown_body import markdown_blocks
from viewer.parser import parse_file

SAMPLE = """Lighthouse keepers vote to stay on the rock
=============================================

The keepers of the Skerry light met on Tuesday and voted, *by a wide margin*, to stay on
the rock through the winter, although the **new automatic lamp** has worked since June.
The vote was taken in the `lamp room`.

## What changes

1. The supply boat comes weekly.
2. The radio is replaced:
   - a handset for the tower
   - a spare, kept dry
     1) in the store
3. Nothing else.

> "We are not leaving," said the senior keeper.
>> Her deputy agreed, ~~reluctantly~~ gladly.

```
log: lamp lit 16:42
log: fog horn tested
```

    indented code stays as written

---

| Month | Visits |
| --- | ---: |
| June | 4 |
| July | 11 |

Read the [full minutes](https://example.org/minutes?year=2026) or see the
chart ![Visits by month](http://example.org/chart.png).\\
A line after a hard break.
"""


def blocks_of(write_article, text, name="article.md"):
    return parse_file(str(write_article(text, name))).blocks


def kinds(blocks):
    return [block.kind for block in blocks]


def test_a_wrapped_paragraph_is_one_paragraph(write_article):
    article = parse_file(str(write_article(SAMPLE, "keepers.md")))
    assert article.title == "Lighthouse keepers vote to stay on the rock"
    first = article.paragraphs[0]
    assert first.startswith("The keepers of the Skerry light met on Tuesday")
    assert first.endswith("The vote was taken in the lamp room.")
    assert "*" not in first and "`" not in first
    assert not any(set(p) <= {"="} for p in article.paragraphs)  # the underline is not text


def test_every_block_kind(write_article):
    blocks = blocks_of(write_article, SAMPLE)
    assert kinds(blocks) == [
        PARAGRAPH,
        HEADING,
        ITEM,
        ITEM,
        ITEM,
        ITEM,
        ITEM,
        ITEM,
        QUOTE,
        QUOTE,
        CODE,
        CODE,
        RULE,
        CODE,
        PARAGRAPH,
    ]
    heading = blocks[1]
    assert (heading.text, heading.level) == ("What changes", 2)
    items = [(b.level, b.marker, b.text) for b in blocks if b.kind == ITEM]
    assert items == [
        (1, "1.", "The supply boat comes weekly."),
        (1, "2.", "The radio is replaced:"),
        (2, "•", "a handset for the tower"),
        (2, "•", "a spare, kept dry"),
        (3, "1)", "in the store"),
        (1, "3.", "Nothing else."),
    ]
    quotes = [(b.level, b.text) for b in blocks if b.kind == QUOTE]
    assert quotes == [
        (1, '"We are not leaving," said the senior keeper.'),
        (2, "Her deputy agreed, reluctantly gladly."),
    ]
    assert blocks[10].text == "log: lamp lit 16:42\nlog: fog horn tested"
    assert blocks[11].text == "indented code stays as written"


def test_inline_styles_links_and_images(write_article):
    blocks = blocks_of(write_article, SAMPLE)
    spans = [span for block in blocks for span in block.spans]
    styled = {span.text: span.style for span in spans}
    assert styled["by a wide margin"] == EMPHASIS
    assert styled["new automatic lamp"] == STRONG
    assert styled["lamp room"] == CODE_SPAN
    assert styled["reluctantly"] == STRIKE
    link = next(span for span in spans if span.text == "full minutes")
    assert link.href == "https://example.org/minutes?year=2026"
    image = next(span for span in spans if span.style & IMAGE)
    assert (image.text, image.href) == ("Visits by month", "http://example.org/chart.png")
    last = blocks[-1].text
    assert "chart Visits by month.\nA line after a hard break." in last


def test_a_table_is_set_in_columns(write_article):
    table = blocks_of(write_article, SAMPLE)[13]
    assert table.kind == CODE
    assert table.text.split("\n") == ["Month │ Visits", "June  │ 4", "July  │ 11"]
    assert all(span.style & STRONG for span in table.spans[:3] if span.text.strip("│ "))


def test_raw_html_stays_text_and_unsafe_links_are_not_links(write_article):
    text = (
        "Title\n\n<img src=/dev/zero> and <b>bold</b>\n\n<iframe src='http://x'></iframe>\n\n"
        "[run](javascript:alert(1)) [local](file:///etc/passwd) ![](http://example.org/p.png)\n"
    )
    blocks = blocks_of(write_article, text)
    joined = "\n".join(paragraphs_of(blocks))
    assert "<img src=/dev/zero> and <b>bold</b>" in joined
    assert "<iframe src='http://x'></iframe>" in joined
    hrefs = {span.href for block in blocks for span in block.spans if span.href}
    assert hrefs == {"http://example.org/p.png"}  # markdown-it keeps javascript: and file: out
    image = next(span for block in blocks for span in block.spans if span.style & IMAGE)
    assert image.text == "image"


def test_plain_text_files_have_no_blocks(write_article):
    article = parse_file(str(write_article("Title\n\n*not emphasis*\n# not a heading\n", "a.txt")))
    assert article.blocks == ()
    assert article.paragraphs == ("*not emphasis*", "# not a heading")


def test_hostile_markdown_never_raises_hangs_or_loses_words(write_article):
    cases = {
        "deep quotes": ">" * 10_000 + " the deepest words\n\nand after them",
        "deep lists": "- " * 10_000 + "listed words\n\nand after them",
        "nested items": "".join("  " * i + f"- item{i}\n" for i in range(3000)),
        "long line": "word [bracket *star " * 300_000,
        "brackets": "[" * 9_000 + "](" * 500 + " unbalanced tail",
        "emphasis": "*_" * 4_000 + "middle" + "_*" * 3_000,
        "images": "![" * 4_000 + "alt](" + " tail",
    }
    for name, text in cases.items():
        started = time.perf_counter()
        blocks = blocks_of(write_article, f"Title\n\n{text}\n", f"{name}.md")
        took = time.perf_counter() - started
        assert took < 5, name  # a bound for a slow machine; these take well under a second
        words = set(re.findall(r"[a-z]+\d*", " ".join(paragraphs_of(blocks))))
        assert set(re.findall(r"[a-z]+\d*", text)) <= words, name


def test_an_article_too_big_for_markdown_is_read_as_paragraphs(write_article):
    body = "\n\n".join(f"Paragraph {n} with *a few* words." for n in range(9000))
    article = parse_file(str(write_article(f"Big\n\n{body}\n", "big.md")))
    assert len(article.paragraphs) == 9000
    assert article.paragraphs[0] == "Paragraph 0 with *a few* words."


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_blocks_and_never_raises(text):
    blocks = markdown_blocks(text.split("\n"))
    assert all(isinstance(block, Block) for block in blocks)
    paragraphs_of(blocks)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéø", min_size=1, max_size=9)
_GAP = st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORD, _GAP), min_size=1, max_size=80))
def test_the_words_of_prose_are_kept_in_order(pieces):
    text = "".join(word + gap for word, gap in pieces)
    blocks = markdown_blocks(text.split("\n"))
    assert " ".join(paragraphs_of(blocks)).split() == text.split()
