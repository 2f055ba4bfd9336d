#!/usr/bin/env bash
# The whole test suite (pytest, with ruff and mypy run as tests), in .venv, made on first use.
# Extra arguments go to pytest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/tools/system-packages.sh"
VENV_EXTRAS="[test]" . "$root/tools/venv.sh"
cd "$root"
exec "$root/.venv/bin/python" -m pytest "$@"
