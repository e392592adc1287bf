"""Every example in the README and docs runs (typer's docs-as-tests practice)."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armslength.cli import app
from armslength.config import settings_from_dict

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
SKIP_DOCS = {"benchmarks.md"}


def blocks(path: Path, language: str) -> list[str]:
    return [
        body for lang, body in FENCE.findall(path.read_text(encoding="utf-8")) if lang == language
    ]


def commands(path: Path) -> list[str]:
    return [
        line.removeprefix("$ armslength ").strip()
        for body in blocks(path, "console")
        for line in body.splitlines()
        if line.startswith("$ armslength ")
    ]


def named_files(path: Path) -> dict[str, str]:
    files = {}
    for body in blocks(path, "yaml") + blocks(path, "csv") + blocks(path, "json"):
        first = body.splitlines()[0] if body else ""
        if match := re.match(r"#\s*(?:file|policy):\s*(\S+)", first):
            files[match.group(1)] = body
    return files


DOCS_WITH_COMMANDS = [p for p in DOCS if p.name not in SKIP_DOCS and commands(p)]


def test_docs_have_examples() -> None:
    assert ROOT / "README.md" in DOCS_WITH_COMMANDS
    assert len(DOCS_WITH_COMMANDS) >= 3


@pytest.mark.parametrize("doc", DOCS_WITH_COMMANDS, ids=lambda p: p.name)
def test_console_examples_run(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, body in named_files(doc).items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    runner = CliRunner()
    for command in commands(doc):
        result = runner.invoke(app, shlex.split(command))
        assert result.exit_code == 0, f"{doc.name}: armslength {command}\n{result.output}"


def test_toml_examples_are_valid_settings() -> None:
    found = 0
    for doc in DOCS:
        for body in blocks(doc, "toml"):
            settings_from_dict(tomllib.loads(body), source=doc.name)
            found += 1
    assert found >= 1
