#!/usr/bin/env bash
# Set up everything the test suite needs and run it: ruff, mypy --strict, pytest + coverage.
# As root (CI), system packages the tests need are installed from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
setup_venv dev
setup_system_packages

# Every step runs even when an earlier one fails; the script exits non-zero if any failed.
failed=()
step() {
    local name="$1"
    shift
    echo "==> $name"
    "$@" || failed+=("$name")
}

step "ruff check" "$VENV/bin/ruff" check src tests benchmarks
step "ruff format" "$VENV/bin/ruff" format --check src tests benchmarks
step "mypy --strict" "$VENV/bin/mypy" src/armslength
if [ "$#" -gt 0 ]; then
    step "pytest $*" "$VENV/bin/pytest" --cov=armslength --cov-report=term "$@"
else
    # The Spark tests run in their own process: a JVM-backed session left in the same process
    # as the SQLAlchemy-backed CLI tests made those fail now and then (not understood yet).
    # Coverage is combined, and the floor applies to the total.
    rm -f .coverage
    step "pytest" "$VENV/bin/pytest" --cov=armslength --cov-report= --cov-fail-under=0 \
        --ignore=tests/spark
    step "pytest (Spark, separate process)" "$VENV/bin/pytest" --cov=armslength --cov-append \
        --cov-report= --cov-fail-under=0 tests/spark
    step "coverage report" "$VENV/bin/coverage" report
fi
if [ "${#failed[@]}" -gt 0 ]; then
    printf '==> FAILED: %s\n' "${failed[@]}"
    exit 1
fi
echo "==> all checks passed"
