# Sourced by the other scripts: make .venv beside the checkout once, and install the project in it.
# Usage: . tools/venv.sh [EXTRAS]   (EXTRAS such as "[test]")
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
if [ ! -x "$root/.venv/bin/python" ]; then
    "$python" -m venv "$root/.venv"
    "$root/.venv/bin/python" -m pip install --quiet --upgrade pip
fi
"$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root${1:-}"
