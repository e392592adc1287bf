"""The History page's Details column: a short line a person reads, the rest behind a disclosure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# An audit's headline counts, in reading order, and how each reads.
AUDIT_HEADLINE: tuple[tuple[str, str], ...] = (
    ("connections", "connections"),
    ("patients_among_connections", "patients"),
    ("possible_patients", "possible patients"),
    ("content", "items screened"),
    ("flagged_content", "flagged"),
    ("skipped", "skipped"),
)
# Fields a reader rarely needs: shown under "More".
BACKGROUND = ("sha256", "version", "source", "audit_id", "length", "first_kept_id")
HASH_SHOWN = 12


@dataclass(frozen=True)
class Details:
    headline: list[str]
    more: list[str]


def _label(key: str) -> str:
    return key.replace("_", " ").replace(".", " ")


def _value(value: object) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{_label(str(k))} {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, str) and len(value) >= 32 and value.isalnum():
        return value[:HASH_SHOWN] + "…"
    return str(value)


def _audit_counts(counts: Mapping[str, int]) -> Details:
    headline = [f"{counts[key]} {label}" for key, label in AUDIT_HEADLINE if counts.get(key)]
    by_type = {k.split(".", 1)[1]: v for k, v in counts.items() if k.startswith("actions_by_type.")}
    if "actions" in counts:
        kinds = ", ".join(f"{verb} {n}" for verb, n in by_type.items())
        headline.append(f"{counts['actions']} actions" + (f" ({kinds})" if kinds else ""))
    shown = {key for key, _ in AUDIT_HEADLINE} | {"actions"}
    more = [
        f"{_label(k)} {v}"
        for k, v in counts.items()
        if k not in shown and not k.startswith("actions_by_type.")
    ]
    return Details(headline, more)


def event_details(data: Mapping[str, object]) -> Details:
    """What an event's fields say, the headline first (counts, verdicts), then the rest."""
    headline: list[str] = []
    more: list[str] = []
    for key, value in data.items():
        if value in (None, [], {}, ""):
            continue
        if key == "counts" and isinstance(value, Mapping):
            counts = _audit_counts(value)
            headline += counts.headline
            more += counts.more
        elif any(part in key for part in BACKGROUND):
            more.append(f"{_label(key)} {_value(value)}")
        else:
            headline.append(f"{_label(key)}: {_value(value)}")
    return Details(headline, more)
