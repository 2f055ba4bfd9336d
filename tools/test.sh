#!/usr/bin/env bash
# The whole test suite (pytest, with ruff and mypy run as tests), in .venv, made on first use.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/tools/system-packages.sh"
. "$root/tools/venv.sh" "[test]"
cd "$root"
exec "$root/.venv/bin/python" -m pytest "$@"
