"""``python -m armslength.cli``."""

from armslength.cli import main

main()
