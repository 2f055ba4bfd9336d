"""The command line: parse arguments, answer the window-less commands, then start the GUI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from viewer.appinfo import APP_ID, APP_NAME, VERSION


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, shared by ``--help`` and the app."""
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description=f"{APP_NAME}: a reader for folders of article text files.",
        epilog="With no PATH, the last session is restored (the bundled samples at first start).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument(
        "--dump",
        action="store_true",
        help="print each article as one JSON object per line and exit (no window, no display)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {VERSION}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.dump:
        if not args.paths:
            parser.error("--dump needs at least one PATH")
        return _run_dump(args.paths)
    from viewer.app import run_app  # the GUI and Qt are imported only now

    return run_app(args.paths, sys.argv[:1] + list(argv if argv is not None else sys.argv[1:]))


def _run_dump(paths: list[str]) -> int:
    from viewer.dump import dump

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="surrogateescape")
    try:
        status = dump(paths, out)
        out.flush()
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not an error of ours.
        sys.stderr.close()
        return 0
    return status
