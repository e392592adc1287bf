#!/usr/bin/env bash
# Set up Armslength in a local virtual environment and run the demo on bundled sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
setup_venv
"$VENV/bin/armslength" demo --out armslength-demo "$@"
