"""Split a screened text into plain and highlighted pieces for the page."""

from __future__ import annotations

from dataclasses import dataclass

from armslength.model import Finding


@dataclass(frozen=True)
class Piece:
    text: str
    number: int | None = None
    finding: Finding | None = None


def pieces(text: str, findings: list[Finding]) -> list[Piece]:
    """Text with each finding marked once; a finding inside an earlier one is listed only."""
    out: list[Piece] = []
    position = 0
    for number, finding in enumerate(findings, start=1):
        if finding.start < position or finding.end > len(text):
            continue
        if finding.start > position:
            out.append(Piece(text[position : finding.start]))
        out.append(Piece(text[finding.start : finding.end], number, finding))
        position = finding.end
    if position < len(text):
        out.append(Piece(text[position:]))
    return out


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.start, -f.end))
