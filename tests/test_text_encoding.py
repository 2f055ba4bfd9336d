"""View ▸ Text Encoding: an article read in the encoding the reader chose, in the pane, the
list, search and ``--dump``, remembered for the article itself; on real files."""

import io
import json
import sqlite3
from contextlib import redirect_stdout

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from viewer.article import Article
from viewer.article_model import COL_TITLE
from viewer.decoding import decode
from viewer.encodings import ENCODING_CHOICES, codec_name, encoding_label
from viewer.folder_listing import ListingChunk
from viewer.library_session import SYNC_LIMIT
from viewer.parser import content_key, parse_bytes, parse_file
from viewer.reading_state import STATE_FILE, ReadingState, default_state_path, stored_encodings

SENTENCE = "Новый мост открыт, жители рады"
TITLE = "Город"
# Short Cyrillic text in KOI8-R: detection takes it for cp1252, and shows mojibake.
KOI8 = f"{TITLE}\n\n{SENTENCE}\n".encode("koi8_r")
MOJIBAKE_TITLE = TITLE.encode("koi8_r").decode("cp1252")  # "çÏÒÏÄ"
MOJIBAKE_WORD = "жители".encode("koi8_r").decode("cp1252")  # "ÖÉÔÅÌÉ"
OTHER = "Harbour gates close\n\nWorld\n\nPublished: 2021-01-01\n\nThe gates closed today.\n"


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
    from viewer.main_window import MainWindow

    def make(index_path=tmp_path / "index.sqlite3"):
        window = MainWindow(index_path=index_path)
        window.text_progress = []  # (indexed, to index) of each report, for wait_for_text_index
        window.session.textProgress.connect(lambda *done: window.text_progress.append(done))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def open_and_wait(qtbot, window, paths):
    outcomes = []
    window.session.loadingFinished.connect(outcomes.append)
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths(paths)
    return outcomes[-1]


def wait_for_text_index(qtbot, window):
    """Wait until text indexing, started last or still to start, is done."""

    def done():
        progress = window.text_progress
        return bool(progress) and progress[-1][0] >= progress[-1][1]

    qtbot.waitUntil(lambda: done() and window.session.indexing_text() is None, timeout=60000)


def titles(window):
    return [window.proxy.index(r, COL_TITLE).data() for r in range(window.proxy.rowCount())]


def title_of(window, path):
    return window.model.article(window.model.row_of(str(path))).title


# --- in the window ----------------------------------------------------------------------------


@pytest.fixture
def workers_always(monkeypatch):
    """Send every chunk of a listing after the first, and every chunk of texts to index, to
    worker processes however few the files, once they are up."""
    import viewer.library_loader as loader
    from viewer.worker_pool import WorkerPool

    submitted = []
    submit = WorkerPool.submit
    monkeypatch.setattr(loader, "POOL_MIN_FILES", -(10**9))
    monkeypatch.setattr("viewer.folder_listing.CHUNK_FILES", 40)
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


# --- --dump and the reading state -------------------------------------------------------------


def dump_lines(*paths):
    from viewer.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["--dump", *map(str, paths)])
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_dump_finds_the_state_where_the_window_keeps_it(settings_dir):
    from viewer.read_tracker import default_state_folder

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


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
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
