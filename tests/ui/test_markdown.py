"""Markdown articles: read into blocks and styled spans, safely, whatever the file holds."""

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.blocks import (
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
from viewer.core.markdown_body import markdown_blocks
from viewer.core.parser import parse_file

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


# --- typesetting ---------------------------------------------------------------------------


@pytest.fixture
def pane(qtbot):
    from viewer.ui.reading_pane import ReadingPane

    widget = ReadingPane()
    widget.resize(900, 1400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fragments(document):
    """(text, char format, block) of every run of text, in document order."""
    runs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                runs.append((fragment.text(), fragment.charFormat(), block))
            it += 1
        block = block.next()
    return runs


def run_of(document, text):
    return next(run for run in fragments(document) if text in run[0])


def show(pane, write_article, text, name="article.md"):
    article = parse_file(str(write_article(text, name)))
    pane.show_article(article)
    return pane.document()


def test_markdown_is_typeset(pane, write_article):
    from PySide6.QtGui import QFont, QTextTable

    document = show(pane, write_article, SAMPLE)
    seen = pane.plain_text()
    assert "What changes" in seen and "##" not in seen and "**" not in seen
    body_size = run_of(document, "The keepers")[1].font().pointSizeF()
    heading = run_of(document, "What changes")[1]
    assert heading.fontWeight() == QFont.Weight.Bold
    assert heading.fontPointSize() > body_size
    assert run_of(document, "by a wide margin")[1].fontItalic()
    assert run_of(document, "new automatic lamp")[1].fontWeight() == QFont.Weight.Bold
    code_span = run_of(document, "lamp room")[1]
    assert code_span.fontFixedPitch() and code_span.background().style() != 0
    assert run_of(document, "reluctantly")[1].fontStrikeOut()
    # List items: their markers hang before the text, each level further in.
    margins = {}
    for marker, text in (("1.", "The supply"), ("•", "a handset"), ("1)", "in the store")):
        _, _, block = run_of(document, text)
        assert block.text().startswith(f"{marker}\t")
        margins[marker] = block.blockFormat().leftMargin()
    assert margins["1."] < margins["•"] < margins["1)"]
    # Quotes: italic, in a cell with a bar on its left; the deeper level further in.
    _, quote_format, quote_block = run_of(document, "We are not leaving")
    assert quote_format.fontItalic()
    table = quote_block.document().rootFrame().childFrames()[0]
    assert isinstance(table, QTextTable)
    cell = table.cellAt(0, 0).format().toTableCellFormat()
    assert cell.leftBorder() > 0 and cell.rightBorder() == 0
    deeper = run_of(document, "Her deputy")[2].blockFormat().leftMargin()
    assert deeper > quote_block.blockFormat().leftMargin()
    # Code keeps its lines, in a monospace font on a tinted frame.
    _, code_format, code_block = run_of(document, "log: lamp lit")
    assert code_format.fontFixedPitch()
    assert code_block.text() == "log: lamp lit 16:42\u2028log: fog horn tested"
    frame = pane.document().rootFrame().childFrames()[1]
    assert frame.frameFormat().background().style() != 0
    assert "Month │ Visits" in seen
    assert "[image: Visits by month]" in seen
    assert "A line after a hard break." in seen


def test_images_are_muted_words_and_never_images(pane, write_article):
    document = show(
        pane, write_article, "Title\n\nA ![harbour at dawn](http://example.org/a.jpg).\n"
    )
    text, chars, _ = run_of(document, "[image:")
    assert text == "[image: harbour at dawn]"
    assert not chars.isImageFormat() and not chars.isAnchor()
    assert chars.foreground().color() != run_of(document, "A ")[1].foreground().color()
    assert "http://example.org/a.jpg" in chars.toolTip()


def test_plain_articles_are_set_as_before(pane, write_article):
    document = show(pane, write_article, "Title\n\nFirst *paragraph*.\n\nSecond.\n", "plain.txt")
    assert pane.plain_text().endswith("First *paragraph*.\nSecond.")
    for text in ("First *paragraph*.", "Second."):
        _, chars, block = run_of(document, text)
        assert block.blockFormat().lineHeight() == 150
        assert not chars.fontItalic() and not chars.isAnchor()


# --- links ---------------------------------------------------------------------------------


LINKS = (
    "Links\n\nRead the [minutes](https://example.org/minutes), write to "
    "[the clerk](mailto:clerk@example.org), or see <http://example.org/auto>.\n\n"
    "Not these: [a file](file:///etc/passwd), [a page](page.html) and "
    "[data](data:text/html,hello).\n"
)


def link_point(pane, text):
    cursor = pane.document().find(text)
    cursor.setPosition(cursor.selectionStart() + 2)
    return pane.cursorRect(cursor).center()


def test_links_are_underlined_coloured_and_show_their_target(pane, write_article, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    document = show(pane, write_article, LINKS)
    _, chars, _ = run_of(document, "minutes")
    assert chars.isAnchor() and chars.anchorHref() == "https://example.org/minutes"
    assert chars.fontUnderline()
    assert chars.foreground().color() == pane.palette().color(pane.palette().ColorRole.Link)
    point = link_point(pane, "minutes")
    event = QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "<p>https://example.org/minutes</p>"


def test_a_tooltip_shows_a_target_as_text():
    from viewer.library.plain_text import plain_tooltip as tooltip

    shown = tooltip('<img src="/dev/zero">')
    assert "<img" not in shown and '&lt;img src="/dev/zero"&gt;' in shown


def test_a_click_asks_first_and_opens_only_what_the_reader_agrees_to(pane, write_article, qtbot):
    from PySide6.QtCore import Qt

    show(pane, write_article, LINKS)
    asked, opened, told = [], [], []
    answer = [False]
    pane.ask = lambda text: asked.append(text) or answer[0]
    pane.open_url = lambda url: opened.append(url.toString()) or True
    pane.tell = told.append
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=link_point(pane, "minutes"))
    assert asked == ["Open this link in your browser?\n\nhttps://example.org/minutes"]
    assert opened == []  # the reader said no
    answer[0] = True
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=link_point(pane, "clerk"))
    assert asked[-1] == "Open this link in your mail program?\n\nmailto:clerk@example.org"
    assert opened == ["mailto:clerk@example.org"]
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=link_point(pane, "a page"))
    assert opened == ["mailto:clerk@example.org"] and len(asked) == 2
    assert told and "page.html" in told[-1] and "not opened" in told[-1]


def test_unsafe_schemes_are_refused(pane):
    from PySide6.QtCore import QUrl

    opened, told = [], []
    pane.ask = lambda text: True
    pane.open_url = lambda url: opened.append(url) or True
    pane.tell = told.append
    for address in ("file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "page.html"):
        assert not pane.follow_link(QUrl(address))
    assert opened == [] and len(told) == 4
    assert pane.follow_link(QUrl("https://example.org/"))
    assert len(opened) == 1


def test_links_are_reached_with_tab_and_opened_with_enter(pane, write_article, qtbot):
    from PySide6.QtCore import Qt

    show(pane, write_article, LINKS)
    asked = []
    pane.ask = lambda text: asked.append(text) or False
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    assert pane.textCursor().selectedText() == "minutes"
    assert pane.hasFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert asked == ["Open this link in your browser?\n\nhttps://example.org/minutes"]


def test_the_question_shows_the_address_as_plain_text(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox, QWidget

    from viewer.ui.link_dialog import ask_to_open

    boxes = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: boxes.append(box) or QMessageBox.StandardButton.Open
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    assert ask_to_open(parent, "Open this link in your browser?\n\nhttp://a.example/<b>x</b>")
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert boxes[0].text().endswith("<b>x</b>")


# --- nothing is loaded ---------------------------------------------------------------------


HOSTILE = """Nothing loads

![](http://example.org/track.png) ![alt](file:///etc/passwd) ![ref][pic]

<img src="http://example.org/raw.png"> <link rel=stylesheet href="http://example.org/s.css">

<iframe src="http://example.org/frame"></iframe>

[x](file:///etc/hosts) <http://example.org/auto> <style>body { background: url(x.png) }</style>

[pic]: http://example.org/reference.png
"""


def test_nothing_in_a_markdown_file_is_loaded(pane, write_article, monkeypatch):
    from viewer.ui.reading_pane import ReadingPane

    requested = []
    monkeypatch.setattr(
        ReadingPane, "loadResource", lambda self, kind, name: requested.append(name) or None
    )
    document = show(pane, write_article, HOSTILE)
    pane.grab()
    assert requested == []
    assert not any(chars.isImageFormat() for _, chars, _ in fragments(document))
    seen = pane.plain_text()
    assert '<img src="http://example.org/raw.png">' in seen
    assert '<link rel=stylesheet href="http://example.org/s.css">' in seen
    assert '<iframe src="http://example.org/frame"></iframe>' in seen
    # markdown-it keeps file: addresses out of links and images: that one stays as written.
    assert "[image] ![alt](file:///etc/passwd) [image: ref]" in seen
    assert "<style>body { background: url(x.png) }</style>" in seen
    # The recorder does see a load when there is one: markup set on purpose asks for its image.
    pane.setHtml('<img src="probe.png">')
    pane.grab()
    assert {name.toString() for name in requested} == {"probe.png"}
