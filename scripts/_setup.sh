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
    # Debian packages for the tests that use real servers and browsers: PostgreSQL (store and
    # API tests) and Chromium (browser tests). Installed only when running as root and missing;
    # idempotent and quick once installed. Exports ARMSLENGTH_TEST_POSTGRES_URL for pytest.
    if [ "$(id -u)" != "0" ]; then
        echo "==> not root: skipping system packages (PostgreSQL/Chromium tests may skip)"
        return 0
    fi
    local missing=()
    command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # PySpark (tests/spark)
    # opencv-python (the photos extra, which RapidOCR depends on) links libGL and GLib
    [ -e /usr/lib/x86_64-linux-gnu/libGL.so.1 ] || missing+=(libgl1)
    [ -e /usr/lib/x86_64-linux-gnu/libgthread-2.0.so.0 ] || missing+=(libglib2.0-0)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "==> apt-get install ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
    _start_postgres
}

_start_postgres() {
    local cluster version
    cluster="$(pg_lsclusters --no-header 2>/dev/null | head -n1)"
    if [ -z "$cluster" ]; then
        version="$(ls /usr/lib/postgresql | sort -n | tail -n1)"
        pg_createcluster "$version" main >/dev/null
        cluster="$(pg_lsclusters --no-header | head -n1)"
    fi
    version="$(echo "$cluster" | awk '{print $1}')"
    if ! echo "$cluster" | grep -q online; then
        echo "==> starting PostgreSQL $version"
        pg_ctlcluster "$version" main start
    fi
    local port
    port="$(pg_lsclusters --no-header | head -n1 | awk '{print $3}')"
    local has
    has="$(su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='armslength'\"")"
    [ "$has" = "1" ] || su postgres -c "psql -q -p $port -c \"CREATE ROLE armslength LOGIN PASSWORD 'armslength'\""
    has="$(su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='armslength_test'\"")"
    [ "$has" = "1" ] || su postgres -c "createdb -p $port -O armslength armslength_test"
    export ARMSLENGTH_TEST_POSTGRES_URL="postgresql://armslength:armslength@127.0.0.1:$port/armslength_test"
}
