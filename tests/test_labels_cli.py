"""``labels import`` and ``labels export`` end to end, in a subprocess, as a script runs them."""

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.labels import decode_names
from viewer.core.state.store import ReadingState, default_state_path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, stdin=None, data_home=None):
    env = dict(os.environ)
    if data_home is not None:  # another reader's state
        env["XDG_DATA_HOME"] = str(data_home)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "labels", *args],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        input=stdin,
        env=env,
    )


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n, title in enumerate(["Harbour gates close", "Market day", "=HYPERLINK(1)"]):
        (folder / f"{n}.txt").write_text(
            f"{title}\n\nWorld\n\nPublished: 2024-05-0{n + 1}\n\nText.\n"
        )
    return folder


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def exported(result):
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_labels_imported_by_path_and_by_hash_come_back_out(news, tmp_path):
    # An export of the folder with nothing labelled: the index gets to know its files.
    assert run("export", str(news)).returncode == 1
    sha = hashlib.sha256((news / "1.txt").read_bytes()).hexdigest()
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"path": str(news / "0.txt"), "labels": ["relevant", "harbour"]},
            {"sha256": sha, "labels": ["relevant"]},
            {"path": str(news / "gone.txt"), "labels": ["x"]},
        ],
    )
    result = run("import", str(source))
    assert result.returncode == 0, result.stderr
    assert b"2 articles imported" in result.stderr
    assert b"line 3: no such article" in result.stderr
    out = run("export", str(news))
    assert out.returncode == 0
    records = exported(out)
    assert [r["path"] for r in records] == [str(news / "0.txt"), str(news / "1.txt")]
    assert records[0]["labels"] == ["harbour", "relevant"]
    assert records[1]["sha256"] == sha and records[1]["title"] == "Market day"
    assert set(records[0]) == {"path", "sha256", "title", "published", "labels"}
    # A second import adds to what the articles have; CSV carries the same.
    write_jsonl(source, [{"path": str(news / "2.txt"), "labels": ["odd"]}])
    assert run("import", str(source)).returncode == 0
    rows = list(csv.reader(io.StringIO(run("export", "--format", "csv").stdout.decode())))
    assert rows[0] == ["path", "sha256", "title", "published", "labels"]
    assert rows[1][4] == "harbour; relevant" and rows[3][2] == "'=HYPERLINK(1)"


def test_a_named_set_is_kept_apart_for_review(news, tmp_path):
    source = write_jsonl(tmp_path / "model.jsonl", [{"path": str(news / "0.txt"), "labels": ["a"]}])
    assert run("import", str(source), "--as", "model v1").returncode == 0
    assert run("export").returncode == 1  # the reader's own labels: none yet
    state = ReadingState(default_state_path())
    [(key, spec)] = state.specs("review").items()
    state.close()
    assert key.startswith("model v1\t") and decode_names(spec) == ("a",)


def test_lines_that_are_not_labellings_say_why_and_change_nothing(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_bytes(b'not json\n[1]\n{"labels": ["a"]}\n{"path": "x", "labels": "a"}\n\xff\n')
    result = run("import", str(source))
    assert result.returncode == 1
    errors = result.stderr.decode()
    for line in (1, 2, 3, 4, 5):
        assert f"line {line}:" in errors
    assert "Traceback" not in errors
    missing = run("import", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2 and b"missing.jsonl" in missing.stderr
    assert not os.path.exists(default_state_path()) or not ReadingState(default_state_path()).specs(
        "labels"
    )


def test_search_on_the_command_line_finds_labels(news, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"path": str(news / "1.txt"), "labels": ["Key"]}])
    assert run("import", str(source)).returncode == 0
    found = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "search", "label:key", str(news)],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    assert found.returncode == 0, found.stderr
    assert [json.loads(line)["title"] for line in found.stdout.decode().splitlines()] == [
        "Market day"
    ]


def test_an_export_imported_into_an_empty_state_gives_the_same_labels(news, tmp_path):
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"path": str(news / "0.txt"), "labels": ["relevant", "frame: conflict"]},
            {"path": str(news / "2.txt"), "labels": ["unsure"]},
        ],
    )
    assert run("import", str(source)).returncode == 0
    first = run("export", str(news))
    (tmp_path / "out.jsonl").write_bytes(first.stdout)
    elsewhere = tmp_path / "another-reader"
    assert run("import", str(tmp_path / "out.jsonl"), data_home=elsewhere).returncode == 0
    second = run("export", str(news), data_home=elsewhere)
    assert exported(second) == exported(first) and len(exported(first)) == 2
    # With --text: doccano's shape, the article's text in it.
    [doc, _other] = exported(run("export", "--text", str(news)))
    assert set(doc) == {"text", "label", "meta"}
    assert doc["text"] == "Text." and doc["label"] == ["frame: conflict", "relevant"]
    assert doc["meta"]["title"] == "Harbour gates close"
