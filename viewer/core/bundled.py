"""Files that ship inside the package: samples, icon, desktop entry (no Qt).

Found through ``importlib.resources``, so an installed wheel finds them as a checkout does.
"""

from __future__ import annotations

from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource (the package is installed unzipped, as pip does)."""
    from importlib import resources  # a few milliseconds that start-up need not pay

    return Path(str(resources.files("viewer").joinpath("resources", *parts)))


def samples_dir() -> Path:
    """The folder of sample articles that the first start opens."""
    return resource_path("samples")
