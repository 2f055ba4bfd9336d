"""Readable in every theme: WCAG AA (4.5:1) for the colours the widgets really use."""

import pytest

from viewer.core.colour_contrast import (
    AA_BODY,
    background_for,
    blend,
    contrast_ratio,
    parse_hex,
    relative_luminance,
    to_hex,
    with_contrast,
)


def test_wcag_figures():
    assert relative_luminance((0, 0, 0)) == 0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1)
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio(parse_hex("#777777"), parse_hex("#ffffff")) == pytest.approx(
        4.48, abs=0.01
    )
    assert contrast_ratio(parse_hex("#8b0000"), parse_hex("#2b2d30")) < 2  # the old error red
    assert to_hex(parse_hex("#1A5FB4")) == "#1a5fb4"
    with pytest.raises(ValueError):
        parse_hex("#fff")


def test_blending():
    assert blend((255, 255, 255), 0.5, (0, 0, 0)) == (128, 128, 128)
    assert blend((10, 20, 30), 1, (0, 0, 0)) == (10, 20, 30)
    assert blend((10, 20, 30), 0, (1, 2, 3)) == (1, 2, 3)


@pytest.mark.parametrize("ground", ["#ffffff", "#1e1f22", "#f6efdc", "#808080", "#2f7fc1"])
def test_nudged_colours_reach_the_minimum(ground):
    background = parse_hex(ground)
    for colour in ("#777777", "#8b0000", "#ffff00", "#3d6ea8", "#808080"):
        assert contrast_ratio(with_contrast(parse_hex(colour), background), background) >= AA_BODY
    for text in ("#1d1d1f", "#e3e3e3"):
        ground_for_text = background_for(background, parse_hex(text))
        assert contrast_ratio(parse_hex(text), ground_for_text) >= AA_BODY


# --- the real widgets, in each theme ---------------------------------------------------------

MARKDOWN = """Harbour notes

World

Published: not a date at all

## The tide tables

The **tide** came in early; see [the tables](https://example.org/tides) and the `gauge`
readings, or ![the chart](http://example.org/chart.png).

> The tide waits for no one, said the harbour master.
>> Nor for the ferry.

```
high 06:12  low 12:30
```

- tide at dawn
- tide at dusk
"""


@pytest.fixture
def themed(qapp):
    """Apply a theme to the application; the palette and style are restored afterwards."""
    from PySide6.QtGui import QPalette

    from viewer.ui.theme import ThemeManager

    style = qapp.style().name()
    manager = ThemeManager(qapp)
    yield manager.apply
    from PySide6.QtWidgets import QStyleFactory

    qapp.setStyle(QStyleFactory.create(style))
    qapp.setPalette(QPalette())


def _ratio(foreground, background):
    from viewer.ui.reading_colours import rgb

    return contrast_ratio(rgb(foreground), rgb(background))


def _ground_of(document, position, pane_base):
    """What a character at ``position`` is drawn on: its frame's or its cell's tint, or Base."""
    from PySide6.QtGui import QTextCursor, QTextTable

    cursor = QTextCursor(document)
    cursor.setPosition(position)
    frame = cursor.currentFrame()
    while frame is not None:
        if isinstance(frame, QTextTable):
            cell = frame.cellAt(cursor)
            brush = cell.format().background()
        else:
            brush = frame.frameFormat().background()
        if brush.style() != brush.style().NoBrush:
            return brush.color()
        frame = frame.parentFrame()
    return pane_base


@pytest.mark.parametrize("theme", ["light", "dark", "sepia"])
def test_every_colour_reads_in_every_theme(qtbot, themed, write_article, theme):
    from PySide6.QtGui import QPalette

    from viewer.core.colour_contrast import blend
    from viewer.core.parser import parse_file
    from viewer.core.search_query import parse_query
    from viewer.ui.list_pane import ListPane
    from viewer.ui.reading_colours import rgb
    from viewer.ui.reading_pane import ReadingPane

    themed(theme)
    Role = QPalette.ColorRole

    # The search field's note, in error and as a plain note.
    pane_of_list = ListPane()
    qtbot.addWidget(pane_of_list)
    pane_of_list.show()
    for error in (True, False):
        pane_of_list.show_note('Unclosed quote: "tide', error=error)
        label = pane_of_list.note.palette()
        ground = pane_of_list.palette().color(Role.Window)
        assert _ratio(label.color(Role.WindowText), ground) >= 4.5, (theme, error)

    # The reading pane: a notice, metadata, Markdown with code, quote and link, a derived
    # title's note, search hits and find matches.
    article = parse_file(str(write_article(MARKDOWN, "tide.md")))
    assert article.warnings  # the unreadable date
    pane = ReadingPane()
    pane.resize(900, 1200)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_article(article._replace(derived=("title",)))
    document = pane.document()
    base = pane.palette().color(Role.Base)
    assert "Title from the text" in pane.plain_text()
    checked = 0
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text().strip():
                chars = fragment.charFormat()
                ground = _ground_of(document, fragment.position(), base)
                if chars.background().style() != chars.background().style().NoBrush:
                    ground = chars.background().color()
                ratio = _ratio(chars.foreground().color(), ground)
                assert ratio >= 4.5, (theme, fragment.text(), ratio)
                checked += 1
            it += 1
        block = block.next()
    assert checked >= 20

    pane.set_highlights(parse_query("tide").terms)
    assert pane.highlight_count() >= 5
    assert pane.find_all("harbour") >= 2
    pane.find_step()
    selections = pane.extraSelections()
    assert len(selections) >= 7
    for selection in selections:
        background = selection.format.background().color()
        ground = blend(rgb(background), background.alphaF(), rgb(base))
        text = selection.format.foreground()
        assert text.style() != text.style().NoBrush  # the mark sets its text colour
        ratio = contrast_ratio(rgb(text.color()), ground)
        assert ratio >= 4.5, (theme, selection.cursor.selectedText(), ratio)
