"""The command line: parse arguments, answer the window-less commands, then start the GUI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from viewer.core.appinfo import APP_ID, APP_NAME, VERSION


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, shared by ``--help`` and the app."""
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description=f"{APP_NAME}: a reader for folders of article text files.",
        epilog="With no PATH, the last session is restored (the bundled samples at first start). "
        f"To search from the command line: {APP_ID} search QUERY PATH... "
        f"({APP_ID} search --help tells more). Labels: {APP_ID} labels import|export.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument(
        "--dump",
        action="store_true",
        help="print each article as one JSON object per line and exit (no window, no display)",
    )
    parser.add_argument(
        "--new-window",
        action="store_true",
        help="start a separate viewer even when one is already running",
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add the launcher and icon to this user's desktop menus and exit",
    )
    parser.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove what --install-desktop added and exit",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {VERSION}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; return its exit status."""
    arguments = list(argv if argv is not None else sys.argv[1:])
    if arguments[:1] == ["search"]:  # the one command with arguments of its own
        from viewer.search_cli import run_search

        return run_search(arguments[1:])
    if arguments[:1] == ["labels"]:
        from viewer.labels_cli import run_labels

        return run_labels(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.dump:
        if not args.paths:
            parser.error("--dump needs at least one PATH")
        return _run_dump(args.paths)
    if args.install_desktop or args.uninstall_desktop:
        if args.install_desktop and args.uninstall_desktop:
            parser.error("--install-desktop and --uninstall-desktop exclude each other")
        return _run_desktop(install=args.install_desktop)
    if not args.new_window:
        from viewer.instance_client import hand_over

        if hand_over(args.paths):
            return 0  # the running viewer shows them
    from viewer.app import run_app  # the GUI and Qt are imported only now

    qt_argv = sys.argv[:1] + list(argv if argv is not None else sys.argv[1:])
    return run_app(args.paths, qt_argv, single_instance=not args.new_window)


def _run_desktop(*, install: bool) -> int:
    from viewer.desktop_integration import install as do_install
    from viewer.desktop_integration import uninstall as do_uninstall

    done: list[str] = []
    try:
        (do_install if install else do_uninstall)(done)
    except OSError as exc:
        print("\n".join(done), file=sys.stdout)
        print(
            f"{APP_ID}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 1
    print("\n".join(done))
    return 0


def _run_dump(paths: list[str]) -> int:
    from viewer.core.state.store import default_state_path, stored_encodings
    from viewer.dump import dump

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="surrogateescape")
    # The encodings chosen in the window's View ▸ Text Encoding hold here too.
    encodings = stored_encodings(default_state_path())
    try:
        status = dump(paths, out, encodings)
        out.flush()
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not an error of ours.
        sys.stderr.close()
        return 0
    return status
