"""Very long articles show at once and never freeze the window: a 512 KB line, a 10 MB line
and a million short lines, read through in parts; real files, the real window."""

import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QElapsedTimer, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QPalette, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

HEADER = "A very long article\n\nLocal\n\nPublished: 2024-01-01 10:00\n\n"
WORDS = "the council met on tuesday to discuss a bridge both banks have waited for".split()
LAST_WORDS = "Zanzibar harbour closed."  # near the end only: find it there


def prose(size, seed=1):
    """``size`` characters of sentences on one line, ending with LAST_WORDS."""
    rng = random.Random(seed)
    sentences, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20)))
        sentences.append(sentence.capitalize() + ".")
        length += len(sentences[-1]) + 1
    return " ".join(sentences)[: size - len(LAST_WORDS) - 1].rstrip() + " " + LAST_WORDS


@pytest.fixture(scope="module")
def long_files(tmp_path_factory):
    """Three long articles, each in a folder of its own with a short one."""
    root = tmp_path_factory.mktemp("long")
    made = {}
    bodies = {
        "line-512k": prose(512 * 1024) + "\n",
        "line-10m": prose(10 * 1024 * 1024) + "\n",
        "lines-1m": "".join(f"Line {n}: the gates moved.\n" for n in range(999_999))
        + LAST_WORDS
        + "\n",
    }
    for name, body in bodies.items():
        folder = root / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(HEADER + body, encoding="utf-8")
        (folder / "short.txt").write_text(
            "A short one\n\nWorld\n\nPublished: 2023-01-01\n\nThe end.\n", encoding="utf-8"
        )
        made[name] = folder / f"{name}.txt"
    return made


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory):
    """One library index for the module: each long file's text is indexed once, not per test."""
    return tmp_path_factory.mktemp("index") / "library.sqlite3"


@pytest.fixture
def window(qtbot, settings_dir, shared_index, tmp_path):
    """A shown window sharing the module's index."""
    from viewer.window.main_window import MainWindow

    made = MainWindow(index_path=shared_index, state_folder=tmp_path / "state")
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


class Stalls:
    """The longest the event loop went without running a 10 ms timer, from start(), and how
    long it all took: a window that keeps answering has its longest gap well inside the whole
    (the work is done in pieces between events). How long the gaps are is for
    benchmarks/bench_long_lines.py to measure, not for a test to bound."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.longest = 0
        self._last = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self):
        self.clock.start()
        self._last = 0
        self.timer.start()

    def _tick(self):
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self._last - 10)
        self._last = now

    def stop(self):
        self._tick()
        self.timer.stop()
        self.elapsed = self.clock.elapsed()
        return self.longest

    def answered(self):
        """True when the loop ran its timer during the work, not only before and after."""
        return self.longest < self.elapsed / 2


def set_all(qtbot, pane, timeout=120_000):
    showing = pane.window().showing  # a big file is read in a thread first
    qtbot.waitUntil(lambda: not showing.opening() and not pane.typesetting(), timeout=timeout)


def shown_long(qtbot, window, path, stalls=None):
    """Select the article and wait for the first paint of its text (``stalls`` watch the
    event loop from the selection on)."""
    window.open_paths([str(path.parent)])
    # The background text index reads the file too: not what is measured here.
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    qtbot.waitUntil(lambda: not window.session.indexing_text(), timeout=60_000)
    if stalls is not None:
        stalls.start()
    window.select_path(str(path))
    qtbot.waitUntil(lambda: not window.showing.opening(), timeout=60_000)
    window.reading_pane.grab()


def last_block_at_bottom(pane):
    viewport = pane.viewport()
    bottom = pane.cursorForPosition(QPoint(viewport.width() // 2, viewport.height() - 4))
    return bottom.block()


@pytest.mark.parametrize("name", ["line-512k", "line-10m", "lines-1m"])
def test_a_long_article_shows_at_once_and_the_window_keeps_answering(
    qtbot, window, long_files, name
):
    path = long_files[name]
    pane = window.reading_pane
    stalls = Stalls()  # from the click: the file is read, then set, while the window answers
    shown_long(qtbot, window, path, stalls)
    article = pane.article()
    first_words = " ".join(article.paragraphs[0].split()[:8])
    text = pane.plain_text()
    assert "A very long article" in text and first_words in text
    set_all(qtbot, pane)
    stalls.stop()
    assert stalls.answered(), (stalls.longest, stalls.elapsed)
    assert f"{article.word_count:,} words" in pane.plain_text()


def part_texts(qtbot, pane, numbers):
    """The body text each part shows, and what it should be."""
    parts = pane.parts()
    body = parts.joined()
    for number in numbers:
        pane.show_part(number)
        set_all(qtbot, pane)
        part = parts.parts[number]
        yield pane.plain_text(), body[part.start : part.stop]


def test_every_word_of_a_long_line_is_in_the_pane_once_set(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-512k"])
    set_all(qtbot, pane)
    words = pane.article().paragraphs[0].split()
    assert pane.parts() is not None and len(pane.parts().parts) == 1
    assert pane.plain_text().split()[-len(words) :] == words  # nothing joined or broken
    assert pane.document().blockCount() > 170  # set in pieces, no block of 512 KB
    longest = max(
        len(pane.document().findBlockByNumber(n).text())
        for n in range(pane.document().blockCount())
    )
    assert longest <= 3000


def test_every_part_of_a_10_mb_line_shows_its_words(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    parts = pane.parts()
    assert len(parts.parts) > 10
    seen = []
    for shown, expected in part_texts(qtbot, pane, range(len(parts.parts))):
        assert expected in shown
        seen.extend(expected.split())
    assert seen == pane.article().paragraphs[0].split()


def test_the_million_lines_are_all_in_their_parts(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["lines-1m"])
    parts = pane.parts()
    assert len(parts.parts) > 50
    middle = len(parts.parts) // 2
    for shown, expected in part_texts(qtbot, pane, [0, middle, len(parts.parts) - 1]):
        assert expected in shown
    covered = [parts.joined()[p.start : p.stop] for p in parts.parts]
    assert "\n".join(covered).split("\n") == list(pane.article().paragraphs)


@pytest.mark.parametrize("name", ["line-10m", "lines-1m"])
def test_ctrl_end_shows_the_real_last_words(qtbot, window, long_files, name):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files[name])
    pane.setFocus()
    stalls = Stalls()
    stalls.start()
    qtbot.keyClick(pane, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    set_all(qtbot, pane)
    stalls.stop()
    assert stalls.answered(), (stalls.longest, stalls.elapsed)
    assert pane.part() == len(pane.parts().parts) - 1
    block = last_block_at_bottom(pane)
    assert not block.next().isValid()  # the document's last block is at the bottom
    count = len(pane.parts().parts)
    assert block.text() == f"End of the article (part {count} of {count}) · ‹ Previous part"
    assert block.previous().text().endswith(LAST_WORDS)  # the real last words, just above
    assert pane.at_end()
    qtbot.keyClick(pane, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    set_all(qtbot, pane)
    assert pane.part() == 0 and pane.verticalScrollBar().value() == 0


def test_the_end_of_a_10_mb_line_paints_cleanly(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    set_all(qtbot, pane)
    height = pane.document().size().height()
    assert height < 8_000_000  # well below the 8,388,607 pixels Qt lays out at most
    image = pane.grab().toImage()
    dark = sum(
        image.pixelColor(x, y).lightness() < 100
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )
    # Lines of type, not a smear: ink covers a small share of the pane.
    assert 0 < dark < image.width() * image.height() // 4 // 4
    if os.environ.get("LONG_LINES_SHOT"):
        pane.grab().save(os.environ["LONG_LINES_SHOT"])


def match_height(pane):
    """How far down the view the selected match's first line is: 0 at the top, 1 at the
    bottom."""
    start = QTextCursor(pane.textCursor())
    start.setPosition(pane.textCursor().selectionStart())
    return pane.cursorRect(start).top() / pane.viewport().height()


def test_typing_in_the_find_bar_is_not_held_by_a_long_article(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    bar = window.find_bar
    qtbot.keyClick(window.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "Zanzibar")
    # Every key is in the field before anything is looked for: that waits for a pause.
    assert bar.edit.text() == "Zanzibar"
    assert bar.searching() and bar.count.text() == "" and not pane.looking()
    qtbot.waitUntil(pane.looking, timeout=5000)  # then the body is looked through in slices
    assert bar.count.text() == "Finding…"
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=60_000)
    qtbot.waitUntil(lambda: pane.textCursor().selectedText() == "Zanzibar", timeout=60_000)
    assert pane.part() == len(pane.parts().parts) - 1
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    window.search("zanzibar")
    qtbot.waitUntil(lambda: not pane.looking(), timeout=60_000)
    assert pane.highlight_count() == 1


def test_enter_before_the_pause_finds_at_once_and_goes_to_the_first_match(
    qtbot, window, long_files
):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    bar = window.find_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "harbour")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # no wait for the pause
    assert not bar._pause.isActive() and pane.looking()
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=60_000)
    qtbot.waitUntil(lambda: pane.textCursor().selectedText() == "harbour", timeout=60_000)


def test_showing_the_source_while_finding_leaves_the_find_bar_working(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    bar = window.find_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "harbour")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert pane.finding()
    window.menu_actions.show_source.trigger()  # that search is let go
    assert not pane.finding()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() != "Finding…" and not bar.searching()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(bar.edit, "r")  # typed again: found in the file's lines
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=60_000)
    assert pane.showing_source()


def test_a_match_in_another_part_shows_with_the_text_before_it(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["lines-1m"])
    bar = window.find_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "Line 500000:")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=60_000)
    parts = pane.parts()
    qtbot.waitUntil(lambda: pane.textCursor().selectedText() == "Line 500000:", timeout=60_000)
    assert 0 < pane.part() < len(parts.parts) - 1
    # Not on the last line of the view: a third of the way down, the lines before it above.
    assert 0.2 < match_height(pane) < 0.45
    shown = pane.cursorForPosition(QPoint(pane.viewport().width() // 2, 4)).block().text()
    assert shown.startswith("Line 4999")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    pane.show_part(0)
    window.search('"line 700000"')
    window.menu_actions.next_hit.trigger()  # F3 before the body is looked through: once it is
    assert pane.looking()
    qtbot.waitUntil(lambda: pane.textCursor().selectedText().startswith("Line 700000"))
    set_all(qtbot, pane)
    assert 0.2 < match_height(pane) < 0.45


def test_many_matches_are_marked_near_the_view_as_it_scrolls(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-512k"])
    set_all(qtbot, pane)
    assert pane.find_all("the") > 5000
    marked = len(pane.extraSelections())
    assert 0 < marked < 2000  # those near the view, not ten thousand
    viewport = pane.viewport()

    def unmarked_in_view():
        top = pane.cursorForPosition(QPoint(0, 0)).position()
        bottom = pane.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        starts = {mark.cursor.selectionStart() for mark in pane.extraSelections()}
        text = pane.document().toPlainText()
        seen = [i for i in range(top, bottom) if text[i : i + 3].lower() == "the"]
        return [i for i in seen if i not in starts]

    assert unmarked_in_view() == []
    bar = pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert unmarked_in_view() == []
    bar.setValue(bar.maximum())
    assert unmarked_in_view() == []


def test_space_and_the_part_links_go_on_to_the_next_part(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    set_all(qtbot, pane)
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_End)
    assert not pane.at_end()  # the end of a part is not the end of the article
    qtbot.keyClick(pane, Qt.Key.Key_Space)
    assert pane.part() == 1 and pane.verticalScrollBar().value() == 0
    assert "Part 2 of" in pane.plain_text()
    set_all(qtbot, pane)
    qtbot.keyClick(pane, Qt.Key.Key_End)
    qtbot.keyClick(pane, Qt.Key.Key_PageDown)
    assert pane.part() == 2
    qtbot.keyClick(pane, Qt.Key.Key_PageUp)  # at the top: back to the end of part 2
    set_all(qtbot, pane)
    assert pane.part() == 1 and pane.verticalScrollBar().value() > 0
    pane.show_part(2)
    assert pane.follow_link(QUrl("article-part:3"))
    assert pane.part() == 3
    pane.page_up()  # from a part's top: the end of the one before
    set_all(qtbot, pane)
    assert pane.part() == 2
    assert pane.verticalScrollBar().value() == pane.verticalScrollBar().maximum()


def part_lines(pane):
    """The lines that say which part is on show: above the text and below it."""
    found, block = [], pane.document().begin()
    while block.isValid():
        if block.text().startswith(("Part ", "End of ")):
            found.append(block)
        block = block.next()
    return found


def test_every_part_says_where_it_is_in_the_same_words(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    count = len(pane.parts().parts)
    expected = {
        0: ["Part 1 of {n} · Next part ›", "End of part 1 of {n} · Next part ›"],
        1: ["Part 2 of {n} · ‹ Previous part · Next part ›", "End of part 2 of {n} · Next part ›"],
        count - 1: [
            "Part {n} of {n} · ‹ Previous part",
            "End of the article (part {n} of {n}) · ‹ Previous part",
        ],
    }
    for number, lines in expected.items():
        pane.show_part(number)
        set_all(qtbot, pane)
        assert [b.text() for b in part_lines(pane)] == [t.format(n=count) for t in lines]
    # The last part's ending takes the reader back, clicked as a person clicks it.
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_End)
    end = part_lines(pane)[-1]
    cursor = QTextCursor(end)
    cursor.setPosition(end.position() + end.text().index("Previous"))
    qtbot.mouseClick(
        pane.viewport(), Qt.MouseButton.LeftButton, pos=pane.cursorRect(cursor).center()
    )
    assert pane.part() == count - 2


def test_a_long_files_source_says_its_part_with_room_before_the_lines(qtbot, window, long_files):
    pane = window.reading_pane
    shown_long(qtbot, window, long_files["line-10m"])
    window.menu_actions.show_source.trigger()
    assert pane.showing_source()
    count = len(pane.parts().parts)
    top = part_lines(pane)[0]
    assert top.text() == f"Part 1 of {count} · Next part ›"
    first = top.next()
    assert first.text() == "A very long article"
    # A clear gap, not the line sitting on the text: half a line of it at least.
    below = top.layout().position().y() + top.layout().boundingRect().height()
    gap = first.layout().position().y() - below
    assert gap >= first.layout().lineAt(0).height() / 2
    pane.show_part(count - 1)
    set_all(qtbot, pane)
    assert part_lines(pane)[-1].text() == (
        f"End of the file (part {count} of {count}) · ‹ Previous part"
    )


def test_a_place_far_into_a_long_article_is_kept_and_reached(qtbot, window, long_files):
    pane = window.reading_pane
    path = long_files["line-10m"]
    shown_long(qtbot, window, path)
    pane.set_scroll_fraction(0.6)
    set_all(qtbot, pane)
    assert pane.part() == pane.parts().part_at(round(0.6 * pane.parts().total))
    assert pane.scroll_fraction() == pytest.approx(0.6, abs=0.002)
    window.select_path(str(path.parent / "short.txt"))
    window.select_path(str(path))
    set_all(qtbot, pane)
    assert pane.scroll_fraction() == pytest.approx(0.6, abs=0.002)
    pane.set_zoom(200)  # set again, larger: the place holds
    set_all(qtbot, pane)
    assert pane.scroll_fraction() == pytest.approx(0.6, abs=0.002)


def test_moving_on_stops_the_setting(qtbot, window, long_files):
    pane = window.reading_pane
    other = long_files["line-512k"]
    window.open_paths([str(other.parent)])
    shown_long(qtbot, window, long_files["line-10m"])
    assert pane.typesetting()
    slices = []
    pane._set.build.grew.connect(lambda: slices.append(pane.article().path))
    assert window.select_path(str(other))  # another long one, set in its turn
    set_all(qtbot, pane)
    assert slices and set(slices) == {str(other)}  # none of the one left
    assert window.select_path(str(other.parent / "short.txt"))
    assert not pane.typesetting()


def test_a_piece_break_is_invisible_to_find_search_and_copy(qtbot, window, write_article):
    # The last space before 3,000 characters is the one in "tidal barrier": the paragraph
    # goes on in another block there.
    body = "word " * 590 + "tidal barrier," + "x" * 5000
    path = write_article(HEADER + body + "\n" + "More text.\n" * 30_000, "pieces.txt")
    window.open_paths([str(path)])
    pane = window.reading_pane
    set_all(qtbot, pane)
    assert "word tidal\nbarrier,xx" in pane.document().toPlainText()  # two blocks there
    assert "word tidal barrier,xx" in pane.plain_text()  # and one paragraph to the reader
    assert pane.find_all("tidal barrier") == 1
    pane.find_step()
    assert pane.textCursor().selectedText() == "tidal\u2029barrier"  # across two blocks
    pane.copy()
    assert QApplication.clipboard().text() == "tidal barrier"
    window.search('"tidal barrier"')
    qtbot.waitUntil(lambda: not pane.looking())  # the body, in slices
    assert pane.highlight_count() == 1


def test_show_source_of_a_32_mb_line(qtbot, window, tmp_path):
    folder = tmp_path / "huge"
    folder.mkdir()
    path = folder / "huge.txt"
    path.write_text("Huge\n\n" + prose(32 * 1024 * 1024 - 100), encoding="utf-8")
    window.open_paths([str(folder)])
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    window.menu_actions.show_source.trigger()
    pane = window.reading_pane
    window.select_path(str(path))
    qtbot.waitUntil(lambda: not window.showing.opening(), timeout=60_000)  # read in a thread
    pane.grab()
    assert pane.showing_source() and "Part 1 of" in pane.plain_text()
    assert pane.plain_text().split("\n", 1)[1].startswith("Huge\n\nBoth")
    stalls = Stalls()
    stalls.start()
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    set_all(qtbot, pane)
    stalls.stop()
    assert stalls.answered(), (stalls.longest, stalls.elapsed)
    end = last_block_at_bottom(pane)
    assert end.text().startswith("End of the file (part ")
    assert end.previous().text().endswith(LAST_WORDS)
    assert pane.document().size().height() < 8_000_000


def test_a_short_article_scrolls_to_its_end_with_ctrl_end(qtbot, window, write_article):
    body = "\n".join(f"Paragraph {n} of a story of ordinary length." for n in range(200))
    window.open_paths([str(write_article(HEADER + body + "\n", "short.txt"))])
    pane = window.reading_pane
    assert pane.parts() is None and not pane.typesetting()
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert pane.at_end()


def test_reading_times_read_naturally():
    from viewer.ui.article_document import count_words

    assert count_words(1) == "1 word · 1 min read"
    assert count_words(2_300) == "2,300 words · 10 min read"
    assert count_words(30_000) == "30,000 words · 2 h 10 min read"
    assert count_words(3_000_000) == "3,000,000 words · 217 h read"


def test_a_32_mb_article_does_not_take_gigabytes(qtbot, window, tmp_path):
    try:
        with open("/proc/self/statm") as statm:
            page = os.sysconf("SC_PAGE_SIZE")
            before = int(statm.read().split()[1]) * page
    except OSError:
        pytest.skip("no /proc here")
    path = tmp_path / "big.txt"
    path.write_text(HEADER + prose(32 * 1024 * 1024 - 200) + "\n", encoding="utf-8")
    window.open_paths([str(path)])
    set_all(qtbot, window.reading_pane)
    with open("/proc/self/statm") as statm:
        after = int(statm.read().split()[1]) * page
    assert after - before < 1024 * 1024 * 1024  # about 300 MB here: the text, parsed, set


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word ", "gate", "é", "😀", "漢字。", ". ", "\t", "\xa0", "\n", "x" * 300]
        ),
        max_size=400,
    )
)
def test_text_set_in_pieces_reads_back_as_written(qapp, tokens):
    from viewer.ui.block_writer import Page
    from viewer.ui.reading_colours import reading_colours

    text = "".join(tokens)
    document = QTextDocument()
    page = Page(document, reading_colours(QPalette()), lambda points: points)
    page.block(QTextBlockFormat(), page.chars())
    page.text(text, page.chars())  # line breaks stay in the block, as in code
    reading = page.breaks.reading(document.toPlainText())
    assert reading.text == text.replace("\xa0", " ")
    block = document.begin()
    while block.isValid():
        assert len(block.text()) <= 4000
        block = block.next()
    for offset in range(0, len(text), 37):
        start = reading.to_document(offset)
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(
            reading.to_document(offset + 1, end=True), QTextCursor.MoveMode.KeepAnchor
        )
        if not page.breaks.between(start, start + 1):
            expected = text[offset].replace("\xa0", " ").replace("\n", "\u2028")
            assert cursor.selectedText().replace("\xa0", " ") == expected


def test_a_big_file_shows_what_the_list_knows_while_it_is_read(qtbot, window, long_files):
    path = long_files["lines-1m"]
    window.open_paths([str(path.parent)])
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    pane = window.reading_pane
    window.select_path(str(path))  # returns before the file is read
    assert window.showing.opening()
    assert pane.plain_text().startswith("A very long article")
    assert "Opening this article…" in pane.plain_text()
    assert window.current_article().path == str(path)
    qtbot.waitUntil(lambda: not window.showing.opening(), timeout=60_000)
    assert "Opening this article…" not in pane.plain_text()
    assert pane.article().has_body and pane.article().path == str(path)
