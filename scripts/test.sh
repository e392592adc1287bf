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
"$VENV/bin/pytest" --cov=armslength --cov-report=term "$@"
