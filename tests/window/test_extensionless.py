"""Files without an extension in an opened folder are listed when their start reads as text."""

import gzip
import json
import os

from viewer.cli import main
from viewer.library.session import SYNC_LIMIT

SPOOL = (
    "From: Jo <jo@example.org>\nNewsgroups: alt.news.harbour\nSubject: Gates tested\n"
    "Date: Tue, 16 Apr 2024 08:40:00 +0000\n\nThey closed in twelve minutes.\n"
)


def fill(folder):
    """A folder as a scraped dump or a news spool has it, with things that are not articles."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1042").write_text(SPOOL)
    (folder / "harbour-gates-tested-idWX2024").write_text(
        "-- Harbour gates tested\n-- By  Ana Lima\n\n  The gates closed.\n"
    )
    (folder / "cafe-reopens").write_bytes("Café reopens\n\nÉté crème.\n".encode("cp1252"))
    (folder / "story.txt").write_text("An ordinary story\n\nBody.\n")
    (folder / "photo").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "archive").write_bytes(gzip.compress(b"Some text inside\n" * 50))
    (folder / "looks-like-pdf").write_bytes(b"%PDF-1.4\n% plain looking start\n")
    (folder / "nul-bytes").write_bytes(b"Title\n\nBody\x00with\x00nuls\n")
    (folder / "broken-utf8").write_bytes(b"Title\n\n" + b"\xff\xfe\xfa bytes " * 3)
    (folder / "README").write_text("About this corpus\n\nIt was scraped.\n")
    (folder / ".hidden-note").write_text("Hidden\n\nNot listed.\n")
    (folder / "CVS").mkdir()
    (folder / "CVS" / "Entries").write_text("D\n")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return folder


LISTED = {"Gates tested", "Harbour gates tested", "Café reopens", "An ordinary story"}


def titles(window):
    return {window.model.article(r).title for r in range(window.model.rowCount())}


def test_a_folder_lists_text_files_without_an_extension_and_nothing_else(window, tmp_path):
    window.open_paths([fill(tmp_path / "dump")])
    assert titles(window) == LISTED
    assert all(window.model.article(r).ok for r in range(window.model.rowCount()))


def test_big_listings_and_warm_reopens_leave_out_what_is_not_text(qtbot, settings_dir, tmp_path):
    from viewer.window.main_window import MainWindow

    folder = fill(tmp_path / "dump")
    for n in range(SYNC_LIMIT + 50):
        (folder / f"story-{n:04d}").write_text(f"Story {n}\n\nBody {n}.\n")
        (folder / f"blob-{n:04d}").write_bytes(b"\x00\x01\x02" * 100)
    index = tmp_path / "index.sqlite3"
    outcomes = []
    for _ in range(2):
        window = MainWindow(index_path=index)
        qtbot.addWidget(window)
        window.session.loadingFinished.connect(outcomes.append)
        with qtbot.waitSignal(window.loadingFinished, timeout=60000):
            window.open_paths([folder])
        assert window.model.rowCount() == len(LISTED) + SYNC_LIMIT + 50
        assert not any(
            window.model.article(r).title.startswith("blob") for r in range(window.model.rowCount())
        )
        window.close()
    assert outcomes[0].parsed > SYNC_LIMIT
    assert outcomes[1].parsed == 0  # the files that are not text were not read again


def test_a_file_added_to_a_live_folder_is_sniffed_too(qtbot, window, tmp_path):
    folder = fill(tmp_path / "dump")
    window.open_paths([folder])
    (folder / "1043").write_text(SPOOL.replace("Gates tested", "Gates tested again"))
    (folder / "1044").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200))
    qtbot.waitUntil(lambda: "Gates tested again" in titles(window), timeout=10000)
    assert not any(
        window.model.article(r).path.endswith("1044") for r in range(window.model.rowCount())
    )


def test_a_file_named_on_its_own_is_read_whatever_it_holds(window, tmp_path):
    folder = fill(tmp_path / "dump")
    window.open_paths([folder / "photo"])
    assert window.model.rowCount() == 1
    assert "binary" in (window.model.article(0).error or "")


def test_dump_of_a_folder_lists_the_same_files(tmp_path, capsys):
    folder = fill(tmp_path / "dump")
    assert main(["--dump", str(folder)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["title"] for line in lines} == LISTED
    assert {os.path.basename(line["path"]) for line in lines} == {
        "1042", "harbour-gates-tested-idWX2024", "cafe-reopens", "story.txt",
    }  # fmt: skip
