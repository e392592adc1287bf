"""The clinician development set: a readable markup source and its JSONL.

Each split is written by hand in ``benchmarks/data/clinician/<split>.txt``: one record per
block, blocks separated by a blank line. A block starts with a header line

    == <id> | <category> | <kind> | <relationship_confirmed yes|no> | <min_risk>

and the following lines are the text (joined with newlines), with inline spans
``[[Mia Hughes|NAME]]``. Offsets are computed here (Python ``str`` indices, end exclusive, as
in DESIGN.md), never counted by hand. Lines starting with ``#`` before a header are comments (a text line may start with ``#``).

    python benchmarks/clinician_data.py           # rewrite dev.jsonl and test.jsonl
    python benchmarks/clinician_data.py --check   # exit 1 when a JSONL is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "clinician"
SPLITS = ("dev", "test")
CATEGORIES = ("story", "negative", "review_confirm", "review_safe", "dm")
KINDS = ("post", "reply", "comment", "message")
LABELS = ("NAME", "AGE", "DATE", "LOCATION", "CONTACT", "ID", "ORG", "OTHER")
RISKS = ("none", "low", "medium", "high")
_SPAN = re.compile(r"\[\[(.+?)\|([A-Z]+)\]\]")
_YES_NO = {"yes": True, "no": False}


class MarkupError(ValueError):
    """A block of a source file that does not follow the markup."""


@dataclass
class Record:
    id: str
    category: str
    kind: str
    text: str
    relationship_confirmed: bool
    min_risk: str
    spans: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "category": self.category,
            "kind": self.kind,
            "text": self.text,
            "spans": self.spans,
            "relationship_confirmed": self.relationship_confirmed,
            "min_risk": self.min_risk,
        }


def _choice(value: str, allowed: tuple[str, ...], what: str, where: str) -> str:
    if value not in allowed:
        raise MarkupError(f"{where}: {what} {value!r} is not one of {', '.join(allowed)}")
    return value


def parse_text(marked: str, where: str) -> tuple[str, list[dict[str, object]]]:
    """Strip ``[[text|LABEL]]`` markup; return the plain text and its spans."""
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = length = 0
    for match in _SPAN.finditer(marked):
        before = marked[pos : match.start()]
        out.append(before)
        length += len(before)
        value, label = match.group(1), _choice(match.group(2), LABELS, "label", where)
        spans.append({"start": length, "end": length + len(value), "label": label})
        out.append(value)
        length += len(value)
        pos = match.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise MarkupError(f"{where}: unbalanced span markup")
    return text, spans


def parse_header(line: str, where: str) -> tuple[str, str, str, bool, str]:
    parts = [part.strip() for part in line[2:].split("|")]
    if len(parts) != 5:
        raise MarkupError(f"{where}: header needs 5 fields: id | category | kind | rel | risk")
    rid, category, kind, rel, risk = parts
    if not rid:
        raise MarkupError(f"{where}: empty id")
    return (
        rid,
        _choice(category, CATEGORIES, "category", where),
        _choice(kind, KINDS, "kind", where),
        _YES_NO[_choice(rel, tuple(_YES_NO), "relationship_confirmed", where)],
        _choice(risk, RISKS, "min_risk", where),
    )


def parse(source: str, name: str = "<source>") -> list[Record]:
    """Parse a markup source into records."""
    records: list[Record] = []
    for number, block in enumerate(re.split(r"\n\s*\n", source.strip("\n"))):
        lines = [line for line in block.split("\n") if line.strip()]
        while lines and lines[0].startswith("#"):
            lines.pop(0)
        if not lines:
            continue
        where = f"{name} block {number + 1}"
        if not lines[0].startswith("=="):
            raise MarkupError(f"{where}: does not start with a '==' header")
        rid, category, kind, rel, risk = parse_header(lines[0], where)
        text, spans = parse_text("\n".join(lines[1:]).strip(), f"{name} record {rid}")
        if not text:
            raise MarkupError(f"{name} record {rid}: empty text")
        records.append(Record(rid, category, kind, text, rel, risk, spans))
    return records


def load_source(split: str, data: Path = DATA) -> list[Record]:
    path = data / f"{split}.txt"
    return parse(path.read_text(encoding="utf-8"), path.name)


def to_jsonl(records: list[Record]) -> str:
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)


def load_jsonl(split: str, data: Path = DATA) -> list[dict[str, object]]:
    """The records of one split as the standard's JSON objects (plus ``category``)."""
    lines = (data / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the sources")
    parser.add_argument("--check", action="store_true", help="only check the JSONL are in sync")
    args = parser.parse_args(argv)
    stale = []
    for split in SPLITS:
        wanted = to_jsonl(load_source(split, args.data))
        target = args.data / f"{split}.jsonl"
        if target.exists() and target.read_text(encoding="utf-8") == wanted:
            continue
        if args.check:
            stale.append(target.name)
        else:
            target.write_text(wanted, encoding="utf-8")
            print(f"wrote {target}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
