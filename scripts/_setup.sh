# Shared setup for scripts/demo.sh and scripts/test.sh (sourced, not run).
VENV="${ARMSLENGTH_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

setup_venv() {
    local extras="${1:-}"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> creating virtual environment in $VENV"
        "$PYTHON" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
    fi
    local spec="."
    if [ -n "$extras" ]; then spec=".[$extras]"; fi
    echo "==> installing armslength ($spec)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec" 2>&1 | { grep -v "^WARNING: Location" || true; }
}

setup_system_packages() {
    # Debian packages for the tests that use real servers and browsers (none yet).
    :
}
