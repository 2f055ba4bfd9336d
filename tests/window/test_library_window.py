"""Large libraries in the window: listing in the background, the index, search, live folders."""

import os
import shutil
import time

import pytest
from conftest import open_and_wait, titles, wait_for_text_index
from PySide6.QtCore import Qt

from viewer.core.listing import ListingChunk
from viewer.library.session import SYNC_LIMIT


def make_folder(folder, count, *, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:05d}.txt").write_text(
            f"Story number {n}\n\nWorld\n\nPublished: 2021-01-{n % 28 + 1:02d} 10:00\n\n"
            f"Body of story {n}, about the harbour and the bridge.\n"
        )
    return folder


def test_a_large_folder_is_listed_in_the_background(qtbot, library_window, tmp_path):
    folder = make_folder(tmp_path / "big", SYNC_LIMIT * 4)
    window = library_window
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([folder])
        assert window.is_loading()  # returned before the folder was listed
    assert window.model.rowCount() == SYNC_LIMIT * 4
    assert window.count_label.text() == f"{SYNC_LIMIT * 4:,} articles · {SYNC_LIMIT * 4:,} unread"
    assert window.current_article() is None  # the reader chooses what to read


def test_ten_thousand_files_are_all_listed(qtbot, library_window, tmp_path):
    folder = tmp_path / "ten-k"
    for part in range(10):
        make_folder(folder / f"part{part}", 1000, start=part * 1000)
    open_and_wait(qtbot, library_window, [folder], timeout=120000)
    model = library_window.model
    assert model.rowCount() == 10000
    assert {model.article(r).title for r in range(10000)} == {
        f"Story number {n}" for n in range(10000)
    }


def test_cancelling_keeps_what_is_listed(qtbot, library_window, tmp_path):
    folder = make_folder(tmp_path / "big", 3000)
    window = library_window
    outcomes = []
    window.session.loadingFinished.connect(outcomes.append)
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([folder])
        window.list_view.setFocus()
        qtbot.keyClick(window.list_view, Qt.Key.Key_Escape)
    assert outcomes[-1].cancelled
    assert window.model.rowCount() < 3000
    assert "Stopped" in window.statusBar().currentMessage()


def test_reopening_reads_only_changed_files(qtbot, settings_dir, tmp_path):
    from viewer.window.main_window import MainWindow

    folder = make_folder(tmp_path / "lib", SYNC_LIMIT * 2)
    index = tmp_path / "index.sqlite3"
    first = MainWindow(index_path=index)
    qtbot.addWidget(first)
    assert open_and_wait(qtbot, first, [folder]).parsed == SYNC_LIMIT * 2
    first.close()
    changed = folder / "00007.txt"
    changed.write_text("A new title\n\nWorld\n\nPublished: 2021-02-02\n\nNew body.\n")
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10**9))
    second = MainWindow(index_path=index)
    qtbot.addWidget(second)
    outcome = open_and_wait(qtbot, second, [folder])
    assert outcome.parsed == 1
    assert second.model.rowCount() == SYNC_LIMIT * 2
    assert "A new title" in titles(second)


def test_search_filters_the_list_and_marks_the_hits(qtbot, library_window, tmp_path):
    folder = tmp_path / "few"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Tidal gates close\n\nWorld\n\nPublished: 2021-01-01\n\n"
        "The tidal gates closed. Tidal water rose.\n"
    )
    (folder / "b.txt").write_text(
        "Rail strike ends\n\nBusiness\n\nPublished: 2022-01-01\n\nUnions accepted the offer.\n"
    )
    window = library_window
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    window.search("tidal")
    assert titles(window) == ["Tidal gates close"]
    assert window.list_pane.note.text() == "1 article matches."
    assert window.reading_pane.article() is None  # a search opens nothing by itself
    window.navigation.select_row(0)
    pane = window.reading_pane
    assert pane.highlight_count() == 3  # title and two in the body
    qtbot.keyClick(window.list_view, Qt.Key.Key_F3)
    assert pane.textCursor().selectedText().casefold() == "tidal"
    window.search("section:business")
    assert titles(window) == ["Rail strike ends"]
    window.search("")
    assert len(titles(window)) == 2


def test_a_bad_query_explains_itself(qtbot, library_window, articles):
    window = library_window
    open_and_wait(qtbot, window, [articles])
    window.search('"unbalanced')
    assert window.list_pane.note.isVisibleTo(window)
    assert "not closed" in window.list_pane.note.text()
    assert len(titles(window)) == 4


def test_ctrl_k_searches_and_ctrl_l_filters(qtbot, library_window, articles):
    window = library_window
    open_and_wait(qtbot, window, [articles])
    wait_for_text_index(qtbot, window)
    qtbot.keyClick(window.list_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter_edit, "paragraph")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert len(titles(window)) == 4
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter_edit, "oldest")
    assert titles(window) == ["Oldest story"]  # the filter narrows the search hits


def test_live_folder_add_change_remove(qtbot, library_window, tmp_path):
    folder = make_folder(tmp_path / "live", 3)
    window = library_window
    open_and_wait(qtbot, window, [folder])
    window.select_path(str(folder / "00000.txt"))

    (folder / "new.txt").write_text("Fresh arrival\n\nWorld\n\nPublished: 2021-05-05\n\nBody.\n")
    qtbot.waitUntil(lambda: "Fresh arrival" in titles(window), timeout=10000)

    target = folder / "00001.txt"
    with open(target, "w") as handle:  # written in place, as an editor without backups does
        handle.write("Rewritten headline\n\nWorld\n\nPublished: 2021-01-02\n\nBody.\n")
    qtbot.waitUntil(lambda: "Rewritten headline" in titles(window), timeout=10000)

    (folder / "00002.txt").unlink()
    qtbot.waitUntil(lambda: "Story number 2" not in titles(window), timeout=10000)


def test_the_background_sweep_goes_round_the_list_a_slice_at_a_time(
    qtbot, library_window, tmp_path, monkeypatch
):
    monkeypatch.setattr("viewer.library.watcher.SWEEP_SLICE", 2)
    folder = make_folder(tmp_path / "swept", 3)
    window = library_window
    open_and_wait(qtbot, window, [folder])
    paths = [window.model.article(row).path for row in range(3)]
    stamps, after = window.session.live._listed_stamps(2, 2)
    assert [path for path, _stamp in stamps] == paths[2:] and after == 3
    stamps, after = window.session.live._listed_stamps(after, 2)  # round to the first row again
    assert [path for path, _stamp in stamps] == paths[:2] and after == 2

    target = folder / "00002.txt"
    with open(target, "w") as handle:  # in place, and longer: its stamp changes
        handle.write("Swept headline\n\nWorld\n\nPublished: 2021-01-03\n\nA longer body.\n")
    qtbot.waitUntil(lambda: "Swept headline" in titles(window), timeout=10000)


def test_the_article_being_read_updates_in_place_and_says_deleted(qtbot, library_window, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    path = folder / "long.txt"
    body = "\n".join(f"Paragraph {n} " + "word " * 50 for n in range(80))
    path.write_text(f"Long read\n\nWorld\n\nPublished: 2021-01-01\n\n{body}\n")
    window = library_window
    open_and_wait(qtbot, window, [folder])
    window.navigation.select_row(0)
    pane = window.reading_pane
    bar = pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    path.write_text(f"Long read\n\nWorld\n\nPublished: 2021-01-01\n\n{body}\nA closing line.\n")
    qtbot.waitUntil(lambda: "A closing line." in pane.plain_text(), timeout=5000)
    assert abs(bar.value() - position) <= bar.pageStep()
    path.unlink()
    qtbot.waitUntil(lambda: "deleted" in pane.plain_text(), timeout=5000)
    assert "Paragraph 79" in pane.plain_text()  # what it held stays readable


def test_an_unusable_index_is_reported_not_fatal(qtbot, settings_dir, tmp_path):
    from viewer.window.main_window import MainWindow

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    window = MainWindow(index_path=blocker / "library.sqlite3")
    qtbot.addWidget(window)
    folder = make_folder(tmp_path / "lib", SYNC_LIMIT * 2)
    open_and_wait(qtbot, window, [folder])
    assert window.model.rowCount() == SYNC_LIMIT * 2
    qtbot.waitUntil(lambda: "not saved" in window.statusBar().currentMessage(), timeout=10000)


def test_reopening_forgets_removed_files_and_folders(qtbot, settings_dir, tmp_path):
    from viewer.core.index import LibraryIndex
    from viewer.window.main_window import MainWindow

    folder = tmp_path / "lib"
    make_folder(folder / "a", SYNC_LIMIT)
    make_folder(folder / "b", 10, start=SYNC_LIMIT)
    index = tmp_path / "index.sqlite3"
    first = MainWindow(index_path=index)
    qtbot.addWidget(first)
    open_and_wait(qtbot, first, [folder])
    first.close()
    (folder / "a" / "00003.txt").unlink()
    shutil.rmtree(folder / "b")
    make_folder(folder / "c", 5, start=5000)
    second = MainWindow(index_path=index)
    qtbot.addWidget(second)
    outcome = open_and_wait(qtbot, second, [folder])
    assert outcome.parsed == 5
    assert second.model.rowCount() == SYNC_LIMIT - 1 + 5
    assert "Story number 3" not in titles(second)
    second.close()  # waits for the index to be tidied
    stored = LibraryIndex(index)
    assert stored.count() == SYNC_LIMIT - 1 + 5


@pytest.fixture
def workers_always(monkeypatch):
    """Send every chunk of a listing after the first, and every chunk of texts to index, to
    worker processes however few the files, once they are up; return the jobs they were given."""
    import viewer.library.loader as loader
    from viewer.core.worker_pool import WorkerPool

    submitted = []
    submit = WorkerPool.submit
    monkeypatch.setattr(loader, "POOL_MIN_FILES", -(10**9))
    monkeypatch.setattr("viewer.core.listing.CHUNK_FILES", 40)

    def counting_submit(self, job):
        submitted.append(job)
        submit(self, job)

    def waiting_up(self):
        return self.wait_until_up(timeout=60)  # rather than doing the small job here meanwhile

    monkeypatch.setattr(WorkerPool, "submit", counting_submit)
    monkeypatch.setattr(WorkerPool, "up", waiting_up)
    return submitted


def test_worker_processes_list_read_and_forget_like_the_thread(
    qtbot, settings_dir, tmp_path, workers_always
):
    from viewer.window.main_window import MainWindow

    folder = tmp_path / "lib"
    for part in range(3):
        make_folder(folder / f"part{part}", 150, start=part * 150)
    (folder / "part1" / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    index = tmp_path / "index.sqlite3"
    first = MainWindow(index_path=index)
    qtbot.addWidget(first)
    outcome = open_and_wait(qtbot, first, [folder])
    assert any(isinstance(job, ListingChunk) for job in workers_always), "no chunk went to a worker"
    assert outcome.parsed == 451
    assert first.model.rowCount() == 451
    binary = first.model.article(first.model.row_of(str(folder / "part1" / "zz-binary.txt")))
    assert binary.error and "binary" in binary.error
    first.close()

    workers_always.clear()
    changed = folder / "part2" / "00350.txt"
    changed.write_text("Rewritten\n\nWorld\n\nPublished: 2021-03-03\n\nNew body.\n")
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10**9))
    (folder / "part0" / "00010.txt").unlink()
    second = MainWindow(index_path=index)
    qtbot.addWidget(second)
    outcome = open_and_wait(qtbot, second, [folder])
    assert any(isinstance(job, ListingChunk) for job in workers_always)
    assert outcome.parsed == 1  # the changed file
    assert second.model.rowCount() == 450
    assert "Rewritten" in titles(second)
    assert "Story number 10" not in titles(second)


def test_a_big_library_opened_again_is_listed_by_workers_from_the_index(
    qtbot, settings_dir, tmp_path, workers_always, monkeypatch
):
    import viewer.library.loader as loader
    from viewer.window.main_window import MainWindow

    folder = tmp_path / "lib"
    for part in range(2):
        make_folder(folder / f"part{part}", SYNC_LIMIT, start=part * SYNC_LIMIT)
    index = tmp_path / "index.sqlite3"
    first = MainWindow(index_path=index)
    qtbot.addWidget(first)
    open_and_wait(qtbot, first, [folder])
    before = {a.path: a for a in first.model.articles()}
    first.close()

    # Workers now start for what the index knows alone, before the first rows.
    monkeypatch.setattr(loader, "POOL_MIN_FILES", 10**9)
    monkeypatch.setattr(loader, "POOL_MIN_KNOWN", SYNC_LIMIT)
    workers_always.clear()
    second = MainWindow(index_path=index)
    qtbot.addWidget(second)
    outcome = open_and_wait(qtbot, second, [folder])
    assert any(isinstance(job, ListingChunk) for job in workers_always)
    assert outcome.parsed == 0
    assert {a.path: a for a in second.model.articles()} == before


def test_a_listing_that_fails_ends_and_keeps_what_it_listed(
    qtbot, library_window, tmp_path, monkeypatch
):
    import viewer.library.loader as loader

    calls = []
    real = loader.list_chunk

    def failing_after_one(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("the disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "list_chunk", failing_after_one)
    folder = make_folder(tmp_path / "big", SYNC_LIMIT * 2)
    outcome = open_and_wait(qtbot, library_window, [folder])
    assert outcome.cancelled
    assert 0 < library_window.model.rowCount() < SYNC_LIMIT * 2
    assert (
        "Listing stopped early: the disk went away" in library_window.statusBar().currentMessage()
    )
    assert not library_window.is_loading()


def test_listing_goes_on_when_worker_processes_cannot_start(
    qtbot, library_window, tmp_path, monkeypatch, caplog
):
    import viewer.library.loader as loader

    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(loader, "POOL_MIN_FILES", 0)
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)
    folder = make_folder(tmp_path / "big", SYNC_LIMIT * 2)
    open_and_wait(qtbot, library_window, [folder])
    assert library_window.model.rowCount() == SYNC_LIMIT * 2
    assert "listing without worker processes: no processes here" in caplog.text


def test_background_reading_waits_while_the_list_paints(
    qtbot, library_window, articles, monkeypatch
):
    window = library_window
    window.open_paths([articles])
    gate = window.session.paint_gate
    seen = []
    cell = window.model.cell
    monkeypatch.setattr(window.model, "cell", lambda *a: (seen.append(gate.is_set()), cell(*a))[1])
    window.list_view.viewport().repaint()
    assert seen and not any(seen)  # every cell was painted with the gate closed
    assert gate.is_set()  # and it opens again after the paint


def test_cancelling_stops_the_workers_and_keeps_what_is_listed(
    qtbot, library_window, tmp_path, workers_always
):
    folder = tmp_path / "big"
    for part in range(4):
        make_folder(folder / f"part{part}", 2000, start=part * 2000)
    window = library_window
    outcomes = []
    window.session.loadingFinished.connect(outcomes.append)
    with qtbot.waitSignal(window.loadingFinished, timeout=60000):
        window.open_paths([folder])
        qtbot.waitUntil(lambda: bool(workers_always), timeout=30000)  # a listing chunk
        window.session.cancel_loading()
    assert outcomes[-1].cancelled
    assert 0 < window.model.rowCount() < 8000
    assert not window.session.is_loading()


def test_texts_read_by_worker_processes_are_searchable(
    qtbot, library_window, tmp_path, workers_always
):
    folder = tmp_path / "lib"
    make_folder(folder / "a", 200)
    (folder / "a" / "00150.txt").write_text(
        "Ferry resumes\n\nWorld\n\nPublished: 2021-04-04 10:00\n\nThe causeway ferry sails again.\n"
    )
    window = library_window
    open_and_wait(qtbot, window, [folder])
    wait_for_text_index(qtbot, window)
    assert any(isinstance(job, list) for job in workers_always)  # paths of texts to read
    window.search("causeway")
    assert titles(window) == ["Ferry resumes"]
    window.search("harbour")
    assert window.proxy.rowCount() == 199
