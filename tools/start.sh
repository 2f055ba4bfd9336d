#!/usr/bin/env bash
# Start Article Viewer from this checkout, in .venv (made on first use); with no PATH it shows
# the bundled sample articles.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/tools/venv.sh"
if [ $# -eq 0 ]; then set -- "$root/resources/samples"; fi
exec "$root/.venv/bin/article-viewer" "$@"
