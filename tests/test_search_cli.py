"""``search`` end to end, in a subprocess, as a script would run it and read what it prints."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.concordance import body_text
from viewer.core.parser import parse_file
from viewer.search_cli import JSON_KEYS, TSV_COLUMNS, cache_index_path

ROOT = Path(__file__).resolve().parent.parent

FILES = {
    "a_harbour.txt": """Harbour city opens tidal barrier

World

Published: 2024-05-10 09:00

Author: Jo Writer


The tidal gates closed for the first time.

Residents met at the café by the sea wall.
""",
    "b_elections.md": """---
title: Élections au café du port
date: 2020-07-14
author: Jo Bloggs
categories: [Culture]
---

Les électeurs ont voté dimanche. Le CAFÉ était plein.
""",
    "c_moscow.txt": """Ёлка на Красной площади

Мир

Published: 2023-12-20 12:00


В Москве поставили новогоднюю ёлку. Ёлка высотой тридцать метров.
""",
    "d_letter.txt": """كَتَبَ الوَلَدُ رِسالةً

ثقافة

Published: 2021-01-05 18:00


كتب الولد رسالة إلى أمه.
""",
}


def run(*args, cwd=ROOT, timeout=120):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "search", *args],
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
    )


def lines(result):
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def tsv(result):
    rows = result.stdout.decode("utf-8", "surrogateescape").split("\n")
    assert rows[-1] == ""
    return [row.split("\t") for row in rows[:-1]]


def unescape(field):
    out, chars = [], iter(field)
    for char in chars:
        if char == "\\":
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)])
        else:
            out.append(char)
    return "".join(out)


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_one_json_object_per_matching_article_in_path_order(news):
    result = run("cafe", str(news))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    rows = lines(result)
    assert [Path(row["path"]).name for row in rows] == ["a_harbour.txt", "b_elections.md"]
    assert all(tuple(row) == JSON_KEYS for row in rows)
    harbour, elections = rows
    assert harbour["title"] == "Harbour city opens tidal barrier"
    assert harbour["published"] == "2024-05-10T09:00:00"
    assert harbour["section"] == "World"
    assert harbour["hits"] == 1
    left = "or the first time. Residents met at the "
    assert harbour["contexts"] == [{"left": left, "hit": "café", "right": " by the sea wall."}]
    assert elections["hits"] == 1  # in the body, as the window's concordance counts
    assert [c["hit"] for c in elections["contexts"]] == ["CAFÉ"]
    assert elections["section"] == "Culture"
    assert elections["published"] == "2020-07-14T00:00:00"


def test_the_query_language_and_other_scripts(news):
    def names(*args):
        result = run(*args, str(news))
        assert result.returncode in (0, 1), result.stderr
        return [Path(row["path"]).name for row in lines(result)]

    assert names("ёлка") == ["c_moscow.txt"]
    assert names("ЕЛКА") == ["c_moscow.txt"]
    assert names("كتب") == ["d_letter.txt"]
    assert names('author:"Jo Writer"') == ["a_harbour.txt"]
    assert names("author:jo -year:2020") == ["a_harbour.txt"]
    assert names("year:2020 OR section:мир") == ["b_elections.md", "c_moscow.txt"]
    assert names("NEAR(tidal closed, 3)") == ["a_harbour.txt"]
    assert run("title:(москве)", str(news)).returncode == 2  # explained, nothing printed
    (moscow,) = lines(run("ёлка", str(news)))
    assert [c["hit"] for c in moscow["contexts"]] == ["Ёлка"]  # ёлку is another word


def test_kwic_is_tsv_with_offsets_into_the_body(news, tmp_path):
    odd = news / "tab\tand\nnewline.txt"
    odd.write_text("Tidal\tnotes\n\nA tidal note, with a tab\there.\n", encoding="utf-8")
    result = run("--kwic", "--context", "12", "tidal", str(news))
    assert result.returncode == 0, result.stderr
    header, *rows = tsv(result)
    assert tuple(header) == TSV_COLUMNS
    assert all(len(row) == len(TSV_COLUMNS) for row in rows)
    by_path = {}
    for row in rows:
        values = dict(zip(TSV_COLUMNS, map(unescape, row), strict=True))
        by_path.setdefault(values["path"], []).append(values)
    assert set(by_path) == {str(news / "a_harbour.txt"), str(odd)}
    for path, values in by_path.items():
        text = body_text(parse_file(path))
        for value in values:
            offset = int(value["offset"])
            assert text[offset : offset + len(value["hit"])] == value["hit"]
            assert value["hit"].casefold() == "tidal"
            assert len(value["left"]) <= 12 and len(value["right"]) <= 12
    first = by_path[str(news / "a_harbour.txt")][0]
    assert first == {
        "path": str(news / "a_harbour.txt"),
        "title": "Harbour city opens tidal barrier",
        "published": "2024-05-10T09:00:00",
        "left": "The ",
        "hit": "tidal",
        "right": " gates close",
        "offset": "4",
    }


def test_files_with_matches_prints_paths(news):
    result = run("-l", "cafe OR ёлка", str(news))
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        str(news / "a_harbour.txt"),
        str(news / "b_elections.md"),
        str(news / "c_moscow.txt"),
    ]


def test_exit_status_without_hits_and_for_mistakes(news):
    none = run("zeppelin", str(news))
    assert (none.returncode, none.stdout) == (1, b"")
    kwic = run("--kwic", "zeppelin", str(news))
    assert kwic.returncode == 1 and tsv(kwic) == [list(TSV_COLUMNS)]  # a header all the same
    for args in (["(storm"], ['"tidal'], ["--", "-storm"], [""]):
        args = [*args, str(news)]
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stdout == b""
        message = result.stderr.decode()
        assert message.startswith("article-viewer search: ") and "Traceback" not in message
    assert "is not closed" in run("(storm", str(news)).stderr.decode()
    usage = run("tidal")  # no PATH
    assert usage.returncode == 2 and b"usage:" in usage.stderr
    assert run("--context", "-3", "tidal", str(news)).returncode == 2


def test_the_window_index_is_used_and_kept_up_to_date(news, tmp_path):
    assert run("tidal", str(news)).returncode == 0
    index_file = cache_index_path()
    assert index_file is not None and index_file.is_relative_to(tmp_path)  # this test's cache
    with sqlite3.connect(index_file) as db:
        count = db.execute("SELECT count(*) FROM articles WHERE doc_id > 0").fetchone()[0]
    assert count == len(FILES)
    (news / "e_new.txt").write_text("Zeppelin returns\n\nA zeppelin over the port.\n")
    assert [Path(r["path"]).name for r in lines(run("zeppelin", str(news)))] == ["e_new.txt"]
    (news / "a_harbour.txt").write_text("Harbour\n\nThe zeppelin moored at the harbour.\n")
    os.utime(news / "a_harbour.txt", ns=(1, 1))  # changed, whatever the clock's grain
    found = [Path(r["path"]).name for r in lines(run("zeppelin", str(news)))]
    assert found == ["a_harbour.txt", "e_new.txt"]
    assert run("tidal", str(news)).returncode == 1  # the old text is not found
    (news / "e_new.txt").unlink()
    assert [Path(r["path"]).name for r in lines(run("zeppelin", str(news)))] == ["a_harbour.txt"]
    assert [Path(r["path"]).name for r in lines(run("zeppelin", str(news / "e_new.txt")))] == []


def test_a_file_named_is_searched_alone(news):
    result = run("cafe", str(news / "b_elections.md"), str(news / "a_harbour.txt"))
    assert [Path(r["path"]).name for r in lines(result)] == ["a_harbour.txt", "b_elections.md"]


def test_hostile_files_are_named_on_stderr_without_a_traceback(news, tmp_path):
    (news / "binary.txt").write_bytes(b"\x00\x01\x02tidal" * 200)
    (news / "empty.txt").write_bytes(b"")
    (news / "long.txt").write_text("Long\n\n" + "tidal " * 200_000 + "\n")
    (news / "latin1.txt").write_bytes("Tidal café\n\nLe café tidal.\n".encode("latin-1"))
    odd_name = os.fsdecode(b"odd-\xff-name.txt")
    (news / odd_name).write_text("Odd\n\nA tidal odd one.\n")
    fifo = news / "pipe.txt"
    os.mkfifo(fifo)
    (news / "folder.txt").mkdir()
    (news / "folder.txt" / "inner.txt").write_text("Inner\n\nAnother tidal one.\n")
    missing = tmp_path / "missing.txt"
    result = run("tidal", str(news), str(missing), str(fifo), timeout=180)
    assert result.returncode == 0
    message = result.stderr.decode("utf-8", "surrogateescape")
    assert "Traceback" not in message
    assert f"{fifo}: not a regular file" in message
    assert f"{news / 'binary.txt'}: binary file" in message
    assert f"{missing}: no such file or folder" in message
    found = {os.fsencode(row["path"]) for row in lines(result)}
    assert os.fsencode(news / odd_name) in found
    assert {os.fsencode(news / name) for name in ("latin1.txt", "long.txt")} <= found
    assert os.fsencode(news / "folder.txt" / "inner.txt") in found
    long = next(row for row in lines(result) if row["path"].endswith("long.txt"))
    assert long["hits"] == 10_000  # as many as the reading pane marks
    # The same again, from the index now: the same messages, and no traceback.
    again = run("tidal", str(news), str(missing), str(fifo), timeout=180)
    assert again.stderr.decode("utf-8", "surrogateescape") == message
    assert again.stdout == result.stdout


def test_the_index_path_is_the_windows(settings_dir):
    from viewer.library.session import default_index_path

    assert cache_index_path() == default_index_path()


def test_the_console_script_runs_it_too(news):
    script = Path(sys.executable).with_name("article-viewer")
    if not script.exists():
        pytest.skip("the project is not installed in this environment")
    result = subprocess.run(
        [str(script), "search", "-l", "ёлка", str(news)], capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == [str(news / "c_moscow.txt")]
