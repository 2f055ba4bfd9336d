"""The installable package: a wheel that carries its resources, and works from anywhere."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from viewer.core.appinfo import DESKTOP_FILE_NAME

ROOT = Path(__file__).resolve().parent.parent
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)]
    subprocess.run(
        build,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("article_viewer-*.whl")
    return built


def test_wheel_carries_resources_and_entry_point(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "viewer/core/parser.py" in names
    assert f"viewer/resources/{DESKTOP_FILE_NAME}.desktop" in names
    assert f"viewer/resources/icons/{DESKTOP_FILE_NAME}.svg" in names
    assert f"viewer/resources/icons/hicolor/48x48/apps/{DESKTOP_FILE_NAME}.png" in names
    samples = [n for n in names if n.startswith("viewer/resources/samples/")]
    assert len(samples) >= 10
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[gui_scripts]" in text and "article-viewer = viewer.cli:main" in text


def test_installed_package_dumps_its_own_samples(wheel, tmp_path):
    target = tmp_path / "site"
    install = [*PIP, "install", "--no-deps", "-q", "--target", str(target), str(wheel)]
    subprocess.run(
        install,
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()  # not the checkout, so nothing can come from there
    code = "from viewer.core.bundled import samples_dir; print(samples_dir())"
    where = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=elsewhere
    )
    samples = Path(where.stdout.strip())
    assert samples.is_dir() and target in samples.parents
    command = [str(target / "bin" / "article-viewer"), "--dump", str(samples)]
    dumped = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=elsewhere, timeout=60
    )
    assert dumped.returncode == 0, dumped.stderr
    rows = [json.loads(line) for line in dumped.stdout.splitlines()]
    assert len(rows) >= 10
    assert all(row["title"] for row in rows)
