"""The README's two commands: arguments reach the app, and a start after the first one costs no
pip run unless the project's metadata changed."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _checkout(tmp_path: Path) -> Path:
    """A copy of the scripts and metadata, with a .venv whose python and app log their calls."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "tools", root / "tools")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    log = tmp_path / "calls.log"
    for name in ("python", "article-viewer"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n')
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return root


def _start(root: Path, *args: str) -> list[str]:
    log = root.parent / "calls.log"
    log.unlink(missing_ok=True)
    subprocess.run(["bash", str(root / "tools" / "start.sh"), *args], check=True, timeout=60)
    return log.read_text().splitlines()


def test_start_passes_paths_to_the_app_and_installs_only_when_needed(tmp_path):
    root = _checkout(tmp_path)
    first = _start(root, "/some/news folder", "--new-window")
    assert any(call.startswith("python -m pip install") for call in first)
    assert first[-1] == "article-viewer /some/news folder --new-window"
    # Nothing changed: no pip, only the app (the start costs the app's own start-up).
    again = _start(root, "/some/news folder")
    assert [c for c in again if not c.startswith("python -VV")] == [
        "article-viewer /some/news folder"
    ]
    # No argument: the app restores the last session itself (nothing is passed for it).
    assert _start(root)[-1] == "article-viewer "
    # New metadata: installed again.
    with open(root / "pyproject.toml", "a") as out:
        out.write("\n# a change\n")
    changed = _start(root, "x.txt")
    assert any(call.startswith("python -m pip install") for call in changed)


def test_the_test_command_installs_the_test_extras(tmp_path):
    root = _checkout(tmp_path)
    (root / "tools" / "system-packages.sh").write_text("exit 0\n")
    log = tmp_path / "calls.log"
    env = {**os.environ}
    subprocess.run(["bash", str(root / "tools" / "test.sh"), "-k", "x"], check=True, env=env)
    calls = log.read_text().splitlines()
    assert f"python -m pip install --quiet --disable-pip-version-check -e {root}[test]" in calls
    assert calls[-1] == "python -m pytest -k x"
