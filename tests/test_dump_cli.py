"""``--dump`` end to end, in a subprocess, as a script would run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.dump import DUMP_KEYS

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=cwd,
    )


def test_dump_folder_recursively_in_path_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.TXT").write_text("Second\n\nWorld\n\nPublished: 2021-01-02\n\nBody.\n")
    (tmp_path / "a.md").write_text("First\n\nBody of the first.\n")
    (tmp_path / "notes.pdf").write_text("not an article")
    (tmp_path / "c.markdown").write_text("Third\n")
    result = run("--dump", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).relative_to(tmp_path).as_posix() for r in rows] == [
        "a.md",
        "b/2.TXT",
        "c.markdown",
    ]
    assert all(tuple(row) == DUMP_KEYS for row in rows)
    second = rows[1]
    assert second["title"] == "Second"
    assert second["section"] == "World"
    assert second["published"] == "2021-01-02T00:00:00"
    assert second["paragraphs"] == ["Body."]
    assert second["word_count"] == 1
    assert second["error"] is None
    assert result.stderr == ""


def test_explicit_file_is_read_whatever_its_extension(tmp_path):
    path = tmp_path / "story.log"
    path.write_text("A log-named story\n\nBody.\n")
    rows = [json.loads(line) for line in run("--dump", str(path)).stdout.splitlines()]
    assert rows[0]["title"] == "A log-named story"


def test_errors_give_exit_1_and_no_traceback(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Good\n\nBody.\n")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = run("--dump", str(good), str(binary), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["error"] for row in rows] == [None, rows[1]["error"], "file not found"]
    assert rows[1]["error"].startswith("binary file")
    assert "Traceback" not in result.stderr


def test_dates_with_offsets_and_unreadable_dates(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("T\n\nPublished: Tue, 16 Apr 2024 12:40:00 +0000\nUpdated: whenever\n\nBody.\n")
    (row,) = [json.loads(line) for line in run("--dump", str(path)).stdout.splitlines()]
    assert row["published"] == "2024-04-16T12:40:00+00:00"
    assert row["updated"] is None
    assert row["updated_raw"] == "whenever"
    assert any("whenever" in w for w in row["warnings"])


def test_non_ascii_output_is_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Café\n\nÉté.\n".encode("cp1252"))
    (row,) = [json.loads(line) for line in run("--dump", str(path)).stdout.splitlines()]
    assert row["title"] == "Café"
    assert row["encoding"] == "cp1252"


@pytest.mark.parametrize("args", [("--dump",), ("--no-such-flag",)])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_help_and_version():
    help_result = run("--help")
    assert help_result.returncode == 0
    assert "--dump" in help_result.stdout
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip().startswith("Article Viewer ")


def test_python_dash_m_and_bundled_samples(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--dump", str(ROOT / "resources" / "samples")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 10
    assert len({row["section"] for row in rows}) >= 4
    assert any(row["warnings"] for row in rows)  # the sample with an unreadable date


def test_dump_does_not_import_qt(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("T\n\nBody.\n")
    code = (
        "import sys, io, contextlib\n"
        "from viewer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--dump', {str(path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stderr
