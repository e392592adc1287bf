"""Detection: run the recognizers, resolve overlaps, apply allow terms, context and story rules."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from armslength._checks import check_strings
from armslength.errors import InputError
from armslength.model import Category, ContentKind, Finding, Patient, ScreenResult, Severity
from armslength.screen import _roster, context, disclosure, story
from armslength.screen._doc import Doc, Span, fold
from armslength.screen.recognizers import (
    REGISTRY,
    CareDisclosureRecognizer,
    KnownPatientRecognizer,
    Recognizer,
    default_recognizers,
)
from armslength.screen.redact import RedactStyle, redact

CHUNK = 20_000
MAX_CHARS = 10_000_000
"""Longer texts are refused (split them first): it bounds the time and memory of one call."""


def _kind(kind: ContentKind | str) -> ContentKind:
    try:
        return ContentKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in ContentKind)
        raise InputError(f"unknown kind (expected one of: {choices})", field="kind") from None


def _best_first(span: Span) -> tuple[float, int, int]:
    return (-span.score, -(span.end - span.start), span.start)


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep the best of overlapping PHI spans (higher score, then longer); a longer span of
    the same label swallows the shorter ones it contains. Other findings only give way to an
    overlapping finding of the same rule."""
    groups: dict[str, _Intervals] = {}
    for span in sorted(spans, key=_best_first):
        key = "phi" if span.category is Category.PHI else span.rule
        groups.setdefault(key, _Intervals()).offer(span)
    return sorted((s for g in groups.values() for s in g.spans), key=lambda s: (s.start, s.end))


class _Intervals:
    """Non-overlapping spans sorted by start; finding the clashes of a new span is a bisect."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[Span] = []

    def offer(self, span: Span) -> None:
        right = bisect_left(self.starts, span.end)
        left = right
        while left > 0 and self.spans[left - 1].end > span.start:
            left -= 1
        clashes = self.spans[left:right]
        if clashes and not all(_swallows(span, k) for k in clashes):
            return
        self.starts[left:right] = [span.start]
        self.spans[left:right] = [span]


def _swallows(outer: Span, inner: Span) -> bool:
    return (
        outer.label == inner.label
        and outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.end - outer.start) > (inner.end - inner.start)
    )


class AllowList:
    """Terms the user says are never a finding (a colleague's name, their practice's town)."""

    def __init__(self, terms: Iterable[str]) -> None:
        cleaned = sorted({fold(t).strip() for t in terms if t and t.strip()}, key=len, reverse=True)
        self._terms = frozenset(cleaned)
        body = "|".join(re.escape(t) for t in cleaned)
        self._regex = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)") if cleaned else None

    def filter(self, spans: list[Span], doc: Doc) -> list[Span]:
        if self._regex is None:
            return spans
        allowed = [m.span() for m in self._regex.finditer(doc.folded)]
        return [s for s in spans if not self._allowed(s, doc, allowed)]

    def _allowed(self, span: Span, doc: Doc, allowed: list[tuple[int, int]]) -> bool:
        if doc.folded[span.start : span.end].strip() in self._terms:
            return True
        return any(start <= span.start and span.end <= end for start, end in allowed)


def chunks(text: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``size`` characters, cut after a newline, a
    sentence end or a space when there is one in the second half of the piece."""
    size = size or CHUNK
    start = 0
    while len(text) - start > size:
        cut = -1
        for mark in ("\n", ". ", " "):
            cut = text.rfind(mark, start + size // 2, start + size)
            if cut >= 0:
                cut += len(mark)
                break
        cut = cut if cut > start else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _one_relationship(spans: list[Span]) -> list[Span]:
    """A disclosure-layer confirmation gives way to a rule-file one it overlaps."""
    ruled = [
        s
        for s in spans
        if s.category is Category.RELATIONSHIP
        and s.rule.startswith("rel-")
        and s.rule not in _LAYER_RULES
    ]
    if not ruled:
        return spans
    return [
        s
        for s in spans
        if s.rule not in _LAYER_RULES or not any(r.start < s.end and s.start < r.end for r in ruled)
    ]


_LAYER_RULES = frozenset(rule for rule, _ in CareDisclosureRecognizer.sub_rules())


def _finding(span: Span, text: str, offset: int = 0) -> Finding:
    """Recognizers only produce valid values, so validation is skipped (many findings)."""
    return Finding.model_construct(
        start=span.start + offset,
        end=span.end + offset,
        text=text[span.start : span.end],
        label=span.label,
        category=span.category,
        severity=span.severity,
        score=round(span.score, 2),
        rule=span.rule,
        why=span.why,
        sources=list(span.sources),
    )


def risk_of(findings: Sequence[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=Severity.NONE)


def screen_rules_check(disable: Iterable[str]) -> frozenset[str]:
    """The rule ids to turn off, checked against the registry (a lone ``str`` is refused)."""
    wanted = frozenset(check_strings("disable", disable))
    if not wanted:
        return wanted
    default_recognizers()  # registers the built-ins on first use
    return REGISTRY.check(wanted)


@cache
def _builtin() -> tuple[Recognizer, ...]:
    return tuple(default_recognizers())


class Screener:
    """Screens many texts with one configuration (roster, allow terms); reuse it for batches."""

    def __init__(
        self, *, roster: object = None, allow_terms: Iterable[str] = (), disable: Iterable[str] = ()
    ) -> None:
        """*disable*: rule ids to turn off (an unknown id is an :class:`InputError`)."""
        self.disabled = screen_rules_check(disable)
        recognizers = list(_builtin()) if not self.disabled else default_recognizers(self.disabled)
        if roster is not None and KnownPatientRecognizer.rule not in self.disabled:
            patients: Sequence[Patient] = _roster.as_patients(roster)
            recognizers.append(KnownPatientRecognizer(patients))
        self.recognizers = tuple(recognizers)
        self.allow = AllowList(allow_terms)

    def detect(self, text: str, kind: ContentKind | str = ContentKind.POST) -> list[Finding]:
        """The findings of one text, in order of position.

        Long texts are screened in pieces of about :data:`CHUNK` characters cut at a line or
        sentence end, so time and memory grow linearly (a story is judged within its piece).
        """
        return list(self.iter_detect(text, kind))

    def iter_detect(
        self, text: str, kind: ContentKind | str = ContentKind.POST
    ) -> Iterator[Finding]:
        """The findings of :meth:`detect` one piece of the text at a time (for very long
        texts: only one piece's findings are held at once). Bad input raises at once."""
        if not isinstance(text, str):
            raise InputError("text must be a string", field="text")
        if len(text) > MAX_CHARS:
            raise InputError(f"text is longer than {MAX_CHARS:,} characters", field="text")
        return self._iter_detect(text, _kind(kind))

    def _iter_detect(self, text: str, kind: ContentKind) -> Iterator[Finding]:
        for offset, piece in chunks(text):
            for span in self._spans(Doc(piece, kind)):
                yield _finding(span, piece, offset)

    def _spans(self, doc: Doc) -> list[Span]:
        spans = [span for r in self.recognizers for span in r.find(doc) if span.start < span.end]
        if self.disabled:
            spans = [span for span in spans if span.rule not in self.disabled]
        spans = self.allow.filter(resolve_overlaps(spans), doc)
        spans = disclosure.apply(_one_relationship(spans), doc)
        spans = story.keep_story_ages(spans)
        return story.combine(context.apply_care_context(spans, doc), doc)

    def screen(
        self,
        text: str,
        kind: ContentKind | str = ContentKind.POST,
        *,
        redact: bool | RedactStyle | str = False,
        id: str | None = None,
    ) -> ScreenResult:
        findings = self.detect(text, kind)
        redacted = None
        if redact:
            style = RedactStyle.TAG if redact is True else RedactStyle(redact)
            redacted = _redact(text, findings, style)
        return ScreenResult(id=id, risk=risk_of(findings), findings=findings, redacted=redacted)


def _redact(text: str, findings: list[Finding], style: RedactStyle) -> str:
    return redact(text, findings, style)


@cache
def default_screener() -> Screener:
    return Screener()
