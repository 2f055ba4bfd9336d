#!/usr/bin/env bash
# Start Article Viewer from this checkout, in .venv (made on first use). Arguments go to the app:
# files and folders to open (they replace the last session), or options such as --dump. With
# none it brings back the last session, which at the very first start is the bundled samples.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV_EXTRAS="" . "$root/tools/venv.sh"
exec "$root/.venv/bin/article-viewer" "$@"
