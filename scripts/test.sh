#!/usr/bin/env bash
# Set up everything the test suite needs and run it: ruff, mypy --strict, pytest + coverage.
# As root (CI), system packages the tests need are installed from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
setup_venv dev
setup_system_packages

echo "==> ruff"
"$VENV/bin/ruff" check src tests benchmarks
"$VENV/bin/ruff" format --check src tests benchmarks
echo "==> mypy --strict"
"$VENV/bin/mypy" src/armslength
echo "==> pytest"
if [ "$#" -gt 0 ]; then
    "$VENV/bin/pytest" --cov=armslength --cov-report=term "$@"
    exit
fi
# The Spark tests run in their own process: a JVM-backed session left in the same process
# as the SQLAlchemy-backed CLI tests made those fail now and then (not understood yet; see
# the closing note). Coverage is combined, and the floor applies to the total.
rm -f .coverage
"$VENV/bin/pytest" --cov=armslength --cov-report= --cov-fail-under=0 --ignore=tests/spark
echo "==> pytest (Spark, separate process)"
"$VENV/bin/pytest" --cov=armslength --cov-append --cov-report=term tests/spark
