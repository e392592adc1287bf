"""Redaction, a separate step after detection: tags, masks or consistent fake surrogates."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from enum import StrEnum

from armslength.model import Category, Finding
from armslength.screen._doc import sentence_around


class RedactStyle(StrEnum):
    TAG = "tag"
    MASK = "mask"
    FAKE = "fake"


FAKES: dict[str, tuple[str, ...]] = {
    "NAME": ("Alex Morgan", "Sam Taylor", "Jordan Lee", "Casey Brooks", "Robin Hale", "Drew Ellis"),
    "LOCATION": ("Springfield", "Riverton", "Fairview", "Lakeside", "Oakdale", "Maplewood"),
    "DATE": ("1 January", "2 February", "3 March", "4 April", "5 May", "6 June"),
    "AGE": ("90+",),
    "CONTACT": ("contact@example.org", "555-0100", "https://example.org"),
    "ID": ("ID-000000", "ID-111111", "ID-222222"),
}


def _tag(finding: Finding) -> str:
    return f"[{finding.label or finding.category.value.upper()}]"


def _fake(finding: Finding) -> str:
    options = FAKES.get(finding.label or "", ())
    if not options:
        return _tag(finding)
    digest = hashlib.blake2b(finding.text.casefold().encode("utf-8"), digest_size=4).digest()
    return options[int.from_bytes(digest, "big") % len(options)]


def _mask(finding: Finding) -> str:
    return "█" * (finding.end - finding.start)


_REPLACERS = {RedactStyle.TAG: _tag, RedactStyle.MASK: _mask, RedactStyle.FAKE: _fake}


CARE_TAG = "[CARE DETAILS REMOVED]"
CARE_FAKE = "We can't discuss anyone's care here."
"""What a sentence that confirms someone's care becomes: redacting only "your biopsy" would
leave "yes [RELATIONSHIP] came back clear", which still says there was a biopsy."""


_STORY_RULES = frozenset({"rel-patient-story"})
"""Relationship findings that are a story's, not a reply's: once the story's identifiers are
gone it names no one, so the sentence stays ("Saw [NAME] in clinic [DATE], ...")."""


def _sentence(text: str, finding: Finding) -> Finding:
    """The whole sentence around a relationship finding, as one finding to replace."""
    start, end = sentence_around(text, finding.start, finding.end)
    return finding.model_copy(update={"start": start, "end": end, "text": text[start:end]})


def _care(finding: Finding, style: RedactStyle) -> str:
    if style is RedactStyle.MASK:
        return "█" * (finding.end - finding.start)
    return CARE_FAKE if style is RedactStyle.FAKE else CARE_TAG


def redact(text: str, findings: Sequence[Finding], style: RedactStyle = RedactStyle.TAG) -> str:
    """Replace the text of every finding; overlapping findings are merged into one replacement.
    A sentence that confirms someone's care is replaced whole, so the rest reads naturally."""
    replace = _REPLACERS[style]
    out: list[str] = []
    cursor = 0
    widened = [
        _sentence(text, f) if f.category is Category.RELATIONSHIP else f
        for f in findings
        if f.rule not in _STORY_RULES
    ]
    for finding in sorted(widened, key=lambda f: (f.start, -f.end)):
        if finding.end <= cursor:
            continue
        start = max(finding.start, cursor)
        out.append(text[cursor:start])
        if finding.category is Category.RELATIONSHIP:
            out.append(_care(finding, style) if start == finding.start else "")
        else:
            out.append(replace(finding) if start == finding.start else "█" * (finding.end - start))
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)
