"""View ▸ Text Encoding: an article read in the encoding the reader chose, in the pane, the
list, search and ``--dump``, remembered for the article itself; on real files."""

import io
import json
import os
import sqlite3
from contextlib import redirect_stdout

import pytest
from conftest import open_and_wait, titles, wait_for_text_index
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from viewer.core.article import Article
from viewer.core.decoding import decode
from viewer.core.encodings import ENCODING_CHOICES, codec_name, encoding_label
from viewer.core.listing import ListingChunk
from viewer.core.parser import content_key, parse_bytes, parse_file
from viewer.core.state.store import STATE_FILE, ReadingState, default_state_path, stored_encodings
from viewer.library.session import SYNC_LIMIT

SENTENCE = "Новый мост открыт, жители рады"
TITLE = "Город"
# Short Cyrillic text in KOI8-R: detection takes it for cp1252, and shows mojibake.
KOI8 = f"{TITLE}\n\n{SENTENCE}\n".encode("koi8_r")
MOJIBAKE_TITLE = TITLE.encode("koi8_r").decode("cp1252")  # "çÏÒÏÄ"
MOJIBAKE_WORD = "жители".encode("koi8_r").decode("cp1252")  # "ÖÉÔÅÌÉ"
OTHER = "Harbour gates close\n\nWorld\n\nPublished: 2021-01-01\n\nThe gates closed today.\n"
# Menus are opened here as a person opens them; offscreen, a popup cannot take the keyboard.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """A message box (the exception hook's, say) fails the test: errors show in place."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dialog was opened")

    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def make_window(qtbot, settings_dir, tmp_path):
    """Windows sharing one index and the reading state in the user's data folder (the one
    ``--dump`` reads), as restarts do; ``index_path=None`` keeps an index in memory only."""
    from viewer.window.main_window import MainWindow

    def make(index_path=tmp_path / "index.sqlite3"):
        window = MainWindow(index_path=index_path)
        window.text_progress = []  # (indexed, to index) of each report, for wait_for_text_index
        window.session.textProgress.connect(lambda *done: window.text_progress.append(done))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def news(tmp_path):
    """A folder with the KOI8-R article and a plain one."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "gorod.txt").write_bytes(KOI8)
    (folder / "harbour.txt").write_text(OTHER)
    return folder


def title_of(window, path):
    return window.model.article(window.model.row_of(str(path))).title


def menu_action(window, *labels) -> QAction:
    """The action reached through the menu bar by these labels, as a person follows them
    (mnemonics and the "(detected: …)" hint left out)."""
    actions = window.menuBar().actions()
    found = None
    for label in labels:
        found = next(
            (a for a in actions if a.text().replace("&", "").split(" (detected")[0] == label),
            None,
        )
        assert found is not None, f"no {label!r} in {[a.text() for a in actions]}"
        actions = found.menu().actions() if found.menu() is not None else []
    return found


def open_view_menu(qtbot, window):
    """Open View, as a person does before looking at Text Encoding; return it."""
    view = menu_action(window, "View").menu()
    view.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    qtbot.waitUntil(view.isVisible)
    return view


def choose(window, *labels):
    """Pick View ▸ Text Encoding ▸ labels…"""
    action = menu_action(window, "View", "Text Encoding", *labels)
    assert action.isEnabled()
    action.trigger()


def shown_text(window):
    return window.reading_pane.plain_text()


# --- in the window ----------------------------------------------------------------------------


def test_choosing_koi8_r_shows_the_article_and_its_copies_right(qtbot, make_window, news):
    (news / "copy.txt").write_bytes(KOI8)  # the same article twice: one choice for both
    window = make_window()
    open_and_wait(qtbot, window, [news])
    gorod = str(news / "gorod.txt")
    window.select_path(str(news / "copy.txt"))  # read once: the reading pane keeps it
    window.select_path(gorod)
    assert MOJIBAKE_TITLE in shown_text(window)  # what detection makes of it
    assert "could not be determined" in shown_text(window)
    open_view_menu(qtbot, window)
    automatic = menu_action(window, "View", "Text Encoding", "Automatic")
    assert automatic.isChecked()
    window.menu_actions.encoding.menu.aboutToShow.emit()  # as opening the submenu does
    assert automatic.text().replace("&", "") == "Automatic (detected: Windows-1252)"
    assert menu_action(window, "View", "Text Encoding", "Western", "Windows-1252").isChecked()

    choose(window, "Cyrillic", "KOI8-R")

    assert shown_text(window).startswith(TITLE + "\n")
    assert SENTENCE in shown_text(window)
    assert "could not be determined" not in shown_text(window)  # its notice is gone
    assert window.current_article().path == gorod  # still the one selected
    assert title_of(window, gorod) == TITLE
    # Its copies are read again in the background, as a live folder's changes are.
    qtbot.waitUntil(lambda: title_of(window, news / "copy.txt") == TITLE)
    assert sorted(titles(window)) == sorted([TITLE, TITLE, "Harbour gates close"])
    assert "Cyrillic (KOI8-R)" in window.statusBar().currentMessage()
    assert menu_action(window, "View", "Text Encoding", "Cyrillic", "KOI8-R").isChecked()
    assert menu_action(window, "View", "Text Encoding", "Cyrillic").isChecked()  # its group
    assert not automatic.isChecked()
    window.menu_actions.encoding.menu.aboutToShow.emit()
    assert automatic.text().replace("&", "") == "Automatic (detected: Windows-1252)"

    window.select_path(str(news / "copy.txt"))
    assert SENTENCE in shown_text(window)  # not as the reading pane kept it before


def test_the_reading_position_is_kept(qtbot, make_window, tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    body = "\n".join(f"Paragraph {n} about the harbour wall. " * 8 for n in range(120))
    (folder / "long.txt").write_text(f"A long read\n\nWorld\n\n{body}\n")
    window = make_window()
    open_and_wait(qtbot, window, [folder])
    window.navigation.select_row(0)
    pane = window.reading_pane
    pane.set_scroll_fraction(0.5)
    before = pane.scroll_fraction()
    assert 0.4 < before < 0.6

    choose(window, "Western", "ISO-8859-1")

    assert pane.scroll_fraction() == pytest.approx(before, abs=0.02)
    assert "Western (ISO-8859-1)" in window.statusBar().currentMessage()


def test_the_choice_survives_a_restart_and_wins_over_an_older_index_row(
    qtbot, make_window, tmp_path
):
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(SYNC_LIMIT + 5):  # enough for the background listing and the index
        (folder / f"{n:05d}.txt").write_text(f"Story {n}\n\nWorld\n\nBody of story {n}.\n")
    gorod = folder / "zz-gorod.txt"
    gorod.write_bytes(KOI8)

    first = make_window()  # indexes the file as detection reads it
    open_and_wait(qtbot, first, [folder])
    assert title_of(first, gorod) == MOJIBAKE_TITLE
    first.close()

    unindexed = make_window(index_path=None)  # the choice is made where that index is not
    open_and_wait(qtbot, unindexed, [folder])
    unindexed.select_path(str(gorod))
    choose(unindexed, "Cyrillic", "KOI8-R")
    assert title_of(unindexed, gorod) == TITLE
    unindexed.close()

    again = make_window()
    outcome = open_and_wait(qtbot, again, [folder])
    assert outcome.parsed == 1  # the stored row is of another encoding: the file is read
    assert title_of(again, gorod) == TITLE
    again.select_path(str(gorod))
    assert SENTENCE in shown_text(again)
    assert menu_action(again, "View", "Text Encoding", "Cyrillic", "KOI8-R").isChecked()
    again.close()

    warm = make_window()
    outcome = open_and_wait(qtbot, warm, [folder])
    assert outcome.parsed == 0  # the row was stored again in KOI8-R
    assert title_of(warm, gorod) == TITLE


def test_search_finds_the_text_as_chosen(qtbot, make_window, news):
    window = make_window()
    open_and_wait(qtbot, window, [news])
    wait_for_text_index(qtbot, window)
    window.search(MOJIBAKE_WORD)
    assert titles(window) == [MOJIBAKE_TITLE]  # indexed as detection read it
    window.search("")
    window.select_path(str(news / "gorod.txt"))

    window.text_progress.clear()
    choose(window, "Cyrillic", "KOI8-R")
    wait_for_text_index(qtbot, window)

    window.search("жители")
    assert titles(window) == [TITLE]
    assert window.reading_pane.highlight_count() == 1
    window.search(MOJIBAKE_WORD)
    assert titles(window) == []

    window.close()
    restarted = make_window()  # and the index keeps it
    open_and_wait(qtbot, restarted, [news])
    wait_for_text_index(qtbot, restarted)
    restarted.search("мост")
    assert titles(restarted) == [TITLE]


@pytest.fixture
def workers_always(monkeypatch):
    """Send every chunk of a listing after the first, and every chunk of texts to index, to
    worker processes however few the files, once they are up."""
    import viewer.library.loader as loader
    from viewer.core.worker_pool import WorkerPool

    submitted = []
    submit = WorkerPool.submit
    monkeypatch.setattr(loader, "POOL_MIN_FILES", -(10**9))
    monkeypatch.setattr("viewer.core.listing.CHUNK_FILES", 40)
    monkeypatch.setattr(WorkerPool, "up", lambda self: self.wait_until_up(timeout=60))
    monkeypatch.setattr(
        WorkerPool, "submit", lambda self, job: (submitted.append(job), submit(self, job))
    )
    return submitted


def test_worker_processes_read_in_the_chosen_encoding(qtbot, make_window, tmp_path, workers_always):
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(SYNC_LIMIT + 5):
        (folder / f"{n:05d}.txt").write_text(f"Story {n}\n\nWorld\n\nBody of story {n}.\n")
    gorod = folder / "zz-gorod.txt"  # last: in a chunk a worker lists
    gorod.write_bytes(KOI8)
    state = ReadingState(default_state_path())  # a choice made in an earlier session
    state.set_encoding(content_key(KOI8), "koi8_r")
    state.close()

    window = make_window()
    open_and_wait(qtbot, window, [folder])
    assert any(str(gorod) in job.paths for job in workers_always if isinstance(job, ListingChunk))
    assert title_of(window, gorod) == TITLE
    wait_for_text_index(qtbot, window)
    assert any(str(gorod) in job for job in workers_always if isinstance(job, list))
    window.search("жители")
    assert titles(window) == [TITLE]


def test_automatic_forgets_the_choice(qtbot, make_window, news):
    window = make_window()
    open_and_wait(qtbot, window, [news])
    gorod = str(news / "gorod.txt")
    window.select_path(gorod)
    choose(window, "Cyrillic", "KOI8-R")
    assert SENTENCE in shown_text(window)

    choose(window, "Automatic")

    assert MOJIBAKE_TITLE in shown_text(window)
    assert title_of(window, gorod) == MOJIBAKE_TITLE
    assert menu_action(window, "View", "Text Encoding", "Automatic").isChecked()
    assert "as detected" in window.statusBar().currentMessage()
    window.select_path(str(news / "harbour.txt"))
    window.select_path(gorod)  # not the reading pane's cached KOI8-R reading
    assert MOJIBAKE_TITLE in shown_text(window)
    window.close()
    assert stored_encodings(default_state_path()) == {}


def test_a_renamed_file_keeps_its_choice(qtbot, make_window, news):
    window = make_window()
    open_and_wait(qtbot, window, [news])
    window.select_path(str(news / "gorod.txt"))
    choose(window, "Cyrillic", "KOI8-R")

    os.rename(news / "gorod.txt", news / "renamed.txt")  # the folder is watched

    qtbot.waitUntil(
        lambda: window.model.row_of(str(news / "renamed.txt")) is not None, timeout=10000
    )
    assert title_of(window, news / "renamed.txt") == TITLE
    window.select_path(str(news / "renamed.txt"))
    assert SENTENCE in shown_text(window)


def test_the_menu_is_disabled_with_no_article_or_an_unreadable_one(qtbot, make_window, news):
    (news / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    window = make_window()
    open_view_menu(qtbot, window)
    assert not menu_action(window, "View", "Text Encoding").isEnabled()  # nothing on show
    menu_action(window, "View").menu().hide()
    open_and_wait(qtbot, window, [news])

    window.select_path(str(news / "binary.txt"))
    assert "binary" in shown_text(window)
    open_view_menu(qtbot, window)
    assert not menu_action(window, "View", "Text Encoding").isEnabled()
    menu_action(window, "View").menu().hide()

    window.select_path(str(news / "harbour.txt"))
    open_view_menu(qtbot, window)
    assert menu_action(window, "View", "Text Encoding").isEnabled()


def test_a_damaged_reading_state_is_set_aside_and_the_choices_are_kept(qtbot, make_window, news):
    state_file = default_state_path()
    state_file.parent.mkdir(parents=True)
    damaged = b"this is no database " * 100
    state_file.write_bytes(damaged)
    window = make_window()
    assert "damaged" in window.statusBar().currentMessage()
    open_and_wait(qtbot, window, [news])
    window.select_path(str(news / "gorod.txt"))

    choose(window, "Cyrillic", "KOI8-R")

    assert SENTENCE in shown_text(window)
    assert "Cyrillic (KOI8-R)" in window.statusBar().currentMessage()
    window.close()
    [kept] = state_file.parent.glob(f"{STATE_FILE}.damaged-*")
    assert kept.read_bytes() == damaged  # the reader's file, kept as it was
    restarted = make_window()
    open_and_wait(qtbot, restarted, [news])
    assert title_of(restarted, news / "gorod.txt") == TITLE


def test_a_locked_reading_state_says_the_choice_waits(qtbot, make_window, news):
    window = make_window()
    open_and_wait(qtbot, window, [news])
    window.select_path(str(news / "gorod.txt"))
    holder = sqlite3.connect(default_state_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a long write
    try:
        choose(window, "Cyrillic", "KOI8-R")
        assert SENTENCE in shown_text(window)
        qtbot.waitUntil(window.state_mark.isVisible)
        choose(window, "Cyrillic", "Windows-1251")
        choose(window, "Cyrillic", "KOI8-R")
        message = window.statusBar().currentMessage()
        assert "Cyrillic (KOI8-R)" in message and "will be saved when it can be" in message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: not window.state_mark.isVisible(), timeout=10000)
    assert stored_encodings(default_state_path()) == {content_key(KOI8): "koi8-r"}


# --- --dump and the reading state -------------------------------------------------------------


def dump_lines(*paths):
    from viewer.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["--dump", *map(str, paths)])
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_dump_reads_in_the_encoding_chosen_in_the_window(qtbot, make_window, news):
    gorod = news / "gorod.txt"
    _status, [before] = dump_lines(gorod)
    assert before["encoding"] == "cp1252"
    window = make_window()
    open_and_wait(qtbot, window, [news])
    window.select_path(str(gorod))
    choose(window, "Cyrillic", "KOI8-R")
    window.close()

    status, [obj] = dump_lines(gorod)

    assert status == 0
    assert obj["encoding"] == "koi8-r"
    assert obj["title"] == TITLE
    assert obj["paragraphs"] == [SENTENCE]
    assert obj["warnings"] == []


def test_dump_finds_the_state_where_the_window_keeps_it(settings_dir):
    from viewer.library.read_marks import default_state_folder

    assert default_state_path() == default_state_folder() / STATE_FILE


def test_dump_does_without_a_damaged_or_locked_state(tmp_path, write_article):
    path = write_article(KOI8)
    state_file = default_state_path()
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b"garbage " * 200)
    status, [obj] = dump_lines(path)
    assert (status, obj["encoding"], obj["error"]) == (0, "cp1252", None)

    state_file.unlink()
    state = ReadingState(state_file)
    state.set_encoding(content_key(KOI8), "koi8_r")
    state.close()
    assert dump_lines(path)[1][0]["encoding"] == "koi8-r"
    writer = sqlite3.connect(state_file, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # another viewer in the middle of writing
    try:
        assert dump_lines(path)[1][0]["encoding"] == "cp1252"
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_an_older_reading_state_gains_the_choices(tmp_path):
    path = tmp_path / STATE_FILE
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE read (key TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID")
    old.execute("INSERT INTO read VALUES ('abc', 1.0)")
    old.commit()
    old.close()
    assert stored_encodings(path) == {}  # no table yet: no choices, and no error

    state = ReadingState(path)
    assert state.is_read("abc")
    state.set_encoding("abc", "KOI8-R")
    state.set_encoding("def", "cp1251")
    state.set_encoding("def", None)
    state.close()
    assert stored_encodings(path) == {"abc": "koi8-r"}
    assert ReadingState(path).encoding("abc") == "koi8-r"


# --- the parser --------------------------------------------------------------------------------


def test_a_chosen_codec_reads_the_bytes_and_says_so():
    key = content_key(KOI8)
    article = parse_bytes(KOI8, "gorod.txt", encodings={key: "koi8_r"})
    assert (article.title, article.paragraphs, article.encoding) == (TITLE, (SENTENCE,), "koi8-r")
    assert article.warnings == ()
    as_utf8 = parse_bytes(KOI8, "gorod.txt", encodings={key: "utf_8"})
    assert as_utf8.encoding == "utf-8"
    assert as_utf8.warnings == ("30 bytes are not valid UTF-8 and were replaced",)
    unknown = parse_bytes(KOI8, "gorod.txt", encodings={key: "no-such-codec"})
    assert unknown.encoding == "cp1252"  # detected, as if nothing were chosen
    assert "('no-such-codec') is unknown" in unknown.warnings[-1]
    other_key = parse_bytes(KOI8, "gorod.txt", encodings={"0" * 24: "koi8_r"})
    assert other_key.encoding == "cp1252"


def test_a_bom_of_the_chosen_family_is_skipped():
    text = "Заголовок\n\nТекст.\n"
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf_8"),
        (b"\xff\xfe", "utf_16_le"),
        (b"\xfe\xff", "utf_16_be"),
    ):
        data = bom + text.encode(codec)
        decoded = decode(data, forced=codec_name(codec))
        assert decoded.text == text and decoded.warnings == ()


def test_binary_files_stay_refused_whatever_is_chosen(write_article):
    data = b"\x00\x01\x02binary\x00" * 50
    path = str(write_article(data, "binary.txt"))
    for codec in ("cp1252", "utf_8", "shift_jis"):
        article = parse_file(path, encodings={content_key(data): codec})
        assert article.error is not None and "binary" in article.error
    # NUL bytes make UTF-16: there, it is the text that must not be control characters.
    wide = b"\x00\x00\x01\x00\x89PNG\x00\x00" * 100
    path = str(write_article(wide, "image.txt"))
    for codec in ("utf_16_le", "utf_16_be"):
        article = parse_file(path, encodings={content_key(wide): codec})
        assert article.error is not None and "binary" in article.error


def test_every_menu_codec_is_known_and_labelled():
    assert len({codec_name(c.codec) for c in ENCODING_CHOICES}) == len(ENCODING_CHOICES)
    assert all(codec_name(c.codec) for c in ENCODING_CHOICES)
    assert encoding_label("cp1252") == "Windows-1252"
    assert encoding_label("koi8-r") == "KOI8-R"
    assert encoding_label("utf-32-le") == "UTF-32-LE"  # detected, but not offered


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=4096),
    st.sampled_from([c.codec for c in ENCODING_CHOICES]),
    st.booleans(),
    st.booleans(),
)
def test_any_bytes_in_any_chosen_codec_give_that_codec_or_a_binary_error(
    data, codec, header_only, truncated
):
    article = parse_bytes(
        data,
        "any.txt",
        encodings={content_key(data): codec},
        header_only=header_only,
        truncated=truncated,
    )
    assert isinstance(article, Article)
    if article.error is None:
        assert article.encoding == codec_name(codec)
    else:
        assert "binary" in article.error
