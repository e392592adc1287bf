"""Writing report.json, actions.csv and report.html."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping
from pathlib import Path

from ._html import render_html
from ._model import Action, ReportDocument

CSV_COLUMNS = (
    "rank",
    "priority",
    "action",
    "platform",
    "target",
    "reason",
    "rule",
    "sources",
    "reply",
    "detail",
)


def _row(action: Action) -> list[str]:
    data = action.model_dump(mode="json")
    data["sources"] = " ".join(action.sources)
    return ["" if data[c] is None else str(data[c]) for c in CSV_COLUMNS]


def write_json(document: ReportDocument, path: Path) -> None:
    path.write_text(
        json.dumps(document.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def write_csv(document: ReportDocument, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_row(a) for a in document.actions)


def write_all(
    document: ReportDocument, out_dir: Path, thumbnails: Mapping[str, str] | None = None
) -> dict[str, Path]:
    """Write the three files into *out_dir* (created private to the user); *thumbnails*
    (blurred photo previews as data: URIs, by member) go into report.html only."""
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    files = {
        "json": out_dir / "report.json",
        "csv": out_dir / "actions.csv",
        "html": out_dir / "report.html",
    }
    write_json(document, files["json"])
    write_csv(document, files["csv"])
    files["html"].write_text(render_html(document, thumbnails), encoding="utf-8")
    for path in files.values():
        os.chmod(path, 0o600)
    return files
