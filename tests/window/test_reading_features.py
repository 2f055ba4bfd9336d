"""Reading comfort and the reader's loop: themes, type, find, read marks, positions, sections,
and getting articles out."""

import csv
import os
import shutil

import pytest
from conftest import bold
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from viewer.core.article_export import inert_cell
from viewer.library.article_model import ARTICLE_ROLE, COL_TITLE
from viewer.ui.theme import palette_for


def titles(window):
    return [window.proxy.index(r, COL_TITLE).data() for r in range(window.proxy.rowCount())]


@pytest.fixture
def reader(qtbot, settings_dir, tmp_path):
    """A window with its own index and reading-state folders, shown."""
    from viewer.window.main_window import MainWindow

    def make():
        window = MainWindow(index_path=tmp_path / "index.sqlite3", state_folder=tmp_path / "state")
        qtbot.addWidget(window)
        window.restore_ui_state()
        window.show()
        qtbot.waitExposed(window)
        return window

    made = make()
    made.make_another = make
    yield made
    QApplication.instance().setPalette(QPalette())


@pytest.fixture
def long_article(tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    body = "\n".join(f"Paragraph {n}: the river rose and the town watched it." for n in range(120))
    (folder / "a_long.txt").write_text(f"A long read\n\nWorld\n\nPublished: 2021-01-02\n\n{body}\n")
    (folder / "b_short.txt").write_text(
        "A short one\n\nSport\n\nPublished: 2021-01-01\n\nThe end.\n"
    )
    return folder


# --- themes and type -----------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark", "sepia"])
def test_theme_applies_to_window_and_reading_pane_and_is_remembered(reader, articles, theme):
    reader.open_paths([articles])
    reader.menu_actions.themes[theme].trigger()
    QApplication.processEvents()
    expected = palette_for(theme).color(QPalette.ColorRole.Base)
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base) == expected
    assert reader.reading_pane.palette().color(QPalette.ColorRole.Base) == expected
    assert reader.list_view.palette().color(QPalette.ColorRole.Base) == expected
    reader.close()
    again = reader.make_another()
    assert again.reading.themes.theme == theme
    assert again.menu_actions.themes[theme].isChecked()


def test_system_theme_follows_the_desktop(reader, monkeypatch):
    themes = reader.reading.themes
    reader.menu_actions.themes["system"].trigger()
    monkeypatch.setattr(themes, "desktop_scheme", lambda: Qt.ColorScheme.Dark)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    window_colour = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 128


def test_reading_font_and_line_width(reader, long_article, monkeypatch):
    from PySide6.QtGui import QFont

    reader.open_paths([long_article])
    chosen = QFont("DejaVu Sans", 16)
    monkeypatch.setattr("PySide6.QtWidgets.QFontDialog.getFont", lambda *a: (True, chosen))
    reader.menu_actions.reading_font.trigger()
    font = reader.reading_pane.document().defaultFont()
    assert font.families()[0] == "DejaVu Sans"
    assert font.pointSizeF() == pytest.approx(16)
    reader.resize(2400, 900)  # room for even the wide column
    QApplication.processEvents()
    margins = {}
    for width in ("narrow", "wide"):
        reader.menu_actions.line_widths[width].trigger()
        margins[width] = reader.reading_pane.document().rootFrame().frameFormat().leftMargin()
    assert margins["narrow"] > margins["wide"]
    reader.close()
    again = reader.make_another()
    assert again.reading_pane.reading_font().families()[0] == "DejaVu Sans"
    assert again.reading_pane.line_width() == "wide"


# --- find in the article -------------------------------------------------------------------


def test_find_bar(reader, long_article, qtbot):
    reader.open_paths([long_article / "a_long.txt"])
    qtbot.keyClick(reader.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = reader.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "River")
    assert bar.count.text() == "1 of 120"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 120"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 120"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count.text() == "2 of 120"
    assert reader.reading_pane.textCursor().selectedText() == "river"
    bar.case.setChecked(True)
    assert bar.count.text() == "No matches"
    bar.case.setChecked(False)
    marked = len(reader.reading_pane.extraSelections())
    assert marked >= 120
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert reader.reading_pane.extraSelections() == []


def match_height(pane):
    """How far down the view the selected match's first line is: 0 at the top, 1 at the
    bottom."""
    from PySide6.QtGui import QTextCursor

    start = QTextCursor(pane.textCursor())
    start.setPosition(pane.textCursor().selectionStart())
    return pane.cursorRect(start).top() / pane.viewport().height()


def test_a_match_found_below_shows_a_third_of_the_way_down(reader, tmp_path, qtbot):
    body = "\n".join(
        f"Paragraph {n}: the {'lighthouse' if n in (150, 152, 300) else 'river'} rose."
        for n in range(400)
    )
    path = tmp_path / "tall.txt"
    path.write_text(f"A tall read\n\nWorld\n\nPublished: 2021-01-02\n\n{body}\n")
    reader.open_paths([path])
    pane = reader.reading_pane
    bar = reader.find_bar
    qtbot.keyClick(reader.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "lighthouse")
    assert bar.count.text() == "1 of 3"
    # Not on the last line of the view: a third down, with what leads to it above.
    assert 0.2 < match_height(pane) < 0.45
    value = pane.verticalScrollBar().value()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # the next one is in view already: no jump
    assert bar.count.text() == "2 of 3" and pane.verticalScrollBar().value() == value
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    reader.search("lighthouse")
    qtbot.waitUntil(lambda: reader.reading_pane.highlight_count() == 3)
    reader.menu_actions.next_hit.trigger()  # F3: from the second match on to the third
    assert pane.textCursor().selectedText() == "lighthouse"
    assert pane.textCursor().block().text().startswith("Paragraph 300")
    assert 0.2 < match_height(pane) < 0.45


# --- read state ----------------------------------------------------------------------------


def test_unread_is_bold_and_showing_marks_read(reader, articles, qtbot):
    reader.open_paths([articles])
    assert bold(reader, "Newest story")  # listed, not opened: unread
    assert reader.count_label.text().endswith("4 unread")
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Down)
    assert not bold(reader, "Newest story")  # shown, so read
    assert bold(reader, "Oldest story")
    assert reader.count_label.text().endswith("3 unread")
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Down)
    assert not bold(reader, "Middle story")
    qtbot.keyClick(reader.list_view, Qt.Key.Key_M)
    assert bold(reader, "Middle story")
    qtbot.keyClick(reader.list_view, Qt.Key.Key_M)
    assert not bold(reader, "Middle story")


def test_plus_goes_to_the_next_unread_and_hide_read(reader, articles, qtbot):
    reader.open_paths([articles])
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Plus)
    assert reader.current_article().title == "Newest story"
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Plus)
    assert reader.current_article().title == "Middle story"
    reader.menu_actions.hide_read.trigger()
    assert reader.menu_actions.hide_read.isChecked()
    # The article on show stays; the other read one goes.
    assert titles(reader) == ["Middle story", "Oldest story", "Undated story"]
    qtbot.keyClick(reader.list_view, Qt.Key.Key_Plus)
    assert titles(reader) == ["Oldest story", "Undated story"]
    reader.menu_actions.hide_read.trigger()
    assert len(titles(reader)) == 4


def test_manual_and_delayed_marking(reader, articles, qtbot):
    reader.menu_actions.mark_policies["manual"].trigger()
    reader.open_paths([articles])
    assert bold(reader, "Newest story")
    reader.marks._delay.setInterval(50)
    reader.menu_actions.mark_policies["delay"].trigger()
    reader.select_path(str(articles / "c_middle.txt"))
    assert bold(reader, "Middle story")
    qtbot.waitUntil(lambda: not bold(reader, "Middle story"), timeout=3000)


def test_read_state_survives_restarts_renames_and_moves(reader, articles, tmp_path):
    reader.open_paths([articles / "c_middle.txt"])
    reader.close()
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.move(articles / "c_middle.txt", moved / "renamed.txt")
    again = reader.make_another()
    again.menu_actions.mark_policies["manual"].trigger()
    again.open_paths([moved, articles])
    assert not bold(again, "Middle story")
    assert bold(again, "Oldest story")


# --- positions -----------------------------------------------------------------------------


def test_coming_back_restores_the_position(reader, long_article):
    reader.open_paths([long_article])
    reader.select_path(str(long_article / "a_long.txt"))
    reader.reading_pane.set_scroll_fraction(0.5)
    reader.select_path(str(long_article / "b_short.txt"))
    reader.select_path(str(long_article / "a_long.txt"))
    assert reader.reading_pane.scroll_fraction() == pytest.approx(0.5, abs=0.02)


def test_last_article_opens_at_its_position_after_a_restart(reader, long_article):
    from viewer.app import start_session

    reader.open_paths([long_article])
    reader.select_path(str(long_article / "a_long.txt"))
    reader.reading_pane.set_scroll_fraction(0.6)
    reader.close()
    again = reader.make_another()
    start_session(again, [])
    assert again.current_article().title == "A long read"
    assert again.reading_pane.scroll_fraction() == pytest.approx(0.6, abs=0.02)


def test_an_article_that_crashed_the_viewer_is_not_reopened(reader, long_article, tmp_path):
    from viewer.app import start_session

    reader.open_paths([long_article])
    reader.select_path(str(long_article / "a_long.txt"))
    reader.close()
    # As if the viewer died while typesetting the article: the opening note stays behind.
    (tmp_path / "state" / "opening").write_text(str(long_article / "a_long.txt"))
    again = reader.make_another()
    start_session(again, [])
    assert again.current_article() is None
    assert again.model.rowCount() == 2
    assert "was not reopened" in again.statusBar().currentMessage()


# --- sections ------------------------------------------------------------------------------


def test_section_box_counts_and_combines_with_the_filter(reader, articles, qtbot):
    reader.open_paths([articles])
    box = reader.list_pane.section_box
    qtbot.waitUntil(lambda: box.count() == 5)
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels == [
        "All sections (4)",
        "Business (1)",
        "Culture (1)",
        "Sport (1)",
        "World (1)",
    ]
    box.setCurrentIndex(labels.index("Sport (1)"))
    assert titles(reader) == ["Middle story"]
    reader.filter_edit.setText("oldest")
    assert titles(reader) == []
    box.setCurrentIndex(0)
    assert titles(reader) == ["Oldest story"]


# --- output --------------------------------------------------------------------------------


def test_export_pdf_writes_a_real_pdf_with_the_title(reader, long_article, tmp_path, monkeypatch):
    from pypdf import PdfReader

    reader.open_paths([long_article / "a_long.txt"])
    target = tmp_path / "out" / "article.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    reader.menu_actions.export_pdf.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(target)).pages).split())
    assert "A long read" in text
    assert "Paragraph 119" in text


def test_copy_article_as_text_and_markdown(reader, tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(
        "Stars *and* stripes\n\nWorld\n\nPublished: 2021-01-01\nAuthor: Kim\n\n"
        "# not a heading\nBody.\n"
    )
    reader.open_paths([path])
    reader.menu_actions.copy_article.trigger()
    plain = QGuiApplication.clipboard().text()
    assert plain.startswith("Stars *and* stripes\nWorld · Published 1 January 2021")
    assert "Author: Kim" in plain and "# not a heading\n\nBody." in plain
    reader.menu_actions.copy_markdown.trigger()
    markdown = QGuiApplication.clipboard().text()
    assert markdown.startswith("# Stars \\*and\\* stripes\n")
    assert "- **Author:** Kim" in markdown
    assert "\\# not a heading" in markdown


def test_open_in_default_application_and_show_in_folder(reader, articles, monkeypatch):
    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    reader.open_paths([articles / "a_oldest.txt"])
    reader.menu_actions.open_default.trigger()
    reader.menu_actions.show_folder.trigger()
    assert opened == [
        QUrl.fromLocalFile(str(articles / "a_oldest.txt")),
        QUrl.fromLocalFile(str(articles)),
    ]


def test_export_listed_articles_as_csv(reader, articles, tmp_path, monkeypatch, qtbot):
    reader.open_paths([articles])
    reader.filter_edit.setText("story")
    reader.list_pane.section_box.setCurrentIndex(0)
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    with qtbot.waitSignal(reader.csvExported, timeout=10000) as blocker:
        reader.menu_actions.export_csv.trigger()
    assert blocker.args[1:] == [4, ""]
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == titles(reader)
    assert list(rows[0]) == ["path", "title", "section", "published", "updated", "words", "labels"]
    newest = next(r for r in rows if r["title"] == "Newest story")
    assert newest["published"] == "2023-06-01T09:30:00"
    assert newest["words"] == str(3 * 10)
    assert os.path.isabs(newest["path"])


def test_csv_cells_never_run_as_formulas(reader, tmp_path, monkeypatch, qtbot):
    folder = tmp_path / "sly"
    folder.mkdir()
    starts = ['=HYPERLINK("http://example.org")', "+1+1", "-2+3", "@SUM(A1)"]
    for n, start in enumerate(starts):
        (folder / f"{n}.txt").write_text(f"{start} title\n\n=cmd|' /C calc'!A0\n\nBody.\n")
    reader.open_paths([folder])
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    with qtbot.waitSignal(reader.csvExported, timeout=10000):
        reader.menu_actions.export_csv.trigger()
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["title"] for r in rows) == sorted(f"'{start} title" for start in starts)
    assert all(not r[column].startswith(("=", "+", "-", "@", "\t")) for r in rows for column in r)
    assert inert_cell("\tx") == "'\tx" and inert_cell("\rx") == "'\rx"
    assert inert_cell("Plain title") == "Plain title"


def test_print_goes_through_a_preview(reader, articles, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    seen = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: seen.append(dialog) or 0)
    reader.open_paths([articles / "a_oldest.txt"])
    reader.menu_actions.print.trigger()
    assert len(seen) == 1


def test_print_document_is_light_whatever_the_theme(reader, articles):
    reader.menu_actions.themes["dark"].trigger()
    reader.open_paths([articles / "a_oldest.txt"])
    document = reader.reading_pane.print_document()
    assert document.toPlainText().startswith("Oldest story")
    block = document.begin()
    colour = block.charFormat().foreground().color()
    assert colour.lightness() < 128  # dark text, for paper


def test_article_id_role_is_kept(reader, articles):
    reader.open_paths([articles])
    assert reader.proxy.index(0, 0).data(ARTICLE_ROLE).content_key


def test_sections_differing_only_in_case_are_one(reader, tmp_path, qtbot):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name, section in (("a", "World"), ("b", "World"), ("c", "WORLD")):
        (folder / f"{name}.txt").write_text(
            f"Story {name}\n\n{section}\n\nPublished: 2021-01-01\n\nB.\n"
        )
    reader.open_paths([folder])
    box = reader.list_pane.section_box
    qtbot.waitUntil(lambda: box.count() == 2)
    assert box.itemText(1) == "World (3)"
    box.setCurrentIndex(1)
    assert len(titles(reader)) == 3


# --- the source, paper, empty files --------------------------------------------------------


MARKDOWN = """Harbour notes

World

Published: 2021-02-03

## The tide

The **tide** came in early, see [the table](https://example.org/tides).

> A quoted warning.

```
high 06:12
```
"""


def test_show_source_shows_the_file_as_written_until_switched_off(reader, tmp_path, qtbot):
    from PySide6.QtGui import QFontMetricsF

    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "b.txt").write_text("Second story\n\nWorld\n\nPublished: 2020-01-01\n\nBody.\n")
    (folder / "c.md").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    reader.open_paths([folder])
    pane = reader.reading_pane
    reader.select_path(str(folder / "a.md"))
    assert "## The tide" not in pane.plain_text()
    qtbot.keyClick(reader.list_view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert reader.menu_actions.show_source.isChecked() and pane.showing_source()
    assert pane.plain_text() == MARKDOWN
    # Set in a fixed-pitch font: a narrow letter takes the room of a wide one (some monospace
    # fonts do not declare themselves so to fontconfig, which QFontInfo asks).
    metrics = QFontMetricsF(pane.document().defaultFont())
    assert metrics.horizontalAdvance("i" * 10) == metrics.horizontalAdvance("W" * 10)
    assert not pane.document().begin().charFormat().isAnchor()
    reader.select_path(str(folder / "b.txt"))
    assert pane.plain_text().startswith("Second story\n\nWorld\n\nPublished: 2020-01-01")
    reader.select_path(str(folder / "c.md"))
    assert "could not be read" in pane.plain_text()  # an error has no source to show
    reader.select_path(str(folder / "a.md"))
    reader.menu_actions.show_source.trigger()
    assert not pane.showing_source()
    assert pane.plain_text().startswith("Harbour notes\nWorld · Published 3 February 2021")
    assert "The tide" in pane.plain_text() and "##" not in pane.plain_text()


def _render_on_white(document):
    from PySide6.QtGui import QColor, QImage, QPainter

    document.setTextWidth(700)
    size = document.size()
    image = QImage(int(size.width()) + 1, int(size.height()) + 1, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return image


@pytest.mark.parametrize("theme", ["dark", "sepia"])
def test_paper_is_dark_type_on_white_in_every_theme(reader, tmp_path, theme):
    from viewer.core.colour_contrast import contrast_ratio
    from viewer.ui.reading_colours import rgb

    path = tmp_path / "paper.md"
    path.write_text(MARKDOWN.replace("2021-02-03", "someday"), encoding="utf-8")
    reader.reading.set_theme(theme)
    assert QApplication.instance().palette().color(QPalette.ColorRole.Base).name() != "#ffffff"
    reader.open_paths([path])
    document = reader.reading_pane.print_document()
    image = _render_on_white(document)
    title_lines = [
        image.pixelColor(x, y).lightness()
        for y in range(0, 40)
        for x in range(0, min(image.width(), 400))
    ]
    assert min(title_lines) < 80  # the title is dark ink
    runs = 0
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            chars = it.fragment().charFormat()
            if it.fragment().text().strip():
                runs += 1
                colour = rgb(chars.foreground().color())
                assert chars.foreground().style() != Qt.BrushStyle.NoBrush, it.fragment().text()
                assert contrast_ratio(colour, (255, 255, 255)) >= 4.5, it.fragment().text()
            it += 1
        block = block.next()
    assert runs > 10


def test_an_empty_file_says_so_and_has_no_reading_time(reader, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_blank.md").write_text("  \n\n\t\n")
    (folder / "c_title_only.txt").write_text("Only a title\n")
    reader.open_paths([folder])
    pane = reader.reading_pane
    for name, says in (
        ("a_empty.txt", "This file is empty."),
        ("b_blank.md", "This file is empty."),
        ("c_title_only.txt", "This article has no text."),
    ):
        reader.select_path(str(folder / name))
        text = pane.plain_text()
        assert says in text, name
        assert "min read" not in text and "words" not in text, name
        assert pane.article().reading_minutes == 0


def test_reading_minutes():
    from viewer.core.article import Article

    def minutes(words):
        return Article("a", "A", paragraphs=("w " * words,), has_body=True).reading_minutes

    assert [minutes(n) for n in (0, 1, 230, 600)] == [0, 1, 1, 3]
