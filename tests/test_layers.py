"""The layers hold: core has no Qt, imports only go down, and no module imports in a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from viewer.library import loader, text_indexer

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "viewer"
# Lowest first: a module may import from its own layer and those before it.
LAYERS = ("core", "library", "ui", "window", "")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


def layer(name: str) -> int:
    parts = name.split(".")
    top = parts[1] if len(parts) > 1 and parts[1] in LAYERS else ""
    return LAYERS.index(top)


def imports(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    """The viewer modules ``path`` imports anywhere, TYPE_CHECKING and functions included."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("viewer"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            if not base.startswith("viewer"):
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, name, known) for name, path in known.items()}


def test_imports_only_go_down():
    upward = [
        f"{name} imports {dep}"
        for name, deps in graph().items()
        for dep in deps
        if layer(dep) > layer(name)
    ]
    assert not upward


def test_no_module_imports_in_a_circle():
    edges = graph()
    # Packages import nothing here, so a module importing a sibling package's __init__ is fine.
    done: set[str] = set()
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(name: str) -> None:
        if name in path:
            cycles.append([*path[path.index(name) :], name])
            return
        if name in done:
            return
        path.append(name)
        for dep in sorted(edges[name]):
            visit(dep)
        path.pop()
        done.add(name)

    for name in sorted(edges):
        visit(name)
    assert not cycles


def test_core_has_no_qt_in_a_fresh_interpreter():
    core = sorted(name for name in modules() if layer(name) == 0 and name.startswith("viewer.core"))
    assert "viewer.core.parser" in core and "viewer.core.state.store" in core
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_worker_processes_run_core_code_only():
    # What a worker process imports is the module of the work it is given (spawned workers
    # import nothing else of the window's), so that work must live in the core.
    works = [loader.list_in_worker, loader.list_elsewhere, text_indexer.parse_files]
    assert all(work.__module__.startswith("viewer.core.") for work in works)


def test_the_window_contract_for_scripts(qtbot, tmp_path):
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTextBrowser

    from viewer.window import MainWindow

    (tmp_path / "one.txt").write_text("One story\n\nWorld\n\nPublished: 2024-01-01\n\nBody.\n")
    window = MainWindow(index_path=None, state_folder=None)
    qtbot.addWidget(window)
    assert not window.isVisible()  # built, not shown
    with qtbot.waitSignal(window.loadingFinished, timeout=30000):
        window.open_paths([tmp_path])
    view = window.findChild(QAbstractItemView, "articleList")
    assert view is not None and view.model().rowCount() == 1
    assert window.findChild(QTextBrowser, "readingPane") is not None
    assert window.findChild(QLineEdit, "filterEdit") is not None


def test_only_the_session_writes_the_list():
    writers = {"add_articles", "update_article", "remove_paths", "clear"}
    found = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            receiver = node.func.value
            held = receiver.attr if isinstance(receiver, ast.Attribute) else None
            held = held or (receiver.id if isinstance(receiver, ast.Name) else None)
            if node.func.attr in writers and held in ("model", "_model"):
                found.append(name)
    assert found and set(found) == {"viewer.library.session"}
