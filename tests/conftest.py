"""Shared test set-up: Qt runs offscreen, and helpers write real article files."""

import os

# Must happen before anything imports Qt: without a display pytest-qt would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest

SEED_LIKE = """Harbour city opens tidal barrier

World

Published: 2020-10-24 16:27

Last Updated: 2024-04-16 12:40


Harbour city opens tidal barrier
Harbour city opens tidal barrier

The gates closed for the first time on Saturday morning, ten years after the work began in \
the port.
Residents watched from the sea wall as the four gates rose out of their concrete beds in \
twelve minutes.

The project ran three years late.
"""


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write
