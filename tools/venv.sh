# Sourced by the other scripts: make .venv beside the checkout once, and install the project in
# it again only when pyproject.toml (or the Python) changed since: the install is editable, so
# code changes need none, and a start costs no pip run.
# Usage: VENV_EXTRAS="[test]" . tools/venv.sh    (VENV_EXTRAS empty or unset: the app alone)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
extras=${VENV_EXTRAS:-}
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
fi
stamp="$venv/.installed${extras:+-${extras//[^a-z]/}}"
wanted=$({ cat "$root/pyproject.toml"; echo "$extras"; "$venv/bin/python" -VV; } | cksum)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root$extras"
    echo "$wanted" >"$stamp"
fi
