"""``--install-desktop`` and ``--uninstall-desktop``: this user's launcher and icon (no Qt)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from viewer.core.appinfo import APP_ID, DESKTOP_FILE_NAME
from viewer.core.bundled import resource_path

# Characters that make a desktop-entry Exec argument need quotes (freedesktop spec, "Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class DesktopFile:
    """One file the launcher installs: where it goes and what it holds."""

    target: Path
    content: bytes


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The absolute command that starts this installation of the viewer."""
    script = Path(sys.executable).parent / APP_ID
    if script.is_file():  # the entry point pip made beside this interpreter (a venv, say)
        return [str(script)]
    argv0 = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == APP_ID and argv0.is_file():
        return [str(argv0)]
    if argv0 is not None and argv0.name == "main.py" and argv0.is_file():
        return [sys.executable, str(argv0)]  # straight from a checkout
    found = shutil.which(APP_ID)
    if found:
        return [os.path.abspath(found)]
    return [sys.executable, "-m", "viewer"]


def exec_line(command: list[str]) -> str:
    """A desktop-entry Exec value for ``command`` followed by ``%F``."""
    return " ".join(_quote(part) for part in command) + " %F"


def _quote(argument: str) -> str:
    if not any(char in _RESERVED for char in argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    # The whole value is a desktop-entry string too, whose own escape is a doubled backslash.
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_entry(command: list[str]) -> str:
    """The bundled desktop entry with Exec and TryExec pointing at ``command``."""
    template = resource_path(f"{DESKTOP_FILE_NAME}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line(command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0]
        lines.append(line)
    return "\n".join(lines) + "\n"


def planned_files(command: list[str] | None = None) -> list[DesktopFile]:
    """Every file ``--install-desktop`` writes, with its content."""
    home = data_home()
    command = command or launch_command()
    files = [
        DesktopFile(
            home / "applications" / f"{DESKTOP_FILE_NAME}.desktop",
            desktop_entry(command).encode("utf-8"),
        ),
        DesktopFile(
            home / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_FILE_NAME}.svg",
            resource_path("icons", f"{DESKTOP_FILE_NAME}.svg").read_bytes(),
        ),
    ]
    for png in sorted(resource_path("icons", "hicolor").glob(f"*/apps/{DESKTOP_FILE_NAME}.png")):
        size = png.parent.parent.name
        target = home / "icons" / "hicolor" / size / "apps" / png.name
        files.append(DesktopFile(target, png.read_bytes()))
    return files


def install(out: list[str]) -> None:
    """Write the desktop entry and icons for this user; say what was done in ``out``."""
    for item in planned_files():
        if item.target.is_file() and item.target.read_bytes() == item.content:
            out.append(f"up to date: {item.target}")
            continue
        item.target.parent.mkdir(parents=True, exist_ok=True)
        temporary = item.target.with_name(item.target.name + ".part")
        temporary.write_bytes(item.content)
        os.replace(temporary, item.target)  # never a half-written launcher
        out.append(f"installed: {item.target}")
    _refresh_caches(out)


def uninstall(out: list[str]) -> None:
    """Remove exactly the files ``install`` writes; say what was done in ``out``."""
    for item in planned_files():
        if item.target.is_file():
            item.target.unlink()
            out.append(f"removed: {item.target}")
        else:
            out.append(f"not installed: {item.target}")
    _refresh_caches(out)


def _refresh_caches(out: list[str]) -> None:
    """Tell the desktop about the change, where its tools are installed."""
    applications = data_home() / "applications"
    icons = data_home() / "icons" / "hicolor"
    for command in (
        ["update-desktop-database", "-q", str(applications)],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(icons)],
    ):
        if shutil.which(command[0]) is None or not Path(command[-1]).is_dir():
            continue
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        status = "ran" if result.returncode == 0 else "failed (not needed to launch)"
        out.append(f"{status}: {command[0]}")
