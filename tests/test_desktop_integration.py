"""The launcher: a valid desktop entry, installed and removed for this user, idempotently."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.appinfo import DESKTOP_FILE_NAME
from viewer.core.bundled import resource_path
from viewer.desktop_integration import exec_line

ROOT = Path(__file__).resolve().parent.parent
VALIDATE = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(
    VALIDATE is None and "CI" not in os.environ,
    reason="desktop-file-utils is not installed (tools/test.sh installs it)",
)


def run(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@needs_validator
def test_bundled_entry_is_valid_and_complete():
    path = resource_path(f"{DESKTOP_FILE_NAME}.desktop")
    result = subprocess.run([VALIDATE or "desktop-file-validate", str(path)], capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "article-viewer %F"
    assert entry["MimeType"] == "text/plain;text/markdown;"
    assert entry["Categories"].startswith("Office;Viewer;")
    assert entry["Icon"] == DESKTOP_FILE_NAME
    assert entry["Terminal"] == "false"
    assert entry["Keywords"]


@needs_validator
def test_install_and_uninstall(tmp_path):
    data_home = tmp_path / "share"
    first = run("--install-desktop", data_home=data_home)
    assert first.returncode == 0, first.stderr
    desktop = data_home / "applications" / f"{DESKTOP_FILE_NAME}.desktop"
    svg = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_FILE_NAME}.svg"
    png = data_home / "icons" / "hicolor" / "48x48" / "apps" / f"{DESKTOP_FILE_NAME}.png"
    for path in (desktop, svg, png):
        assert path.is_file()
        assert f"installed: {path}" in first.stdout
    entry = read_entry(desktop)
    command = entry["Exec"].removesuffix(" %F")
    assert Path(command.split(" ")[0].strip('"')).is_absolute()
    assert entry["TryExec"] and Path(entry["TryExec"]).is_absolute()
    result = subprocess.run(
        [VALIDATE or "desktop-file-validate", str(desktop)], capture_output=True
    )
    assert result.returncode == 0, result.stdout

    again = run("--install-desktop", data_home=data_home)
    assert again.returncode == 0
    assert f"up to date: {desktop}" in again.stdout
    assert "installed:" not in again.stdout

    removed = run("--uninstall-desktop", data_home=data_home)
    assert removed.returncode == 0
    assert f"removed: {desktop}" in removed.stdout
    assert not desktop.exists() and not svg.exists() and not png.exists()
    leftover = [p for p in data_home.rglob("*") if p.is_file() and DESKTOP_FILE_NAME in p.name]
    assert leftover == []

    twice = run("--uninstall-desktop", data_home=data_home)
    assert twice.returncode == 0
    assert f"not installed: {desktop}" in twice.stdout


def test_exec_line_quotes_paths_with_spaces():
    assert exec_line(["/opt/av/bin/article-viewer"]) == "/opt/av/bin/article-viewer %F"
    assert exec_line(["/home/a b/venv/bin/python", "/x/main.py"]) == (
        '"/home/a b/venv/bin/python" /x/main.py %F'
    )
