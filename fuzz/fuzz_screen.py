"""Fuzz target for the screen (atheris; not run in CI).

    pip install atheris && python fuzz/fuzz_screen.py -max_total_time=600

``fuzz_one`` is the entry point; ``tests/screen/test_screen_fuzz.py`` drives the same function
with Hypothesis on every test run.
"""

from __future__ import annotations

import sys

from armslength.errors import InputError
from armslength.screen import RedactStyle, redact, screen
from armslength.screen.batch import BatchOptions, screen_jsonl

KINDS = ("post", "reply", "comment", "message")


def fuzz_one(data: bytes) -> None:
    """Screen arbitrary bytes as text and as JSONL; raise AssertionError on a broken invariant."""
    text = data.decode("utf-8", errors="replace")
    kind = KINDS[data[0] % len(KINDS)] if data else "post"
    try:
        result = screen(text, kind, redact=True)
    except InputError:
        return
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
    masked = redact(text, result.findings, RedactStyle.MASK)
    assert len(masked) == len(text)
    lines = data.split(b"\n")
    outputs = list(screen_jsonl(lines, BatchOptions()))
    assert len(outputs) == sum(1 for line in lines if line.strip())


def main() -> None:  # pragma: no cover - needs atheris
    import atheris

    atheris.Setup(sys.argv, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":  # pragma: no cover
    main()
